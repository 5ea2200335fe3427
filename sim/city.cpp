// Travel on the generated grid city.
#include "knightsim/city.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

namespace knightsim {
namespace {

/// The shapes a quickest path can take on the grid.
enum class RouteShape : std::uint8_t {
  streets,          ///< along x on streets, then along y
  via_row,          ///< to arterial row `row`, along it, then to the destination
  via_column,       ///< to arterial column `column`, along it, then to the destination
  row_then_column,  ///< to row (near start), along it to column (near end), along it, then in
  column_then_row   ///< to column (near start), along it to row (near end), along it, then in
};

/// The winning route: its shape, the arterial lines it uses and its raw (undetoured) lengths.
struct RouteChoice {
  RouteShape shape = RouteShape::streets;
  double row = 0.0;
  double column = 0.0;
  double street_m = 0.0;
  double arterial_m = 0.0;
};

/// Compares every candidate shape with the nearest arterial lines (below and above each end)
/// and keeps the quickest. Cost-only, no allocation: dispatch calls this millions of times.
RouteChoice choose_route(const CitySpec& spec, double spacing, Point from, Point to) {
  const double factor = spec.arterial_speed_factor;
  // The arterial lines nearest below and above a coordinate. Arterials lie on multiples of the
  // spacing only; where the next one would be outside the city there is none above, and the
  // line below stands in for both (the city's edge is not a road).
  auto lines = [spacing](double v, double limit, double out[2]) {
    const double below = std::clamp(std::floor(v / spacing) * spacing, 0.0, limit);
    out[0] = below;
    out[1] = below + spacing <= limit ? below + spacing : below;
  };
  const double dx = std::abs(to.x_m - from.x_m);
  const double dy = std::abs(to.y_m - from.y_m);
  RouteChoice best;
  best.street_m = dx + dy;
  double best_cost = best.street_m;
  auto consider = [&](RouteShape shape, double row, double column, double street_m,
                      double arterial_m) {
    const double cost = street_m + arterial_m / factor;
    if (cost < best_cost - 1e-9) {
      best = {shape, row, column, street_m, arterial_m};
      best_cost = cost;
    }
  };
  double rows_from[2], rows_to[2], cols_from[2], cols_to[2];
  lines(from.y_m, spec.height_m, rows_from);
  lines(to.y_m, spec.height_m, rows_to);
  lines(from.x_m, spec.width_m, cols_from);
  lines(to.x_m, spec.width_m, cols_to);
  for (int i = 0; i < 2; ++i) {
    for (const double row : {rows_from[i], rows_to[i]}) {
      consider(RouteShape::via_row, row, 0.0, std::abs(from.y_m - row) + std::abs(to.y_m - row),
               dx);
    }
    for (const double column : {cols_from[i], cols_to[i]}) {
      consider(RouteShape::via_column, 0.0, column,
               std::abs(from.x_m - column) + std::abs(to.x_m - column), dy);
    }
    for (int j = 0; j < 2; ++j) {
      const double row = rows_from[i], column = cols_to[j];
      consider(RouteShape::row_then_column, row, column,
               std::abs(from.y_m - row) + std::abs(to.x_m - column),
               std::abs(column - from.x_m) + std::abs(to.y_m - row));
      const double column2 = cols_from[i], row2 = rows_to[j];
      consider(RouteShape::column_then_row, row2, column2,
               std::abs(from.x_m - column2) + std::abs(to.y_m - row2),
               std::abs(row2 - from.y_m) + std::abs(to.x_m - column2));
    }
  }
  return best;
}

void add_corner(RoadPath& path, Point p) {
  if (path.waypoint_count > 0 && path.waypoints[path.waypoint_count - 1] == p) return;
  path.waypoints[path.waypoint_count++] = p;
}

}  // namespace

City::City(const CitySpec& spec)
    : spec_(spec), arterial_spacing_m_(spec.block_m * spec.arterial_every_blocks) {
  assert(spec.width_m > 0 && spec.height_m > 0 && spec.block_m > 0);
  assert(spec.arterial_every_blocks >= 1 && spec.arterial_speed_factor >= 1.0);
  assert(spec.detour_factor >= 1.0);
}

Point City::clamp(Point p) const {
  return {std::clamp(p.x_m, 0.0, spec_.width_m), std::clamp(p.y_m, 0.0, spec_.height_m)};
}

RoadPath City::path(Point from, Point to) const {
  const RouteChoice choice = choose_route(spec_, arterial_spacing_m_, from, to);
  RoadPath result;
  add_corner(result, from);
  switch (choice.shape) {
    case RouteShape::streets:
      add_corner(result, {to.x_m, from.y_m});
      break;
    case RouteShape::via_row:
      add_corner(result, {from.x_m, choice.row});
      add_corner(result, {to.x_m, choice.row});
      break;
    case RouteShape::via_column:
      add_corner(result, {choice.column, from.y_m});
      add_corner(result, {choice.column, to.y_m});
      break;
    case RouteShape::row_then_column:
      add_corner(result, {from.x_m, choice.row});
      add_corner(result, {choice.column, choice.row});
      add_corner(result, {choice.column, to.y_m});
      break;
    case RouteShape::column_then_row:
      add_corner(result, {choice.column, from.y_m});
      add_corner(result, {choice.column, choice.row});
      add_corner(result, {to.x_m, choice.row});
      break;
  }
  add_corner(result, to);
  result.street_m = choice.street_m * spec_.detour_factor;
  result.arterial_m = choice.arterial_m * spec_.detour_factor;
  return result;
}

SimTime City::travel_time_ms(Point from, Point to, double street_speed_kmh) const {
  const RouteChoice choice = choose_route(spec_, arterial_spacing_m_, from, to);
  RoadPath lengths;
  lengths.street_m = choice.street_m * spec_.detour_factor;
  lengths.arterial_m = choice.arterial_m * spec_.detour_factor;
  return travel_time_ms(lengths, street_speed_kmh);
}

SimTime City::travel_time_ms(const RoadPath& path, double street_speed_kmh) const {
  assert(street_speed_kmh > 0);
  const double metres_per_ms = street_speed_kmh / 3600.0;  // km/h = m/ms × 3600
  const double effective_m = path.street_m + path.arterial_m / spec_.arterial_speed_factor;
  const double time_ms = std::ceil(effective_m / metres_per_ms);
  // The loader bounds speeds and city sizes so that no trip takes longer than ~30 years; a
  // larger value would not survive the conversion to SimTime.
  assert(std::isfinite(time_ms) && time_ms < 1e12);
  return static_cast<SimTime>(time_ms);
}

SimTime City::travel_time_lower_bound_ms(double straight_m, double street_speed_kmh) const {
  const double metres_per_ms = street_speed_kmh * spec_.arterial_speed_factor / 3600.0;
  // Paths are Manhattan-style (>= straight line) and stretched by the detour factor.
  return static_cast<SimTime>(std::floor(straight_m * spec_.detour_factor / metres_per_ms));
}

}  // namespace knightsim
