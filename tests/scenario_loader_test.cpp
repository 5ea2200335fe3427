// Scenario loading: YAML text → ScenarioSpec, and the problems reported for bad input (syntax,
// unknown keys, types, values, cross-field checks, the weather timeline).
#include "knightsim/scenario_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenario_loader_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;

TEST_CASE("scenario loader: a complete scenario maps to the right spec values") {
  const ScenarioLoadResult result = load(kComplete);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.problems.empty());
  const ScenarioSpec& spec = *result.spec;

  CHECK(spec.name == "full");
  CHECK(spec.description == "every field");
  CHECK(spec.start == CivilDateTime{2026, 6, 17, 22, 30});
  CHECK(spec.duration_ms == 4 * kMsPerHour);
  CHECK(spec.seed == 42);

  CHECK(spec.city.width_m == 6000.0);
  CHECK(spec.city.height_m == 5000.0);
  CHECK(spec.city.block_m == 100.0);
  CHECK(spec.city.arterial_every_blocks == 5);
  CHECK(spec.city.arterial_speed_factor == 1.5);
  CHECK(spec.city.detour_factor == 1.3);
  CHECK(spec.city.density_base_weight == 0.5);
  REQUIRE(spec.city.hotspots.size() == 1);
  CHECK(spec.city.hotspots[0].name == "centre");
  CHECK(spec.city.hotspots[0].x_m == 3000.0);
  CHECK(spec.city.hotspots[0].y_m == 2500.0);
  CHECK(spec.city.hotspots[0].radius_m == 900.0);
  CHECK(spec.city.hotspots[0].weight == 2.0);

  REQUIRE(spec.stations.size() == 2);
  CHECK(spec.stations[1].name == "south");
  CHECK(spec.stations[1].x_m == 3000.0);
  CHECK(spec.stations[1].y_m == 4000.0);

  REQUIRE(spec.merchants.size() == 4);
  CHECK(spec.merchants[0].category == MerchantCategory::restaurant);
  CHECK(spec.merchants[0].count == 40);
  CHECK(spec.merchants[0].prep_time_mean_ms == 90 * kMsPerMinute);
  CHECK(spec.merchants[0].prep_time_sd_ms == 90 * kMsPerSecond);
  CHECK(spec.merchants[0].opens_ms == 10 * kMsPerHour);
  CHECK(spec.merchants[0].closes_ms == kMsPerDay);  // "24:00"
  CHECK(spec.merchants[1].category == MerchantCategory::grocery);
  CHECK(spec.merchants[1].prep_time_mean_ms == 90 * kMsPerMinute);  // 1.5h
  CHECK(spec.merchants[1].prep_time_sd_ms == 500);
  CHECK(spec.merchants[1].opens_ms == 0);  // opens == closes: around the clock
  CHECK(spec.merchants[1].closes_ms == kMsPerDay);
  CHECK(spec.merchants[2].opens_ms == 20 * kMsPerHour);  // closes after midnight
  CHECK(spec.merchants[2].closes_ms == 2 * kMsPerHour);
  CHECK(spec.merchants[3].category == MerchantCategory::convenience);

  CHECK(spec.demand.orders_per_hour == 250.5);
  CHECK(spec.demand.hourly_profile[11] == 1.0);
  CHECK(spec.demand.hourly_profile[12] == 2.0);
  CHECK(spec.demand.hourly_profile[23] == 0.0);
  CHECK(spec.demand.weekend_factor == 1.25);
  CHECK(spec.demand.growth_factor == 2.0);
  CHECK(spec.demand.delivery_radius_m == 2500.0);
  const CategoryDemandSpec& restaurant = spec.demand.categories[0];
  CHECK(restaurant.share == 0.5);
  CHECK(restaurant.promise_base_ms == 25 * kMsPerMinute);
  CHECK(restaurant.promise_per_km_ms == 3 * kMsPerMinute);
  CHECK(restaurant.patience_ms == 40 * kMsPerMinute);
  CHECK(restaurant.weight_kg_mean == 1.5);
  CHECK(restaurant.weight_kg_sd == 0.25);
  CHECK(spec.demand.categories[1].share == 0.5);
  CHECK(spec.demand.categories[1].promise_base_ms == 35 * kMsPerMinute);  // grocery default
  CHECK(spec.demand.categories[2].share == 0.0);
  CHECK(spec.demand.categories[3].share == 0.10);  // convenience: not listed, default

  CHECK(spec.riders.pickup_service_ms == 3 * kMsPerMinute);
  CHECK(spec.riders.dropoff_service_ms == 1 * kMsPerMinute);
  CHECK(spec.riders.return_radius_m == 800.0);
  REQUIRE(spec.riders.fleets.size() == 2);
  const FleetSpec& day = spec.riders.fleets[0];
  CHECK(day.name == "day");
  CHECK(day.count == 12);
  CHECK(day.shift_start_ms == 8 * kMsPerHour);
  CHECK(day.shift_end_ms == 16 * kMsPerHour + 30 * kMsPerMinute);
  CHECK(day.speed_kmh == 15.5);
  CHECK(day.capacity == 4);
  CHECK(day.station == "south");
  CHECK(day.pay.per_order == 5.0);
  CHECK(day.pay.per_km == 0.5);
  CHECK(day.pay.hourly_guarantee == 20.0);
  const FleetSpec& night = spec.riders.fleets[1];
  CHECK(night.shift_start_ms == 22 * kMsPerHour);
  CHECK(night.shift_end_ms == 6 * kMsPerHour);  // next day
  CHECK(night.station.empty());

  CHECK(spec.dispatch.strategy == DispatchStrategy::earliest_pickup);

  CHECK(spec.weather.initial == WeatherState::rain);
  REQUIRE(spec.weather.timeline.size() == 3);
  // Start 22:30: "23:00" is 30 min in; "01:15" wraps past midnight; `after` counts from start.
  CHECK(spec.weather.timeline[0].at_ms == 30 * kMsPerMinute);
  CHECK(spec.weather.timeline[0].state == WeatherState::clear);
  CHECK(spec.weather.timeline[1].at_ms == 2 * kMsPerHour + 45 * kMsPerMinute);
  CHECK(spec.weather.timeline[1].state == WeatherState::snow);
  CHECK(spec.weather.timeline[2].at_ms == 3 * kMsPerHour);
  CHECK(spec.weather.timeline[2].state == WeatherState::storm);
  const auto rain = static_cast<std::size_t>(WeatherState::rain);
  CHECK(spec.weather.effects[rain].speed_factor == 0.5);
  CHECK(spec.weather.effects[rain].demand_factor == 2.0);
  CHECK(spec.weather.effects[0].speed_factor == 1.0);  // clear: default kept
}

