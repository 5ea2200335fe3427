// The value formats of scenario files (durations, clock times, date-times, numbers) and the
// "did you mean" hints, exercised through the public loader with `--set` overrides.
#include <doctest/doctest.h>

#include <string>

#include "knightsim/scenario_loader.hpp"

using namespace knightsim;

namespace {

constexpr const char* kBase = R"(name: values
merchants: [{category: restaurant, count: 5}]
demand: {categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}}
riders: {fleets: [{name: a, count: 2}]}
)";

ScenarioLoadResult with(const std::string& path, const std::string& value) {
  return load_scenario_text(kBase, "v.yaml", {{path, value}});
}

// The one problem of loading with `path=value`, as "--set: FIELD: MESSAGE"; "" if it loads.
std::string problem_of(const std::string& path, const std::string& value) {
  const ScenarioLoadResult result = with(path, value);
  if (result.problems.empty()) return "";
  std::string text = result.problems[0].format();
  for (std::size_t i = 1; i < result.problems.size(); ++i) {
    text += " | " + result.problems[i].format();
  }
  return text;
}

SimTime duration_of(const std::string& text) {
  const ScenarioLoadResult result = with("duration", text);
  REQUIRE_MESSAGE(result.ok(), problem_of("duration", text));
  return result.spec->duration_ms;
}

}  // namespace

TEST_CASE("scenario values: durations") {
  CHECK(duration_of("90s") == 90 * kMsPerSecond);
  CHECK(duration_of("15min") == 15 * kMsPerMinute);
  CHECK(duration_of("2h") == 2 * kMsPerHour);
  CHECK(duration_of("1h30min") == 90 * kMsPerMinute);
  CHECK(duration_of("1h 30min") == 90 * kMsPerMinute);
  CHECK(duration_of("1.5h") == 90 * kMsPerMinute);
  CHECK(duration_of("500ms") == 500);
  CHECK(duration_of("0.25s") == 250);
  CHECK(duration_of("2d") == 2 * kMsPerDay);
  CHECK(duration_of("1d2h3min4s5ms") == kMsPerDay + 2 * kMsPerHour + 3 * kMsPerMinute + 4005);
  CHECK(duration_of("'45min'") == 45 * kMsPerMinute);  // quoted is fine

  CHECK(problem_of("duration", "90") ==
        "--set: duration: duration needs a unit: s, min, h (e.g. '90s', '15min', '2h')");
  CHECK(problem_of("duration", "-5min") == "--set: duration: must not be negative");
  CHECK(problem_of("duration", "15m") ==
        "--set: duration: unknown unit 'm' in duration '15m' (use ms, s, min, h or d)");
  CHECK(problem_of("duration", "30min1h").find("must go from largest to smallest") !=
        std::string::npos);
  CHECK(problem_of("duration", "1h1h").find("each once") != std::string::npos);
  CHECK(problem_of("duration", "1h30").find("missing unit after '30' in '1h30'") !=
        std::string::npos);
  CHECK(problem_of("duration", "soon") ==
        "--set: duration: expected a duration such as '90s', '15min' or '1h30min', got 'soon'");
  CHECK(problem_of("duration", "[1h]") ==
        "--set: duration: expected a duration such as '15min', got a list");
  CHECK(problem_of("duration", "") ==
        "--set: duration: expected a duration such as '15min', got an empty value");
  CHECK(problem_of("duration", "3651d").find("is too long (at most 3650d)") != std::string::npos);
  CHECK(problem_of("duration", "0min") == "--set: duration: must be > 0");
  // Where zero is allowed it loads; where negative is never allowed it does not.
  CHECK(with("riders.pickup_service", "0s").ok());
  CHECK(problem_of("riders.pickup_service", "-1s") ==
        "--set: riders.pickup_service: must not be negative");
}

TEST_CASE("scenario values: clock times") {
  const ScenarioLoadResult nine_thirty = with("riders.fleets[0].shift_start", "9:30");
  REQUIRE(nine_thirty.ok());
  CHECK(nine_thirty.spec->riders.fleets[0].shift_start_ms == 9 * kMsPerHour + 30 * kMsPerMinute);
  const ScenarioLoadResult late = with("riders.fleets[0].shift_end", "'23:59'");
  REQUIRE(late.ok());
  CHECK(late.spec->riders.fleets[0].shift_end_ms == kMsPerDay - kMsPerMinute);
  const ScenarioLoadResult closes = with("merchants[0].closes", "24:00");
  REQUIRE(closes.ok());
  CHECK(closes.spec->merchants[0].closes_ms == kMsPerDay);

  CHECK(problem_of("riders.fleets[0].shift_end", "24:00") ==
        "--set: riders.fleets[0].shift_end: 24:00 is only allowed as a closing time; write 00:00");
  CHECK(problem_of("merchants[0].opens", "25:00") ==
        "--set: merchants[0].opens: '25:00' is not a clock time: hours go from 00 to 23");
  CHECK(problem_of("merchants[0].closes", "24:30") ==
        "--set: merchants[0].closes: '24:30' is not a clock time: hours go from 00 to 23 (or "
        "24:00)");
  CHECK(problem_of("merchants[0].opens", "12:60").find("minutes go from 00 to 59") !=
        std::string::npos);
  CHECK(problem_of("merchants[0].opens", "1200") ==
        "--set: merchants[0].opens: expected a clock time \"HH:MM\", got '1200'");
  CHECK(problem_of("merchants[0].opens", "12:5").find("expected a clock time") !=
        std::string::npos);
  CHECK(problem_of("merchants[0].opens", "noon").find("expected a clock time") !=
        std::string::npos);
}

