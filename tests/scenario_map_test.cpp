// The scenario's `map:` section: roads, islands, bridges and ferries into MapSpec, the
// projection of lat/lon positions and the city's extent around the islands, fleet travel
// modes, wind and visibility at sea, and the problems reported for bad maps.
#include <doctest/doctest.h>

#include <cstdio>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "scenario_loader_testing.hpp"
#include "scratch_dir.hpp"
#include "trace_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;

namespace {

// Two islands a few kilometres apart east of 122.00 E at 30.00 N: Alpha, a square 0.02° a side
// (about 1.9 × 2.2 km), and Beta, an ellipse 2 × 1 km; a bridge and a ferry between them.
constexpr const char* kIslands = R"(name: islands
merchants:
  - {category: restaurant, count: 5}
demand:
  categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}
riders:
  fleets:
    - {name: vans, count: 2, mode: car}
    - {name: walkers, count: 1, mode: foot}
map:
  roads: {layout: organic, block_m: 120, arterial_every_blocks: 5, ring_spacing_m: 700,
          radials: 6, irregularity: 0.2, removal_share: 0.1}
  hourly_speed_factor: [1, 1, 1, 1, 1, 1, 1, 0.9, 0.6, 0.8, 1, 1,
                        1, 1, 1, 1, 1, 0.7, 0.6, 0.9, 1, 1, 1, 1]
  estimate_cell_m: 300
  vessel_limits:
    high_speed: {suspend_wind_force: 6, min_visibility_km: 1.5}
  islands:
    - name: Alpha
      outline: [[30.00, 122.00], [30.00, 122.02], [30.02, 122.02], [30.02, 122.00]]
      population: 30000
    - name: Beta
      ellipse: {centre: [30.01, 122.06], extent_km: [2, 1]}
      roads: {layout: grid, block_m: 250}
  bridges:
    - {name: Link, from: [30.01, 122.0195], to: [30.01, 122.0505], road_class: secondary}
  ferries:
    - name: Alpha-Beta
      from: {island: Alpha, pier: [30.005, 122.019]}
      to: {island: Beta, pier: [30.008, 122.059]}
      vessel: high_speed
      crossing: 25min
      departures_from: ["06:30", "08:00", "17:45"]
      departures_to: {every: 90min, first: "07:00", last: "12:00"}
      rider_capacity: 12
stations:
  - {name: harbour, lat: 30.01, lon: 122.01}
  - {name: east, x_m: 7700, y_m: 3100}
city:
  density:
    hotspots:
      - {name: port, lat: 30.012, lon: 122.012, radius_m: 500}
weather:
  initial_wind_force: 4
  initial_visibility_km: 8
  marine:
    - {at: "12:00", visibility_km: 0.5}
    - {at: "12:00", region: Beta, wind_force: 8}
    - {after: 13h, region: Beta, visibility_km: 2}
)";

// The projection worked out by hand, independently of LocalProjection: the origin is 2 km
// south and west of the south-west corner (30.00 N, 122.00 E), x east = Δlon × R × cos(origin
// latitude), y north = Δlat × R (radians), R = 6 371 008.8 m.
constexpr double kMetresPerDegLat = 6'371'008.8 * std::numbers::pi / 180.0;
const double kOriginLat = 30.0 - 2000.0 / kMetresPerDegLat;
const double kMetresPerDegLng = kMetresPerDegLat * std::cos(kOriginLat * std::numbers::pi / 180.0);
const double kOriginLng = 122.0 - 2000.0 / kMetresPerDegLng;
Point by_hand(double lat, double lng) {
  return Point{(lng - kOriginLng) * kMetresPerDegLng, (lat - kOriginLat) * kMetresPerDegLat};
}

/// `base` with `from` (which must occur) replaced by `to`.
std::string replaced(std::string base, const std::string& from, const std::string& to) {
  const std::size_t at = base.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return base.replace(at, from.size(), to);
}

/// The 1-based line of the first line of `text` containing `needle`.
int line_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

/// A problem on `line` whose formatted text contains `text`.
bool problem_at(const ScenarioLoadResult& result, int line, std::string_view text) {
  for (const ScenarioProblem& problem : result.problems) {
    if (problem.line == line && problem.format().find(text) != std::string::npos) return true;
  }
  return false;
}