TEST_CASE("scenario loader: omitted keys keep the defaults of scenario.hpp") {
  const ScenarioLoadResult result = load(kMinimal);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  const ScenarioSpec defaults;
  CHECK(spec.name == "tiny");
  CHECK(spec.description.empty());
  CHECK(spec.start == defaults.start);
  CHECK(spec.duration_ms == defaults.duration_ms);
  CHECK(spec.duration_ms == 4 * kMsPerHour);
  CHECK(spec.seed == defaults.seed);
  CHECK(spec.city.width_m == defaults.city.width_m);
  CHECK(spec.city.block_m == defaults.city.block_m);
  CHECK(spec.city.arterial_every_blocks == defaults.city.arterial_every_blocks);
  CHECK(spec.city.density_base_weight == defaults.city.density_base_weight);
  CHECK(spec.city.hotspots.empty());
  CHECK(spec.stations.empty());  // the engine adds "central"; the loader does not
  REQUIRE(spec.merchants.size() == 1);
  const MerchantGroupSpec merchant_defaults;
  CHECK(spec.merchants[0].prep_time_mean_ms == merchant_defaults.prep_time_mean_ms);
  CHECK(spec.merchants[0].prep_time_sd_ms == merchant_defaults.prep_time_sd_ms);
  CHECK(spec.merchants[0].opens_ms == 0);
  CHECK(spec.merchants[0].closes_ms == kMsPerDay);
  CHECK(spec.demand.orders_per_hour == defaults.demand.orders_per_hour);
  CHECK(spec.demand.hourly_profile == defaults.demand.hourly_profile);
  CHECK(spec.demand.weekend_factor == defaults.demand.weekend_factor);
  CHECK(spec.demand.delivery_radius_m == defaults.demand.delivery_radius_m);
  CHECK(spec.demand.categories[0].share == defaults.demand.categories[0].share);
  CHECK(spec.demand.categories[0].patience_ms == defaults.demand.categories[0].patience_ms);
  CHECK(spec.demand.categories[1].promise_base_ms == defaults.demand.categories[1].promise_base_ms);
  CHECK(spec.riders.pickup_service_ms == defaults.riders.pickup_service_ms);
  CHECK(spec.riders.return_radius_m == defaults.riders.return_radius_m);
  REQUIRE(spec.riders.fleets.size() == 1);
  const FleetSpec fleet_defaults;
  const FleetSpec& fleet = spec.riders.fleets[0];
  CHECK(fleet.shift_start_ms == fleet_defaults.shift_start_ms);
  CHECK(fleet.shift_end_ms == fleet_defaults.shift_end_ms);
  CHECK(fleet.speed_kmh == fleet_defaults.speed_kmh);
  CHECK(fleet.capacity == fleet_defaults.capacity);
  CHECK(fleet.station.empty());
  CHECK(fleet.pay.per_order == fleet_defaults.pay.per_order);
  CHECK(fleet.pay.hourly_guarantee == fleet_defaults.pay.hourly_guarantee);
  CHECK(spec.weather.initial == WeatherState::clear);
  CHECK(spec.weather.timeline.empty());
  for (std::size_t i = 0; i < spec.weather.effects.size(); ++i) {
    CHECK(spec.weather.effects[i].speed_factor == defaults.weather.effects[i].speed_factor);
    CHECK(spec.weather.effects[i].demand_factor == defaults.weather.effects[i].demand_factor);
  }
}

