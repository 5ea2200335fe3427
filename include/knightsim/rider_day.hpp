#pragma once
/// One rider's working day: "earnings per rider per day" as a series (rider_days.csv,
/// docs/outputs.md). The engine keeps one record per rider and day worked.

#include <cstdint>

#include "knightsim/ids.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

/// A rider's work on one day. A day is the civil day a working stretch started on: a shift that
/// crosses midnight (or the deliveries a rider finishes after its shift ended) belongs wholly to
/// the day it started, as a rider would count it. Two stretches that start on the same day (a
/// split shift) make one record. Summed over a rider's records, every figure equals the
/// rider's run total in Rider (on_shift_ms, busy_ms, orders_delivered, order_earnings,
/// earnings − order_earnings, bonus_earnings, subsidy, distance_m, incidents, injuries,
/// insurance_payout, heat and cold exposure, charging_visits, battery_shift_ends).
struct RiderDay {
  RiderId rider = kNoId;
  std::uint32_t fleet = 0;  ///< index into RidersSpec::fleets
  /// Days since the run's first day (0 = the day the run starts on, whatever its start time).
  std::int64_t day = 0;
  SimTime day_start_ms = 0;  ///< SimTime of that day's local midnight (negative for day 0)
  SimTime on_shift_ms = 0;   ///< time on shift, and finishing carried orders after it
  SimTime busy_ms = 0;       ///< of that, with at least one order assigned
  int orders_delivered = 0;
  double order_earnings = 0.0;  ///< per-order and per-km pay with bonuses
  /// The day's share of the run's hourly-guarantee top-up. The guarantee applies over the
  /// run (Rider::earnings), so the top-up is shared among the rider's days in proportion to
  /// each day's own shortfall, max(0, guarantee × hours − order earnings): days that earned
  /// above the guarantee get none, and the shares add up to the run's top-up exactly.
  double guarantee_top_up = 0.0;
  double bonus_earnings = 0.0;  ///< weather and peak bonuses (included in order_earnings)
  double subsidy = 0.0;         ///< disabled-support subsidy for the day's hours
  double distance_m = 0.0;
  int incidents = 0;
  int injuries = 0;
  double insurance_payout = 0.0;  ///< injury, heat and cold insurance paid that day
  double peak_fatigue_h = 0.0;    ///< highest fatigue sampled while working that day
  SimTime heat_exposure_ms = 0;
  SimTime cold_exposure_ms = 0;
  int charging_visits = 0;     ///< battery swaps at charging stations (FleetSpec battery)
  int battery_shift_ends = 0;  ///< shifts ended early with a flat battery and no charger
};

}  // namespace knightsim
