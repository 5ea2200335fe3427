// summary_scalars: exactly the numeric fields of summary.json, in its order and with its dotted
// keys, minus the seed and the wall-clock fields; checked against the JSON writer's own output.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/output_writers.hpp"
#include "knightsim/results_db.hpp"
#include "knightsim/summary.hpp"

using knightsim::RunSummary;
using knightsim::summary_scalars;

namespace {

/// Every field's value distinct, so a swapped field or key shows.
RunSummary distinct_summary() {
  RunSummary s;
  double next = 1.0;
  const auto count = [&next] { return static_cast<std::uint64_t>(next++); };
  const auto number = [&next] { return next++ + 0.25; };
  s.scenario_name = "Zhoushan, typhoon";
  s.seed = 77;
  s.start = "2026-06-17 10:30";
  s.duration_h = number();
  s.orders_created = count();
  s.orders_delivered = count();
  s.orders_cancelled = count();
  s.orders_cancelled_unassigned = count();
  s.orders_open_at_end = count();
  s.demand_without_open_merchant = count();
  for (auto& category : s.by_category) {
    category.created = count();
    category.delivered = count();
    category.cancelled = count();
    category.on_time_rate = number();
    category.click_to_door_mean_min = number();
  }
  for (knightsim::MinutesStats* stats :
       {&s.click_to_door_min, &s.ready_to_pickup_min, &s.placed_to_assigned_min}) {
    stats->count = count();
    stats->mean = number();
    stats->p50 = number();
    stats->p90 = number();
    stats->p95 = number();
    stats->max = number();
  }
  s.on_time_rate = number();
  s.cancellation_rate = number();
  s.mean_lateness_min = number();
  s.riders_count = count();
  s.rider_hours = number();
  s.riders_utilization = number();
  s.riders_earnings_total = number();
  s.riders_earnings_per_hour = number();
  s.riders_orders_per_hour = number();
  s.riders_distance_km = number();
  s.dispatch_strategy = "batch";
  s.dispatch_offers = count();
  s.dispatch_offers_refused = count();
  s.dispatch_rider_give_backs = count();
  s.ferry.routes = count();
  s.ferry.sailings = count();
  s.ferry.cancelled_sailings = count();
  s.ferry.crossings = count();
  s.ferry.wait_min = {count(), number(), number(), number(), number(), number()};
  for (const char* name : {"Main", "Isle"}) {
    s.zones.push_back({name, count(), count(), count(), number(), number(), number()});
  }
  for (double& hours : s.weather_hours) hours = number();
  knightsim::HourSummary hour;
  hour.starts_at = "2026-06-17 10:30";
  hour.placed = 5;
  hour.on_time_rate = 0.5;
  s.hourly = {hour, hour};
  s.engine_events = count();
  s.engine_wall_s = number();
  s.engine_events_per_s = number();
  return s;
}

/// The numeric leaves of summary.json as (dotted key, value), in order, read from the writer's
/// layout: one "key": value per line, objects opened by `"key": {` and closed by `}`; the
/// hourly array (one compact object per line) is skipped as a whole.
std::vector<std::pair<std::string, double>> json_numbers(const std::string& json) {
  std::vector<std::pair<std::string, double>> numbers;
  std::vector<std::string> path;
  std::istringstream lines(json);
  std::string line;
  bool in_array = false;
  while (std::getline(lines, line)) {
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    line = line.substr(start);
    if (in_array) {
      in_array = line.rfind(']', 0) != 0;
      continue;
    }
    if (line == "{") continue;
    if (line.rfind('}', 0) == 0) {
      if (!path.empty()) path.pop_back();
      continue;
    }
    REQUIRE_MESSAGE(line.front() == '"', line);
    const std::size_t key_end = line.find("\": ");
    REQUIRE_MESSAGE(key_end != std::string::npos, line);
    const std::string key = line.substr(1, key_end - 1);
    std::string value = line.substr(key_end + 3);
    if (!value.empty() && value.back() == ',') value.pop_back();
    if (value == "{") {
      path.push_back(key);
    } else if (value == "[") {
      in_array = true;
    } else if (value == "[]" || value == "{}") {
      continue;
    } else if (value.front() != '"') {
      std::string dotted;
      for (const std::string& part : path) dotted += part + ".";
      numbers.emplace_back(dotted + key, std::stod(value));
    }
  }
  return numbers;
}

}  // namespace

TEST_SUITE("summary_scalars") {
  TEST_CASE("the keys and values are summary.json's numbers, in order, minus seed and wall clock") {
    const RunSummary summary = distinct_summary();
    std::ostringstream json;
    knightsim::write_summary_json(json, summary);
    std::vector<std::pair<std::string, double>> expected;
    for (const auto& [key, value] : json_numbers(json.str())) {
      if (key != "seed" && key != "engine.wall_s" && key != "engine.events_per_s") {
        expected.emplace_back(key, value);
      }
    }
    REQUIRE(expected.size() > 60);  // the reader above really found the fields

    const auto scalars = summary_scalars(summary);
    REQUIRE(scalars.size() == expected.size());
    for (std::size_t i = 0; i < scalars.size(); ++i) {
      INFO("field " << i << ": " << expected[i].first);
      CHECK(scalars[i].first == expected[i].first);
      // summary.json rounds (2 or 4 decimals); the scalars keep every digit.
      CHECK(std::fabs(scalars[i].second - expected[i].second) <= 0.005);
    }
  }

  TEST_CASE("per-category and dispatch figures are in; text, seed, hourly and wall clock are out") {
    const auto scalars = summary_scalars(distinct_summary());
    std::vector<std::string> keys;
    for (const auto& [key, value] : scalars) keys.push_back(key);
    const auto has = [&keys](const std::string& key) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    for (const char* key :
         {"orders.created", "orders.delivered", "on_time_rate", "click_to_door_min.mean",
          "riders.utilization", "riders.earnings_per_hour", "scenario.duration_h",
          "orders.by_category.restaurant.created", "orders.by_category.grocery.on_time_rate",
          "orders.by_category.convenience.click_to_door_mean_min", "dispatch.offers",
          "dispatch.offers_refused", "dispatch.rider_give_backs", "weather.hours.storm",
          "lateness_min.mean", "engine.events"}) {
      CHECK_MESSAGE(has(key), key);
    }
    for (const char* key : {"seed", "scenario.name", "scenario.start", "dispatch.strategy",
                            "engine.wall_s", "engine.events_per_s"}) {
      CHECK_MESSAGE(!has(key), key);
    }
    for (const std::string& key : keys) CHECK_MESSAGE(key.find("hourly") == std::string::npos, key);
  }

  TEST_CASE("values are the summary's, unrounded; the keys do not depend on the values") {
    RunSummary summary;
    summary.on_time_rate = 0.123456789;
    summary.orders_delivered = 9'007'199'254'740'992ull;  // 2^53: still exact as a double
    const auto scalars = summary_scalars(summary);
    for (const auto& [key, value] : scalars) {
      if (key == "on_time_rate") CHECK(value == 0.123456789);
      if (key == "orders.delivered") CHECK(value == 9007199254740992.0);
    }
    const auto empty = summary_scalars(RunSummary{});
    REQUIRE(empty.size() == scalars.size());
    for (std::size_t i = 0; i < empty.size(); ++i) CHECK(empty[i].first == scalars[i].first);
  }
}