/// Loads kIslands with `from` replaced by `to`, and checks for exactly one problem, on the
/// line of `to`'s first line, containing `expected`.
void check_one_problem(const std::string& from, const std::string& to, std::string_view expected,
                       std::string line_needle = "") {
  const std::string text = replaced(kIslands, from, to);
  const ScenarioLoadResult result = load(text);
  INFO(all_problems(result));
  CHECK_FALSE(result.ok());
  CHECK(result.problems.size() == 1);
  const int line = line_of(text, line_needle.empty() ? to.substr(0, to.find('\n')) : line_needle);
  CHECK(problem_at(result, line, expected));
}

}  // namespace

TEST_CASE("scenario map: a full map section maps to the right spec values") {
  const ScenarioLoadResult result = load(kIslands);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  const MapSpec& map = spec.map;

  CHECK(map.source == MapSource::generated);
  CHECK(map.roads.layout == RoadLayout::organic);
  CHECK(map.roads.block_m == 120.0);
  CHECK(map.roads.arterial_every_blocks == 5);
  CHECK(map.roads.ring_spacing_m == 700.0);
  CHECK(map.roads.radials == 6);
  CHECK(map.roads.irregularity == 0.2);
  CHECK(map.roads.removal_share == 0.1);
  CHECK(map.hourly_speed_factor[8] == 0.6);
  CHECK(map.hourly_speed_factor[17] == 0.7);
  CHECK(map.hourly_speed_factor[0] == 1.0);
  CHECK(map.estimate_cell_m == 300.0);
  CHECK(map.vessel_limits[0].suspend_wind_force == 6.0);
  CHECK(map.vessel_limits[0].min_visibility_km == 1.5);
  CHECK(map.vessel_limits[1].suspend_wind_force == 8.0);  // conventional: default

  // The origin, and every position, as worked out by hand.
  CHECK(map.has_geo_origin);
  CHECK(map.origin_lat_deg == doctest::Approx(kOriginLat).epsilon(1e-12));
  CHECK(map.origin_lng_deg == doctest::Approx(kOriginLng).epsilon(1e-12));
  REQUIRE(map.islands.size() == 2);
  const IslandSpec& alpha = map.islands[0];
  CHECK(alpha.name == "Alpha");
  CHECK(alpha.population == 30000.0);
  REQUIRE(alpha.outline.vertices.size() == 4);
  // The south-west corner is 2 km from both edges of the plane.
  CHECK(alpha.outline.vertices[0].x_m == doctest::Approx(2000.0).epsilon(1e-9));
  CHECK(alpha.outline.vertices[0].y_m == doctest::Approx(2000.0).epsilon(1e-9));
  const Point alpha_ne = by_hand(30.02, 122.02);
  CHECK(alpha.outline.vertices[2].x_m == doctest::Approx(alpha_ne.x_m).epsilon(1e-9));
  CHECK(alpha.outline.vertices[2].y_m == doctest::Approx(alpha_ne.y_m).epsilon(1e-9));
  CHECK(alpha_ne.x_m == doctest::Approx(3926.3).epsilon(1e-4));  // 0.02° east at 30° N
  CHECK(alpha_ne.y_m == doctest::Approx(4223.9).epsilon(1e-4));  // 0.02° north
  CHECK(alpha.roads.layout == RoadLayout::organic);              // the map's roads
  CHECK(alpha.roads.block_m == 120.0);

  const IslandSpec& beta = map.islands[1];
  CHECK(beta.roads.layout == RoadLayout::grid);
  CHECK(beta.roads.block_m == 250.0);
  CHECK(beta.roads.arterial_every_blocks == 5);  // not given: the map's
  REQUIRE(beta.outline.vertices.size() == 32);
  const Point beta_centre = by_hand(30.01, 122.06);
  double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
  for (const Point& vertex : beta.outline.vertices) {
    min_x = std::min(min_x, vertex.x_m);
    max_x = std::max(max_x, vertex.x_m);
    min_y = std::min(min_y, vertex.y_m);
    max_y = std::max(max_y, vertex.y_m);
  }
  CHECK(min_x == doctest::Approx(beta_centre.x_m - 1000.0));
  CHECK(max_x == doctest::Approx(beta_centre.x_m + 1000.0));
  CHECK(min_y == doctest::Approx(beta_centre.y_m - 500.0).epsilon(1e-6));
  CHECK(max_y == doctest::Approx(beta_centre.y_m + 500.0).epsilon(1e-6));

  // The city holds every island with 2 km to spare, in whole metres.
  CHECK(spec.city.width_m == std::ceil(beta_centre.x_m + 1000.0 + 2000.0));
  CHECK(spec.city.height_m == std::ceil(alpha_ne.y_m + 2000.0));
  CHECK(spec.city.width_m == 10779.0);
  CHECK(spec.city.height_m == 6224.0);

  REQUIRE(map.bridges.size() == 1);
  CHECK(map.bridges[0].name == "Link");
  CHECK(map.bridges[0].road_class == RoadClass::secondary);
  CHECK(map.bridges[0].from.x_m == doctest::Approx(by_hand(30.01, 122.0195).x_m));
  CHECK(map.bridges[0].to.x_m == doctest::Approx(by_hand(30.01, 122.0505).x_m));
  CHECK(map.bridges[0].to.y_m == doctest::Approx(beta_centre.y_m));

  REQUIRE(map.ferries.size() == 1);
  const FerrySpec& ferry = map.ferries[0];
  CHECK(ferry.name == "Alpha-Beta");
  CHECK(ferry.from_island == "Alpha");
  CHECK(ferry.to_island == "Beta");
  CHECK(ferry.from_pier.x_m == doctest::Approx(by_hand(30.005, 122.019).x_m));
  CHECK(ferry.from_pier.y_m == doctest::Approx(by_hand(30.005, 122.019).y_m));
  CHECK(ferry.to_pier.x_m == doctest::Approx(by_hand(30.008, 122.059).x_m));
  CHECK(ferry.vessel == VesselClass::high_speed);
  CHECK(ferry.crossing_ms == 25 * kMsPerMinute);
  CHECK(ferry.departures_from_ms == std::vector<SimTime>{6 * kMsPerHour + 30 * kMsPerMinute,
                                                         8 * kMsPerHour,
                                                         17 * kMsPerHour + 45 * kMsPerMinute});
  CHECK(ferry.rider_capacity == 12);

  REQUIRE(spec.stations.size() == 2);
  CHECK(spec.stations[0].x_m == doctest::Approx(by_hand(30.01, 122.01).x_m));
  CHECK(spec.stations[0].y_m == doctest::Approx(by_hand(30.01, 122.01).y_m));
  CHECK(spec.stations[1].x_m == 7700.0);  // metres, on Beta
  REQUIRE(spec.city.hotspots.size() == 1);
  CHECK(spec.city.hotspots[0].x_m == doctest::Approx(by_hand(30.012, 122.012).x_m));
  CHECK(spec.city.hotspots[0].radius_m == 500.0);

  CHECK(spec.riders.fleets[0].mode == TravelMode::car);
  CHECK(spec.riders.fleets[1].mode == TravelMode::foot);

  CHECK(spec.weather.initial_wind_force == 4.0);
  CHECK(spec.weather.initial_visibility_km == 8.0);
  REQUIRE(spec.weather.marine.size() == 3);
  // A value left out is the one in force: everywhere's wind stays 4; Beta's visibility is
  // everywhere's 0.5, then its wind stays 8.
  const auto& marine = spec.weather.marine;
  CHECK(marine[0].at_ms == 12 * kMsPerHour);
  CHECK(marine[0].region.empty());
  CHECK(marine[0].wind_force == 4.0);
  CHECK(marine[0].visibility_km == 0.5);
  CHECK(marine[1].at_ms == 12 * kMsPerHour);
  CHECK(marine[1].region == "Beta");
  CHECK(marine[1].wind_force == 8.0);
  CHECK(marine[1].visibility_km == 0.5);
  CHECK(marine[2].at_ms == 13 * kMsPerHour);
  CHECK(marine[2].wind_force == 8.0);
  CHECK(marine[2].visibility_km == 2.0);
}

