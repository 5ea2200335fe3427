// Benchmark: the travel-time oracle on a generated city-size road graph, or on a real map.
//
//   knightsim_bench_oracle [--side N] [--spacing M] [--one-way SHARE] [--cell M] [--mode
//   bike|car|foot]
//                          [--pairs N] [--seed N] [--map FILE.osm.pbf|.osm|.osm.gz|.kmap]
//
// With --map the graph is the file's, read as the scenario loader reads it (the largest
// component for the mode); the generator options are ignored.
//
// The city is a jittered side × side grid of streets `spacing` metres apart: residential streets
// (a share of them one-way, a few blocks missing), secondary roads every 5th line, primary roads
// every 10th, and an east-west motorway with ramps every 25 streets (cars only). It reports the
// preprocessing time (contraction hierarchy alone, then the whole oracle with its estimate
// table), exact query times against a plain Dijkstra, paths, one-to-many, nearest node, the
// estimate's time and its error against the exact cost, and memory. CPU time is printed next to
// wall time for preprocessing because the machines this runs on are often shared; per-query
// figures are CPU time for the same reason.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <vector>

#include "contraction_hierarchy.hpp"
#include "knightsim/osm_import.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/travel_oracle.hpp"

using namespace knightsim;

namespace {

struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double wall_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
  double cpu_s() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

RoadGraph generate_city(int side, double spacing_m, double one_way_share, std::uint64_t seed) {
  Rng rng(seed);
  RoadGraph graph;
  const auto at = [side](int i, int j) { return static_cast<NodeId>(j * side + i); };
  for (int j = 0; j < side; ++j) {
    for (int i = 0; i < side; ++i) {
      graph.add_node({i * spacing_m + rng.uniform(-0.2, 0.2) * spacing_m,
                      j * spacing_m + rng.uniform(-0.2, 0.2) * spacing_m});
    }
  }
  const auto street = [&](NodeId a, NodeId b, int line) {
    const RoadClass road_class = line % 10 == 0  ? RoadClass::primary
                                 : line % 5 == 0 ? RoadClass::secondary
                                                 : RoadClass::residential;
    const double length_m =
        euclidean_m(graph.position(a), graph.position(b)) * rng.uniform(1.0, 1.15);
    if (road_class == RoadClass::residential) {
      if (rng.bernoulli(0.05)) return;  // a missing block
      if (rng.bernoulli(one_way_share)) {
        if (rng.bernoulli(0.5)) std::swap(a, b);
        graph.add_edge(a, b, road_class, default_modes(road_class), 0, length_m);
        return;
      }
    }
    graph.add_road(a, b, road_class, default_modes(road_class), 0, length_m);
  };
  for (int j = 0; j < side; ++j) {
    for (int i = 0; i + 1 < side; ++i) {
      street(at(i, j), at(i + 1, j), j);
      street(at(j, i), at(j, i + 1), j);
    }
  }
  // The motorway: half a block north of the middle street, ramps every 25 streets.
  const int middle = side / 2;
  NodeId previous = kNoNode;
  for (int i = 0; i < side; i += 5) {
    const NodeId node = graph.add_node({i * spacing_m, (middle + 0.5) * spacing_m});
    if (previous != kNoNode) graph.add_road(previous, node, RoadClass::motorway, kAllModes);
    if (i % 25 == 0) {
      graph.add_road(node, at(i, middle), RoadClass::primary, default_modes(RoadClass::primary));
    }
    previous = node;
  }
  graph.finalize();
  return graph;
}

/// Plain Dijkstra with early stop, for the speed-up and as a check.
double dijkstra(const RoadGraph& graph, TravelMode mode, NodeId from, NodeId to,
                std::vector<double>& cost) {
  cost.assign(graph.node_count(), std::numeric_limits<double>::infinity());
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  cost[from] = 0.0;
  queue.push({0.0, from});
  while (!queue.empty()) {
    const auto [c, v] = queue.top();
    queue.pop();
    if (c > cost[v]) continue;
    if (v == to) return c;
    for (const RoadEdge& edge : graph.out_edges(v)) {
      const double factor = road_speed_factor(mode, edge.road_class);
      if (!(edge.modes & mode_bit(mode)) || factor <= 0.0) continue;
      const double next = c + edge.length_m / factor;
      if (next < cost[edge.to]) {
        cost[edge.to] = next;
        queue.push({next, edge.to});
      }
    }
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

int main(int argc, char** argv) {
  int side = 250;
  double spacing_m = 50.0, one_way_share = 0.2, cell_m = 400.0;
  std::size_t pairs = 10000;
  std::uint64_t seed = 1;
  TravelMode mode = TravelMode::bike;
  std::string map_file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--side" && has_value) {
      side = std::atoi(argv[++i]);
    } else if (arg == "--spacing" && has_value) {
      spacing_m = std::atof(argv[++i]);
    } else if (arg == "--one-way" && has_value) {
      one_way_share = std::atof(argv[++i]);
    } else if (arg == "--cell" && has_value) {
      cell_m = std::atof(argv[++i]);
    } else if (arg == "--pairs" && has_value) {
      pairs = static_cast<std::size_t>(std::atol(argv[++i]));
    } else if (arg == "--seed" && has_value) {
      seed = static_cast<std::uint64_t>(std::atoll(argv[++i]));
    } else if (arg == "--mode" && has_value && parse_travel_mode(argv[i + 1], mode)) {
      ++i;
    } else if (arg == "--map" && has_value) {
      map_file = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: %s [--side N] [--spacing M] [--one-way SHARE] [--cell M] "
                   "[--mode bike|car|foot] [--pairs N] [--seed N] [--map FILE]\n",
                   argv[0]);
      return 2;
    }
  }

