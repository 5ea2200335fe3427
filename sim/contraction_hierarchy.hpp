#pragma once
// Contraction hierarchies (Geisberger, Sanders, Schultes and Delling, 2008) on a directed graph
// with real costs: the travel oracle's exact shortest paths.
//
// Preprocessing contracts nodes one by one, least important first (shortcuts added per arc
// removed, and depth; see contraction_hierarchy.cpp), adding a shortcut u→w for each path
// u→v→w through the contracted node v that no witness search finds a path at least as short
// around. A node's rank is its place in that order. A query is then two Dijkstra searches that
// only go up in rank — forward from the source over edges to higher nodes, backward from the
// target over edges from higher nodes — meeting at the path's highest node; a few hundred nodes
// settled instead of tens of thousands. PHAST (Delling et al., 2011) gives one-to-all costs
// from one upward search and one sweep over all nodes in decreasing rank.
//
// Everything is stored by rank (node ids are mapped at the interface), so that the sweeps read
// memory in order and the nodes most searches reach (the highest) share a few cache lines.
// Deterministic: no hashing, and the contraction order breaks ties by node id.

#include <cstdint>
#include <span>
#include <vector>

#include "knightsim/road_graph.hpp"

namespace knightsim {

/// One directed arc of the graph to contract, with its cost (> 0 or = 0, finite).
struct CostArc {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  double cost = 0.0;
};

class ChSearch;

class ContractionHierarchy {
 public:
  /// Witness search limits: nodes settled per search while ordering and while contracting.
  /// Hitting one only adds a shortcut that may be unnecessary; results stay exact.
  struct Limits {
    std::uint32_t ordering_settled = 60;
    std::uint32_t contraction_settled = 400;
  };

  ContractionHierarchy() = default;
  /// Contracts the graph of `node_count` nodes and `arcs` (self-loops are dropped, parallel
  /// arcs keep the cheapest).
  ContractionHierarchy(std::size_t node_count, std::span<const CostArc> arcs, Limits limits);
  ContractionHierarchy(std::size_t node_count, std::span<const CostArc> arcs)
      : ContractionHierarchy(node_count, arcs, Limits{}) {}

  std::size_t node_count() const { return node_of_rank_.size(); }
  /// Arcs of the hierarchy (input arcs kept plus shortcuts), each stored once.
  std::size_t arc_count() const { return up_arcs_.size() + down_arcs_.size(); }
  std::size_t memory_bytes() const;

  /// Shortest cost, +infinity if `to` cannot be reached.
  double cost(NodeId from, NodeId to, ChSearch& search) const;
  /// The same, and the path's nodes from `from` to `to` (empty if unreachable).
  double path(NodeId from, NodeId to, ChSearch& search, std::vector<NodeId>& nodes) const;
  /// Costs from `from` to each target: one upward search from the source, then one pruned
  /// backward search per target.
  void costs_to_many(NodeId from, std::span<const NodeId> targets, ChSearch& search,
                     std::vector<double>& costs) const;

  /// PHAST: cost from `source` to every node, indexed by rank (rank_of), into `cost_by_rank`.
  void costs_from_all_ranks(NodeId source, ChSearch& search,
                            std::vector<double>& cost_by_rank) const;
  /// PHAST backwards: cost from every node to `target`, indexed by rank.
  void costs_to_all_ranks(NodeId target, ChSearch& search, std::vector<double>& cost_by_rank) const;
  std::uint32_t rank_of(NodeId node) const { return rank_of_node_[node]; }

 private:
  struct Arc {
    std::uint32_t other;   ///< rank of the arc's higher end
    std::uint32_t middle;  ///< rank of the node a shortcut bypasses, kNoNode for a road arc
    double cost;
  };
  /// Arcs v→w with rank w > v, of v.
  std::span<const Arc> up(std::uint32_t v) const {
    return {up_arcs_.data() + up_first_[v], up_arcs_.data() + up_first_[v + 1]};
  }
  /// Arcs u→v with rank u > v, of v (other = u).
  std::span<const Arc> down(std::uint32_t v) const {
    return {down_arcs_.data() + down_first_[v], down_arcs_.data() + down_first_[v + 1]};
  }
  enum class Direction { forward, backward };
  /// The bidirectional query between ranks; `meeting` gets the path's highest node.
  double query(std::uint32_t source, std::uint32_t target, ChSearch& search,
               std::uint32_t& meeting) const;
  /// Runs one upward search to exhaustion (no pruning), for costs_to_many and PHAST.
  void search_up_fully(std::uint32_t start, Direction direction, ChSearch& search,
                       bool stall) const;
  /// Stall-on-demand: whether v, popped at `cost`, is reached more cheaply through a higher
  /// node (then no shortest path goes up through v, and its arcs need not be relaxed).
  bool stalled(std::uint32_t v, double cost, Direction direction, const ChSearch& search) const;
  /// The node the arc from→to (ranks) bypasses, kNoNode for a road arc. An arc is stored
  /// once, at its lower end: among the up arcs of `from` or the down arcs of `to`.
  std::uint32_t middle_of(std::uint32_t from, std::uint32_t to) const;
  /// Appends the road nodes of arc from→to (ranks) after `from`.
  void unpack(std::uint32_t from, std::uint32_t to, std::vector<NodeId>& nodes,
              std::vector<std::uint32_t>& stack) const;

  std::vector<NodeId> node_of_rank_;
  std::vector<std::uint32_t> rank_of_node_;
  std::vector<std::uint32_t> up_first_, down_first_;  ///< CSR by rank
  std::vector<Arc> up_arcs_, down_arcs_;
};

/// Scratch space of one search at a time over one hierarchy: labels with an epoch stamp, so
/// that starting a search costs nothing however many nodes the last one touched.
class ChSearch {
 public:
  explicit ChSearch(std::size_t node_count);

 private:
  friend class ContractionHierarchy;
  struct Label {
    double cost;
    std::uint32_t stamp;
    std::uint32_t parent;  ///< rank of the previous node in this search's tree
  };
  struct HeapEntry {
    double cost;
    std::uint32_t node;
    // Cost alone: the heap's operations are deterministic whatever it does with ties.
    bool operator>(const HeapEntry& other) const { return cost > other.cost; }
  };
  /// One direction's search. Each has its own epoch: costs_to_many keeps the forward labels
  /// while running one backward search per target.
  struct Side {
    std::vector<Label> labels;
    std::vector<HeapEntry> heap;
    std::vector<std::uint32_t> settled;  ///< in settling order (search_up_fully)
    std::uint32_t epoch = 0;

    void start();  ///< forgets every label (in O(1)) and empties the heap
    bool reached(std::uint32_t v) const { return labels[v].stamp == epoch; }
    /// Lowers v's label to `cost` and queues v if that is better than its label.
    void relax(std::uint32_t v, double cost, std::uint32_t parent);
    /// Pops the cheapest queued node whose entry is current; false when the heap is empty.
    bool pop(std::uint32_t& v, double& cost);
    double top_cost() const;  ///< +infinity if the heap is empty
  };
  Side& side(bool forward) { return forward ? forward_ : backward_; }

  Side forward_, backward_;
  std::vector<std::uint32_t> unpack_stack_, chain_;
};

}  // namespace knightsim
