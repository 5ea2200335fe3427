// Files: reading from disk, and the scenarios shipped in scenarios/ (which must load and
// describe what they claim).
#include "knightsim/scenario_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenario_loader_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;

TEST_CASE("scenario loader: files") {
  namespace fs = std::filesystem;
  // A unique name: ctest may run this while another build's tests run too.
  const fs::path path =
      fs::temp_directory_path() /
      ("knightsim_scenario_loader_test_" + std::to_string(std::random_device{}()) + ".yaml");
  {
    std::ofstream out(path, std::ios::binary);
    out << kMinimal << "      capacity: 0\n";
  }
  const ScenarioLoadResult result = load_scenario_file(path.string());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].format() ==
        path.string() + ":13:17: riders.fleets[0].capacity: must be between 1 and 20");
  const ScenarioLoadResult fixed =
      load_scenario_file(path.string(), {{"riders.fleets[0].capacity", "2"}});
  REQUIRE(fixed.ok());
  CHECK(fixed.spec->riders.fleets[0].capacity == 2);
  fs::remove(path);

  const ScenarioLoadResult missing = load_scenario_file(path.string());
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].line == 0);
  CHECK(missing.problems[0].format() ==
        path.string() + ": cannot read file: No such file or directory");

  const ScenarioLoadResult directory = load_scenario_file(fs::temp_directory_path().string());
  REQUIRE(directory.problems.size() == 1);
  CHECK(directory.problems[0].message.find("cannot read file: ") == 0);
}

TEST_CASE("scenario loader: every shipped scenario and the built-in default load cleanly") {
  namespace fs = std::filesystem;
  const fs::path directory = fs::path(KNIGHTSIM_SOURCE_DIR) / "scenarios";
  int count = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string path = entry.path().string();
    CAPTURE(path);
    const ScenarioLoadResult result = load_scenario_file(path);
    INFO(all_problems(result));
    CHECK(result.ok());
    ++count;
  }
  CHECK(count >= 4);

  const ScenarioLoadResult builtin = load_scenario_text(default_scenario_text(), "<built-in>");
  INFO(all_problems(builtin));
  REQUIRE(builtin.ok());
  CHECK(builtin.spec->name == "default-lunch");
  CHECK(default_scenario_text() == read_text(directory / "default.yaml"));
}

TEST_CASE("scenario loader: the shipped scenarios describe what they claim") {
  const std::string directory = std::string(KNIGHTSIM_SOURCE_DIR) + "/scenarios/";
  const auto load_shipped = [&](const char* name) {
    ScenarioLoadResult result = load_scenario_file(directory + name);
    INFO(all_problems(result));
    REQUIRE(result.ok());
    return *result.spec;
  };

  const ScenarioSpec lunch = load_shipped("default.yaml");
  CHECK(lunch.start == CivilDateTime{2026, 6, 17, 10, 30});
  CHECK(lunch.duration_ms == 4 * kMsPerHour);
  CHECK(lunch.stations.size() == 2);
  CHECK(lunch.city.hotspots.size() == 3);
  REQUIRE(lunch.riders.fleets.size() == 2);
  CHECK(lunch.riders.fleets[0].count == 130);
  CHECK(lunch.riders.fleets[1].count == 70);
  REQUIRE(lunch.weather.timeline.size() == 2);
  CHECK(lunch.weather.timeline[0].at_ms == 90 * kMsPerMinute);  // 12:00
  CHECK(lunch.weather.timeline[0].state == WeatherState::rain);
  CHECK(lunch.weather.timeline[1].at_ms == 135 * kMsPerMinute);  // 12:45

  const ScenarioSpec day = load_shipped("day-24h.yaml");
  CHECK(day.duration_ms == kMsPerDay);
  CHECK(day.riders.fleets.size() == 5);
  bool night_shift_crosses_midnight = false;
  for (const FleetSpec& fleet : day.riders.fleets) {
    if (fleet.shift_end_ms < fleet.shift_start_ms) night_shift_crosses_midnight = true;
  }
  CHECK(night_shift_crosses_midnight);
  REQUIRE(day.weather.timeline.size() == 4);
  CHECK(day.weather.timeline[0].at_ms == 13 * kMsPerHour);
  CHECK(day.weather.timeline[0].state == WeatherState::heat);
  CHECK(day.weather.timeline[3].at_ms == 20 * kMsPerHour + 30 * kMsPerMinute);

  // rain.yaml and clear.yaml are a pair: the same except for the weather.
  const ScenarioSpec rain = load_shipped("rain.yaml");
  const ScenarioSpec clear = load_shipped("clear.yaml");
  CHECK(rain.name == "rain-lunch");
  CHECK(clear.name == "clear-lunch");
  CHECK(rain.weather.initial == WeatherState::heavy_rain);
  CHECK(clear.weather.initial == WeatherState::clear);
  CHECK(rain.weather.timeline.empty());
  CHECK(clear.weather.timeline.empty());
  CHECK(rain.start == clear.start);
  CHECK(rain.duration_ms == clear.duration_ms);
  CHECK(rain.demand.orders_per_hour == clear.demand.orders_per_hour);
  REQUIRE(rain.riders.fleets.size() == clear.riders.fleets.size());
  for (std::size_t i = 0; i < rain.riders.fleets.size(); ++i) {
    CHECK(rain.riders.fleets[i].count == clear.riders.fleets[i].count);
    CHECK(rain.riders.fleets[i].shift_start_ms == clear.riders.fleets[i].shift_start_ms);
  }
  const std::string rain_text = read_text(directory + "rain.yaml");
  const std::string clear_text = read_text(directory + "clear.yaml");
  CHECK(rain_text.substr(rain_text.find("\ncity:"),
                         rain_text.find("\nweather:") - rain_text.find("\ncity:")) ==
        clear_text.substr(clear_text.find("\ncity:"),
                          clear_text.find("\nweather:") - clear_text.find("\ncity:")));
}
