// Where a rider is along its path at a given time.
#include "knightsim/road_path.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim {
namespace {

bool is_crossing_segment(const RoadPath& path, std::size_t i) {
  for (const FerryCrossing& crossing : path.crossings) {
    if (path.at_ms[i] == crossing.board_ms && path.at_ms[i + 1] == crossing.land_ms &&
        path.points[i] == crossing.from_pier && path.points[i + 1] == crossing.to_pier) {
      return true;
    }
  }
  return false;
}

}  // namespace

Point point_along(const RoadPath& path, double fraction) {
  if (path.waypoint_count == 0) return {};
  if (path.waypoint_count == 1 || fraction <= 0.0) return path.waypoints[0];
  double total = 0.0;
  for (int i = 1; i < path.waypoint_count; ++i) {
    total += manhattan_m(path.waypoints[i - 1], path.waypoints[i]);
  }
  if (fraction >= 1.0 || total <= 0.0) return path.waypoints[path.waypoint_count - 1];
  double remaining = fraction * total;
  for (int i = 1; i < path.waypoint_count; ++i) {
    const Point a = path.waypoints[i - 1], b = path.waypoints[i];
    const double segment = manhattan_m(a, b);
    if (remaining <= segment && segment > 0) {
      const double t = remaining / segment;
      return {a.x_m + (b.x_m - a.x_m) * t, a.y_m + (b.y_m - a.y_m) * t};
    }
    remaining -= segment;
  }
  return path.waypoints[path.waypoint_count - 1];
}

Point point_at(const RoadPath& path, SimTime t) {
  assert(path.timed() && path.points.size() == path.at_ms.size());
  if (t <= path.at_ms.front()) return path.points.front();
  if (t >= path.at_ms.back()) return path.points.back();
  // The last point passed at or before t, then the share of the way to the next one.
  const auto next = std::upper_bound(path.at_ms.begin(), path.at_ms.end(), t);
  const auto i = static_cast<std::size_t>(next - path.at_ms.begin()) - 1;
  const SimTime span = path.at_ms[i + 1] - path.at_ms[i];
  if (span <= 0) return path.points[i + 1];
  const double share = static_cast<double>(t - path.at_ms[i]) / static_cast<double>(span);
  const Point a = path.points[i], b = path.points[i + 1];
  return {a.x_m + (b.x_m - a.x_m) * share, a.y_m + (b.y_m - a.y_m) * share};
}

double ridden_by_m(const RoadPath& path, SimTime t) {
  assert(path.timed());
  double ridden = 0.0;
  for (std::size_t i = 0; i + 1 < path.points.size(); ++i) {
    if (path.at_ms[i] >= t) break;
    if (is_crossing_segment(path, i)) continue;
    const double segment = euclidean_m(path.points[i], path.points[i + 1]);
    if (path.at_ms[i + 1] <= t) {
      ridden += segment;
    } else {
      const SimTime span = path.at_ms[i + 1] - path.at_ms[i];
      ridden += segment * static_cast<double>(t - path.at_ms[i]) / static_cast<double>(span);
    }
  }
  return ridden;
}

const FerryCrossing* crossing_at(const RoadPath& path, SimTime t) {
  for (const FerryCrossing& crossing : path.crossings) {
    if (t >= crossing.board_ms && t < crossing.land_ms) return &crossing;
  }
  return nullptr;
}

}  // namespace knightsim
