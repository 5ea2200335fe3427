#pragma once
// Shared fixtures of the trace tests: a scratch directory, a small pair of logs in the format of
// the Colombian order and courier logs (made up, around 7.1° N 73.1° W), and problem matchers.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "knightsim/trace_csv.hpp"
#include "scratch_dir.hpp"

namespace knightsim::trace_testing {

/// A scratch directory per use, removed afterwards.
struct TraceTempDir : testing::ScratchDir {
  TraceTempDir() : ScratchDir("trace") {}
};

// Orders in file order 3, 1, 10, 2: 1 and 3 are placed at the same second (1 sorts first), 2
// wraps past midnight. Order 1 goes 0.09° (10.0 km) due north.
inline constexpr const char* kOrdersCsv =
    "order_id,pick_up_lat,pick_up_lng,drop_off_lat,drop_off_lng,placement_time,"
    "preparation_time,ready_time,expected_drop_off_time\n"
    "3,7.10,-73.12,7.11,-73.11,11:00:00,11:01:00,11:20:00,11:45:00\n"
    "1,7.10,-73.12,7.19,-73.12,11:00:00,11:02:00,11:25:00,11:50:00\n"
    "10,7.05,-73.15,7.10,-73.10,09:30:00,09:31:00,09:50:00,10:10:00\n"
    "2,7.12,-73.09,7.13,-73.08,23:50:00,23:52:00,00:05:00,00:30:00\n";

// Courier b is the south-west corner of every position and works past midnight; c's shift is
// zero-length and is left out.
inline constexpr const char* kCouriersCsv =
    "courier_id,vehicle,on_lat,on_lng,on_time,off_time\n"
    "a,motorcycle,7.10,-73.12,08:00:00,16:00:00\n"
    "b,bicycle,7.00,-73.20,22:00:00,02:00:00\n"
    "c,walking,7.05,-73.15,12:00:00,12:00:00\n";

inline TraceReadOptions default_options() {
  TraceReadOptions options;
  options.vehicle_names = {"motorcycle", "bicycle", "car", "walking"};
  return options;
}

/// Writes both logs to a scratch directory, reads them back from disk and parses them.
inline TraceReadResult parse_files(const std::string& orders, const std::string& couriers,
                                   const TraceReadOptions& options = default_options()) {
  const TraceTempDir dir;
  std::vector<TraceCsvText> texts;
  for (const auto& [name, content] :
       {std::pair{"orders.csv", &orders}, {"couriers.csv", &couriers}}) {
    const std::string path = dir.write(name, *content);
    std::string error;
    const std::optional<std::string> text = read_text_file(path, error);
    REQUIRE_MESSAGE(text.has_value(), error);
    texts.push_back({path, *text});
  }
  return parse_trace(texts[0], texts[1], options);
}

/// A problem as "orders.csv:3:12: FIELD: MESSAGE": the file's name without its directory.
inline std::string brief(const ScenarioProblem& problem) {
  ScenarioProblem shown = problem;
  shown.file = std::filesystem::path(problem.file).filename().string();
  return shown.format();
}

inline std::string all_brief(const std::vector<ScenarioProblem>& problems) {
  std::string out;
  for (const ScenarioProblem& problem : problems) out += brief(problem) + "\n";
  return out;
}

}  // namespace knightsim::trace_testing
