// The Zhoushan scenarios: they load, keep the engine's invariants, and the typhoon day costs the
// ferry-only islands their service while the calm day does not.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "invariants.hpp"
#include "knightsim/ferry_schedule.hpp"
#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"
#include "scenario_loader_testing.hpp"

using namespace knightsim;

namespace {

ScenarioSpec load_zhoushan(const std::string& file,
                           const std::vector<ScenarioOverride>& overrides = {}) {
  const ScenarioLoadResult result = load_scenario_file(
      std::string(KNIGHTSIM_SOURCE_DIR) + "/scenarios/zhoushan/" + file, overrides);
  INFO(loader_testing::all_problems(result));
  REQUIRE(result.ok());
  return *result.spec;
}

/// Orders delivered on time per order placed, over the islands only ferries reach.
double ferry_islands_on_time_per_order(const RunSummary& summary) {
  double on_time = 0.0, placed = 0.0;
  for (const ZoneSummary& zone : summary.zones) {
    if (zone.name == "Qushan" || zone.name == "Putuoshan" || zone.name == "Taohua" ||
        zone.name == "Sijiao") {
      on_time += zone.on_time_rate * static_cast<double>(zone.delivered);
      placed += static_cast<double>(zone.created);
    }
  }
  return placed > 0 ? on_time / placed : 0.0;
}

}  // namespace

TEST_CASE("Sijiao station: one ferry-only island, school-hours riders, invariants over a day") {
  const ScenarioSpec spec = load_zhoushan("sijiao-station.yaml");
  REQUIRE(spec.map.islands.size() == 1);
  CHECK(spec.map.islands[0].name == "Sijiao");
  CHECK(spec.map.bridges.empty());
  CHECK(spec.stations.size() == 1);
  CHECK(spec.riders.fleets[0].count == 12);
  CHECK(spec.riders.fleets[0].shift_start_ms == 8 * kMsPerHour + 30 * kMsPerMinute);
  CHECK(spec.riders.fleets[0].shift_end_ms == 15 * kMsPerHour);
  // About 21 km² of island (an ellipse of 10 × 5.7 km covers 44.8 km² of box × π/4).
  CHECK(area_m2(spec.map.islands[0].outline) / 1e6 == doctest::Approx(44.8).epsilon(0.05));
  testing::run_and_check("sijiao-station", spec, spec.seed);
}

TEST_CASE("the archipelago and the typhoon day differ only in their weather") {
  const ScenarioSpec calm = load_zhoushan("archipelago.yaml", {{"duration", "3h"}});
  const ScenarioSpec typhoon = load_zhoushan("typhoon.yaml", {{"duration", "3h"}});
  REQUIRE(calm.map.islands.size() == typhoon.map.islands.size());
  CHECK(calm.map.islands.size() >= 6);
  CHECK(calm.map.ferries.size() == typhoon.map.ferries.size());
  CHECK(calm.map.bridges.size() == typhoon.map.bridges.size());
  CHECK(calm.riders.fleets.size() == typhoon.riders.fleets.size());
  CHECK(calm.demand.orders_per_hour == typhoon.demand.orders_per_hour);
  CHECK(calm.weather.marine.empty());
  const auto strongest = std::max_element(
      typhoon.weather.marine.begin(), typhoon.weather.marine.end(),
      [](const MarineChange& a, const MarineChange& b) { return a.wind_force < b.wind_force; });
  REQUIRE(strongest != typhoon.weather.marine.end());
  CHECK(strongest->wind_force >= 10);
  testing::run_and_check("archipelago (3 h)", calm, calm.seed);
}

TEST_CASE("the typhoon delivers fewer ferry-island orders on time than the calm day") {
  // The morning to 13:00: the typhoon stops the high-speed craft from 08:00, everything at 10:00.
  const std::vector<ScenarioOverride> morning = {{"duration", "6h"}};
  const ScenarioSpec calm = load_zhoushan("archipelago.yaml", morning);
  const ScenarioSpec typhoon = load_zhoushan("typhoon.yaml", morning);
  Simulation calm_run(calm, 1), typhoon_run(typhoon, 1);
  calm_run.run();
  typhoon_run.run();
  const RunSummary calm_summary = summarize(calm_run);
  const RunSummary typhoon_summary = summarize(typhoon_run);
  CHECK(calm_summary.ferry.cancelled_sailings == 0);
  CHECK(calm_summary.ferry.crossings > 0);
  CHECK(typhoon_summary.ferry.cancelled_sailings > typhoon_summary.ferry.sailings / 2);
  CHECK(typhoon_summary.ferry.crossings < calm_summary.ferry.crossings);
  for (const Sailing& sailing : typhoon_run.ferry_schedule()->sailings()) {
    if (sailing.cancelled) CHECK(sailing.booked == 0);
  }
  const double calm_share = ferry_islands_on_time_per_order(calm_summary);
  const double typhoon_share = ferry_islands_on_time_per_order(typhoon_summary);
  CAPTURE(calm_share);
  CAPTURE(typhoon_share);
  CHECK(typhoon_share < calm_share - 0.1);
}