TEST_CASE("scenario map: departures every/first/last are expanded, last included if on step") {
  const ScenarioLoadResult result = load(kIslands);
  REQUIRE(result.ok());
  // every 90min from 07:00 to 12:00: 07:00, 08:30, 10:00, 11:30.
  CHECK(result.spec->map.ferries[0].departures_to_ms ==
        std::vector<SimTime>{7 * kMsPerHour, 8 * kMsPerHour + 30 * kMsPerMinute, 10 * kMsPerHour,
                             11 * kMsPerHour + 30 * kMsPerMinute});
  const ScenarioLoadResult on_step =
      load(replaced(kIslands, R"(departures_to: {every: 90min, first: "07:00", last: "12:00"})",
                    R"(departures_to: {every: 1h, first: "22:00", last: "23:00"})"));
  REQUIRE(on_step.ok());
  CHECK(on_step.spec->map.ferries[0].departures_to_ms ==
        std::vector<SimTime>{22 * kMsPerHour, 23 * kMsPerHour});
  const ScenarioLoadResult one_way =
      load(replaced(kIslands, R"(      departures_to: {every: 90min, first: "07:00", last: "12:00"}
)",
                    ""));
  REQUIRE(one_way.ok());
  CHECK(one_way.spec->map.ferries[0].departures_to_ms.empty());
}

