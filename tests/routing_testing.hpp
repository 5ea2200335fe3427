#pragma once
// The reference the routing tests check TravelOracle against: a plain Dijkstra over the road
// graph with each mode's edge costs, simple enough to be obviously right.

#include <functional>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "knightsim/road_graph.hpp"

namespace knightsim::testing {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

/// The cost of traversing `edge` by `mode`: length over the mode's speed factor, +infinity
/// where the mode may not use the edge.
inline double edge_cost(const RoadEdge& edge, TravelMode mode) {
  const double factor = road_speed_factor(mode, edge.road_class);
  if (!(edge.modes & mode_bit(mode)) || factor <= 0.0) return kUnreachable;
  return edge.length_m / factor;
}

/// Plain Dijkstra: the cost from `from` to every node for `mode` (+infinity if unreachable).
inline std::vector<double> reference_costs(const RoadGraph& graph, TravelMode mode, NodeId from) {
  std::vector<double> cost(graph.node_count(), kUnreachable);
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  cost[from] = 0.0;
  queue.push({0.0, from});
  while (!queue.empty()) {
    const auto [c, v] = queue.top();
    queue.pop();
    if (c > cost[v]) continue;
    for (const RoadEdge& edge : graph.out_edges(v)) {
      const double next = c + edge_cost(edge, mode);
      if (next < cost[edge.to]) {
        cost[edge.to] = next;
        queue.push({next, edge.to});
      }
    }
  }
  return cost;
}

}  // namespace knightsim::testing
