// Rider days: the engine's record of each rider's work per day worked adds up to the rider's
// run totals, a shift that crosses midnight belongs to the day it started, and the records
// change nothing else in the run.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// Four days of an evening fleet working 18:00–01:00 (across midnight) with an hourly
/// guarantee, weather and peak bonuses, incidents frequent enough to see, injury insurance,
/// disabled riders with their subsidy and turnover with a high quit hazard.
ScenarioSpec four_days() {
  ScenarioSpec spec = testing::small_city(16, 50);
  spec.start = {2026, 6, 15, 12, 0};  // a Monday, noon: day 0 is the first (short) day
  spec.duration_ms = 4 * kMsPerDay;
  FleetSpec& fleet = spec.riders.fleets[0];
  fleet.shift_start_ms = 18 * kMsPerHour;
  fleet.shift_end_ms = 1 * kMsPerHour;
  fleet.pay.hourly_guarantee = 45.0;
  fleet.pay.peak_bonus_per_order = 1.5;
  fleet.pay.peak_hours[19] = fleet.pay.peak_hours[20] = true;
  fleet.pay.weather_bonus_per_order[static_cast<std::size_t>(WeatherState::rain)] = 2.0;
  fleet.people.disabled_share = 0.3;
  spec.weather.timeline = {{30 * kMsPerHour, WeatherState::rain},
                           {34 * kMsPerHour, WeatherState::clear}};
  spec.safety.incidents_per_million_km = 20000.0;
  spec.policies.injury_insurance.enabled = true;
  spec.policies.disabled_support.enabled = true;
  spec.turnover.enabled = true;
  spec.turnover.base_daily_quit = 0.1;
  spec.turnover.reserve_per_rider = 2.0;
  return spec;
}

double hours(SimTime ms) {
  return static_cast<double>(ms) / static_cast<double>(kMsPerHour);
}

}  // namespace

TEST_CASE("rider days add up to each rider's run totals") {
  const ScenarioSpec spec = four_days();
  Simulation sim(spec, 5);
  testing::InvariantObserver invariants(sim.riders().size());
  sim.add_observer(&invariants);
  sim.run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  testing::check_world(sim);

  std::map<RiderId, RiderDay> sums;
  std::map<RiderId, int> records;
  const auto days = sim.rider_days();
  REQUIRE(!days.empty());
  for (std::size_t i = 0; i < days.size(); ++i) {
    const RiderDay& day = days[i];
    if (i > 0) {
      // (day, rider) order, one record per rider and day.
      const RiderDay& previous = days[i - 1];
      CHECK((previous.day < day.day || (previous.day == day.day && previous.rider < day.rider)));
    }
    CHECK(day.day >= 0);
    CHECK(day.day < 4);
    CHECK(day.on_shift_ms > 0);
    CHECK(day.busy_ms <= day.on_shift_ms);
    CHECK(day.guarantee_top_up >= 0.0);
    RiderDay& sum = sums[day.rider];
    ++records[day.rider];
    sum.on_shift_ms += day.on_shift_ms;
    sum.busy_ms += day.busy_ms;
    sum.orders_delivered += day.orders_delivered;
    sum.order_earnings += day.order_earnings;
    sum.guarantee_top_up += day.guarantee_top_up;
    sum.bonus_earnings += day.bonus_earnings;
    sum.subsidy += day.subsidy;
    sum.distance_m += day.distance_m;
    sum.incidents += day.incidents;
    sum.injuries += day.injuries;
    sum.insurance_payout += day.insurance_payout;
    sum.heat_exposure_ms += day.heat_exposure_ms;
    sum.peak_fatigue_h = std::max(sum.peak_fatigue_h, day.peak_fatigue_h);
  }

  double top_ups = 0.0, bonuses = 0.0, payouts = 0.0, subsidies = 0.0;
  int incidents = 0, recruits_with_days = 0;
  for (const Rider& rider : sim.riders()) {
    CAPTURE(rider.id);
    if (rider.on_shift_ms == 0) {
      CHECK(sums.count(rider.id) == 0);  // no work, no record
      continue;
    }
    REQUIRE(sums.count(rider.id) == 1);
    const RiderDay& sum = sums[rider.id];
    CHECK(sum.on_shift_ms == rider.on_shift_ms);
    CHECK(sum.busy_ms == rider.busy_ms);
    CHECK(sum.orders_delivered == rider.orders_delivered);
    CHECK(sum.order_earnings == doctest::Approx(rider.order_earnings).epsilon(1e-9));
    CHECK(sum.order_earnings + sum.guarantee_top_up ==
          doctest::Approx(rider.earnings).epsilon(1e-9));
    CHECK(sum.bonus_earnings == doctest::Approx(rider.bonus_earnings).epsilon(1e-9));
    CHECK(sum.subsidy == doctest::Approx(rider.subsidy).epsilon(1e-9));
    CHECK(sum.distance_m == doctest::Approx(rider.distance_m).epsilon(1e-9));
    CHECK(sum.incidents == rider.incidents);
    CHECK(sum.injuries == rider.injuries);
    CHECK(sum.insurance_payout == doctest::Approx(rider.insurance_payout).epsilon(1e-9));
    CHECK(sum.heat_exposure_ms == rider.heat_exposure_ms);
    CHECK(sum.peak_fatigue_h <= rider.peak_fatigue_h + 1e-9);
    // 18:00–01:00 is one working day, not two: at most one record per shift started in the
    // run (Monday to Thursday evenings).
    CHECK(records[rider.id] <= 4);
    CHECK(records[rider.id] <= rider.days_worked);
    top_ups += sum.guarantee_top_up;
    bonuses += sum.bonus_earnings;
    payouts += sum.insurance_payout;
    subsidies += sum.subsidy;
    incidents += sum.incidents;
    if (rider.hired_ms > 0) ++recruits_with_days;
  }
  // The fixture exercises what it claims to: guarantee, bonuses, incidents with payouts,
  // subsidies and recruits who worked.
  CHECK(top_ups > 0.0);
  CHECK(bonuses > 0.0);
  CHECK(incidents > 0);
  CHECK(payouts > 0.0);
  CHECK(subsidies > 0.0);
  CHECK(sim.welfare_totals().quits > 0);
  CHECK(recruits_with_days > 0);
}