TEST_CASE("scenario map: no map section is the analytic grid, as before") {
  const ScenarioLoadResult result = load(kComplete);
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  CHECK(spec.map.source == MapSource::analytic_grid);
  CHECK_FALSE(spec.map.has_geo_origin);
  CHECK(spec.map.islands.empty());
  CHECK(spec.city.width_m == 6000.0);
  CHECK(spec.riders.fleets[0].mode == TravelMode::bike);
  CHECK(spec.weather.marine.empty());
  CHECK(spec.weather.initial_wind_force == 3.0);
  // An empty `map:` is no map, like an empty `trace:`.
  const ScenarioLoadResult empty = load_minimal_plus("map:\n");
  REQUIRE(empty.ok());
  CHECK(empty.spec->map.source == MapSource::analytic_grid);
}

TEST_CASE("scenario map: roads only is a generated map over the city; --set reaches into it") {
  const std::string roads_only = std::string(kMinimal) +
                                 "city: {width_m: 4000, height_m: 3000}\n"
                                 "map:\n"
                                 "  roads: {layout: ring_radial, ring_spacing_m: 500}\n";
  const ScenarioLoadResult result = load(roads_only);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.spec->map.source == MapSource::generated);
  CHECK_FALSE(result.spec->map.has_geo_origin);
  CHECK(result.spec->map.roads.layout == RoadLayout::ring_radial);
  CHECK(result.spec->map.roads.block_m == 150.0);  // default
  CHECK(result.spec->city.width_m == 4000.0);

  const ScenarioLoadResult set = load(roads_only, {{"map.roads.block_m", "200"}});
  INFO(all_problems(set));
  REQUIRE(set.ok());
  CHECK(set.spec->map.roads.block_m == 200.0);

  // Islands take the map's roads where they do not say otherwise.
  const ScenarioLoadResult islands = load(kIslands, {{"map.roads.block_m", "200"}});
  REQUIRE(islands.ok());
  CHECK(islands.spec->map.islands[0].roads.block_m == 200.0);
  CHECK(islands.spec->map.islands[1].roads.block_m == 250.0);

  const ScenarioLoadResult bad = load(roads_only, {{"map.roads.block_m", "0"}});
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].format() == "--set: map.roads.block_m: must be > 0");
  const ScenarioLoadResult too_wide =
      load(roads_only, {{"map.roads.layout", "grid"}, {"map.roads.block_m", "3500"}});
  REQUIRE(too_wide.problems.size() == 1);
  CHECK(too_wide.problems[0].format() ==
        "--set: map.roads.block_m: must be <= the shorter side of the city (3000 m)");
}

