// City: the grid city's paths, travel times, lower bound and positions along a path.
#include "knightsim/city.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>

namespace {

using knightsim::City;
using knightsim::CitySpec;
using knightsim::Point;
using knightsim::RoadPath;
using knightsim::SimTime;

constexpr double kSpeedKmh = 18.0;  // 5 m/s: easy numbers
constexpr double kMetresPerMs = kSpeedKmh / 3600.0;

/// Random points in the city; a quarter of the coordinates snapped onto a street, so that
/// points on streets and arterials (where route choices tie) are common.
class PointSource {
 public:
  PointSource(const CitySpec& spec, std::uint64_t seed) : spec_(spec), engine_(seed) {}

  Point next() { return {coordinate(spec_.width_m), coordinate(spec_.height_m)}; }

 private:
  double coordinate(double limit) {
    const double u = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    const double value = u * limit;
    if (engine_() % 4 != 0) return value;
    return std::min(limit, std::round(value / spec_.block_m) * spec_.block_m);
  }

  CitySpec spec_;
  std::mt19937_64 engine_;
};

double waypoint_length_m(const RoadPath& path) {
  double total = 0.0;
  for (int i = 1; i < path.waypoint_count; ++i) {
    total += knightsim::manhattan_m(path.waypoints[i - 1], path.waypoints[i]);
  }
  return total;
}

bool on_leg(Point a, Point b, Point p) {
  constexpr double kEps = 1e-6;
  const bool in_box =
      p.x_m >= std::min(a.x_m, b.x_m) - kEps && p.x_m <= std::max(a.x_m, b.x_m) + kEps &&
      p.y_m >= std::min(a.y_m, b.y_m) - kEps && p.y_m <= std::max(a.y_m, b.y_m) + kEps;
  return in_box && (std::abs(a.x_m - b.x_m) < kEps || std::abs(a.y_m - b.y_m) < kEps);
}

/// Distance along `path` (undetoured) at which p lies, searching legs from `leg` onwards and
/// advancing `leg` to where p was found; -1 if p is not on the rest of the path. Searching
/// forward only is what makes a sequence of found positions a check of monotone progress.
double arc_position_m(const RoadPath& path, Point p, int& leg) {
  double before = 0.0;
  for (int i = 1; i < path.waypoint_count; ++i) {
    const Point a = path.waypoints[i - 1], b = path.waypoints[i];
    if (i >= leg && on_leg(a, b, p)) {
      leg = i;
      return before + knightsim::manhattan_m(a, p);
    }
    before += knightsim::manhattan_m(a, b);
  }
  return -1.0;
}

bool in_city(const City& city, Point p) {
  return p.x_m >= 0.0 && p.x_m <= city.width_m() && p.y_m >= 0.0 && p.y_m <= city.height_m();
}

}  // namespace

TEST_CASE("a path runs from `from` to `to` in axis-aligned legs as long as the path") {
  const CitySpec spec;
  const City city(spec);
  PointSource points(spec, 1);
  int bad_ends = 0, bad_legs = 0, bad_lengths = 0;
  for (int i = 0; i < 2000; ++i) {
    const Point from = points.next(), to = points.next();
    const RoadPath path = city.path(from, to);
    const int n = path.waypoint_count;
    if (n < 2 || n > RoadPath::kMaxWaypoints || !(path.waypoints[0] == from) ||
        !(path.waypoints[n - 1] == to)) {
      ++bad_ends;
      continue;
    }
    for (int k = 1; k < n; ++k) {
      const Point a = path.waypoints[k - 1], b = path.waypoints[k];
      if (a.x_m != b.x_m && a.y_m != b.y_m) ++bad_legs;
    }
    // street_m and arterial_m include the detour; the drawn legs do not.
    const double expected = waypoint_length_m(path) * spec.detour_factor;
    if (std::abs(path.length_m() - expected) > 1e-9 * std::max(1.0, expected)) ++bad_lengths;
  }
  CHECK(bad_ends == 0);
  CHECK(bad_legs == 0);
  CHECK(bad_lengths == 0);
}

TEST_CASE("a path is at least the Manhattan distance × detour, and never slower than streets") {
  const CitySpec spec;
  const City city(spec);
  PointSource points(spec, 2);
  int too_short = 0, slower_than_streets = 0, used_arterials = 0;
  for (int i = 0; i < 2000; ++i) {
    const Point from = points.next(), to = points.next();
    const RoadPath path = city.path(from, to);
    const double manhattan_detoured = knightsim::manhattan_m(from, to) * spec.detour_factor;
    if (path.length_m() < manhattan_detoured * (1 - 1e-12)) ++too_short;
    const auto streets_only_ms = static_cast<SimTime>(std::ceil(manhattan_detoured / kMetresPerMs));
    if (city.travel_time_ms(path, kSpeedKmh) > streets_only_ms) ++slower_than_streets;
    if (path.arterial_m > 0) ++used_arterials;
  }
  CHECK(too_short == 0);
  CHECK(slower_than_streets == 0);
  CHECK(used_arterials > 1000);  // random trips across 8 km mostly take an arterial
}