TEST_CASE("scenario values: date-times") {
  const auto start_of = [](const std::string& text) {
    const ScenarioLoadResult result = with("start", text);
    REQUIRE_MESSAGE(result.ok(), problem_of("start", text));
    return result.spec->start;
  };
  CHECK(start_of("2026-06-17 10:30") == CivilDateTime{2026, 6, 17, 10, 30});
  CHECK(start_of("2026-06-17T10:30") == CivilDateTime{2026, 6, 17, 10, 30});
  CHECK(start_of("2026-06-17") == CivilDateTime{2026, 6, 17, 0, 0});
  CHECK(start_of("2024-02-29 23:59") == CivilDateTime{2024, 2, 29, 23, 59});

  CHECK(problem_of("start", "2026-02-29 10:00") ==
        "--set: start: 2026-02-29 is not a calendar date");
  CHECK(problem_of("start", "2026-04-31") == "--set: start: 2026-04-31 is not a calendar date");
  CHECK(problem_of("start", "17/06/2026 10:30") ==
        "--set: start: expected a date-time \"YYYY-MM-DD HH:MM\", got '17/06/2026 10:30'");
  CHECK(problem_of("start", "2026-06-17 25:00").find("hours go from 00 to 23") !=
        std::string::npos);
  CHECK(problem_of("start", "2026-06-17 10:30:00").find("expected a clock time") !=
        std::string::npos);
}

TEST_CASE("scenario values: numbers and integers") {
  const ScenarioLoadResult exponent = with("riders.fleets[0].speed_kmh", "1.5e1");
  REQUIRE(exponent.ok());
  CHECK(exponent.spec->riders.fleets[0].speed_kmh == 15.0);
  const ScenarioLoadResult plus = with("riders.fleets[0].capacity", "+4");
  REQUIRE(plus.ok());
  CHECK(plus.spec->riders.fleets[0].capacity == 4);

  CHECK(problem_of("riders.fleets[0].speed_kmh", ".inf") ==
        "--set: riders.fleets[0].speed_kmh: expected a number, got '.inf'");
  CHECK(problem_of("riders.fleets[0].speed_kmh", "0x10").find("expected a number") !=
        std::string::npos);
  CHECK(problem_of("riders.fleets[0].speed_kmh", "'18'") ==
        "--set: riders.fleets[0].speed_kmh: expected a number, got the quoted text \"18\"");
  CHECK(problem_of("riders.fleets[0].speed_kmh", "true").find("expected a number") !=
        std::string::npos);
  CHECK(problem_of("riders.fleets[0].capacity", "3.0") ==
        "--set: riders.fleets[0].capacity: expected an integer, got '3.0'");
  CHECK(problem_of("riders.fleets[0].count", "99999999999999999999") ==
        "--set: riders.fleets[0].count: must be <= 1000000");
  CHECK(problem_of("city.arterial_every_blocks", "0") ==
        "--set: city.arterial_every_blocks: must be >= 1");
  const ScenarioLoadResult seed = with("seed", "18446744073709551615");
  REQUIRE(seed.ok());
  CHECK(seed.spec->seed == 18446744073709551615ULL);
}

TEST_CASE("scenario values: did-you-mean hints") {
  CHECK(problem_of("riders.fleets[0].Speed_KMH", "20").find("(did you mean 'speed_kmh'?)") !=
        std::string::npos);
  CHECK(problem_of("riders.fleets[0].speed", "20").find("(did you mean 'speed_kmh'?)") !=
        std::string::npos);
  CHECK(problem_of("riders.fleets[0].cout", "20").find("(did you mean 'count'?)") !=
        std::string::npos);
  CHECK(problem_of("riders.fleets[0].xyz", "20") ==
        "--set: riders.fleets[0].xyz: unknown key 'xyz'");
  CHECK(problem_of("weather.initial", "heavy rain") ==
        "--set: weather.initial: unknown weather state 'heavy rain' (did you mean 'heavy_rain'?)");
  CHECK(problem_of("weather.initial", "Storm").find("(did you mean 'storm'?)") !=
        std::string::npos);
  CHECK(problem_of("merchants[0].category", "food") ==
        "--set: merchants[0].category: unknown merchant category 'food' (one of: restaurant, "
        "grocery, pharmacy, convenience)");
  CHECK(problem_of("dispatch.strategy", "earliest-pickup") ==
        "--set: dispatch.strategy: unknown dispatch strategy 'earliest-pickup' (did you mean "
        "'earliest_pickup'?)");
}
