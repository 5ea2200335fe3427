#pragma once
/// Run-wide welfare, safety and policy totals the engine keeps (per-rider figures are in Rider).

#include <cstdint>

namespace knightsim {

struct WelfareTotals {
  std::uint64_t incidents = 0;
  std::uint64_t injuries = 0;
  std::uint64_t orders_lost_in_incidents = 0;   ///< carried orders cancelled at an injury
  double km_ridden = 0.0;                       ///< distance the incident hazard was applied to
  std::uint64_t rider_days = 0;                 ///< (rider, day) pairs with time on shift
  std::uint64_t covered_rider_days = 0;         ///< of those, covered by the social subsidy
  std::uint64_t offers_declined_by_policy = 0;  ///< offers outside a rider's dispatch limits
  std::uint64_t policy_cancellations = 0;       ///< WomenOptOut no-fault cancellations
  std::uint64_t heat_cold_payout_days = 0;
  double social_insurance_cost = 0.0;  ///< platform's share of contributions
  double injury_premiums = 0.0;
  double heat_cold_premiums = 0.0;
  double injury_payouts = 0.0;
  double heat_cold_payouts = 0.0;
  double disabled_subsidies = 0.0;
  double training_cost = 0.0;
  double captain_bonuses = 0.0;  ///< CareerLadder captains' peak bonus (platform cost)
  double bonuses = 0.0;          ///< weather and peak bonuses paid with orders
  std::uint64_t quits = 0;
  std::uint64_t recruits = 0;
  std::uint64_t quit_decisions = 0;    ///< rider-days at which a rider could quit
  std::uint64_t recruits_missing = 0;  ///< places left empty: the reserve ran out
  // E-bike batteries (FleetSpec::battery).
  std::uint64_t charging_visits = 0;             ///< battery swaps at charging stations
  std::uint64_t battery_shift_ends = 0;          ///< shifts ended: battery low, no charger
  std::uint64_t offers_declined_by_battery = 0;  ///< offers the rider's charge could not cover
  /// km ridden on an empty battery: 0 unless the model's rules failed (tests check it).
  double battery_short_km = 0.0;
};

}  // namespace knightsim