TEST_CASE("the same trip both ways has the same length and time") {
  const CitySpec spec;
  const City city(spec);
  PointSource points(spec, 3);
  int asymmetric = 0;
  for (int i = 0; i < 2000; ++i) {
    const Point a = points.next(), b = points.next();
    const RoadPath there = city.path(a, b), back = city.path(b, a);
    const bool same_length = std::abs(there.length_m() - back.length_m()) < 1e-6;
    const SimTime dt = city.travel_time_ms(a, b, kSpeedKmh) - city.travel_time_ms(b, a, kSpeedKmh);
    if (!same_length || dt < -1 || dt > 1) ++asymmetric;  // ±1 ms: rounding up of each time
  }
  CHECK(asymmetric == 0);
}

TEST_CASE("a long trip along an arterial is arterial_speed_factor faster than streets") {
  const CitySpec spec;  // arterials every 8 × 120 m = 960 m, 1.35× faster, detour 1.2
  const City city(spec);
  REQUIRE(city.arterial_spacing_m() == doctest::Approx(960.0));

  // Along the arterial column x = 1920, then along the arterial row y = 2880.
  for (const auto& trip : {std::pair{Point{1920, 500}, Point{1920, 7500}},
                           std::pair{Point{300, 2880}, Point{7300, 2880}}}) {
    const Point from = trip.first, to = trip.second;
    CAPTURE(from.x_m);
    CAPTURE(from.y_m);
    const RoadPath path = city.path(from, to);
    const double metres = 7000.0 * spec.detour_factor;
    CHECK(path.arterial_m == doctest::Approx(metres));
    CHECK(path.street_m == doctest::Approx(0.0));

    const SimTime streets_only_ms = static_cast<SimTime>(std::ceil(metres / kMetresPerMs));
    const SimTime arterial_ms =
        static_cast<SimTime>(std::ceil(metres / spec.arterial_speed_factor / kMetresPerMs));
    const SimTime actual_ms = city.travel_time_ms(from, to, kSpeedKmh);
    CHECK(actual_ms < streets_only_ms);
    CHECK(std::abs(actual_ms - arterial_ms) <= 1);
  }

  // 80 m off the arterial the rider still joins it: 160 m of streets beat 7 km of them.
  const RoadPath near = city.path({2000, 500}, {2000, 7500});
  CHECK(near.street_m == doctest::Approx(160.0 * spec.detour_factor));
  CHECK(near.arterial_m == doctest::Approx(7000.0 * spec.detour_factor));
}

TEST_CASE("a short trip far from arterials uses streets only") {
  const CitySpec spec;
  const City city(spec);
  const Point from{400, 400}, to{500, 450};  // the nearest arterials are 400 m away
  const RoadPath path = city.path(from, to);
  CHECK(path.arterial_m == 0.0);
  CHECK(path.street_m == doctest::Approx(150.0 * spec.detour_factor));
  CHECK(city.travel_time_ms(from, to, kSpeedKmh) ==
        static_cast<SimTime>(std::ceil(150.0 * spec.detour_factor / kMetresPerMs)));
}

TEST_CASE("travel_time_ms(from, to) equals the time of the full path") {
  const CitySpec spec;
  const City city(spec);
  PointSource points(spec, 4);
  int disagreements = 0;
  for (int i = 0; i < 3000; ++i) {
    const Point from = points.next(), to = points.next();
    const double speed_kmh = 5.0 + (i % 7) * 4.5;
    if (city.travel_time_ms(from, to, speed_kmh) !=
        city.travel_time_ms(city.path(from, to), speed_kmh)) {
      ++disagreements;
    }
  }
  CHECK(disagreements == 0);
}

TEST_CASE("travel_time_lower_bound_ms never exceeds the travel time, and is tight on arterials") {
  CitySpec spec;
  spec.width_m = 12000.0;  // not square, not a multiple of the arterial spacing
  spec.height_m = 7000.0;
  const City city(spec);
  PointSource points(spec, 5);
  int violations = 0;
  for (int i = 0; i < 10000; ++i) {
    const Point from = points.next(), to = points.next();
    const double speed_kmh = 6.0 + (i % 5) * 5.0;
    const SimTime bound =
        city.travel_time_lower_bound_ms(knightsim::euclidean_m(from, to), speed_kmh);
    if (bound > city.travel_time_ms(from, to, speed_kmh)) ++violations;
  }
  CHECK(violations == 0);

  // Straight along an arterial the only slack is rounding, so a bound of 0 (or any loose
  // bound) fails here.
  const Point from{960, 100}, to{960, 6100};
  const SimTime exact = city.travel_time_ms(from, to, kSpeedKmh);
  const SimTime bound = city.travel_time_lower_bound_ms(6000.0, kSpeedKmh);
  CHECK(bound <= exact);
  CHECK(exact - bound <= 1);
  CHECK(city.travel_time_lower_bound_ms(0.0, kSpeedKmh) == 0);
}