TEST_CASE("scenario loader: a YAML syntax error is one problem at the parser's line") {
  const ScenarioLoadResult result =
      load("name: x\nriders:\n  fleets:\n    - name: a\n     count: 3\nduration: -1h\n");
  CHECK_FALSE(result.ok());
  REQUIRE(result.problems.size() == 1);  // the bad duration after it is not reached
  CHECK(result.problems[0].file == "x.yaml");
  CHECK(result.problems[0].line == 5);
  CHECK(result.problems[0].column > 0);
  CHECK(result.problems[0].field.empty());
  CHECK_FALSE(result.problems[0].message.empty());
}

TEST_CASE("scenario loader: an unknown key is reported at the key with a did-you-mean") {
  const ScenarioLoadResult result = load_minimal_plus("      speed_kmph: 20\n");
  CHECK_FALSE(result.ok());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].format() ==
        "x.yaml:13:7: riders.fleets[0].speed_kmph: unknown key 'speed_kmph' "
        "(did you mean 'speed_kmh'?)");

  // Top level and nested maps; a key with no close match gets no hint.
  const ScenarioLoadResult more = load(std::string(kMinimal) + "Weather: {inital: rain}\nfoo: 1\n");
  INFO(all_problems(more));
  CHECK(has_problem(more, "x.yaml:13:1: Weather: unknown key 'Weather' (did you mean 'weather'?)"));
  CHECK(has_problem(more, "x.yaml:14:1: foo: unknown key 'foo'"));
  CHECK_FALSE(has_problem(more, "foo' (did you mean"));
  CHECK_FALSE(has_problem(more, "inital"));  // Weather is unknown, so its content is not read
}

TEST_CASE("scenario loader: the formatted problem line is FILE:LINE:COL: FIELD: MESSAGE") {
  const ScenarioLoadResult result = load_minimal_plus("      speed_kmh: 0\n");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].format() == "x.yaml:13:18: riders.fleets[0].speed_kmh: must be > 0");
  CHECK(result.problems[0].line == 13);
  CHECK(result.problems[0].column == 18);
  CHECK(result.problems[0].field == "riders.fleets[0].speed_kmh");

  ScenarioProblem no_field{"a.yaml", 3, 4, "", "oops"};
  CHECK(no_field.format() == "a.yaml:3:4: oops");
  ScenarioProblem no_position{"--set", 0, 0, "seed", "expected an integer"};
  CHECK(no_position.format() == "--set: seed: expected an integer");
}