TEST_CASE("scenario map: map.origin projects directly and must be south-west of everything") {
  // The station given in metres is placed for the default projection: left out here.
  const std::string islands = replaced(kIslands, "  - {name: east, x_m: 7700, y_m: 3100}\n", "");
  const std::string with_origin =
      replaced(islands, "map:\n", "map:\n  origin: {lat: 29.99, lon: 121.99}\n");
  const ScenarioLoadResult result = load(with_origin);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const MapSpec& map = result.spec->map;
  CHECK(map.origin_lat_deg == 29.99);
  CHECK(map.origin_lng_deg == 121.99);
  const double metres_per_deg_lng = kMetresPerDegLat * std::cos(29.99 * std::numbers::pi / 180.0);
  CHECK(map.islands[0].outline.vertices[0].x_m ==
        doctest::Approx(0.01 * metres_per_deg_lng).epsilon(1e-9));
  CHECK(map.islands[0].outline.vertices[0].y_m ==
        doctest::Approx(0.01 * kMetresPerDegLat).epsilon(1e-9));

  const std::string east =
      replaced(islands, "map:\n", "map:\n  origin: {lat: 29.99, lon: 122.01}\n");
  const ScenarioLoadResult bad = load(east);
  INFO(all_problems(bad));
  // Alpha's two western vertices, one problem each; the rest is east of 122.01.
  CHECK(bad.problems.size() == 2);
  CHECK(problem_at(bad, line_of(east, "outline:"),
                   "map.islands[0].outline[0]: is 963 m west and 1112 m north of map.origin: "
                   "with an origin given, every position must be north-east of it"));
  CHECK(problem_at(bad, line_of(east, "outline:"), "map.islands[0].outline[3]: is 963 m west"));

  // Beta's centre (122.06) is 482 m east of this origin; its western end, 1 km west of that,
  // is not.
  const std::string beta =
      replaced(islands, "map:\n", "map:\n  origin: {lat: 29.99, lon: 122.055}\n");
  const ScenarioLoadResult ellipse = load(beta);
  INFO(all_problems(ellipse));
  CHECK(problem_at(ellipse, line_of(beta, "ellipse:"),
                   "map.islands[1].ellipse.centre: the ellipse reaches 518 m west of "
                   "map.origin: with an origin given, every position must be north-east of it"));
  CHECK(problem_at(ellipse, line_of(beta, "harbour"),
                   "stations[0]: is outside the city: 4334 m west and 2224 m north of its "
                   "south-west corner"));
}

TEST_CASE("scenario map: bad islands") {
  SUBCASE("fewer than 3 vertices") {
    check_one_problem(
        "outline: [[30.00, 122.00], [30.00, 122.02], [30.02, 122.02], [30.02, 122.00]]",
        "outline: [[30.00, 122.00], [30.00, 122.02]]",
        "map.islands[0].outline: needs at least 3 vertices [lat, lon], got 2");
  }
  SUBCASE("no area") {
    check_one_problem(
        "outline: [[30.00, 122.00], [30.00, 122.02], [30.02, 122.02], [30.02, 122.00]]",
        "outline: [[30.00, 122.00], [30.01, 122.01], [30.02, 122.02]]",
        "map.islands[0].outline: has no area: its vertices lie on one line");
  }
  SUBCASE("an ellipse of no extent") {
    check_one_problem("extent_km: [2, 1]", "extent_km: [2, 0]",
                      "map.islands[1].ellipse.extent_km[1]: must be > 0", "extent_km: [2, 0]");
  }
  SUBCASE("outline and ellipse") {
    check_one_problem("      population: 30000\n",
                      "      population: 30000\n      ellipse: {centre: [30.01, 122.01], "
                      "extent_km: [1, 1]}\n",
                      "map.islands[0]: give either 'outline' or 'ellipse', not both",
                      "- name: Alpha");
  }
  SUBCASE("duplicate names") {
    const std::string text = replaced(kIslands, "- name: Beta", "- name: Alpha");
    const ScenarioLoadResult result = load(text);
    INFO(all_problems(result));
    CHECK(problem_at(result, line_of(text, "ellipse:") - 1,
                     "map.islands[1].name: duplicate island name 'Alpha' (also map.islands[0])"));
  }
  SUBCASE("latitude and longitude swapped") {
    check_one_problem("[30.02, 122.00]]", "[122.00, 30.02]]",
                      "map.islands[0].outline[3][0]: must be between -90 and 90 (degrees of "
                      "latitude); positions are written [lat, lon]",
                      "outline:");
  }
  SUBCASE("the whole map too large: the position furthest from the others is blamed") {
    // Beta 2° east: 190 km away from everything else (which then is in the sea, or far from it).
    const std::string text =
        replaced(kIslands, "centre: [30.01, 122.06]", "centre: [30.01, 124.06]");
    const ScenarioLoadResult result = load(text);
    INFO(all_problems(result));
    CHECK(problem_at(result, line_of(text, "centre: [30.01, 124.06]"),
                     "map.islands[1].ellipse.centre: the map would be 203 × 6 km, more than the "
                     "largest city (200 km a side); this position is the furthest from the "
                     "others (196.5 km from their median): is it right?"));
  }
  SUBCASE("city sides with islands") {
    const std::string text = replaced(kIslands, "city:\n", "city:\n  width_m: 9000\n");
    const ScenarioLoadResult result = load(text);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          fmt::format("x.yaml:{}:12: city.width_m: is set by the map's islands (their extent, "
                      "with 2 km of sea around it): remove it",
                      line_of(text, "width_m: 9000")));
  }
}

