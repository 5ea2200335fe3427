// Benchmark: solve_assignment on a random geometric batch of the size a 30 s batch dispatcher
// sees in a large city, timed over several runs.
//
//   knightsim_bench_assignment [--rows N] [--columns N] [--arcs N] [--reps N] [--seed N]
//
// Columns (riders) are uniform over a 10 km square; rows (orders) are either uniform too or
// clustered around a few hotspots, where they compete for the same riders and augmenting paths
// grow long. Each row has arcs to its arcs/rows nearest riders at the riders' travel time
// (seconds at 4.5 m/s), and may stay unassigned at 10 to 20 minutes. Both layouts are timed;
// the solve time includes validation and arc compression, as a dispatcher pays for them too.
// CPU time is printed next to wall time because the machines this runs on are often shared.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/assignment.hpp"
#include "knightsim/rng.hpp"

using namespace knightsim;

namespace {

constexpr double kSideM = 10000.0;
constexpr double kSpeedMps = 4.5;
constexpr int kHotspots = 20;
constexpr double kHotspotSdM = 500.0;

struct Position {
  double x_m, y_m;
};

AssignmentProblem geometric_problem(std::uint32_t rows, std::uint32_t columns, std::size_t arcs,
                                    bool clustered, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Position> riders(columns);
  for (auto& rider : riders) rider = {rng.uniform(0, kSideM), rng.uniform(0, kSideM)};
  std::vector<Position> hotspots(kHotspots);
  for (auto& hotspot : hotspots) hotspot = {rng.uniform(0, kSideM), rng.uniform(0, kSideM)};

  AssignmentProblem problem;
  problem.rows = rows;
  problem.columns = columns;
  const std::size_t per_row = std::min<std::size_t>(columns, arcs / std::max(1u, rows));
  std::vector<std::pair<double, std::uint32_t>> by_distance(columns);
  for (std::uint32_t r = 0; r < rows; ++r) {
    Position order{rng.uniform(0, kSideM), rng.uniform(0, kSideM)};
    if (clustered) {
      const Position& hotspot = hotspots[rng.below(kHotspots)];
      order = {hotspot.x_m + kHotspotSdM * rng.normal(), hotspot.y_m + kHotspotSdM * rng.normal()};
    }
    for (std::uint32_t c = 0; c < columns; ++c)
      by_distance[c] = {std::hypot(riders[c].x_m - order.x_m, riders[c].y_m - order.y_m), c};
    std::partial_sort(by_distance.begin(),
                      by_distance.begin() + static_cast<std::ptrdiff_t>(per_row),
                      by_distance.end());
    for (std::size_t k = 0; k < per_row; ++k)
      problem.arcs.push_back({r, by_distance[k].second, by_distance[k].first / kSpeedMps});
    problem.unassigned_cost.push_back(rng.uniform(600, 1200));
  }
  // A dispatcher's filters emit arcs in no particular order.
  for (std::size_t i = problem.arcs.size(); i > 1; --i)
    std::swap(problem.arcs[i - 1], problem.arcs[rng.below(i)]);
  return problem;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint32_t rows = 2000, columns = 4000;
  std::size_t arcs = 100000;
  int reps = 15;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "usage: %s [--rows N] [--columns N] [--arcs N] [--reps N] [--seed N]\n",
                   argv[0]);
      return 2;
    }
    const char* value = argv[++i];
    if (arg == "--rows")
      rows = static_cast<std::uint32_t>(std::strtoul(value, nullptr, 10));
    else if (arg == "--columns")
      columns = static_cast<std::uint32_t>(std::strtoul(value, nullptr, 10));
    else if (arg == "--arcs")
      arcs = std::strtoull(value, nullptr, 10);
    else if (arg == "--reps")
      reps = std::max(1, std::atoi(value));
    else if (arg == "--seed")
      seed = std::strtoull(value, nullptr, 10);
    else {
      std::fprintf(stderr, "unknown option %s\n", arg.c_str());
      return 2;
    }
  }

  for (const bool clustered : {false, true}) {
    const AssignmentProblem problem = geometric_problem(rows, columns, arcs, clustered, seed);
    std::vector<double> wall_ms, cpu_ms;
    AssignmentSolution solution;
    for (int rep = 0; rep < reps; ++rep) {
      const auto started = std::chrono::steady_clock::now();
      const std::clock_t cpu_started = std::clock();
      solution = solve_assignment(problem);
      cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC);
      wall_ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count());
    }
    std::sort(wall_ms.begin(), wall_ms.end());
    std::sort(cpu_ms.begin(), cpu_ms.end());
    const auto unassigned =
        std::count(solution.column_of_row.begin(), solution.column_of_row.end(), kUnassigned);
    std::printf(
        "%-9s rows %u, columns %u, arcs %zu: solve median %.2f ms wall (min %.2f, max %.2f), "
        "%.2f ms CPU, %d runs; total cost %.3f s, unassigned rows %td\n",
        clustered ? "clustered" : "uniform", problem.rows, problem.columns, problem.arcs.size(),
        wall_ms[wall_ms.size() / 2], wall_ms.front(), wall_ms.back(), cpu_ms[cpu_ms.size() / 2],
        reps, solution.total_cost, unassigned);
  }
  return 0;
}