TEST_CASE("scenario loader: wrong types name the expected type") {
  const ScenarioLoadResult result = load(R"(name: types
city: 5
merchants:
  - {category: restaurant, count: 2.5}
demand:
  orders_per_hour: lots
  hourly_profile: 1
riders:
  return_radius_m: "1500"
  fleets:
    - {name: a, count: 2, capacity: [3]}
weather:
  timeline: {at: "12:00", state: rain}
)");
  INFO(all_problems(result));
  CHECK_FALSE(result.ok());
  CHECK(has_problem(result, "x.yaml:2:7: city: expected a map, got '5'"));
  CHECK(has_problem(result, "merchants[0].count: expected an integer, got '2.5'"));
  CHECK(has_problem(result, "x.yaml:6:20: demand.orders_per_hour: expected a number, got 'lots'"));
  CHECK(has_problem(result, "demand.hourly_profile: expected a list"));
  CHECK(has_problem(result, "riders.return_radius_m: expected a number, got the quoted text"));
  CHECK(has_problem(result, "riders.fleets[0].capacity: expected an integer, got a list"));
  CHECK(has_problem(result, "weather.timeline: expected a list, got a map"));
}

TEST_CASE("scenario loader: durations need a unit and must not be negative") {
  const ScenarioLoadResult negative = load(std::string(kMinimal) + "duration: -2h\n");
  REQUIRE(negative.problems.size() == 1);
  CHECK(negative.problems[0].format() == "x.yaml:13:11: duration: must not be negative");

  const ScenarioLoadResult unitless = load(std::string(kMinimal) + "duration: 90\n");
  REQUIRE(unitless.problems.size() == 1);
  CHECK(unitless.problems[0].field == "duration");
  CHECK(unitless.problems[0].message.find("duration needs a unit: s, min, h") == 0);

  const ScenarioLoadResult zero = load(std::string(kMinimal) + "duration: 0s\n");
  REQUIRE(zero.problems.size() == 1);
  CHECK(zero.problems[0].message == "must be > 0");
}

TEST_CASE("scenario loader: an empty fleet and a missing fleet list are errors") {
  const ScenarioLoadResult empty_fleet = load_minimal_plus("");
  REQUIRE(empty_fleet.ok());  // sanity: the base is valid

  const ScenarioLoadResult zero = load(kMinimal, {{"riders.fleets[0].count", "0"}});
  CHECK(has_problem(zero, "riders.fleets[0].count: an empty fleet: count must be >= 1"));

  const ScenarioLoadResult no_riders = load(R"(name: nobody
merchants: [{category: restaurant, count: 5}]
demand: {categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}}
)");
  INFO(all_problems(no_riders));
  REQUIRE(no_riders.problems.size() == 1);
  CHECK(no_riders.problems[0].format() ==
        "x.yaml:1:1: riders.fleets: at least one fleet is needed");

  const ScenarioLoadResult empty_list = load(kMinimal, {{"riders.fleets", "[]"}});
  CHECK(has_problem(empty_list, "--set: riders.fleets: at least one fleet is needed"));

  const ScenarioLoadResult no_count = load(kMinimal, {{"riders.fleets[0]", "{name: x}"}});
  CHECK(has_problem(no_count, "--set: riders.fleets[0]: missing required key 'count'"));
}

