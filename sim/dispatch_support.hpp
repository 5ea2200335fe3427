#pragma once
// Helpers shared by the built-in dispatchers (not part of the public dispatcher interface).

#include <algorithm>

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

inline bool has_room(const Rider& rider) {
  return rider.on_shift && !rider.paused && rider.assigned_open < rider.capacity;
}

}  // namespace knightsim
