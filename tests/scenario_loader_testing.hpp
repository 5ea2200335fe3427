#pragma once
// Shared fixtures of the scenario loader tests: small valid scenarios and problem matchers.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "knightsim/scenario_loader.hpp"

namespace knightsim::loader_testing {
using namespace knightsim;

// The smallest valid scenario: restaurants only (so the other categories' default shares are
// set to 0) and one fleet. Tests add to it or override what they are about.
inline constexpr const char* kMinimal = R"(name: tiny
merchants:
  - {category: restaurant, count: 5}
demand:
  categories:
    grocery: {share: 0}
    pharmacy: {share: 0}
    convenience: {share: 0}
riders:
  fleets:
    - name: solo
      count: 2
)";  // 12 lines; a line appended is line 13, inside fleets[0] if indented by 6

inline std::string all_problems(const ScenarioLoadResult& result) {
  std::string out;
  for (const ScenarioProblem& problem : result.problems) out += problem.format() + "\n";
  return out;
}

inline bool has_problem(const ScenarioLoadResult& result, std::string_view text) {
  for (const ScenarioProblem& problem : result.problems) {
    if (problem.format().find(text) != std::string::npos) return true;
  }
  return false;
}

inline ScenarioLoadResult load(std::string_view text,
                               const std::vector<ScenarioOverride>& overrides = {}) {
  return load_scenario_text(text, "x.yaml", overrides);
}

inline ScenarioLoadResult load_minimal_plus(const std::string& extra_lines) {
  return load(std::string(kMinimal) + extra_lines);
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline constexpr const char* kComplete = R"(name: full
description: "every field"
start: "2026-06-17 22:30"
duration: 4h
seed: 42
city:
  width_m: 6000
  height_m: 5000
  block_m: 100
  arterial_every_blocks: 5
  arterial_speed_factor: 1.5
  detour_factor: 1.3
  density:
    base_weight: 0.5
    hotspots:
      - {name: centre, x_m: 3000, y_m: 2500, radius_m: 900, weight: 2}
stations:
  - {name: north, x_m: 3000, y_m: 1000}
  - {name: south, x_m: 3000, y_m: 4000}
merchants:
  - {category: restaurant, count: 40, prep_time_mean: 1h30min, prep_time_sd: 90s,
     opens: "10:00", closes: "24:00"}
  - {category: grocery, count: 3, prep_time_mean: 1.5h, prep_time_sd: 500ms,
     opens: "07:30", closes: "07:30"}
  - {category: pharmacy, count: 1, opens: "20:00", closes: "02:00"}
  - {category: convenience, count: 2}
demand:
  orders_per_hour: 250.5
  hourly_profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
  weekend_factor: 1.25
  growth_factor: 2
  delivery_radius_m: 2500
  categories:
    restaurant: {share: 0.5, promise: 25min, promise_per_km: 3min, patience: 40min,
                 weight_kg_mean: 1.5, weight_kg_sd: 0.25}
    grocery: {share: 0.5}
    pharmacy: {share: 0}
riders:
  pickup_service: 3min
  dropoff_service: 1min
  return_radius_m: 800
  fleets:
    - name: day
      count: 12
      shift_start: "08:00"
      shift_end: "16:30"
      speed_kmh: 15.5
      capacity: 4
      station: south
      pay: {per_order: 5, per_km: 0.5, hourly_guarantee: 20}
    - {name: night, count: 3, shift_start: "22:00", shift_end: "06:00"}
dispatch:
  strategy: earliest_pickup
weather:
  initial: rain
  timeline:
    - {at: "23:00", state: clear}
    - {at: "01:15", state: snow}
    - {after: 3h, state: storm}
  effects:
    rain: {speed_factor: 0.5, demand_factor: 2}
)";

}  // namespace knightsim::loader_testing
