// Scenario files: riders as people (fleets' kind, people, roster, pay bonuses; stations'
// capacity, amenities and hours; safety, policies and turnover) map to the spec, and bad values
// are reported at their file position and field.
#include <doctest/doctest.h>

#include <string>

#include "knightsim/scenario_loader.hpp"
#include "scenario_loader_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;

namespace {

constexpr const char* kPeople = R"(name: people
stations:
  - {name: hub, x_m: 100, y_m: 100}
  - {name: rest, x_m: 200, y_m: 200, capacity: 4, amenities: [rest, first_aid],
     opens: "08:00", closes: "23:00"}
merchants:
  - {category: restaurant, count: 5}
demand:
  stairs_share: 0.2
  categories:
    grocery: {share: 0}
    pharmacy: {share: 0}
    convenience: {share: 0}
riders:
  fleets:
    - name: split
      count: 2
      kind: part_time
      people: {women_share: 0.4, disabled_share: 0.1, experience_days_mean: 30,
               experience_days_sd: 20, age_bands: {under_30: 1, 45_plus: 1}}
      roster:
        days: [mon, wed, sat]
        windows: [{start: "11:00", end: "14:00"}, {start: "17:00", end: "21:00"}]
        break_after: 2h
        break: 15min
      pay: {per_order: 5, weather_bonus: {rain: 1, storm: 3}, peak_bonus: 2, peak_hours: [12, 19]}
weather:
  effects:
    heat: {temperature_c: 39}
safety:
  incidents_per_million_km: 20
  weather_factor: {storm: 4}
  injury_days_off: 3d
  heat_c: 33
policies:
  social_insurance: {share: 0.6}
  women_opt_out: {max_weight_kg: 4, night_from: "21:00", night_to: "05:00", cancel_share: 0.05}
  disabled_support: {stairs_free: false, priority: 5min}
  career_ladder: {enabled: false}
turnover:
  base_daily_quit: 0.01
  reserve_per_rider: 2
)";

}  // namespace

TEST_CASE("scenario loader: riders as people map to the right spec values") {
  const ScenarioLoadResult result = load(kPeople);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  REQUIRE(spec.stations.size() == 2);
  CHECK(spec.stations[0].rest);
  CHECK(spec.stations[0].capacity == 0);
  CHECK(spec.stations[1].capacity == 4);
  CHECK(spec.stations[1].rest);
  CHECK(spec.stations[1].first_aid);
  CHECK_FALSE(spec.stations[1].charging);
  CHECK(spec.stations[1].opens_ms == 8 * kMsPerHour);
  CHECK(spec.stations[1].closes_ms == 23 * kMsPerHour);
  CHECK(spec.stairs_share == 0.2);

  const FleetSpec& fleet = spec.riders.fleets[0];
  CHECK(fleet.kind == FleetKind::part_time);
  CHECK(fleet.people.women_share == 0.4);
  CHECK(fleet.people.disabled_share == 0.1);
  CHECK(fleet.people.experience_days_mean == 30);
  CHECK(fleet.people.age_band_shares == std::array<double, 3>{1, 0, 1});
  CHECK(fleet.roster.work_days_mask == 0b0100101);
  REQUIRE(fleet.roster.windows.size() == 2);
  CHECK(fleet.roster.windows[1].start_ms == 17 * kMsPerHour);
  CHECK(fleet.roster.windows[1].end_ms == 21 * kMsPerHour);
  CHECK(fleet.roster.break_after_ms == 2 * kMsPerHour);
  CHECK(fleet.roster.break_ms == 15 * kMsPerMinute);
  CHECK(fleet.pay.weather_bonus_per_order[static_cast<std::size_t>(WeatherState::storm)] == 3);
  CHECK(fleet.pay.peak_bonus_per_order == 2);
  CHECK(fleet.pay.peak_hours[19]);
  CHECK_FALSE(fleet.pay.peak_hours[18]);

  CHECK(spec.weather.effects[static_cast<std::size_t>(WeatherState::heat)].temperature_c == 39);
  CHECK(spec.safety.incidents_per_million_km == 20);
  CHECK(spec.safety.weather_factor[static_cast<std::size_t>(WeatherState::storm)] == 4);
  CHECK(spec.safety.weather_factor[static_cast<std::size_t>(WeatherState::rain)] == 1.5);
  CHECK(spec.safety.injury_days_off_ms == 3 * kMsPerDay);
  CHECK(spec.safety.heat_c == 33);

  CHECK(spec.policies.social_insurance.enabled);
  CHECK(spec.policies.social_insurance.share == 0.6);
  CHECK(spec.policies.women_opt_out.enabled);
  CHECK(spec.policies.women_opt_out.night_from_ms == 21 * kMsPerHour);
  CHECK(spec.policies.women_opt_out.cancel_share == 0.05);
  CHECK(spec.policies.disabled_support.enabled);
  CHECK_FALSE(spec.policies.disabled_support.stairs_free);
  CHECK(spec.policies.disabled_support.priority_ms == 5 * kMsPerMinute);
  CHECK_FALSE(spec.policies.career_ladder.enabled);     // listed, but switched off
  CHECK_FALSE(spec.policies.injury_insurance.enabled);  // not listed
  CHECK(spec.turnover.enabled);
  CHECK(spec.turnover.base_daily_quit == 0.01);
  CHECK(spec.turnover.reserve_per_rider == 2);

  // --set switches a policy on and off.
  const ScenarioLoadResult off =
      load(kPeople, {{"policies.women_opt_out.enabled", "false"}, {"turnover.enabled", "no"}});
  INFO(all_problems(off));
  REQUIRE(off.ok());
  CHECK_FALSE(off.spec->policies.women_opt_out.enabled);
  CHECK_FALSE(off.spec->turnover.enabled);
}

