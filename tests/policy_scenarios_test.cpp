// The City Knights scenarios in scenarios/policies/: every variant loads, differs from the
// baseline in its policy only (so `compare` measures the policy, with common random numbers),
// and the baseline keeps the engine's invariants.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "invariants.hpp"
#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"
#include "scenario_loader_testing.hpp"

using namespace knightsim;

namespace {

std::string policies_dir() {
  return std::string(KNIGHTSIM_SOURCE_DIR) + "/scenarios/policies/";
}

ScenarioSpec load(const std::string& file) {
  const ScenarioLoadResult result = load_scenario_file(policies_dir() + file);
  INFO(file << ": " << loader_testing::all_problems(result));
  REQUIRE(result.ok());
  return *result.spec;
}

int policies_on(const PoliciesSpec& p) {
  return p.social_insurance.enabled + p.injury_insurance.enabled + p.heat_cold_insurance.enabled +
         p.women_opt_out.enabled + p.disabled_support.enabled + p.career_ladder.enabled;
}

}  // namespace

TEST_CASE("each policy variant is the baseline with one policy on") {
  const ScenarioSpec baseline = load("baseline.yaml");
  CHECK(policies_on(baseline.policies) == 0);
  CHECK(baseline.turnover.enabled);
  CHECK(baseline.duration_ms == 7 * kMsPerDay);
  int variants = 0;
  for (const auto& entry : std::filesystem::directory_iterator(policies_dir())) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".yaml" || file == "baseline.yaml") continue;
    CAPTURE(file);
    ScenarioSpec variant = load(file);
    CHECK(policies_on(variant.policies) == 1);
    // Everything else as in the baseline: fleets, people, rosters, demand, weather, safety.
    CHECK(variant.riders.fleets.size() == baseline.riders.fleets.size());
    for (std::size_t f = 0; f < baseline.riders.fleets.size(); ++f) {
      const FleetSpec& a = baseline.riders.fleets[f];
      const FleetSpec& b = variant.riders.fleets[f];
      CHECK(a.count == b.count);
      CHECK(a.people.women_share == b.people.women_share);
      CHECK(a.people.disabled_share == b.people.disabled_share);
      CHECK(a.roster.windows.size() == b.roster.windows.size());
      CHECK(a.pay.per_order == b.pay.per_order);
    }
    CHECK(variant.demand.orders_per_hour == baseline.demand.orders_per_hour);
    CHECK(variant.weather.timeline.size() == baseline.weather.timeline.size());
    CHECK(variant.safety.incidents_per_million_km == baseline.safety.incidents_per_million_km);
    CHECK(variant.duration_ms == baseline.duration_ms);
    ++variants;
  }
  CHECK(variants >= 6);
}

TEST_CASE("two days of the baseline week keep the invariants") {
  ScenarioSpec spec = load("baseline.yaml");
  spec.duration_ms = 2 * kMsPerDay;
  testing::run_and_check("policies-baseline (2 days)", spec, 1);
}
