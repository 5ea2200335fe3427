#pragma once
/// The welfare, safety and group figures of a run (summary.json's welfare.*, safety.* and
/// groups.*; docs/outputs.md), computed from the riders and the engine's WelfareTotals.

#include <cstdint>

namespace knightsim {

class Simulation;

/// Riders of one group (women, men, disabled, not disabled).
struct RiderGroupSummary {
  std::uint64_t riders = 0;
  double hours = 0.0;              ///< on shift
  double earnings_per_hour = 0.0;  ///< earnings (with guarantee top-ups) per on-shift hour
  double orders_per_hour = 0.0;
};

struct WelfareSummary {
  // welfare.*
  std::uint64_t rider_days = 0;          ///< (rider, day) pairs with time on shift
  std::uint64_t covered_rider_days = 0;  ///< covered by the social-insurance subsidy
  double coverage = 0.0;                 ///< covered / rider days
  /// social insurance + premiums + disabled subsidies + training + captain bonuses
  double platform_cost = 0.0;
  double social_insurance_cost = 0.0;
  double insurance_premiums = 0.0;  ///< injury and heat/cold
  double disabled_subsidies = 0.0;
  double training_cost = 0.0;
  double captain_bonuses = 0.0;  ///< CareerLadder captains' peak bonuses
  double bonuses = 0.0;          ///< weather and peak bonuses (paid within earnings)
  double insurance_payouts = 0.0;
  double injury_payouts = 0.0;
  double heat_cold_payouts = 0.0;
  std::uint64_t heat_cold_payout_days = 0;
  double heat_exposure_h = 0.0;  ///< all riders, outside at or above SafetySpec::heat_c
  double cold_exposure_h = 0.0;
  std::uint64_t breaks = 0;
  double rest_h = 0.0;
  double mean_experience_days = 0.0;  ///< at the end of the run
  std::uint64_t offers_declined_by_policy = 0;
  std::uint64_t policy_cancellations = 0;
  std::uint64_t charging_visits = 0;     ///< battery swaps at charging stations
  std::uint64_t battery_shift_ends = 0;  ///< shifts ended early: battery low, no charger
  std::uint64_t offers_declined_by_battery = 0;
  // safety.*
  std::uint64_t incidents = 0;
  std::uint64_t injuries = 0;
  std::uint64_t orders_lost = 0;
  double km_ridden = 0.0;
  double incidents_per_million_km = 0.0;
  double mean_peak_fatigue_h = 0.0;  ///< over riders who worked
  // turnover.*
  std::uint64_t quit_decisions = 0;  ///< rider-days worked, at whose end a rider could quit
  std::uint64_t quits = 0;
  std::uint64_t recruits = 0;
  std::uint64_t recruits_missing = 0;  ///< place-days left empty: the reserve ran out
  double quits_per_rider_day = 0.0;
  double monthly_rate = 0.0;  ///< 1 − (1 − quits per rider-day)^30: a month of daily work
  /// Experience (days worked, before and during the run) of the riders hired at the end.
  double experience_mean_days = 0.0;
  double experience_p10_days = 0.0;
  double experience_p50_days = 0.0;
  double experience_p90_days = 0.0;
  double novice_share = 0.0;  ///< of riders hired at the end, the share recruited in the run
  // groups.*
  RiderGroupSummary women, men, disabled, not_disabled;
};

/// The welfare figures of a finished run.
WelfareSummary summarize_welfare(const Simulation& simulation);

}  // namespace knightsim
