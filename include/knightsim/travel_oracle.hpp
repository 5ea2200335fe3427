#pragma once
/// The travel-time oracle for one travel mode on a road graph: exact shortest paths and a fast
/// estimate for dispatch, both as *costs* in effective metres (length / road_speed_factor), so
/// that the time at cruising speed v m/ms is cost / v, whatever the rider's speed, the weather
/// or the hour (those scale all roads alike; see docs/maps.md).
///
/// The oracle is immutable after construction and shared between runs and threads; each
/// thread asks through its own OracleQuery (the search's scratch space).

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/road_graph.hpp"

namespace knightsim {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

class TravelOracle;

/// Scratch space of one exact query at a time. Cheap to keep, not thread-safe: one per thread
/// (each Simulation owns one).
class OracleQuery {
 public:
  explicit OracleQuery(const TravelOracle& oracle);
  ~OracleQuery();
  OracleQuery(OracleQuery&&) noexcept;
  OracleQuery& operator=(OracleQuery&&) noexcept;

  struct State;
  State& state() { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

struct TravelOracleOptions {
  /// Side of the estimate's cells, metres (see estimate()).
  double estimate_cell_m = 400.0;
};

class TravelOracle {
 public:
  /// Preprocesses `graph` (finalized) for `mode`. The graph must outlive the oracle.
  TravelOracle(const RoadGraph& graph, TravelMode mode, TravelOracleOptions options = {});
  ~TravelOracle();
  TravelOracle(const TravelOracle&) = delete;
  TravelOracle& operator=(const TravelOracle&) = delete;

  TravelMode mode() const;
  const RoadGraph& graph() const;

  /// Strongly connected component of a node for this mode (0 = largest), kNoNode if the mode
  /// cannot use the node. Exact costs between nodes of one component are finite.
  std::uint32_t component(NodeId node) const;
  /// Nearest node the mode can use (any component), kNoNode for an empty graph.
  NodeId nearest_node(Point p) const;
  /// Nearest usable node within one component.
  NodeId nearest_node_in(Point p, std::uint32_t component) const;

  /// Exact shortest cost from `from` to `to`, effective metres; kUnreachable if none.
  double cost(NodeId from, NodeId to, OracleQuery& query) const;
  /// The same, and the path's nodes (from .. to) in `nodes` (cleared first; empty if
  /// unreachable).
  double path(NodeId from, NodeId to, OracleQuery& query, std::vector<NodeId>& nodes) const;
  /// Exact costs from `from` to each of `targets` (kUnreachable where none), into `costs`.
  void costs_to_many(NodeId from, std::span<const NodeId> targets, OracleQuery& query,
                     std::vector<double>& costs) const;

  /// Fast estimate of cost(nearest_node(a), nearest_node(b)) for points on the map, in
  /// tens of nanoseconds, for dispatch to rank candidates: a table of exact costs between one
  /// representative node per cell of estimate_cell_m(). Never more than
  /// estimate_error_bound(a, b) from the exact cost between those nodes when both lie in one
  /// component (docs/maps.md; tested). kUnreachable when a's and b's cells belong to different
  /// components.
  double estimate(Point a, Point b) const;
  /// The estimate's guaranteed error bound for these two points, effective metres:
  /// kUnreachable (no guarantee) for a point off the oracle's area (the usable nodes' box
  /// grown by one cell), for cells of different components, and where a second component's
  /// nodes may be nearest to both points (a sliver, a facing island).
  double estimate_error_bound(Point a, Point b) const;
  /// The estimate's cell side: options.estimate_cell_m, or coarser when the table would not
  /// fit in 32 MB (many cells).
  double estimate_cell_m() const;

  /// Largest road_speed_factor among the edges the mode uses: straight-line metres divided by
  /// it is a lower bound on any cost.
  double max_speed_factor() const;

  /// Memory held by the oracle (hierarchy, grids, estimate table), bytes.
  std::size_t memory_bytes() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace knightsim