TEST_CASE("scenario map: bad bridges and ferries") {
  SUBCASE("a ferry naming an unknown island") {
    check_one_problem("from: {island: Alpha,", "from: {island: Alfa,",
                      "map.ferries[0].from.island: unknown island 'Alfa' (did you mean 'Alpha'?)");
  }
  SUBCASE("departures out of order") {
    check_one_problem(R"(departures_from: ["06:30", "08:00", "17:45"])",
                      R"(departures_from: ["06:30", "08:00", "07:45"])",
                      "map.ferries[0].departures_from[2]: must be later than the previous "
                      "departure (08:00)");
  }
  SUBCASE("a crossing of no time") {
    check_one_problem("crossing: 25min", "crossing: 0min", "map.ferries[0].crossing: must be > 0");
  }
  SUBCASE("last before first") {
    check_one_problem(R"(first: "07:00", last: "12:00")", R"(first: "07:00", last: "06:00")",
                      "map.ferries[0].departures_to.last: must not be before first (07:00)");
  }
  SUBCASE("a pier far from its island") {
    // 0.03° north of Alpha's north edge: 3.3 km.
    check_one_problem("pier: [30.005, 122.019]", "pier: [30.05, 122.01]",
                      "map.ferries[0].from.pier: is 3.3 km from the island 'Alpha' it names");
  }
  SUBCASE("a pier on the other island") {
    check_one_problem("pier: [30.008, 122.059]", "pier: [30.01, 122.01]",
                      "map.ferries[0].to.pier: is 3.8 km from the island 'Beta' it names");
  }
  SUBCASE("a pier just off its island is fine") {
    // 0.005° (about 480 m) east of Alpha's east edge.
    const ScenarioLoadResult result =
        load(replaced(kIslands, "pier: [30.005, 122.019]", "pier: [30.005, 122.025]"));
    INFO(all_problems(result));
    CHECK(result.ok());
  }
  SUBCASE("a bridge end in open sea") {
    check_one_problem("to: [30.01, 122.0505]", "to: [30.04, 122.0505]",
                      "map.bridges[0].to: is 2.9 km from the nearest island ('Beta'): a "
                      "bridge's ends must be on an island or within 1.0 km of one");
  }
  SUBCASE("an unknown road class") {
    check_one_problem("road_class: secondary", "road_class: secundary",
                      "map.bridges[0].road_class: unknown road class 'secundary' (did you mean "
                      "'secondary'?)");
  }
  SUBCASE("an unknown vessel class") {
    check_one_problem("vessel: high_speed", "vessel: highspeed",
                      "map.ferries[0].vessel: unknown vessel class 'highspeed' (did you mean "
                      "'high_speed'?)");
  }
  SUBCASE("an unknown vessel under vessel_limits") {
    check_one_problem("high_speed: {suspend_wind_force", "hi_speed: {suspend_wind_force",
                      "map.vessel_limits.hi_speed: unknown vessel class 'hi_speed' (did you mean "
                      "'high_speed'?)");
  }
}

TEST_CASE("scenario map: stations and hotspots must be on land, lat/lon only on a geographic map") {
  SUBCASE("a station in the sea, by lat/lon") {
    check_one_problem("lat: 30.01, lon: 122.01}", "lat: 30.01, lon: 122.04}",
                      "stations[0]: is in the sea: not on any island (the nearest, 'Beta', is "
                      "0.9 km away)");
  }
  SUBCASE("a station in the sea, in metres") {
    check_one_problem("x_m: 7700, y_m: 3100", "x_m: 5000, y_m: 5000",
                      "stations[1]: is in the sea: not on any island (the nearest, 'Alpha', is "
                      "1.3 km away)");
  }
  SUBCASE("a hotspot in the sea") {
    check_one_problem("lat: 30.012, lon: 122.012", "lat: 30.03, lon: 122.012",
                      "city.density.hotspots[0]: is in the sea");
  }
  SUBCASE("both kinds of position") {
    check_one_problem("{name: harbour, lat: 30.01, lon: 122.01}",
                      "{name: harbour, lat: 30.01, lon: 122.01, x_m: 3000}",
                      "stations[0]: give the position either as x_m and y_m or as lat and lon");
  }
  SUBCASE("lat/lon without a geographic map") {
    const std::string text =
        std::string(kMinimal) + "stations:\n  - {name: a, lat: 30.0, lon: 122.0}\n";
    const ScenarioLoadResult result = load(text);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "x.yaml:14:20: stations[0].lat: lat/lon positions need a geographic map (a map section "
          "with islands, bridges, ferries or an origin); write x_m and y_m");
  }
}