TEST_CASE("scenario loader: impossible values are reported") {
  SUBCASE("capacity 0") {
    const auto result = load_minimal_plus("      capacity: 0\n");
    CHECK(has_problem(result, "x.yaml:13:17: riders.fleets[0].capacity: must be between 1 and 20"));
  }
  SUBCASE("speed 0 and too fast") {
    CHECK(has_problem(load_minimal_plus("      speed_kmh: 0\n"), "speed_kmh: must be > 0"));
    CHECK(has_problem(load_minimal_plus("      speed_kmh: 130\n"), "speed_kmh: must be <= 120"));
  }
  SUBCASE("a shift that starts when it ends") {
    const auto result =
        load_minimal_plus("      shift_start: \"09:00\"\n      shift_end: \"09:00\"\n");
    CHECK(has_problem(result, "x.yaml:14:18: riders.fleets[0].shift_end: an empty shift"));
  }
  SUBCASE("a date that does not exist") {
    const auto result = load(std::string(kMinimal) + "start: 2026-02-30 10:00\n");
    CHECK(has_problem(result, "x.yaml:13:8: start: 2026-02-30 is not a calendar date"));
  }
  SUBCASE("an hourly profile of 23 values") {
    std::string profile = "demand.hourly_profile";
    const auto result =
        load(kMinimal, {{profile, "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]"}});
    CHECK(has_problem(result, "--set: demand.hourly_profile: needs exactly 24 values"));
    CHECK(has_problem(result, "got 23"));
  }
  SUBCASE("an hourly profile of zeros") {
    const auto result =
        load(kMinimal, {{"demand.hourly_profile", "[" + std::string(47, ',') + "]"}});
    // 48 commas make 24 empty (null) entries, each reported; then a profile of real zeros.
    CHECK(has_problem(result, "demand.hourly_profile[23]: expected a number, got an empty value"));
    std::string zeros = "[0";
    for (int i = 1; i < 24; ++i) zeros += ",0";
    const auto all_zero = load(kMinimal, {{"demand.hourly_profile", zeros + "]"}});
    CHECK(has_problem(all_zero, "demand.hourly_profile: at least one hour must be > 0"));
  }
  SUBCASE("negative and out-of-range numbers") {
    const auto result = load(kMinimal, {{"city.width_m", "-5"},
                                        {"city.arterial_speed_factor", "0.5"},
                                        {"demand.weekend_factor", "-1"},
                                        {"seed", "-3"}});
    CHECK(has_problem(result, "--set: city.width_m: must be > 0"));
    CHECK(has_problem(result, "--set: city.arterial_speed_factor: must be >= 1"));
    CHECK(has_problem(result, "--set: demand.weekend_factor: must be >= 0"));
    CHECK(has_problem(result, "--set: seed: must be >= 0"));
  }
}

TEST_CASE("scenario loader: all problems are reported in one load, in file order") {
  const ScenarioLoadResult result = load(R"(name: many
start: "2026-13-01 10:00"
duration: 4
merchants:
  - {category: restaurnt, count: -1}
riders:
  fleets:
    - {name: a, count: 0, speed_kmh: 0, capacity: 21, shift_start: "10:00", shift_end: "10:00"}
    - {name: a, count: 3, station: nowhere}
weather:
  initial: rian
)");
  INFO(all_problems(result));
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.spec.has_value());
  CHECK(has_problem(result, "x.yaml:2:8: start: 2026-13-01 is not a calendar date"));
  CHECK(has_problem(result, "x.yaml:3:11: duration: duration needs a unit"));
  CHECK(has_problem(result,
                    "merchants[0].category: unknown merchant category 'restaurnt' "
                    "(did you mean 'restaurant'?)"));
  CHECK(has_problem(result, "merchants[0].count: must be >= 0"));
  CHECK(has_problem(result, "riders.fleets[0].count: an empty fleet"));
  CHECK(has_problem(result, "riders.fleets[0].speed_kmh: must be > 0"));
  CHECK(has_problem(result, "riders.fleets[0].capacity: must be between 1 and 20"));
  CHECK(has_problem(result, "riders.fleets[0].shift_end: an empty shift"));
  CHECK(has_problem(result, "riders.fleets[1].name: duplicate fleet name 'a'"));
  CHECK(has_problem(result, "riders.fleets[1].station: unknown station 'nowhere'"));
  CHECK(has_problem(result,
                    "x.yaml:11:12: weather.initial: unknown weather state 'rian' "
                    "(did you mean 'rain'?)"));
  REQUIRE(result.problems.size() >= 11);
  for (std::size_t i = 1; i < result.problems.size(); ++i) {
    CHECK(result.problems[i - 1].line <= result.problems[i].line);
  }
}

