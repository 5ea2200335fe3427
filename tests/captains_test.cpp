// CareerLadder captains: experienced riders carry more orders in the configured peak hours only,
// the engine's capacity checks follow the raised capacity, and the bonus is a platform cost.
#include <doctest/doctest.h>

#include <sstream>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"
#include "knightsim/welfare_summary.hpp"

using namespace knightsim;

namespace {

/// Busy enough that riders fill up; 11:00–14:00 with the 12:00 hour a captains' peak.
ScenarioSpec captains_city(int extra_capacity) {
  ScenarioSpec spec = testing::small_city(8, 200);
  spec.duration_ms = 3 * kMsPerHour;
  spec.policies.career_ladder.enabled = true;
  spec.policies.career_ladder.captain_after_days = 0;  // everyone is a captain
  spec.policies.career_ladder.captain_extra_capacity = extra_capacity;
  spec.policies.career_ladder.captain_peak_hours[12] = true;
  spec.policies.career_ladder.captain_bonus_per_hour = 10;
  return spec;
}

struct LoadWatch final : SimulationObserver {
  void on_order_assigned(const Order&, const Rider& rider, SimTime now) override {
    const int fleet_capacity = 2;
    if (rider.assigned_open <= fleet_capacity) return;
    const SimTime hour = 11 + now / kMsPerHour;  // the run starts at 11:00
    (hour == 12 ? over_in_peak : over_outside_peak) += 1;
  }
  int over_in_peak = 0, over_outside_peak = 0;
};

}  // namespace

TEST_CASE("captains carry more than their capacity only in peak hours, and only when on") {
  for (const int extra : {0, 2}) {
    INFO("extra capacity " << extra);
    Simulation sim(captains_city(extra), 3);
    LoadWatch watch;
    testing::InvariantObserver invariants(sim.riders().size());
    sim.add_observer(&watch);
    sim.add_observer(&invariants);
    sim.run();
    CHECK(invariants.problems.empty());
    CHECK(watch.over_outside_peak == 0);
    if (extra == 0) {
      CHECK(watch.over_in_peak == 0);
      CHECK(sim.welfare_totals().captain_bonuses == 0.0);
    } else {
      CHECK(watch.over_in_peak > 0);
      // 8 captains on shift at 12:00, 10 each.
      CHECK(sim.welfare_totals().captain_bonuses == doctest::Approx(80.0));
      CHECK(summarize_welfare(sim).platform_cost >= 80.0);
    }
  }
}

TEST_CASE("summary.json reports welfare.captain_bonuses: > 0 with captains, 0 without") {
  for (const int extra : {0, 2}) {
    INFO("extra capacity " << extra);
    Simulation sim(captains_city(extra), 3);
    sim.run();
    const RunSummary summary = summarize(sim);
    std::ostringstream json;
    write_summary_json(json, summary);
    if (extra == 0) {
      CHECK(summary.welfare.captain_bonuses == 0.0);
      CHECK(json.str().find("\"captain_bonuses\": 0.00,") != std::string::npos);
    } else {
      // 8 captains on shift at 12:00, 10 each: its own key, and part of the platform cost.
      CHECK(summary.welfare.captain_bonuses == doctest::Approx(80.0));
      CHECK(summary.welfare.platform_cost ==
            doctest::Approx(summary.welfare.captain_bonuses + summary.welfare.training_cost));
      CHECK(json.str().find("\"captain_bonuses\": 80.00,") != std::string::npos);
    }
  }
}
