// The travel oracle: the mode's costs, its strongly connected components, a contraction
// hierarchy for exact queries, a node grid for nearest nodes and the estimate table.
#include "knightsim/travel_oracle.hpp"

#include <algorithm>
#include <cassert>

#include "contraction_hierarchy.hpp"
#include "estimate_table.hpp"
#include "node_grid.hpp"

namespace knightsim {

struct TravelOracle::Impl {
  const RoadGraph* graph = nullptr;
  TravelMode mode = TravelMode::bike;
  std::vector<std::uint32_t> component;  ///< per node; kNoNode if the mode cannot use it
  double max_speed_factor = 1.0;
  ContractionHierarchy hierarchy;
  NodeGrid usable_nodes;
  EstimateTable estimate;
};

struct OracleQuery::State {
  explicit State(std::size_t node_count) : search(node_count) {}
  ChSearch search;
};

OracleQuery::OracleQuery(const TravelOracle& oracle)
    : state_(std::make_unique<State>(oracle.graph().node_count())) {}
OracleQuery::~OracleQuery() = default;
OracleQuery::OracleQuery(OracleQuery&&) noexcept = default;
OracleQuery& OracleQuery::operator=(OracleQuery&&) noexcept = default;

TravelOracle::TravelOracle(const RoadGraph& graph, TravelMode mode, TravelOracleOptions options)
    : impl_(std::make_unique<Impl>()) {
  assert(graph.finalized());
  Impl& impl = *impl_;
  impl.graph = &graph;
  impl.mode = mode;
  impl.component = strongly_connected_components(graph, mode);

  // Costs in effective metres: an edge's length over its class's speed factor for the mode.
  std::vector<CostArc> arcs;
  arcs.reserve(graph.edge_count());
  double max_factor = 0.0;
  for (const RoadEdge& edge : graph.edges()) {
    if (!(edge.modes & mode_bit(mode))) continue;
    const double factor = road_speed_factor(mode, edge.road_class);
    if (factor <= 0.0) continue;  // the mode may not use the class whatever the edge says
    max_factor = std::max(max_factor, factor);
    arcs.push_back({edge.from, edge.to, static_cast<double>(edge.length_m) / factor});
  }
  if (max_factor == 0.0) {
    // No usable edge: any positive factor keeps max_speed_factor() a safe divisor.
    for (int c = 0; c < kRoadClassCount; ++c)
      max_factor = std::max(max_factor, road_speed_factor(mode, static_cast<RoadClass>(c)));
  }
  impl.max_speed_factor = max_factor;
  impl.hierarchy = ContractionHierarchy(graph.node_count(), arcs);

  std::vector<NodeId> usable;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (impl.component[n] != kNoNode) usable.push_back(n);
  }
  impl.usable_nodes = NodeGrid(graph.positions(), usable);
  impl.estimate = EstimateTable(graph, impl.component, impl.usable_nodes, impl.hierarchy,
                                options.estimate_cell_m);
}

TravelOracle::~TravelOracle() = default;

TravelMode TravelOracle::mode() const {
  return impl_->mode;
}
const RoadGraph& TravelOracle::graph() const {
  return *impl_->graph;
}

std::uint32_t TravelOracle::component(NodeId node) const {
  return impl_->component[node];
}

NodeId TravelOracle::nearest_node(Point p) const {
  return impl_->usable_nodes.nearest(p);
}

NodeId TravelOracle::nearest_node_in(Point p, std::uint32_t component) const {
  const std::vector<std::uint32_t>& of = impl_->component;
  return impl_->usable_nodes.nearest(p, [&](NodeId n) { return of[n] == component; });
}

double TravelOracle::cost(NodeId from, NodeId to, OracleQuery& query) const {
  return impl_->hierarchy.cost(from, to, query.state().search);
}

double TravelOracle::path(NodeId from, NodeId to, OracleQuery& query,
                          std::vector<NodeId>& nodes) const {
  return impl_->hierarchy.path(from, to, query.state().search, nodes);
}

void TravelOracle::costs_to_many(NodeId from, std::span<const NodeId> targets, OracleQuery& query,
                                 std::vector<double>& costs) const {
  impl_->hierarchy.costs_to_many(from, targets, query.state().search, costs);
}

double TravelOracle::estimate(Point a, Point b) const {
  return impl_->estimate.estimate(a, b);
}

double TravelOracle::estimate_error_bound(Point a, Point b) const {
  return impl_->estimate.error_bound(a, b);
}

double TravelOracle::estimate_cell_m() const {
  return impl_->estimate.cell_m();
}

double TravelOracle::max_speed_factor() const {
  return impl_->max_speed_factor;
}

std::size_t TravelOracle::memory_bytes() const {
  return sizeof(Impl) + impl_->component.capacity() * sizeof(std::uint32_t) +
         impl_->hierarchy.memory_bytes() + impl_->usable_nodes.memory_bytes() +
         impl_->estimate.memory_bytes();
}

}  // namespace knightsim