TEST_CASE("scenario loader: cross-field checks") {
  SUBCASE("a category with demand but no merchants") {
    const auto result = load(kMinimal, {{"demand.categories.grocery.share", "0.3"}});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "--set: demand.categories.grocery.share: no merchants of this category (add a "
          "merchant group or set the share to 0)");
  }
  SUBCASE("default shares point at the demand section when categories are not written") {
    const auto result = load(R"(name: x
merchants: [{category: restaurant, count: 5}]
demand:
  orders_per_hour: 100
riders: {fleets: [{name: a, count: 1}]}
)");
    INFO(all_problems(result));
    CHECK(result.problems.size() == 3);
    CHECK(has_problem(result, "x.yaml:4:3: demand.categories.grocery.share: no merchants"));
  }
  SUBCASE("all shares zero") {
    const auto result = load(kMinimal, {{"demand.categories.restaurant.share", "0"}});
    CHECK(has_problem(result, "demand.categories: the shares add up to 0"));
  }
  SUBCASE("no merchants at all") {
    const auto result = load(kMinimal, {{"merchants", "[]"}});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "--set: merchants: at least one merchant is needed (a group with count >= 1)");
  }
  SUBCASE("stations: references, names, coordinates") {
    const auto result = load_minimal_plus(R"(      station: centrl
stations:
  - {name: central, x_m: 4000, y_m: 4000}
  - {name: central, x_m: 9000, y_m: -1}
city:
  density:
    hotspots: [{x_m: 100, y_m: 8001}]
)");
    INFO(all_problems(result));
    CHECK(has_problem(result,
                      "x.yaml:13:16: riders.fleets[0].station: unknown station 'centrl' "
                      "(did you mean 'central'?)"));
    CHECK(has_problem(result,
                      "stations[1].name: duplicate station name 'central' "
                      "(also stations[0].name)"));
    CHECK(has_problem(result, "stations[1].x_m: must be within the city (0 to 8000 m)"));
    CHECK(has_problem(result, "stations[1].y_m: must be within the city"));
    CHECK(has_problem(result, "city.density.hotspots[0].y_m: must be within the city"));
  }
  SUBCASE("with no stations listed, only 'central' exists") {
    CHECK(load_minimal_plus("      station: central\n").ok());
    CHECK(has_problem(load_minimal_plus("      station: east\n"), "no stations are listed"));
  }
  SUBCASE("duplicate keys") {
    const auto result = load(std::string(kMinimal) + "name: again\n");
    CHECK(has_problem(result, "x.yaml:13:1: name: duplicate key 'name' (first given at line 1)"));
  }
}

TEST_CASE("scenario loader: hostile or odd YAML is reported, not expanded for ever") {
  const auto cycle = load(std::string(kMinimal) + "x: &a [*a, *a]\n");
  CHECK(has_problem(cycle, "nested too deeply"));

  std::string laughs = std::string(kMinimal) + "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 6; ++level) {  // 10^7 leaves once expanded
    const std::string below = "*l" + std::to_string(level - 1);
    laughs += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) laughs += (i == 0 ? "" : ", ") + below;
    laughs += "]\n";
  }
  const auto bomb = load(laughs);
  CHECK(has_problem(bomb, "the document is too large"));

  const auto two_documents = load(std::string(kMinimal) + "---\nname: second\n");
  CHECK(has_problem(two_documents, "x.yaml:14:1: only one YAML document is allowed"));

  const auto not_a_map = load("- just\n- a list\n");
  REQUIRE(not_a_map.problems.size() == 1);
  CHECK(not_a_map.problems[0].format().find("x.yaml:1:1: expected a map of scenario settings") ==
        0);

  const auto empty = load("# nothing but a comment\n");
  CHECK(has_problem(empty, "x.yaml:1:1: missing required key 'name'"));
  CHECK(has_problem(empty, "riders.fleets: at least one fleet is needed"));
}