  RoadGraph graph;
  if (map_file.empty()) {
    graph = generate_city(side, spacing_m, one_way_share, seed);
  } else {
    try {
      OsmImportOptions options;
      options.mode = mode;
      graph = load_map_file(map_file, options).graph;
    } catch (const MapFileError& error) {
      std::fprintf(stderr, "knightsim_bench_oracle: %s\n", error.what());
      return 2;
    }
    std::printf("map file: %s\n", map_file.c_str());
  }
  std::printf("graph: %zu nodes, %zu edges, %.1f km x %.1f km, mode %s\n", graph.node_count(),
              graph.edge_count(), (graph.max_corner().x_m - graph.min_corner().x_m) / 1000,
              (graph.max_corner().y_m - graph.min_corner().y_m) / 1000, to_string(mode));

  // The hierarchy alone, built the way the oracle builds it.
  {
    std::vector<CostArc> arcs;
    for (const RoadEdge& edge : graph.edges()) {
      const double factor = road_speed_factor(mode, edge.road_class);
      if ((edge.modes & mode_bit(mode)) && factor > 0.0)
        arcs.push_back({edge.from, edge.to, edge.length_m / factor});
    }
    const Timer timer;
    const ContractionHierarchy hierarchy(graph.node_count(), arcs);
    std::printf("contraction hierarchy: %.2f s wall, %.2f s CPU; %zu arcs (%zu input), %.1f MB\n",
                timer.wall_s(), timer.cpu_s(), hierarchy.arc_count(), arcs.size(),
                static_cast<double>(hierarchy.memory_bytes()) / 1e6);
  }

  const Timer build_timer;
  const TravelOracle oracle(graph, mode, TravelOracleOptions{cell_m});
  std::printf(
      "oracle (hierarchy + estimate table): %.2f s wall, %.2f s CPU; cell %.0f m, %.1f MB\n",
      build_timer.wall_s(), build_timer.cpu_s(), oracle.estimate_cell_m(),
      static_cast<double>(oracle.memory_bytes()) / 1e6);