TEST_CASE("point_along goes from `from` to `to` with monotone progress") {
  const CitySpec spec;
  const City city(spec);
  PointSource points(spec, 6);
  constexpr int kSteps = 64;
  int bad_ends = 0, off_path = 0, not_monotone = 0, wrong_distance = 0;
  for (int i = 0; i < 500; ++i) {
    const Point from = points.next(), to = points.next();
    const RoadPath path = city.path(from, to);
    if (!(knightsim::point_along(path, 0.0) == from) || !(knightsim::point_along(path, 1.0) == to))
      ++bad_ends;
    const double total = waypoint_length_m(path);
    int leg = 1;
    double previous = 0.0;
    for (int step = 0; step <= kSteps; ++step) {
      const double fraction = static_cast<double>(step) / kSteps;
      const double position = arc_position_m(path, knightsim::point_along(path, fraction), leg);
      if (position < 0) {
        ++off_path;
        break;
      }
      if (position < previous - 1e-6) ++not_monotone;
      // Progress is uniform in distance: a fraction f of the way is f of the length.
      if (std::abs(position - fraction * total) > 1e-6 * std::max(1.0, total)) ++wrong_distance;
      previous = position;
    }
  }
  CHECK(bad_ends == 0);
  CHECK(off_path == 0);
  CHECK(not_monotone == 0);
  CHECK(wrong_distance == 0);

  // Fractions outside [0, 1] stay at the ends.
  const RoadPath path = city.path({100, 100}, {5000, 3000});
  CHECK(knightsim::point_along(path, -0.5) == Point{100, 100});
  CHECK(knightsim::point_along(path, 1.5) == Point{5000, 3000});
}

TEST_CASE("paths and positions along them stay within the city") {
  CitySpec spec;
  spec.width_m = 5000.0;
  spec.height_m = 3100.0;  // edges that are not on an arterial line
  const City city(spec);
  PointSource points(spec, 7);
  int outside = 0;
  for (int i = 0; i < 2000; ++i) {
    const RoadPath path = city.path(points.next(), points.next());
    for (int k = 0; k < path.waypoint_count; ++k) {
      if (!in_city(city, path.waypoints[k])) ++outside;
    }
    for (int step = 0; step <= 10; ++step) {
      if (!in_city(city, knightsim::point_along(path, step / 10.0))) ++outside;
    }
  }
  CHECK(outside == 0);
}

TEST_CASE("the same point gives an empty path and zero time") {
  const CitySpec spec;
  const City city(spec);
  for (const Point p : {Point{0, 0}, Point{1234.5, 678.9}, Point{960, 960}, Point{8000, 8000}}) {
    const RoadPath path = city.path(p, p);
    CHECK(path.length_m() == 0.0);
    CHECK(path.waypoint_count == 1);
    CHECK(path.waypoints[0] == p);
    CHECK(knightsim::point_along(path, 0.5) == p);
    CHECK(city.travel_time_ms(p, p, kSpeedKmh) == 0);
    CHECK(city.travel_time_ms(path, kSpeedKmh) == 0);
  }
}

TEST_CASE("clamp and centre") {
  const CitySpec spec;
  const City city(spec);
  CHECK(city.clamp({-5, 9000}) == Point{0, 8000});
  CHECK(city.clamp({100, 200}) == Point{100, 200});
  CHECK(city.centre() == Point{4000, 4000});
}

// The city's edge is not a road: with 8000 m and arterials every 960 m (the shipped scenarios)
// the last arterial is x = 7680, and x = 8000 must not be used as one.
TEST_CASE("arterials are every n-th street, also near the city edge") {
  const CitySpec spec;  // 8000 m; arterials at 0, 960, …, 7680
  const City city(spec);
  const double spacing = city.arterial_spacing_m();
  auto on_arterial_line = [&](double v) {
    const double k = std::round(v / spacing);
    return std::abs(v - k * spacing) < 1e-6;
  };

  // Along the east edge, 310 m from the last arterial. Quickest by hand (cost = street +
  // arterial / 1.35): column x = 7680, then row y = 7680 back east, 310 + 220 m of streets and
  // 7580 + 310 m of arterials (cost 6374 m); staying on the column to y = 7900 costs 6398 m.
  // An arterial at x = 8000 would need only 20 m of streets.
  const RoadPath edge = city.path({7990, 100}, {7990, 7900});
  CHECK(edge.street_m == doctest::Approx(530.0 * spec.detour_factor));
  CHECK(edge.arterial_m == doctest::Approx(7890.0 * spec.detour_factor));
  for (int k = 0; k < edge.waypoint_count; ++k) CHECK(edge.waypoints[k].x_m != 8000.0);

  // Every corner of a path that uses arterials is on an arterial line.
  PointSource points(spec, 8);
  int off_grid_corners = 0;
  for (int i = 0; i < 2000; ++i) {
    const RoadPath path = city.path(points.next(), points.next());
    if (path.arterial_m == 0) continue;
    for (int k = 1; k + 1 < path.waypoint_count; ++k) {
      const Point corner = path.waypoints[k];
      if (!on_arterial_line(corner.x_m) && !on_arterial_line(corner.y_m)) ++off_grid_corners;
    }
  }
  CHECK(off_grid_corners == 0);
}