TEST_CASE("scenario loader: without the new sections nothing is on") {
  const ScenarioLoadResult result = load(kMinimal);
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  CHECK_FALSE(spec.policies.social_insurance.enabled);
  CHECK_FALSE(spec.policies.women_opt_out.enabled);
  CHECK_FALSE(spec.turnover.enabled);
  CHECK(spec.riders.fleets[0].roster.windows.empty());
  CHECK(spec.riders.fleets[0].roster.break_after_ms == 0);
  CHECK(spec.safety.incidents_per_million_km == 10.0);
}

TEST_CASE("scenario loader: bad riders-as-people values name their file position and field") {
  const auto problem_for = [](const std::string& extra) {
    const ScenarioLoadResult result = load_minimal_plus(extra);
    CHECK_FALSE(result.ok());
    return all_problems(result);
  };
  CHECK(problem_for("      kind: gig\n")
            .find("x.yaml:13:13: riders.fleets[0].kind: unknown fleet "
                  "kind 'gig'") != std::string::npos);
  CHECK(problem_for("      people: {women_share: 1.5}\n")
            .find("riders.fleets[0].people.women_share: must be between 0 and 1") !=
        std::string::npos);
  CHECK(problem_for("      roster: {days: [mon, tuesday]}\n")
            .find("riders.fleets[0].roster.days[1]: unknown weekday 'tuesday'") !=
        std::string::npos);
  CHECK(problem_for("      roster: {windows: [{start: \"10:00\", end: \"14:00\"}, "
                    "{start: \"13:00\", end: \"18:00\"}]}\n")
            .find("riders.fleets[0].roster.windows[1]: overlaps window 0") != std::string::npos);
  CHECK(problem_for("      roster: {windows: [{start: \"10:00\"}]}\n")
            .find("missing required key 'end'") != std::string::npos);
  CHECK(problem_for("      pay: {peak_hours: [24]}\n")
            .find("riders.fleets[0].pay.peak_hours[0]: must be between 0 and 23") !=
        std::string::npos);
  CHECK(problem_for("policies: {women_opt_out: {cancel_share: 0.9}}\n")
            .find("x.yaml:13:42: policies.women_opt_out.cancel_share: must be between 0 and 0.5") !=
        std::string::npos);
  CHECK(problem_for("policies: {heat_cold_insurence: {}}\n")
            .find("policies.heat_cold_insurence: unknown key 'heat_cold_insurence' (did you mean "
                  "'heat_cold_insurance'?)") != std::string::npos);
  CHECK(problem_for("safety: {heat_c: -5, cold_c: 0}\n")
            .find("safety.cold_c: must be below heat_c") != std::string::npos);
  CHECK(problem_for("policies: {disabled_support: {stairs_free: maybe}}\n")
            .find("policies.disabled_support.stairs_free: unknown truth value 'maybe'") !=
        std::string::npos);
}

TEST_CASE("scenario loader: a fleet's battery and a charging station") {
  const ScenarioLoadResult off = load(kMinimal);
  REQUIRE(off.ok());
  CHECK(off.spec->riders.fleets[0].battery.range_km == 0.0);  // no battery model by default

  const ScenarioLoadResult on = load_minimal_plus(
      "      battery_range_km: 80\n"
      "      recharge_below_share: 0.25\n"
      "      battery_swap: 3min\n"
      "stations:\n"
      "  - {name: hub, x_m: 100, y_m: 100, amenities: [rest, charging]}\n");
  REQUIRE(on.ok());
  const BatterySpec& battery = on.spec->riders.fleets[0].battery;
  CHECK(battery.range_km == 80.0);
  CHECK(battery.recharge_below_share == 0.25);
  CHECK(battery.swap_ms == 3 * kMsPerMinute);
  CHECK(on.spec->stations[0].charging);

  const auto problem_for = [](const std::string& extra) {
    const ScenarioLoadResult result = load_minimal_plus(extra);
    CHECK_FALSE(result.ok());
    return all_problems(result);
  };
  CHECK(problem_for("      battery_range_km: -5\n")
            .find("x.yaml:13:25: riders.fleets[0].battery_range_km: must be between 0 and 1000") !=
        std::string::npos);
  CHECK(problem_for("      battery_range_km: 0.5\n")
            .find("x.yaml:13:25: riders.fleets[0].battery_range_km: must be 0 (no battery "
                  "model) or at least 1 (km)") != std::string::npos);
  CHECK(problem_for("      recharge_below_share: 0.95\n")
            .find("x.yaml:13:29: riders.fleets[0].recharge_below_share: must be between 0.01 "
                  "and 0.9") != std::string::npos);
  CHECK(problem_for("      battery_swap: 5h\n")
            .find("x.yaml:13:21: riders.fleets[0].battery_swap: must be <= 4h") !=
        std::string::npos);
  CHECK(problem_for("      battery_swap: 0s\n").find("riders.fleets[0].battery_swap:") !=
        std::string::npos);
  CHECK(problem_for("      battery_rang_km: 80\n")
            .find("unknown key 'battery_rang_km' (did you mean 'battery_range_km'?)") !=
        std::string::npos);
}
