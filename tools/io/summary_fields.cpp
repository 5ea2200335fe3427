// The order and keys of summary.json (documented in docs/outputs.md). Changing a key here
// changes summary.json and the results database's columns together; an added scalar becomes a
// new column that opening an older database adds (docs/results-database.md).

#include "summary_fields.hpp"

#include <cstddef>

namespace knightsim::summary_fields {
namespace {

void visit_minutes_stats(Visitor& v, std::string_view key, const MinutesStats& stats) {
  v.begin_object(key);
  v.count("count", stats.count, Role::result);
  v.number("mean", stats.mean, kMinutesDecimals, Role::result);
  v.number("p50", stats.p50, kMinutesDecimals, Role::result);
  v.number("p90", stats.p90, kMinutesDecimals, Role::result);
  v.number("p95", stats.p95, kMinutesDecimals, Role::result);
  v.number("max", stats.max, kMinutesDecimals, Role::result);
  v.end_object();
}

void visit_group(Visitor& v, std::string_view key, const RiderGroupSummary& group) {
  v.begin_object(key);
  v.count("riders", group.riders, Role::result);
  v.number("hours", group.hours, kHoursDecimals, Role::result);
  v.number("earnings_per_hour", group.earnings_per_hour, kMoneyDecimals, Role::result);
  v.number("orders_per_hour", group.orders_per_hour, kPerHourDecimals, Role::result);
  v.end_object();
}

/// welfare.*, safety.* and groups.* (docs/outputs.md, docs/policies.md).
void visit_welfare(Visitor& v, const WelfareSummary& w) {
  constexpr Role result = Role::result;
  v.begin_object("welfare");
  v.count("rider_days", w.rider_days, result);
  v.count("covered_rider_days", w.covered_rider_days, result);
  v.number("coverage", w.coverage, kRateDecimals, result);
  v.number("platform_cost", w.platform_cost, kMoneyDecimals, result);
  v.number("social_insurance_cost", w.social_insurance_cost, kMoneyDecimals, result);
  v.number("insurance_premiums", w.insurance_premiums, kMoneyDecimals, result);
  v.number("disabled_subsidies", w.disabled_subsidies, kMoneyDecimals, result);
  v.number("training_cost", w.training_cost, kMoneyDecimals, result);
  v.number("captain_bonuses", w.captain_bonuses, kMoneyDecimals, result);
  v.number("bonuses", w.bonuses, kMoneyDecimals, result);
  v.number("insurance_payouts", w.insurance_payouts, kMoneyDecimals, result);
  v.number("injury_payouts", w.injury_payouts, kMoneyDecimals, result);
  v.number("heat_cold_payouts", w.heat_cold_payouts, kMoneyDecimals, result);
  v.count("heat_cold_payout_days", w.heat_cold_payout_days, result);
  v.number("heat_exposure_h", w.heat_exposure_h, kHoursDecimals, result);
  v.number("cold_exposure_h", w.cold_exposure_h, kHoursDecimals, result);
  v.count("breaks", w.breaks, result);
  v.number("rest_h", w.rest_h, kHoursDecimals, result);
  v.number("mean_experience_days", w.mean_experience_days, kHoursDecimals, result);
  v.count("offers_declined_by_policy", w.offers_declined_by_policy, result);
  v.count("policy_cancellations", w.policy_cancellations, result);
  v.count("charging_visits", w.charging_visits, result);
  v.count("battery_shift_ends", w.battery_shift_ends, result);
  v.count("offers_declined_by_battery", w.offers_declined_by_battery, result);
  v.end_object();

  v.begin_object("safety");
  v.count("incidents", w.incidents, result);
  v.count("injuries", w.injuries, result);
  v.count("orders_lost", w.orders_lost, result);
  v.number("km_ridden", w.km_ridden, kKmDecimals, result);
  v.number("incidents_per_million_km", w.incidents_per_million_km, kPerHourDecimals, result);
  v.number("mean_peak_fatigue_h", w.mean_peak_fatigue_h, kHoursDecimals, result);
  v.end_object();

  v.begin_object("turnover");
  v.count("decisions", w.quit_decisions, result);
  v.count("quits", w.quits, result);
  v.count("recruits", w.recruits, result);
  v.count("recruits_missing", w.recruits_missing, result);
  v.number("quits_per_rider_day", w.quits_per_rider_day, kRateDecimals, result);
  v.number("monthly_rate", w.monthly_rate, kRateDecimals, result);
  v.number("experience_mean_days", w.experience_mean_days, kHoursDecimals, result);
  v.number("experience_p10_days", w.experience_p10_days, kHoursDecimals, result);
  v.number("experience_p50_days", w.experience_p50_days, kHoursDecimals, result);
  v.number("experience_p90_days", w.experience_p90_days, kHoursDecimals, result);
  v.number("novice_share", w.novice_share, kRateDecimals, result);
  v.end_object();

  v.begin_object("groups");
  visit_group(v, "women", w.women);
  visit_group(v, "men", w.men);
  visit_group(v, "disabled", w.disabled);
  visit_group(v, "not_disabled", w.not_disabled);
  v.end_object();
}

}  // namespace

void visit(const RunSummary& s, Visitor& v) {
  constexpr Role result = Role::result;

  v.begin_object("scenario");
  v.text("name", s.scenario_name);
  v.text("start", s.start);
  v.number("duration_h", s.duration_h, kHoursDecimals, result);
  v.end_object();
  v.count("seed", s.seed, Role::identity);

  v.begin_object("orders");
  v.count("created", s.orders_created, result);
  v.count("delivered", s.orders_delivered, result);
  v.count("cancelled", s.orders_cancelled, result);
  v.count("cancelled_unassigned", s.orders_cancelled_unassigned, result);
  v.count("open_at_end", s.orders_open_at_end, result);
  v.begin_object("by_category");
  for (int i = 0; i < kMerchantCategoryCount; ++i) {
    const CategorySummary& category = s.by_category[static_cast<std::size_t>(i)];
    v.begin_object(to_string(static_cast<MerchantCategory>(i)));
    v.count("created", category.created, result);
    v.count("delivered", category.delivered, result);
    v.count("cancelled", category.cancelled, result);
    v.number("on_time_rate", category.on_time_rate, kRateDecimals, result);
    v.number("click_to_door_mean_min", category.click_to_door_mean_min, kMinutesDecimals, result);
    v.end_object();
  }
  v.end_object();
  v.end_object();

  v.begin_object("demand");
  v.count("without_open_merchant", s.demand_without_open_merchant, result);
  v.end_object();

  visit_minutes_stats(v, "click_to_door_min", s.click_to_door_min);
  visit_minutes_stats(v, "ready_to_pickup_min", s.ready_to_pickup_min);
  visit_minutes_stats(v, "placed_to_assigned_min", s.placed_to_assigned_min);
  v.number("on_time_rate", s.on_time_rate, kRateDecimals, result);
  v.number("cancellation_rate", s.cancellation_rate, kRateDecimals, result);
  v.begin_object("lateness_min");
  v.number("mean", s.mean_lateness_min, kMinutesDecimals, result);
  v.end_object();

  v.begin_object("riders");
  v.count("count", s.riders_count, result);
  v.number("hours", s.rider_hours, kHoursDecimals, result);
  v.number("utilization", s.riders_utilization, kRateDecimals, result);
  v.number("earnings_total", s.riders_earnings_total, kMoneyDecimals, result);
  v.number("earnings_per_hour", s.riders_earnings_per_hour, kMoneyDecimals, result);
  v.number("orders_per_hour", s.riders_orders_per_hour, kPerHourDecimals, result);
  v.number("distance_km", s.riders_distance_km, kKmDecimals, result);
  v.end_object();

  v.begin_object("dispatch");
  v.text("strategy", s.dispatch_strategy);
  v.count("offers", s.dispatch_offers, result);
  v.count("offers_refused", s.dispatch_offers_refused, result);
  v.count("rider_give_backs", s.dispatch_rider_give_backs, result);
  v.end_object();

  visit_welfare(v, s.welfare);

  v.begin_object("ferry");
  v.count("routes", s.ferry.routes, result);
  v.count("sailings", s.ferry.sailings, result);
  v.count("cancelled_sailings", s.ferry.cancelled_sailings, result);
  v.count("crossings", s.ferry.crossings, result);
  visit_minutes_stats(v, "wait_min", s.ferry.wait_min);
  v.end_object();

  v.begin_object("zones");
  for (const ZoneSummary& zone : s.zones) {
    v.begin_object(zone.name);
    v.count("orders", zone.created, result);
    v.count("delivered", zone.delivered, result);
    v.count("cancelled", zone.cancelled, result);
    v.number("on_time_rate", zone.on_time_rate, kRateDecimals, result);
    v.number("click_to_door_mean_min", zone.click_to_door_mean_min, kMinutesDecimals, result);
    v.number("click_to_door_p90_min", zone.click_to_door_p90_min, kMinutesDecimals, result);
    v.end_object();
  }
  v.end_object();

  v.begin_object("weather");
  v.begin_object("hours");
  for (int i = 0; i < kWeatherStateCount; ++i) {
    v.number(to_string(static_cast<WeatherState>(i)), s.weather_hours[static_cast<std::size_t>(i)],
             kHoursDecimals, result);
  }
  v.end_object();
  v.end_object();

  v.hourly(s.hourly);

  v.begin_object("engine");
  v.count("events", s.engine_events, result);
  v.number("wall_s", s.engine_wall_s, kWallSecondsDecimals, Role::machine);
  v.number("events_per_s", s.engine_events_per_s, 0, Role::machine);
  v.end_object();
}

}  // namespace knightsim::summary_fields
