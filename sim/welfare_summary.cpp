// Welfare, safety and group figures of a run.
#include "knightsim/welfare_summary.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

namespace knightsim {
namespace {

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 0.0;
}

struct GroupTotals {
  std::uint64_t riders = 0;
  double hours = 0.0, earnings = 0.0, orders = 0.0;
  void add(const Rider& rider) {
    ++riders;
    hours += static_cast<double>(rider.on_shift_ms) / static_cast<double>(kMsPerHour);
    earnings += rider.earnings;
    orders += rider.orders_delivered;
  }
  RiderGroupSummary summary() const {
    return {riders, hours, ratio(earnings, hours), ratio(orders, hours)};
  }
};

}  // namespace

WelfareSummary summarize_welfare(const Simulation& simulation) {
  const WelfareTotals& totals = simulation.welfare_totals();
  WelfareSummary s;
  s.rider_days = totals.rider_days;
  s.covered_rider_days = totals.covered_rider_days;
  s.coverage =
      ratio(static_cast<double>(totals.covered_rider_days), static_cast<double>(totals.rider_days));
  s.social_insurance_cost = totals.social_insurance_cost;
  s.insurance_premiums = totals.injury_premiums + totals.heat_cold_premiums;
  s.disabled_subsidies = totals.disabled_subsidies;
  s.training_cost = totals.training_cost;
  s.captain_bonuses = totals.captain_bonuses;
  s.platform_cost = s.social_insurance_cost + s.insurance_premiums + s.disabled_subsidies +
                    s.training_cost + s.captain_bonuses;
  s.bonuses = totals.bonuses;
  s.injury_payouts = totals.injury_payouts;
  s.heat_cold_payouts = totals.heat_cold_payouts;
  s.insurance_payouts = totals.injury_payouts + totals.heat_cold_payouts;
  s.heat_cold_payout_days = totals.heat_cold_payout_days;
  s.offers_declined_by_policy = totals.offers_declined_by_policy;
  s.policy_cancellations = totals.policy_cancellations;
  s.charging_visits = totals.charging_visits;
  s.battery_shift_ends = totals.battery_shift_ends;
  s.offers_declined_by_battery = totals.offers_declined_by_battery;
  s.incidents = totals.incidents;
  s.injuries = totals.injuries;
  s.orders_lost = totals.orders_lost_in_incidents;
  s.km_ridden = totals.km_ridden;
  s.incidents_per_million_km = ratio(static_cast<double>(totals.incidents) * 1e6, totals.km_ridden);

  GroupTotals women, men, disabled, not_disabled;
  double peak_fatigue = 0.0;
  std::uint64_t worked = 0;
  std::vector<double> experience_at_end;
  std::uint64_t recruited_at_end = 0;
  for (const Rider& rider : simulation.riders()) {
    if (rider.hired_ms == kNever) continue;  // a reserve recruit never hired
    if (rider.quit_ms == kNever && !rider.quitting) {
      experience_at_end.push_back(rider.experience_days);
      if (rider.hired_ms > 0) ++recruited_at_end;
    }
    (rider.woman ? women : men).add(rider);
    (rider.disabled ? disabled : not_disabled).add(rider);
    s.heat_exposure_h +=
        static_cast<double>(rider.heat_exposure_ms) / static_cast<double>(kMsPerHour);
    s.cold_exposure_h +=
        static_cast<double>(rider.cold_exposure_ms) / static_cast<double>(kMsPerHour);
    s.breaks += static_cast<std::uint64_t>(rider.breaks_taken);
    s.rest_h += static_cast<double>(rider.rest_ms) / static_cast<double>(kMsPerHour);
    if (rider.on_shift_ms > 0) {
      ++worked;
      peak_fatigue += rider.peak_fatigue_h;
    }
  }
  s.mean_peak_fatigue_h = ratio(peak_fatigue, static_cast<double>(worked));
  s.quit_decisions = totals.quit_decisions;
  s.quits = totals.quits;
  s.recruits = totals.recruits;
  s.recruits_missing = totals.recruits_missing;
  s.quits_per_rider_day =
      ratio(static_cast<double>(totals.quits), static_cast<double>(totals.quit_decisions));
  s.monthly_rate = 1.0 - std::pow(1.0 - s.quits_per_rider_day, 30.0);
  std::sort(experience_at_end.begin(), experience_at_end.end());
  double sum = 0.0;
  for (const double days : experience_at_end) sum += days;
  s.experience_mean_days = ratio(sum, static_cast<double>(experience_at_end.size()));
  s.experience_p10_days = nearest_rank_percentile(experience_at_end, 10);
  s.experience_p50_days = nearest_rank_percentile(experience_at_end, 50);
  s.experience_p90_days = nearest_rank_percentile(experience_at_end, 90);
  s.mean_experience_days = s.experience_mean_days;
  s.novice_share =
      ratio(static_cast<double>(recruited_at_end), static_cast<double>(experience_at_end.size()));
  s.women = women.summary();
  s.men = men.summary();
  s.disabled = disabled.summary();
  s.not_disabled = not_disabled.summary();
  return s;
}

}  // namespace knightsim
