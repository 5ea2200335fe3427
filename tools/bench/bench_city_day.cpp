// Benchmark: a scenario scaled up to a target number of orders and riders, timed end to end.
//
//   knightsim_bench [SCENARIO] [--orders N] [--riders N] [--reps N] [--seed N]
//                   [--dispatch STRATEGY]
//
// Scaling tiles the base city so riders are no denser than in the base scenario (see scaled()),
// and sets orders_per_hour so the expected number of orders over the run is the target.
// Prints one line per repetition and the median.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"
#include "scaled_scenario.hpp"

using namespace knightsim;
using knightsim::bench::scaled;

int main(int argc, char** argv) {
  std::string path;
  double target_orders = 200000;
  int target_riders = 4000, reps = 3;
  std::uint64_t seed = 1;
  std::string strategy;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--orders")
      target_orders = std::atof(next());
    else if (arg == "--riders")
      target_riders = std::atoi(next());
    else if (arg == "--reps")
      reps = std::max(1, std::atoi(next()));
    else if (arg == "--seed")
      seed = std::strtoull(next(), nullptr, 10);
    else if (arg == "--dispatch")
      strategy = next();
    else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown option %s\n", arg.c_str());
      return 2;
    } else
      path = arg;
  }
  const ScenarioLoadResult loaded =
      path.empty() ? load_scenario_text(default_scenario_text(), "<built-in default>")
                   : load_scenario_file(path);
  for (const auto& problem : loaded.problems)
    std::fprintf(stderr, "%s\n", problem.format().c_str());
  if (!loaded.ok()) return 2;
  ScenarioSpec spec = scaled(*loaded.spec, target_orders, target_riders);
  if (!strategy.empty() && !parse_dispatch_strategy(strategy, spec.dispatch.strategy)) {
    std::fprintf(stderr, "unknown dispatch strategy %s\n", strategy.c_str());
    return 2;
  }
  int merchants = 0;
  for (const auto& group : spec.merchants) merchants += group.count;
  std::printf(
      "scenario %s scaled: %.1f km x %.1f km, %zu stations, %d merchants, %d riders, "
      "orders_per_hour %.0f, dispatch %s\n",
      spec.name.c_str(), spec.city.width_m / 1000, spec.city.height_m / 1000, spec.stations.size(),
      merchants, target_riders, spec.demand.orders_per_hour, to_string(spec.dispatch.strategy));

  std::vector<double> walls;
  for (int rep = 0; rep < reps; ++rep) {
    const auto started = std::chrono::steady_clock::now();
    Simulation simulation(spec, seed);
    simulation.run();
    const RunSummary summary = summarize(simulation);
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    walls.push_back(wall_s);
    std::printf(
        "rep %d: wall %.2f s, events %llu (%.0f events/s), orders %llu, delivered %llu, "
        "cancelled %llu, on-time %.1f%%, click-to-door mean %.1f min\n",
        rep + 1, wall_s, static_cast<unsigned long long>(summary.engine_events),
        static_cast<double>(summary.engine_events) / wall_s,
        static_cast<unsigned long long>(summary.orders_created),
        static_cast<unsigned long long>(summary.orders_delivered),
        static_cast<unsigned long long>(summary.orders_cancelled), summary.on_time_rate * 100,
        summary.click_to_door_min.mean);
  }
  std::sort(walls.begin(), walls.end());
  std::printf("median wall %.2f s over %d repetitions (world set-up and summary included)\n",
              walls[walls.size() / 2], reps);
  return 0;
}
