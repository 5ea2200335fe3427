// --set overrides: path syntax, replacement before validation, problems reported as --set.
#include "knightsim/scenario_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenario_loader_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;

TEST_CASE("scenario loader: overrides replace values before validation") {
  SUBCASE("a scalar") {
    const auto result = load(kMinimal, {{"duration", "2h30min"}, {"seed", "7"}});
    REQUIRE(result.ok());
    CHECK(result.spec->duration_ms == 2 * kMsPerHour + 30 * kMsPerMinute);
    CHECK(result.spec->seed == 7);
  }
  SUBCASE("a list element, also of the default hourly profile") {
    const auto result = load(kMinimal, {{"demand.hourly_profile[12]", "0.5"}});
    REQUIRE(result.ok());
    CHECK(result.spec->demand.hourly_profile[12] == 0.5);
    CHECK(result.spec->demand.hourly_profile[11] == ScenarioSpec{}.demand.hourly_profile[11]);
  }
  SUBCASE("missing maps are created") {
    const auto result = load(kMinimal, {{"weather.effects.rain.speed_factor", "0.5"}});
    INFO(all_problems(result));
    REQUIRE(result.ok());
    const WeatherEffect& rain = result.spec->weather.effects[1];
    CHECK(rain.speed_factor == 0.5);
    CHECK(rain.demand_factor == ScenarioSpec{}.weather.effects[1].demand_factor);
  }
  SUBCASE("a whole list, later overrides win") {
    const auto result = load(kMinimal, {{"weather.timeline", "[{after: 1h, state: storm}]"},
                                        {"weather.timeline", "[]"},
                                        {"riders.fleets[0].speed_kmh", "12"},
                                        {"riders.fleets[0].speed_kmh", "14"}});
    REQUIRE(result.ok());
    CHECK(result.spec->weather.timeline.empty());
    CHECK(result.spec->riders.fleets[0].speed_kmh == 14.0);
  }
  SUBCASE("overriding one fleet leaves the others alone, even when they share an alias") {
    const std::string text = R"(name: alias
merchants: [{category: restaurant, count: 5}]
demand: {categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}}
riders:
  fleets:
    - {name: a, count: 2, pay: &pay {per_order: 6}}
    - {name: b, count: 2, pay: *pay}
)";
    const auto result =
        load(text, {{"riders.fleets[0].pay.per_order", "9"}, {"riders.fleets[1].speed_kmh", "25"}});
    INFO(all_problems(result));
    REQUIRE(result.ok());
    CHECK(result.spec->riders.fleets[0].pay.per_order == 9.0);
    CHECK(result.spec->riders.fleets[1].pay.per_order == 6.0);
    CHECK(result.spec->riders.fleets[0].speed_kmh == 18.0);
    CHECK(result.spec->riders.fleets[1].speed_kmh == 25.0);
  }
  SUBCASE("a bad value is reported as --set, without a line") {
    const auto result = load(kMinimal, {{"riders.fleets[0].speed_kmh", "0"}});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].file == "--set");
    CHECK(result.problems[0].line == 0);
    CHECK(result.problems[0].column == 0);
    CHECK(result.problems[0].format() == "--set: riders.fleets[0].speed_kmh: must be > 0");
  }
  SUBCASE("problems inside a replaced subtree are --set problems too") {
    const auto result = load(kMinimal, {{"riders.fleets[0]", "{name: x, count: 2, capasity: 3}"}});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "--set: riders.fleets[0].capasity: unknown key 'capasity' (did you mean 'capacity'?)");
  }
  SUBCASE("an unknown path is an unknown key, with a hint") {
    const auto result = load(kMinimal, {{"riders.fleets[0].speed_kmph", "20"}});
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          "--set: riders.fleets[0].speed_kmph: unknown key 'speed_kmph' (did you mean "
          "'speed_kmh'?)");
    const auto created = load(kMinimal, {{"citty.width_m", "100"}});
    REQUIRE(created.problems.size() == 1);
    CHECK(created.problems[0].format() ==
          "--set: citty: unknown key 'citty' (did you mean 'city'?)");
  }
  SUBCASE("an index past the end, a path through a scalar, a value that is not YAML") {
    const auto result = load(kMinimal, {{"riders.fleets[3].count", "2"},
                                        {"name.first", "x"},
                                        {"stations[0].x_m", "1"},
                                        {"description", "[unclosed"},
                                        {"a..b", "1"}});
    INFO(all_problems(result));
    CHECK(has_problem(result,
                      "--set: riders.fleets[3].count: index 3 is past the end of "
                      "'riders.fleets' (it has 1 entry)"));
    CHECK(has_problem(result,
                      "--set: name.first: cannot set 'name.first': 'name' is a single "
                      "value, not a map"));
    CHECK(has_problem(result, "--set: stations[0].x_m: index 0 is past the end of 'stations'"));
    CHECK(has_problem(result, "--set: description: cannot parse the value '[unclosed'"));
    CHECK(has_problem(result, "--set: a..b: malformed path 'a..b'"));
    CHECK(result.problems.size() == 5);
    CHECK(load(kMinimal).ok());  // and the file itself is untouched
  }
  SUBCASE("a file problem keeps its file position when an override is also given") {
    const auto result = load_scenario_text(std::string(kMinimal) + "seed: x\n", "f.yaml",
                                           {{"seed", "3"}, {"duration", "1"}});
    INFO(all_problems(result));
    CHECK(result.problems.size() == 1);  // the override replaced the bad seed
    CHECK(has_problem(result, "--set: duration: duration needs a unit"));
  }
}

TEST_CASE("scenario loader: parse_override splits path=value") {
  std::string error;
  const auto ok = parse_override("riders.fleets[0].speed_kmh=20", &error);
  REQUIRE(ok.has_value());
  CHECK(ok->path == "riders.fleets[0].speed_kmh");
  CHECK(ok->value == "20");

  const auto with_equals = parse_override(" description = a=b", &error);
  REQUIRE(with_equals.has_value());
  CHECK(with_equals->path == "description");
  CHECK(with_equals->value == " a=b");

  const auto empty_value = parse_override("weather.timeline=", &error);
  REQUIRE(empty_value.has_value());
  CHECK(empty_value->value.empty());

  CHECK_FALSE(parse_override("no-equals-sign", &error).has_value());
  CHECK(error.find("expected path=value") != std::string::npos);
  CHECK_FALSE(parse_override("=5", &error).has_value());
  CHECK(error.find("path before '=' is empty") != std::string::npos);
  CHECK_FALSE(parse_override("a..b=1", &error).has_value());
  CHECK(error.find("malformed path 'a..b'") != std::string::npos);
  CHECK_FALSE(parse_override("fleets[x]=1", &error).has_value());
  CHECK(error.find("index must be a non-negative integer") != std::string::npos);
  CHECK_FALSE(parse_override("fleets[0=1", &error).has_value());
  CHECK(error.find("missing ']'") != std::string::npos);
  CHECK_FALSE(parse_override(".a=1", nullptr).has_value());  // no error out-param: no crash
}