TEST_CASE("scenario map: bad names, factors and weather at sea") {
  SUBCASE("an unknown layout") {
    check_one_problem("layout: grid, block_m: 250", "layout: grd, block_m: 250",
                      "map.islands[1].roads.layout: unknown road layout 'grd' (did you mean "
                      "'grid'?)");
  }
  SUBCASE("an unknown travel mode") {
    check_one_problem("mode: foot}", "mode: feet}",
                      "riders.fleets[1].mode: unknown travel mode 'feet' (did you mean 'foot'?)");
  }
  SUBCASE("hourly_speed_factor: count") {
    check_one_problem("0.9, 1, 1, 1, 1]", "0.9, 1, 1, 1]",
                      "map.hourly_speed_factor: needs exactly 24 values, one per hour from "
                      "00:00; got 23",
                      "hourly_speed_factor:");
  }
  SUBCASE("hourly_speed_factor: not positive") {
    check_one_problem("0.9, 0.6, 0.8", "0.9, 0, 0.8",
                      "map.hourly_speed_factor[8]: must be between 0.05 and 5",
                      "hourly_speed_factor:");
  }
  SUBCASE("a marine region naming an unknown island") {
    check_one_problem("region: Beta, wind_force: 8", "region: Betta, wind_force: 8",
                      "weather.marine[1].region: unknown island 'Betta' (did you mean 'Beta'?)");
  }
  SUBCASE("wind force beyond the Beaufort scale") {
    check_one_problem("region: Beta, wind_force: 8", "region: Beta, wind_force: 13",
                      "weather.marine[1].wind_force: must be between 0 and 12");
  }
  SUBCASE("initial wind force") {
    check_one_problem("initial_wind_force: 4", "initial_wind_force: -1",
                      "weather.initial_wind_force: must be between 0 and 12");
  }
  SUBCASE("negative visibility") {
    check_one_problem("visibility_km: 0.5}", "visibility_km: -0.5}",
                      "weather.marine[0].visibility_km: must be >= 0");
  }
  SUBCASE("a change before the previous one") {
    check_one_problem("after: 13h", "after: 11h",
                      "weather.marine[2].after: must not be earlier than the previous entry "
                      "(12h after the start)");
  }
  SUBCASE("one region twice at one time") {
    check_one_problem("after: 13h", "after: 12h",
                      "weather.marine[2].after: an earlier entry changes 'Beta' at the same time");
  }
  SUBCASE("neither wind nor visibility") {
    check_one_problem("{after: 13h, region: Beta, visibility_km: 2}", "{after: 13h, region: Beta}",
                      "weather.marine[2]: needs wind_force or visibility_km (or both)");
  }
  SUBCASE("a marine region without islands") {
    const std::string text =
        std::string(kMinimal) +
        "weather:\n  marine: [{at: \"10:00\", region: Qushan, wind_force: 9}]\n";
    const ScenarioLoadResult result = load(text);
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "x.yaml:14:34: weather.marine[0].region: unknown island 'Qushan': the map has no "
          "islands (leave 'region' out for a change everywhere)");
  }
}

namespace {

/// A 5 × 5 grid of residential streets 0.002° apart (about 220 m), as OSM XML.
std::string grid_town_osm() {
  std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n";
  auto id = [](int row, int column) { return 1 + row * 5 + column; };
  for (int row = 0; row < 5; ++row) {
    for (int column = 0; column < 5; ++column) {
      char node[120];
      std::snprintf(node, sizeof node,
                    "  <node id=\"%d\" version=\"1\" lat=\"%.4f\" lon=\"%.4f\"/>\n",
                    id(row, column), 30.0 + 0.002 * row, 122.0 + 0.002 * column);
      xml += node;
    }
  }
  int way = 100;
  for (int line = 0; line < 5; ++line) {
    for (const bool across : {true, false}) {
      xml += "  <way id=\"" + std::to_string(way++) + "\" version=\"1\">\n";
      for (int k = 0; k < 5; ++k) {
        xml += "    <nd ref=\"" + std::to_string(across ? id(line, k) : id(k, line)) + "\"/>\n";
      }
      xml += "    <tag k=\"highway\" v=\"residential\"/>\n  </way>\n";
    }
  }
  return xml + "</osm>\n";
}

}  // namespace

