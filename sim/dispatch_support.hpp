#pragma once
// Helpers shared by the built-in dispatchers (not part of the public dispatcher interface).

#include <algorithm>
#include <utility>
#include <vector>

#include "knightsim/dispatcher.hpp"

namespace knightsim {

/// Where and from when a rider can start towards a new pickup: the end of its route, or, with
/// nothing to do, where it is now (it may be riding home).
struct FreeFrom {
  Point location;
  SimTime at_ms;
};
inline FreeFrom free_from(const Rider& rider, SimTime now) {
  if (rider.route.empty()) return {position_at(rider, now), now};
  return {rider.free_location, std::max(rider.free_at_ms, now)};
}

/// The riders riding home (not in the room grid) nearest to `p`, at most `max_count`, nearest
/// first (ties by id): so a dispatcher's work per query stays bounded however many riders are
/// on their way home.
inline std::vector<RiderId> nearest_roaming_riders(const DispatchView& view, Point p,
                                                   std::size_t max_count) {
  std::vector<std::pair<double, RiderId>> by_distance;
  for (RiderId r : view.roaming_riders_with_room()) {
    by_distance.emplace_back(euclidean_m(position_at(view.rider(r), view.now()), p), r);
  }
  const std::size_t n = std::min(max_count, by_distance.size());
  std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<long>(n),
                    by_distance.end());
  std::vector<RiderId> nearest;
  for (std::size_t i = 0; i < n; ++i) nearest.push_back(by_distance[i].second);
  return nearest;
}

inline bool has_room(const Rider& rider) {
  return rider.on_shift && !rider.paused && rider.assigned_open < rider.capacity;
}

}  // namespace knightsim
