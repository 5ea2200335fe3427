#pragma once
/// A rider ("city knight"): identity, current activity, planned stops and running totals.

#include <cstdint>
#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/geometry.hpp"
#include "knightsim/ids.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

/// The behaviour state machine. Transitions:
/// offline → idle (shift starts); idle/returning → to_merchant (assigned);
/// to_merchant → waiting_at_merchant (arrived: waits for the order, then hands over);
/// waiting_at_merchant → to_merchant | to_customer (picked up: next stop);
/// to_customer → to_merchant | to_customer (delivered: next stop) | idle (route done);
/// idle → returning (far from home station) → idle; idle → offline (shift over);
/// after a shift ends a rider carrying orders delivers them, then goes offline.
enum class RiderState : std::uint8_t {
  offline,
  idle,
  to_merchant,
  waiting_at_merchant,
  to_customer,
  returning
};
inline constexpr int kRiderStateCount = 6;
const char* to_string(RiderState state);

enum class StopKind : std::uint8_t { pickup, dropoff };

struct Stop {
  OrderId order = kNoId;
  StopKind kind = StopKind::pickup;
  Point location;
};

/// The movement a rider is on: a road path ridden from depart_ms to arrive_ms.
struct Leg {
  RoadPath path;
  SimTime depart_ms = 0;
  SimTime arrive_ms = 0;
  bool moving = false;
  /// The leg was cut short at a ferry's landing (the rider's plans changed while it was at
  /// sea): on arrival the rider re-plans instead of serving route[0].
  bool replan_on_arrival = false;
};

struct Rider {
  RiderId id = kNoId;
  std::uint32_t fleet = 0;  ///< index into RidersSpec::fleets
  StationId home = 0;
  double speed_kmh = 18.0;
  TravelMode mode = TravelMode::bike;
  int capacity = 1;

  RiderState state = RiderState::offline;
  Point position;  ///< where the rider was at `position_ms` (start of current leg)
  SimTime position_ms = 0;
  Leg leg;                  ///< current movement, if any
  std::vector<Stop> route;  ///< remaining stops in order; route[0] is the current target
  int carried = 0;          ///< orders picked up and not yet delivered
  int assigned_open = 0;    ///< orders assigned and not yet delivered (carried included)
  bool on_shift = false;
  /// Taking no new orders for a while: the rider just handed an order back (a breakdown, an
  /// emergency), so it is not offered that order, or any other, straight away.
  bool paused = false;
  /// Where and when the rider will have finished its current route (dispatch appends there).
  Point free_location;
  SimTime free_at_ms = 0;
  SimTime shift_end_ms = 0;  ///< end of the current or most recent shift

  // Running totals for reports.
  SimTime first_shift_start_ms = kNoShift;
  SimTime last_shift_end_ms = kNoShift;
  SimTime on_shift_ms = 0;  ///< accumulated time on shift (or finishing carried orders)
  SimTime busy_ms = 0;      ///< time on shift with at least one order assigned
  double distance_m = 0.0;  ///< distance travelled
  int orders_delivered = 0;
  double order_earnings = 0.0;
  double earnings = 0.0;  ///< order earnings topped up to the hourly guarantee

  static constexpr SimTime kNoShift = -1;
};

/// Position of a rider at time t (t within the current leg, or after it).
Point position_at(const Rider& rider, SimTime t);

}  // namespace knightsim
