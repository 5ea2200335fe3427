// Turnover: riders quit at day boundaries by the documented hazard, fleets recruit novices back
// to size, and turnover falls when the social-insurance subsidy raises expected welfare.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// Ten days of short lunch shifts; a quit hazard far above real ones (8% a day) so that ten days
/// weeks show enough quits to compare.
ScenarioSpec churning_fleet() {
  ScenarioSpec spec = testing::small_city(24, 40);
  spec.start = {2026, 6, 15, 0, 0};  // a Monday
  spec.duration_ms = 10 * kMsPerDay;
  spec.riders.fleets[0].shift_start_ms = 11 * kMsPerHour;
  spec.riders.fleets[0].shift_end_ms = 16 * kMsPerHour;
  spec.safety.incidents_per_million_km = 0.0;
  spec.turnover.enabled = true;
  spec.turnover.base_daily_quit = 0.08;
  spec.turnover.reservation_wage_per_hour = 10.0;
  spec.turnover.reserve_per_rider = 3.0;
  return spec;
}

}  // namespace

TEST_CASE("turnover falls when the social-insurance subsidy raises expected welfare") {
  ScenarioSpec without = churning_fleet();
  ScenarioSpec with = without;
  with.policies.social_insurance.enabled = true;
  with.policies.social_insurance.min_hours_per_day = 4.0;
  double quits_without = 0, quits_with = 0, decisions_without = 0, decisions_with = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    Simulation a(without, seed), b(with, seed);
    a.run();
    b.run();
    quits_without += static_cast<double>(a.welfare_totals().quits);
    decisions_without += static_cast<double>(a.welfare_totals().quit_decisions);
    quits_with += static_cast<double>(b.welfare_totals().quits);
    decisions_with += static_cast<double>(b.welfare_totals().quit_decisions);
    CHECK(b.welfare_totals().covered_rider_days > 0);
    CHECK(b.welfare_totals().social_insurance_cost > 0.0);
  }
  INFO("quits without " << quits_without << " of " << decisions_without << ", with " << quits_with
                        << " of " << decisions_with);
  REQUIRE(quits_without >= 20);
  // The subsidy cuts the daily hazard by 30% on covered days (every day worked here).
  CHECK(quits_with / decisions_with < 0.85 * (quits_without / decisions_without));
}

TEST_CASE("fleets recruit novices back to size, and riders who quit work no more") {
  const ScenarioSpec spec = churning_fleet();
  Simulation sim(spec, 2);
  testing::InvariantObserver invariants(sim.riders().size());
  sim.add_observer(&invariants);
  sim.run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  testing::check_world(sim);
  const WelfareTotals& totals = sim.welfare_totals();
  REQUIRE(totals.quits > 0);
  CHECK(totals.recruits >= totals.quits - 1);  // one may quit on the last evening
  CHECK(totals.recruits_missing == 0);
  int hired_at_end = 0;
  for (const Rider& rider : sim.riders()) {
    if (rider.hired_ms == kNever) {
      CHECK(rider.on_shift_ms == 0);  // a reserve never hired never works
      continue;
    }
    if (rider.quit_ms != kNever) {
      CHECK(rider.last_shift_end_ms <= rider.quit_ms);
      CHECK_FALSE(rider.on_shift);
    } else {
      ++hired_at_end;
    }
    if (rider.hired_ms > 0) {
      // Recruits are novices: their experience is the days they worked in the run.
      CHECK(rider.experience_days == doctest::Approx(rider.days_worked));
      CHECK(rider.first_shift_start_ms > rider.hired_ms);
    }
  }
  CHECK(hired_at_end >= 23);
  const RunSummary summary = summarize(sim);
  CHECK(summary.welfare.quits == totals.quits);
  CHECK(summary.welfare.quits_per_rider_day > 0.0);
  CHECK(summary.welfare.monthly_rate > summary.welfare.quits_per_rider_day);
  CHECK(summary.welfare.novice_share > 0.0);
  CHECK(summary.welfare.experience_p10_days <= summary.welfare.experience_p90_days);
  CHECK(summary.riders_count == static_cast<std::uint64_t>(24) + totals.recruits);
}

TEST_CASE("low pay against the reservation wage raises turnover") {
  ScenarioSpec fair = churning_fleet();
  fair.turnover.reservation_wage_per_hour = 5.0;  // everyone earns well above it
  ScenarioSpec poor = churning_fleet();
  poor.turnover.reservation_wage_per_hour = 200.0;  // nobody does
  Simulation a(fair, 1), b(poor, 1);
  a.run();
  b.run();
  CHECK(b.welfare_totals().quits > 2 * a.welfare_totals().quits);
}
