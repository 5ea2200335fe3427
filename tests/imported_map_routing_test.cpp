// Shortest paths on an imported OpenStreetMap map agree with a plain Dijkstra, for every mode,
// and riders on an imported map stay on its roads.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

#include "knightsim/osm_import.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/travel_oracle.hpp"
#include "map_town_testing.hpp"
#include "scratch_dir.hpp"

using namespace knightsim;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<double> dijkstra(const RoadGraph& graph, TravelMode mode, NodeId from) {
  std::vector<double> cost(graph.node_count(), kInf);
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  cost[from] = 0.0;
  queue.push({0.0, from});
  while (!queue.empty()) {
    const auto [c, v] = queue.top();
    queue.pop();
    if (c > cost[v]) continue;
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
  return cost;
}

}  // namespace

TEST_CASE("exact costs on an imported OpenStreetMap town equal Dijkstra's, every mode") {
  const testing::ScratchDir dir("imported-routing");
  const std::string path = dir.write("town.osm", testing::osm_town_xml(14, 7));
  for (const TravelMode mode : {TravelMode::bike, TravelMode::car, TravelMode::foot}) {
    CAPTURE(to_string(mode));
    OsmImportOptions options;
    options.mode = mode;
    const ImportedMap imported = import_osm(path, options);
    const RoadGraph& graph = imported.graph;
    REQUIRE(graph.node_count() > 100);
    const TravelOracle oracle(graph, mode);
    OracleQuery query(oracle);
    Rng rng(11);
    int compared = 0, one_way_asymmetric = 0;
    for (int s = 0; s < 12; ++s) {
      const auto from = static_cast<NodeId>(rng.below(graph.node_count()));
      const std::vector<double> reference = dijkstra(graph, mode, from);
      for (int t = 0; t < 20; ++t) {
        const auto to = static_cast<NodeId>(rng.below(graph.node_count()));
        const double cost = oracle.cost(from, to, query);
        // The import keeps the mode's largest strongly connected piece: all reachable.
        REQUIRE(std::isfinite(reference[to]));
        CHECK(cost == doctest::Approx(reference[to]).epsilon(1e-9));
        if (std::abs(oracle.cost(to, from, query) - cost) > 1.0) ++one_way_asymmetric;
        ++compared;
      }
    }
    CHECK(compared == 240);
    // One-way streets make some trips longer one way than back (not for walkers).
    if (mode != TravelMode::foot) CHECK(one_way_asymmetric > 0);
  }
}
