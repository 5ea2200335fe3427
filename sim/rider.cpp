#include "knightsim/rider.hpp"

namespace knightsim {

Point position_at(const Rider& rider, SimTime t) {
  if (!rider.leg.moving || t <= rider.leg.depart_ms) return rider.position;
  if (rider.leg.path.timed()) return point_at(rider.leg.path, t);
  const SimTime duration = rider.leg.arrive_ms - rider.leg.depart_ms;
  if (duration <= 0 || t >= rider.leg.arrive_ms) {
    return rider.leg.path.waypoints[rider.leg.path.waypoint_count - 1];
  }
  const double fraction =
      static_cast<double>(t - rider.leg.depart_ms) / static_cast<double>(duration);
  return point_along(rider.leg.path, fraction);
}

}  // namespace knightsim
