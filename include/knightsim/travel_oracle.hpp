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

  /// Fast estimate of cost(nearest node of a, nearest node of b) for points on the map, in
  /// tens of nanoseconds, for dispatch to rank candidates. Never more than
  /// estimate_error_bound(a, b) from the exact cost between those nodes when both lie in one
  /// component (documented in docs/maps.md; tested).
  double estimate(Point a, Point b) const;
  double estimate_error_bound(Point a, Point b) const;

  /// Largest road_speed_factor among the edges the mode uses: straight-line metres divided by
  /// it is a lower bound on any cost.
  double max_speed_factor() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace knightsim