TEST_CASE("scenario map: an imported map file") {
  const knightsim::testing::ScratchDir dir("scenario-map");
  dir.write("grid-town.osm", grid_town_osm());
  const std::string scenario = std::string(kMinimal) + "map:\n  file: grid-town.osm\n";
  const std::string path = dir.write("scenario.yaml", scenario);
  const ScenarioLoadResult result = load_scenario_file(path);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.spec->map.source == MapSource::imported);
  CHECK(result.spec->map.imported_from == dir.file("grid-town.osm"));  // beside the scenario
  REQUIRE(result.spec->map.imported != nullptr);
  CHECK(result.spec->map.imported->node_count() == 25);
  CHECK(result.spec->map.imported->edge_count() == 80);  // 40 street segments, both ways
  CHECK(result.spec->map.built != nullptr);              // built once, shared by the runs
  // The city covers the roads (0.008° of longitude at 30° N: 771 m) and the import's 500 m
  // margin on each side.
  CHECK(result.spec->city.width_m == doctest::Approx(1000 + 771).epsilon(0.01));
  CHECK(result.spec->map.has_geo_origin);

  dir.write("broken.osm.pbf", "not really a map");
  const ScenarioLoadResult broken = load_scenario_file(
      dir.write("broken.yaml", std::string(kMinimal) + "map:\n  file: broken.osm.pbf\n"));
  REQUIRE(broken.problems.size() == 1);
  CHECK(broken.problems[0].format().find(dir.file("broken.yaml") + ":14:9: map.file: " +
                                         dir.file("broken.osm.pbf") + ": ") == 0);

  const ScenarioLoadResult missing = load_scenario_file(
      dir.write("missing.yaml", std::string(kMinimal) + "map:\n  file: town.osm\n"));
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].format() ==
        dir.file("missing.yaml") + ":14:9: map.file: cannot read '" + dir.file("town.osm") +
            "' (relative to the scenario's directory): No such file or directory");

  const ScenarioLoadResult type = load(std::string(kMinimal) + "map:\n  file: city.geojson\n");
  REQUIRE(type.problems.size() == 1);
  CHECK(type.problems[0].format().find("x.yaml:14:9: map.file: unknown map file type "
                                       "'city.geojson'") == 0);

  const ScenarioLoadResult with_islands = load_scenario_file(
      dir.write("islands.yaml", replaced(kIslands, "map:\n", "map:\n  file: grid-town.osm\n")));
  // Roads and islands are the file's; bridges and ferries may be added (and name no island).
  INFO(all_problems(with_islands));
  REQUIRE(with_islands.problems.size() >= 2);
  CHECK(with_islands.problems[0].format().find(
            ":12:10: map.roads: is not allowed with map.file: an imported map's roads and land "
            "come from the file") != std::string::npos);
  CHECK(with_islands.problems[1].format().find(":20:5: map.islands: is not allowed") !=
        std::string::npos);
}

TEST_CASE("scenario map: a trace runs on a map of roads only") {
  const knightsim::trace_testing::TraceTempDir dir;
  dir.write("orders.csv", knightsim::trace_testing::kOrdersCsv);
  dir.write("couriers.csv", knightsim::trace_testing::kCouriersCsv);
  const std::string trace = "name: t\ntrace: {orders: orders.csv, couriers: couriers.csv}\n";
  const ScenarioLoadResult roads =
      load_scenario_file(dir.write("roads.yaml", trace + "map:\n  roads: {block_m: 200}\n"));
  INFO(all_problems(roads));
  REQUIRE(roads.ok());
  CHECK(roads.spec->map.source == MapSource::generated);
  CHECK(roads.spec->map.roads.block_m == 200.0);
  CHECK(roads.spec->city.width_m > 10000.0);  // the trace's city

  // A map with a geography of its own would need the trace's positions in its projection.
  const ScenarioLoadResult origin = load_scenario_file(
      dir.write("origin.yaml", trace + "map:\n  origin: {lat: 7.0, lon: -73.2}\n"));
  REQUIRE(origin.problems.size() == 1);
  CHECK(origin.problems[0].format() ==
        dir.file("origin.yaml") +
            ":4:3: map: a trace cannot be combined yet with a map that has islands, bridges, "
            "ferries, an origin or a file: the trace places the city by its own positions (a map "
            "of roads only works)");
}