TEST_CASE("scenario loader: the weather timeline") {
  const std::string base = std::string(kMinimal) + "start: \"2026-06-17 10:30\"\nduration: 4h\n";
  SUBCASE("clock times in order, wrapping at midnight only when needed") {
    const auto result = load(base, {{"duration", "2d"},
                                    {"weather.timeline",
                                     "[{at: '12:00', state: rain}, {at: '09:00', state: clear},"
                                     " {at: '09:00', state: heat}]"}});
    INFO(all_problems(result));
    // 12:00 today, 09:00 tomorrow; the same clock time again is the same moment: a problem.
    CHECK(has_problem(result,
                      "--set: weather.timeline[2].at: is at the same time as the "
                      "previous entry (22h30min after the start)"));
  }
  SUBCASE("an entry after the end of the run is kept and never happens") {
    const auto result = load(base, {{"weather.timeline", "[{at: '09:00', state: rain}]"}});
    INFO(all_problems(result));
    REQUIRE(result.ok());
    REQUIRE(result.spec->weather.timeline.size() == 1);
    CHECK(result.spec->weather.timeline[0].at_ms == (22 * 60 + 30) * kMsPerMinute);
  }
  SUBCASE("entries out of order") {
    const auto result = load(base + R"(weather:
  timeline:
    - {after: 2h, state: rain}
    - {after: 1h, state: clear}
    - {state: heat}
    - {at: "13:00", after: 1h, state: heat}
    - {at: "13:00", state: rian}
)");
    INFO(all_problems(result));
    CHECK(has_problem(result,
                      "x.yaml:18:15: weather.timeline[1].after: must be later than the "
                      "previous entry (2h after the start)"));
    CHECK(has_problem(result, "weather.timeline[2]: needs 'at' (a clock time) or 'after'"));
    CHECK(has_problem(result, "weather.timeline[3]: give either 'at' or 'after', not both"));
    CHECK(has_problem(result,
                      "weather.timeline[4].state: unknown weather state 'rian' (did you "
                      "mean 'rain'?)"));
  }
  SUBCASE("unknown states in effects get a hint") {
    const auto result = load(base + "weather:\n  effects:\n    heavy-rain: {speed_factor: 0}\n");
    CHECK(has_problem(result,
                      "x.yaml:17:5: weather.effects.heavy-rain: unknown weather state "
                      "'heavy-rain' (did you mean 'heavy_rain'?)"));
    const auto zero = load(base, {{"weather.effects.storm.speed_factor", "0"}});
    CHECK(has_problem(zero, "--set: weather.effects.storm.speed_factor: must be > 0"));
  }
}

TEST_CASE("scenario loader: values that would overflow the engine's time or memory are refused") {
  CHECK(has_problem(load(kMinimal, {{"riders.fleets[0].speed_kmh", "1e-300"}}),
                    "--set: riders.fleets[0].speed_kmh: must be >= 1 (km/h)"));
  CHECK(has_problem(load(kMinimal, {{"weather.effects.rain.speed_factor", "0.001"}}),
                    "--set: weather.effects.rain.speed_factor: must be >= 0.05"));
  CHECK(has_problem(load(kMinimal, {{"weather.effects.rain.speed_factor", "50"}}),
                    "--set: weather.effects.rain.speed_factor: must be <= 5"));
  CHECK(has_problem(load(kMinimal, {{"city.width_m", "1e7"}}),
                    "--set: city.width_m: must be <= 200000"));
  CHECK(has_problem(load(kMinimal, {{"city.detour_factor", "9"}}),
                    "--set: city.detour_factor: must be <= 5"));
  // The limits themselves are fine.
  const auto edge = load(kMinimal, {{"riders.fleets[0].speed_kmh", "1"},
                                    {"weather.effects.rain.speed_factor", "0.05"},
                                    {"city.width_m", "200000"},
                                    {"city.block_m", "200"}});
  INFO(all_problems(edge));
  CHECK(edge.ok());
}

