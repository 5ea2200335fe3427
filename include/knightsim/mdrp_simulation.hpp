#pragma once
/// Simulates an MDRP instance under the benchmark's own rules (docs/mdrp.md): couriers start at
/// their positions at on_time, travel takes ceil(euclidean metres / meters_per_minute) whole
/// minutes, half of each service time is spent before the pickup or drop-off and half after,
/// each assignment is a bundle from one restaurant dropped off in its listed sequence, and no
/// pickup happens at or after the courier's off_time. The result is an MdrpSolution that
/// check_mdrp_solution accepts. Engine code: no I/O.

#include <cstdint>
#include <string>

#include "knightsim/mdrp.hpp"

namespace knightsim {

enum class MdrpPolicy : std::uint8_t {
  nearest_idle,  ///< each order when placed to the idle courier who reaches its restaurant first
  insertion,     ///< each order when placed into the courier plan with the least added time
  batch,         ///< every interval: bundles per restaurant, min-cost courier–bundle assignment
};
inline constexpr int kMdrpPolicyCount = 3;
const char* to_string(MdrpPolicy policy);
bool parse_mdrp_policy(const std::string& name, MdrpPolicy& out);

struct MdrpSimulationOptions {
  MdrpPolicy policy = MdrpPolicy::batch;
  int batch_interval_min = 2;  ///< batch: minutes between matching rounds
  int max_bundle_size = 3;     ///< insertion and batch: orders per assignment
};

struct MdrpSimulationResult {
  MdrpSolution solution;  ///< assignments, per-order records (every order) and moves
  std::uint64_t events = 0;
  std::uint64_t matching_rounds = 0;  ///< batch only
};

MdrpSimulationResult simulate_mdrp(const MdrpInstance& instance,
                                   const MdrpSimulationOptions& options);

}  // namespace knightsim
