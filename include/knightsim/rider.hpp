#pragma once
/// A rider ("city knight"): identity, current activity, planned stops and running totals.

#include <cstdint>
#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/geometry.hpp"
#include "knightsim/ids.hpp"
#include "knightsim/order.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/sim_time.hpp"
#include "knightsim/welfare_spec.hpp"

namespace knightsim {

/// The behaviour state machine. Transitions:
/// offline → idle (shift starts); idle/returning → to_merchant (assigned);
/// to_merchant → waiting_at_merchant (arrived: waits for the order, then hands over);
/// waiting_at_merchant → to_merchant | to_customer (picked up: next stop);
/// to_customer → to_merchant | to_customer (delivered: next stop) | idle (route done);
/// idle → returning (far from home station) → idle; idle → offline (shift over);
/// after a shift ends a rider carrying orders delivers them, then goes offline;
/// idle/returning → resting (a break at a station) → idle.
enum class RiderState : std::uint8_t {
  offline,
  idle,
  to_merchant,
  waiting_at_merchant,
  to_customer,
  returning,
  resting
};
inline constexpr int kRiderStateCount = 7;
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

  // Who the rider is (drawn from the fleet's RiderPeopleSpec).
  bool woman = false;
  bool disabled = false;
  bool opted_out = false;  ///< a woman who uses WomenOptOut (when the policy is on)
  AgeBand age_band = AgeBand::under_30;
  double experience_days = 0.0;  ///< days worked; grows by one per day worked in the run

  // Welfare and safety totals.
  double bonus_earnings = 0.0;    ///< weather and peak bonuses (included in order_earnings)
  double subsidy = 0.0;           ///< disabled-support subsidy paid (not in earnings)
  double insurance_payout = 0.0;  ///< injury, heat and cold insurance paid to the rider
  double fatigue_h = 0.0;         ///< current fatigue, hours of riding equivalent
  double peak_fatigue_h = 0.0;
  SimTime heat_exposure_ms = 0;  ///< outside at or above SafetySpec::heat_c
  SimTime cold_exposure_ms = 0;  ///< outside at or below SafetySpec::cold_c
  SimTime rest_ms = 0;           ///< on breaks at stations
  int breaks_taken = 0;
  int incidents = 0;
  int injuries = 0;
  int days_worked = 0;
  int covered_days = 0;          ///< days the social-insurance subsidy covered
  int policy_cancellations = 0;  ///< no-fault cancellations under WomenOptOut

  // E-bike battery (a fleet's battery_range_km > 0; docs/policies.md "Charging").
  double battery_km = 0.0;     ///< charge left, as km of riding; full at each shift's start
  int charging_visits = 0;     ///< battery swaps at charging stations
  int battery_shift_ends = 0;  ///< shifts ended early: battery low and no charger in reach

  // Turnover (TurnoverSpec): reserve riders are not hired until a fleet recruits them.
  SimTime hired_ms = 0;      ///< kNever: a reserve never recruited
  SimTime quit_ms = kNever;  ///< when the rider left (after its last shift)
  bool quitting = false;     ///< decided to quit; leaves when its shift is over

  static constexpr SimTime kNoShift = -1;
};

/// Position of a rider at time t (t within the current leg, or after it).
Point position_at(const Rider& rider, SimTime t);

}  // namespace knightsim