TEST_CASE("scenario loader: dispatch parameters") {
  SUBCASE("given values map to the spec, omitted ones keep the defaults of scenario.hpp") {
    const auto result = load(std::string(kMinimal) + R"(dispatch:
  strategy: nearest_idle
  batch_interval: 45s
  batch_radius_m: 2500
  max_bundle_size: 4
  bundle_radius_m: 0
  refusal_share: 0.25
  offer_response: 1min30s
  rider_cancel_share: 0.02
)");
    INFO(all_problems(result));
    REQUIRE(result.ok());
    const DispatchSpec& dispatch = result.spec->dispatch;
    CHECK(dispatch.strategy == DispatchStrategy::nearest_idle);
    CHECK(dispatch.batch_interval_ms == 45 * kMsPerSecond);
    CHECK(dispatch.batch_radius_m == 2500.0);
    CHECK(dispatch.max_bundle_size == 4);
    CHECK(dispatch.bundle_radius_m == 0.0);
    CHECK(dispatch.refusal_share == 0.25);
    CHECK(dispatch.offer_response_ms == 90 * kMsPerSecond);
    CHECK(dispatch.rider_cancel_share == 0.02);

    const auto defaults = load(kMinimal);
    REQUIRE(defaults.ok());
    const DispatchSpec expected;
    CHECK(defaults.spec->dispatch.batch_interval_ms == expected.batch_interval_ms);
    CHECK(defaults.spec->dispatch.batch_radius_m == expected.batch_radius_m);
    CHECK(defaults.spec->dispatch.max_bundle_size == expected.max_bundle_size);
    CHECK(defaults.spec->dispatch.bundle_radius_m == expected.bundle_radius_m);
    CHECK(defaults.spec->dispatch.refusal_share == expected.refusal_share);
    CHECK(defaults.spec->dispatch.offer_response_ms == expected.offer_response_ms);
    CHECK(defaults.spec->dispatch.rider_cancel_share == expected.rider_cancel_share);
  }
  SUBCASE("the limits themselves are accepted") {
    const auto edge = load(kMinimal, {{"dispatch.batch_interval", "1s"},
                                      {"dispatch.max_bundle_size", "20"},
                                      {"dispatch.refusal_share", "0.95"},
                                      {"dispatch.offer_response", "10min"},
                                      {"dispatch.rider_cancel_share", "0.5"}});
    INFO(all_problems(edge));
    CHECK(edge.ok());
    CHECK(load(kMinimal, {{"dispatch.batch_interval", "1h"},
                          {"dispatch.max_bundle_size", "1"},
                          {"dispatch.offer_response", "1s"}})
              .ok());
  }
  SUBCASE("each value out of range is one problem naming its field") {
    const auto problem_of = [](const std::string& path, const std::string& value) {
      const auto result = load(kMinimal, {{path, value}});
      return result.problems.size() == 1 ? result.problems[0].format() : all_problems(result);
    };
    CHECK(problem_of("dispatch.batch_interval", "0s") ==
          "--set: dispatch.batch_interval: must be > 0");
    CHECK(problem_of("dispatch.batch_interval", "500ms") ==
          "--set: dispatch.batch_interval: must be >= 1s");
    CHECK(problem_of("dispatch.batch_interval", "61min") ==
          "--set: dispatch.batch_interval: must be <= 1h");
    CHECK(problem_of("dispatch.batch_interval", "30") ==
          "--set: dispatch.batch_interval: duration needs a unit: s, min, h (e.g. '90s', '15min', "
          "'2h')");
    CHECK(problem_of("dispatch.batch_radius_m", "0") ==
          "--set: dispatch.batch_radius_m: must be > 0");
    CHECK(problem_of("dispatch.max_bundle_size", "0") ==
          "--set: dispatch.max_bundle_size: must be between 1 and 20");
    CHECK(problem_of("dispatch.max_bundle_size", "21") ==
          "--set: dispatch.max_bundle_size: must be between 1 and 20");
    CHECK(problem_of("dispatch.max_bundle_size", "2.5") ==
          "--set: dispatch.max_bundle_size: expected an integer, got '2.5'");
    CHECK(problem_of("dispatch.bundle_radius_m", "-1") ==
          "--set: dispatch.bundle_radius_m: must be >= 0");
    CHECK(problem_of("dispatch.refusal_share", "0.96") ==
          "--set: dispatch.refusal_share: must be between 0 and 0.95");
    CHECK(problem_of("dispatch.refusal_share", "-0.1") ==
          "--set: dispatch.refusal_share: must be between 0 and 0.95");
    CHECK(problem_of("dispatch.offer_response", "0s") ==
          "--set: dispatch.offer_response: must be > 0");
    CHECK(problem_of("dispatch.offer_response", "500ms") ==
          "--set: dispatch.offer_response: must be >= 1s");
    CHECK(problem_of("dispatch.offer_response", "10min1ms") ==
          "--set: dispatch.offer_response: must be <= 10min");
    CHECK(problem_of("dispatch.rider_cancel_share", "0.6") ==
          "--set: dispatch.rider_cancel_share: must be between 0 and 0.5");
  }
  SUBCASE("file positions and hints as for every other section") {
    const auto result = load(std::string(kMinimal) +
                             "dispatch:\n  refusal_share: 1\n  batch_intervall: 30s\n"
                             "  strategy: nearest-idle\n");
    INFO(all_problems(result));
    CHECK(has_problem(result, "x.yaml:14:18: dispatch.refusal_share: must be between 0 and 0.95"));
    CHECK(has_problem(result,
                      "x.yaml:15:3: dispatch.batch_intervall: unknown key 'batch_intervall' (did "
                      "you mean 'batch_interval'?)"));
    CHECK(has_problem(result,
                      "x.yaml:16:13: dispatch.strategy: unknown dispatch strategy 'nearest-idle' "
                      "(did you mean 'nearest_idle'?)"));
  }
}