TEST_CASE("a shift across midnight is one day, dated the day it started") {
  ScenarioSpec spec = four_days();
  spec.turnover.enabled = false;
  spec.safety.incidents_per_million_km = 0.0;
  Simulation sim(spec, 3);
  sim.run();
  // Monday noon start: the shifts start on days 0 (Monday), 1, 2 and 3; the one starting
  // Thursday 18:00 runs past the run's end (Friday noon is the horizon, so it is complete).
  std::map<std::int64_t, int> riders_by_day;
  for (const RiderDay& day : sim.rider_days()) {
    ++riders_by_day[day.day];
    CHECK(day.on_shift_ms >= 7 * kMsPerHour);  // the whole shift, both sides of midnight
    CHECK(day.on_shift_ms < 8 * kMsPerHour);   // plus at most the last delivery
    CHECK(sim.clock().time_of_day_ms(day.day_start_ms) == 0);
    CHECK(sim.clock().day_index(day.day_start_ms) - sim.clock().day_index(0) == day.day);
  }
  CHECK(riders_by_day == std::map<std::int64_t, int>{{0, 16}, {1, 16}, {2, 16}, {3, 16}});
  std::ostringstream csv;
  write_rider_days_csv(csv, sim);
  const std::string text = csv.str();
  CHECK(text.rfind("rider_id,day,date,fleet,hours_on_shift,hours_busy,orders_delivered,", 0) == 0);
  CHECK(text.find("\n0,0,2026-06-15,crew,") != std::string::npos);
  CHECK(text.find("\n0,3,2026-06-18,crew,") != std::string::npos);
  CHECK(text.find("2026-06-19") == std::string::npos);  // nothing dated the day after
}

TEST_CASE("rider days change nothing else in a run") {
  // The records are bookkeeping: two runs of the same scenario agree, with or without reading
  // them, and the rider totals match the records in a one-shift run too.
  const ScenarioSpec spec = testing::small_city();
  Simulation sim(spec, 11);
  sim.run();
  REQUIRE(sim.rider_days().size() == spec.riders.fleets[0].count);
  for (const RiderDay& day : sim.rider_days()) {
    const Rider& rider = sim.riders()[day.rider];
    CHECK(day.day == 0);
    CHECK(day.on_shift_ms == rider.on_shift_ms);
    CHECK(day.orders_delivered == rider.orders_delivered);
    CHECK(hours(day.on_shift_ms) > 0.0);
  }
}