  Rng rng(seed + 1);
  std::vector<NodeId> main_nodes;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (oracle.component(n) == 0) main_nodes.push_back(n);
  }
  const auto random_node = [&] { return main_nodes[rng.below(main_nodes.size())]; };
  std::vector<std::pair<NodeId, NodeId>> node_pairs(pairs);
  for (auto& pair : node_pairs) pair = {random_node(), random_node()};

  OracleQuery query(oracle);
  double checksum = 0.0;
  {
    const Timer timer;
    for (const auto& [a, b] : node_pairs) checksum += oracle.cost(a, b, query);
    std::printf("exact cost: %.2f us per query (%zu random pairs)\n",
                timer.cpu_s() / static_cast<double>(pairs) * 1e6, pairs);
  }
  {
    std::vector<NodeId> path;
    std::size_t nodes = 0;
    const Timer timer;
    for (const auto& [a, b] : node_pairs) {
      checksum += oracle.path(a, b, query, path);
      nodes += path.size();
    }
    std::printf("exact path: %.2f us per query (%.0f nodes on average)\n",
                timer.cpu_s() / static_cast<double>(pairs) * 1e6,
                static_cast<double>(nodes) / static_cast<double>(pairs));
  }
  {
    constexpr std::size_t kTargets = 50;
    const std::size_t sources = std::max<std::size_t>(1, pairs / kTargets);
    std::vector<NodeId> targets(kTargets);
    std::vector<double> costs;
    double elapsed_s = 0.0;
    for (std::size_t s = 0; s < sources; ++s) {
      for (NodeId& target : targets) target = random_node();
      const NodeId from = random_node();
      const Timer timer;
      oracle.costs_to_many(from, targets, query, costs);
      elapsed_s += timer.cpu_s();
      for (double c : costs) checksum += c;
    }
    std::printf("costs_to_many, 1 to %zu: %.2f us per call (%.2f us per target)\n", kTargets,
                elapsed_s / static_cast<double>(sources) * 1e6,
                elapsed_s / static_cast<double>(sources * kTargets) * 1e6);
  }
  {
    const std::size_t checks = std::min<std::size_t>(pairs, 300);
    std::vector<double> scratch;
    std::size_t mismatches = 0;
    const Timer timer;
    for (std::size_t i = 0; i < checks; ++i) {
      const auto [a, b] = node_pairs[i];
      const double reference = dijkstra(graph, mode, a, b, scratch);
      if (std::abs(reference - oracle.cost(a, b, query)) > 1e-6 * (1.0 + reference)) ++mismatches;
    }
    std::printf("plain Dijkstra: %.0f us per query; %zu of %zu disagree with the oracle\n",
                timer.cpu_s() / static_cast<double>(checks) * 1e6, mismatches, checks);
  }

  // Random points on the map where riders and customers are: within 100 m of a random usable
  // node (on a real map, most of the box is mountain, water or field, far from any road).
  std::vector<NodeId> usable_nodes;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (oracle.component(n) != kNoNode) usable_nodes.push_back(n);
  }
  const auto random_point = [&] {
    const Point p = graph.position(usable_nodes[rng.below(usable_nodes.size())]);
    return Point{p.x_m + rng.uniform(-100, 100), p.y_m + rng.uniform(-100, 100)};
  };
  {
    constexpr std::size_t kPoints = 100000;
    std::vector<Point> points(kPoints);
    for (Point& p : points) p = random_point();
    std::uint64_t sum = 0;
    const Timer timer;
    for (const Point& p : points) sum += oracle.nearest_node(p);
    std::printf("nearest_node: %.0f ns per query\n",
                timer.cpu_s() / static_cast<double>(kPoints) * 1e9);
    checksum += static_cast<double>(sum % 7);
  }
  {
    constexpr std::size_t kPoints = 1 << 20;
    std::vector<Point> points(kPoints);
    for (Point& p : points) p = random_point();
    constexpr int kRounds = 4;
    double sum = 0.0;
    const Timer timer;
    for (int round = 0; round < kRounds; ++round) {
      for (std::size_t i = 0; i + 1 < kPoints; ++i)
        sum += std::min(oracle.estimate(points[i], points[i + 1]), 1e12);  // kUnreachable: 1e12
    }
    std::printf("estimate: %.1f ns per call (random pairs of points)\n",
                timer.cpu_s() / static_cast<double>(kRounds * (kPoints - 1)) * 1e9);
    // Dispatch's pattern: one order against many riders (one table row, cached).
    constexpr std::size_t kRiders = 1000;
    const Timer row_timer;
    for (std::size_t order = 0; order < kPoints / kRiders; ++order) {
      for (std::size_t rider = 0; rider < kRiders; ++rider)
        sum += std::min(oracle.estimate(points[rider], points[kRiders + order]), 1e12);
    }
    std::printf("estimate: %.1f ns per call (one point against 1000 others)\n",
                row_timer.cpu_s() / static_cast<double>(kPoints / kRiders * kRiders) * 1e9);
    checksum += sum;
  }
  {
    // Error against the exact cost between the points' nearest nodes, by trip length.
    double sum_abs = 0.0, max_abs = 0.0, sum_rel = 0.0, max_rel = 0.0, sum_bound = 0.0;
    double max_bound_ratio = 0.0;
    std::vector<double> relative_errors;
    std::size_t counted = 0, relative_counted = 0, violations = 0, unbounded = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
      const Point a = random_point(), b = random_point();
      const NodeId na = oracle.nearest_node(a), nb = oracle.nearest_node(b);
      if (oracle.component(na) != oracle.component(nb)) continue;
      const double exact = oracle.cost(na, nb, query);
      const double estimate = oracle.estimate(a, b), bound = oracle.estimate_error_bound(a, b);
      const double error = std::abs(estimate - exact);
      if (error > bound) ++violations;
      if (!std::isfinite(bound)) {
        ++unbounded;
        continue;
      }
      ++counted;
      sum_abs += error;
      max_abs = std::max(max_abs, error);
      sum_bound += bound;
      if (exact >= 1000.0) {
        ++relative_counted;
        sum_rel += error / exact;
        relative_errors.push_back(error / exact);
        max_rel = std::max(max_rel, error / exact);
        max_bound_ratio = std::max(max_bound_ratio, bound / exact);
      }
    }
    std::printf("estimate error over %zu random point pairs (effective metres):\n", counted);
    std::printf("  absolute: mean %.0f, max %.0f; guaranteed bound: mean %.0f\n",
                sum_abs / static_cast<double>(counted), max_abs,
                sum_bound / static_cast<double>(counted));
    std::printf(
        "  relative, trips of 1 km and more (%zu): mean %.1f %%, max %.1f %%; "
        "bound / cost up to %.0f %%\n",
        relative_counted, 100.0 * sum_rel / static_cast<double>(relative_counted), 100.0 * max_rel,
        100.0 * max_bound_ratio);
    std::sort(relative_errors.begin(), relative_errors.end());
    const auto percentile = [&](double q) {
      if (relative_errors.empty()) return 0.0;
      return 100.0 * relative_errors[static_cast<std::size_t>(
                         q * static_cast<double>(relative_errors.size() - 1))];
    };
    std::printf("  relative error percentiles: 50th %.1f %%, 90th %.1f %%, 99th %.1f %%\n",
                percentile(0.5), percentile(0.9), percentile(0.99));
    std::printf("  pairs with no bound: %zu; over the bound: %zu\n", unbounded, violations);
  }
  std::printf("(checksum %.3g)\n", checksum);
  return 0;
}
