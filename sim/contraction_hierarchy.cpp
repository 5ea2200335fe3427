// Contraction hierarchies: node ordering and contraction with witness searches, the upward
// queries with stall-on-demand, shortcut unpacking, and PHAST sweeps.
#include "contraction_hierarchy.hpp"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>

namespace knightsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// An arc of the graph being contracted, by node id.
struct DynamicArc {
  std::uint32_t other;
  std::uint32_t middle;  ///< node a shortcut bypasses, kNoNode for a road arc
  std::uint32_t hops;    ///< road arcs it stands for (the ordering's "original edges" term)
  double cost;
};

struct Shortcut {
  std::uint32_t from, to, hops;
  double cost;
};

struct QueueEntry {
  double key;
  std::uint32_t node;
  bool operator>(const QueueEntry& other) const {
    return key != other.key ? key > other.key : node > other.node;
  }
};

/// The contraction itself. Each node keeps lists of its arcs out and in among the nodes not yet
/// contracted; when a node is contracted its own lists freeze and become its arcs in the
/// hierarchy (every neighbour left is contracted later, so ranks higher).
class Contractor {
 public:
  Contractor(std::size_t node_count, std::span<const CostArc> arcs,
             ContractionHierarchy::Limits limits)
      : out_(node_count),
        in_(node_count),
        contracted_(node_count, 0),
        stale_(node_count, 0),
        depth_(node_count, 0),
        witness_cost_(node_count, kInfinity),
        witness_stamp_(node_count, 0),
        target_mark_(node_count, 0),
        neighbour_stamp_(node_count, 0),
        limits_(limits) {
    for (const CostArc& arc : arcs) {
      if (arc.from == arc.to) continue;
      add_or_improve(arc.from, arc.to, arc.cost, kNoNode, 1);
    }
  }

  /// Contracts every node; returns the contraction order (node ids, least important first).
  std::vector<std::uint32_t> contract_all() {
    const auto n = static_cast<std::uint32_t>(out_.size());
    std::vector<double> priority(n);
    std::vector<QueueEntry> queue;
    queue.reserve(n);
    for (std::uint32_t v = 0; v < n; ++v) {
      priority[v] = importance(v);
      queue.push_back({priority[v], v});
    }
    std::make_heap(queue.begin(), queue.end(), std::greater<>{});
    std::vector<std::uint32_t> order;
    order.reserve(n);
    std::vector<std::uint32_t> neighbours;
    while (!queue.empty()) {
      std::pop_heap(queue.begin(), queue.end(), std::greater<>{});
      const QueueEntry top = queue.back();
      queue.pop_back();
      if (contracted_[top.node] || top.key != priority[top.node]) continue;  // stale entry
      // Lazy updates: contracting a node changes its neighbours' importance, which is only
      // recomputed when one comes up; if it is then no longer the least, it goes back. Half the
      // preprocessing time of recomputing every neighbour at once, for searches ~10 % larger.
      if (stale_[top.node]) {
        stale_[top.node] = 0;
        priority[top.node] = importance(top.node);
        if (!queue.empty() && QueueEntry{priority[top.node], top.node} > queue.front()) {
          queue.push_back({priority[top.node], top.node});
          std::push_heap(queue.begin(), queue.end(), std::greater<>{});
          continue;
        }
      }
      contract(top.node, neighbours);
      order.push_back(top.node);
      for (std::uint32_t x : neighbours) stale_[x] = 1;
    }
    return order;
  }

  const std::vector<DynamicArc>& out(std::uint32_t v) const { return out_[v]; }
  const std::vector<DynamicArc>& in(std::uint32_t v) const { return in_[v]; }

 private:
  void add_or_improve(std::uint32_t from, std::uint32_t to, double cost, std::uint32_t middle,
                      std::uint32_t hops) {
    for (DynamicArc& arc : out_[from]) {
      if (arc.other != to) continue;
      if (cost < arc.cost) {
        arc = {to, middle, hops, cost};
        for (DynamicArc& back : in_[to]) {
          if (back.other == from) back = {from, middle, hops, cost};
        }
      }
      return;
    }
    out_[from].push_back({to, middle, hops, cost});
    in_[to].push_back({from, middle, hops, cost});
  }

  /// Dijkstra from `source` among uncontracted nodes other than `avoid`, up to `max_cost` or
  /// `settle_limit` settled nodes; results in witness_cost_ (valid where stamped).
  /// Stops early once `targets` nodes marked in target_mark_ with the current epoch are settled.
  void witness_search(std::uint32_t source, std::uint32_t avoid, double max_cost,
                      std::uint32_t settle_limit, std::uint32_t targets) {
    ++witness_epoch_;
    witness_heap_.clear();
    witness_stamp_[source] = witness_epoch_;
    witness_cost_[source] = 0.0;
    witness_heap_.push_back({0.0, source});
    std::uint32_t settled = 0;
    while (!witness_heap_.empty()) {
      std::pop_heap(witness_heap_.begin(), witness_heap_.end(), std::greater<>{});
      const QueueEntry top = witness_heap_.back();
      witness_heap_.pop_back();
      if (top.key > witness_cost_[top.node]) continue;
      if (top.key > max_cost || ++settled > settle_limit) break;
      if (target_mark_[top.node] == witness_epoch_ && --targets == 0) break;
      for (const DynamicArc& arc : out_[top.node]) {
        if (arc.other == avoid) continue;
        const double cost = top.key + arc.cost;
        if (witness_stamp_[arc.other] != witness_epoch_ || cost < witness_cost_[arc.other]) {
          witness_stamp_[arc.other] = witness_epoch_;
          witness_cost_[arc.other] = cost;
          witness_heap_.push_back({cost, arc.other});
          std::push_heap(witness_heap_.begin(), witness_heap_.end(), std::greater<>{});
        }
      }
    }
  }

  double witness_cost(std::uint32_t v) const {
    return witness_stamp_[v] == witness_epoch_ ? witness_cost_[v] : kInfinity;
  }

  /// The shortcuts contracting v needs: u→w for u→v→w unless a witness path is as cheap.
  void shortcuts_for(std::uint32_t v, std::uint32_t settle_limit, std::vector<Shortcut>& result) {
    result.clear();
    for (const DynamicArc& in_arc : in_[v]) {
      const std::uint32_t u = in_arc.other;
      double max_cost = -1.0;
      for (const DynamicArc& out_arc : out_[v]) {
        if (out_arc.other != u) max_cost = std::max(max_cost, in_arc.cost + out_arc.cost);
      }
      if (max_cost < 0.0) continue;
      std::uint32_t targets = 0;
      const std::uint64_t epoch = witness_epoch_ + 1;  // the search's (see witness_search)
      for (const DynamicArc& out_arc : out_[v]) {
        if (out_arc.other != u && target_mark_[out_arc.other] != epoch) {
          target_mark_[out_arc.other] = epoch;
          ++targets;
        }
      }
      witness_search(u, v, max_cost, settle_limit, targets);
      for (const DynamicArc& out_arc : out_[v]) {
        const std::uint32_t w = out_arc.other;
        const double via = in_arc.cost + out_arc.cost;
        if (w != u && witness_cost(w) > via)
          result.push_back({u, w, in_arc.hops + out_arc.hops, via});
      }
    }
  }

  /// Contraction priority, lowest first: the shortcuts it adds per arc it removes (twice, the
  /// edge quotient), the same counted in road arcs, and the node's depth (one more than the
  /// deepest contracted neighbour) so that contraction spreads evenly instead of eating into
  /// one region. The quotients keep the graph sparse; depth keeps searches shallow. These are
  /// OSRM's terms and weights; on the bench's grid cities they beat edge difference plus
  /// deleted neighbours (the textbook terms) by half in query work and preprocessing time.
  double importance(std::uint32_t v) {
    shortcuts_for(v, limits_.ordering_settled, shortcuts_);
    const auto removed = static_cast<double>(in_[v].size() + out_[v].size());
    if (removed == 0) return 0.0;
    double removed_hops = 0.0, added_hops = 0.0;
    for (const DynamicArc& arc : in_[v]) removed_hops += arc.hops;
    for (const DynamicArc& arc : out_[v]) removed_hops += arc.hops;
    for (const Shortcut& shortcut : shortcuts_) added_hops += shortcut.hops;
    const auto added = static_cast<double>(shortcuts_.size());
    return 2.0 * added / removed + 4.0 * added_hops / removed_hops + depth_[v];
  }

  void contract(std::uint32_t v, std::vector<std::uint32_t>& neighbours) {
    shortcuts_for(v, limits_.contraction_settled, shortcuts_);
    for (const Shortcut& shortcut : shortcuts_)
      add_or_improve(shortcut.from, shortcut.to, shortcut.cost, v, shortcut.hops);
    neighbours.clear();
    ++neighbour_epoch_;
    const auto note = [&](std::uint32_t x) {
      if (neighbour_stamp_[x] == neighbour_epoch_) return;
      neighbour_stamp_[x] = neighbour_epoch_;
      neighbours.push_back(x);
      depth_[x] = std::max(depth_[x], depth_[v] + 1);
    };
    for (const DynamicArc& arc : in_[v]) {
      std::erase_if(out_[arc.other], [v](const DynamicArc& a) { return a.other == v; });
      note(arc.other);
    }
    for (const DynamicArc& arc : out_[v]) {
      std::erase_if(in_[arc.other], [v](const DynamicArc& a) { return a.other == v; });
      note(arc.other);
    }
    contracted_[v] = 1;
  }

  std::vector<std::vector<DynamicArc>> out_, in_;
  std::vector<char> contracted_, stale_;
  std::vector<std::uint32_t> depth_;
  std::vector<double> witness_cost_;
  std::vector<std::uint64_t> witness_stamp_, target_mark_;
  std::vector<std::uint32_t> neighbour_stamp_;
  // 64 bits: a search per in-arc of every node simulated, never wrapping.
  std::uint64_t witness_epoch_ = 0;
  std::uint32_t neighbour_epoch_ = 0;
  std::vector<QueueEntry> witness_heap_;
  std::vector<Shortcut> shortcuts_;
  ContractionHierarchy::Limits limits_;
};

}  // namespace

ContractionHierarchy::ContractionHierarchy(std::size_t node_count, std::span<const CostArc> arcs,
                                           Limits limits) {
  assert(node_count < kNoNode);
  Contractor contractor(node_count, arcs, limits);
  node_of_rank_ = contractor.contract_all();
  rank_of_node_.assign(node_count, 0);
  for (std::uint32_t rank = 0; rank < node_count; ++rank) rank_of_node_[node_of_rank_[rank]] = rank;

  const auto to_arc = [&](const DynamicArc& arc) {
    return Arc{rank_of_node_[arc.other],
               arc.middle == kNoNode ? kNoNode : rank_of_node_[arc.middle], arc.cost};
  };
  up_first_.assign(node_count + 1, 0);
  down_first_.assign(node_count + 1, 0);
  for (std::uint32_t rank = 0; rank < node_count; ++rank) {
    const std::uint32_t v = node_of_rank_[rank];
    for (const DynamicArc& arc : contractor.out(v)) up_arcs_.push_back(to_arc(arc));
    for (const DynamicArc& arc : contractor.in(v)) down_arcs_.push_back(to_arc(arc));
    up_first_[rank + 1] = static_cast<std::uint32_t>(up_arcs_.size());
    down_first_[rank + 1] = static_cast<std::uint32_t>(down_arcs_.size());
  }
  up_arcs_.shrink_to_fit();
  down_arcs_.shrink_to_fit();
}

std::size_t ContractionHierarchy::memory_bytes() const {
  return (node_of_rank_.capacity() + rank_of_node_.capacity() + up_first_.capacity() +
          down_first_.capacity()) *
             sizeof(std::uint32_t) +
         (up_arcs_.capacity() + down_arcs_.capacity()) * sizeof(Arc);
}

bool ContractionHierarchy::stalled(std::uint32_t v, double cost, Direction direction,
                                   const ChSearch& search) const {
  const bool forward = direction == Direction::forward;
  const ChSearch::Side& side = forward ? search.forward_ : search.backward_;
  for (const Arc& arc : forward ? down(v) : up(v)) {
    if (side.reached(arc.other) && side.labels[arc.other].cost + arc.cost < cost) return true;
  }
  return false;
}

double ContractionHierarchy::query(std::uint32_t source, std::uint32_t target, ChSearch& search,
                                   std::uint32_t& meeting) const {
  ChSearch::Side& forward = search.forward_;
  ChSearch::Side& backward = search.backward_;
  assert(forward.labels.size() == node_count());  // scratch of this hierarchy's size
  forward.start();
  backward.start();
  forward.relax(source, 0.0, kNoNode);
  backward.relax(target, 0.0, kNoNode);
  double best = kInfinity;
  meeting = kNoNode;
  for (;;) {
    const double forward_top = forward.top_cost(), backward_top = backward.top_cost();
    // Neither search can still find anything cheaper than the best meeting: done.
    if (std::min(forward_top, backward_top) >= best) break;
    const bool is_forward = forward_top <= backward_top;
    ChSearch::Side& side = is_forward ? forward : backward;
    const ChSearch::Side& other = is_forward ? backward : forward;
    std::uint32_t v;
    double cost;
    if (!side.pop(v, cost)) continue;
    if (other.reached(v) && cost + other.labels[v].cost < best) {
      best = cost + other.labels[v].cost;
      meeting = v;
    }
    const Direction direction = is_forward ? Direction::forward : Direction::backward;
    if (stalled(v, cost, direction, search)) continue;
    for (const Arc& arc : is_forward ? up(v) : down(v)) side.relax(arc.other, cost + arc.cost, v);
  }
  return best;
}

double ContractionHierarchy::cost(NodeId from, NodeId to, ChSearch& search) const {
  assert(from < node_count() && to < node_count());
  if (from == to) return 0.0;
  std::uint32_t meeting;
  return query(rank_of_node_[from], rank_of_node_[to], search, meeting);
}

double ContractionHierarchy::path(NodeId from, NodeId to, ChSearch& search,
                                  std::vector<NodeId>& nodes) const {
  assert(from < node_count() && to < node_count());
  nodes.clear();
  if (from == to) {
    nodes.push_back(from);
    return 0.0;
  }
  std::uint32_t meeting;
  const std::uint32_t source = rank_of_node_[from], target = rank_of_node_[to];
  const double best = query(source, target, search, meeting);
  if (meeting == kNoNode) return best;
  // Up from the source to the meeting node (the forward tree read backwards), then down to the
  // target (the backward tree read forwards); each arc unpacked into road nodes.
  std::vector<std::uint32_t>& chain = search.chain_;
  chain.clear();
  for (std::uint32_t v = meeting; v != source; v = search.forward_.labels[v].parent)
    chain.push_back(v);
  nodes.push_back(from);
  std::uint32_t previous = source;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    unpack(previous, *it, nodes, search.unpack_stack_);
    previous = *it;
  }
  for (std::uint32_t v = meeting; v != target;) {
    const std::uint32_t next = search.backward_.labels[v].parent;
    unpack(v, next, nodes, search.unpack_stack_);
    v = next;
  }
  return best;
}

std::uint32_t ContractionHierarchy::middle_of(std::uint32_t from, std::uint32_t to) const {
  if (from < to) {
    for (const Arc& arc : up(from)) {
      if (arc.other == to) return arc.middle;
    }
  } else {
    for (const Arc& arc : down(to)) {
      if (arc.other == from) return arc.middle;
    }
  }
  assert(false && "no arc between consecutive nodes of a search tree");
  return kNoNode;
}

void ContractionHierarchy::unpack(std::uint32_t from, std::uint32_t to, std::vector<NodeId>& nodes,
                                  std::vector<std::uint32_t>& stack) const {
  // A shortcut x→y bypassing m stands for x→m and m→y (m lower than both). Depth-first, the
  // first half first; the stack holds (x, y) pairs.
  stack.clear();
  stack.insert(stack.end(), {from, to});
  while (!stack.empty()) {
    const std::uint32_t y = stack.back(), x = stack[stack.size() - 2];
    stack.resize(stack.size() - 2);
    const std::uint32_t m = middle_of(x, y);
    if (m == kNoNode) {
      nodes.push_back(node_of_rank_[y]);
    } else {
      stack.insert(stack.end(), {m, y, x, m});
    }
  }
}

void ContractionHierarchy::search_up_fully(std::uint32_t start, Direction direction,
                                           ChSearch& search, bool stall) const {
  const bool forward = direction == Direction::forward;
  ChSearch::Side& side = search.side(forward);
  assert(side.labels.size() == node_count());
  side.start();
  side.settled.clear();
  side.relax(start, 0.0, kNoNode);
  std::uint32_t v;
  double cost;
  while (side.pop(v, cost)) {
    if (stall && stalled(v, cost, direction, search)) continue;
    side.settled.push_back(v);
    for (const Arc& arc : forward ? up(v) : down(v)) side.relax(arc.other, cost + arc.cost, v);
  }
}

void ContractionHierarchy::costs_to_many(NodeId from, std::span<const NodeId> targets,
                                         ChSearch& search, std::vector<double>& costs) const {
  assert(from < node_count());
  costs.assign(targets.size(), kInfinity);
  if (targets.empty()) return;
  search_up_fully(rank_of_node_[from], Direction::forward, search, true);
  const ChSearch::Side& forward = search.forward_;
  ChSearch::Side& backward = search.backward_;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    assert(targets[i] < node_count());
    // The forward search is complete, so the backward one may stop as soon as its cheapest
    // queued node costs more than the best meeting found.
    backward.start();
    backward.relax(rank_of_node_[targets[i]], 0.0, kNoNode);
    double best = kInfinity;
    std::uint32_t v;
    double cost;
    while (backward.top_cost() < best && backward.pop(v, cost)) {
      if (forward.reached(v)) best = std::min(best, cost + forward.labels[v].cost);
      if (stalled(v, cost, Direction::backward, search)) continue;
      for (const Arc& arc : down(v)) backward.relax(arc.other, cost + arc.cost, v);
    }
    costs[i] = best;
  }
}

void ContractionHierarchy::costs_from_all_ranks(NodeId source, ChSearch& search,
                                                std::vector<double>& cost_by_rank) const {
  assert(source < node_count());
  cost_by_rank.assign(node_count(), kInfinity);
  search_up_fully(rank_of_node_[source], Direction::forward, search, false);
  for (std::uint32_t v : search.forward_.settled) cost_by_rank[v] = search.forward_.labels[v].cost;
  // Decreasing rank: every arc into v from a higher node has its tail final already.
  for (std::uint32_t v = static_cast<std::uint32_t>(node_count()); v-- > 0;) {
    double cost = cost_by_rank[v];
    for (const Arc& arc : down(v)) cost = std::min(cost, cost_by_rank[arc.other] + arc.cost);
    cost_by_rank[v] = cost;
  }
}

void ContractionHierarchy::costs_to_all_ranks(NodeId target, ChSearch& search,
                                              std::vector<double>& cost_by_rank) const {
  assert(target < node_count());
  cost_by_rank.assign(node_count(), kInfinity);
  search_up_fully(rank_of_node_[target], Direction::backward, search, false);
  for (std::uint32_t v : search.backward_.settled)
    cost_by_rank[v] = search.backward_.labels[v].cost;
  for (std::uint32_t v = static_cast<std::uint32_t>(node_count()); v-- > 0;) {
    double cost = cost_by_rank[v];
    for (const Arc& arc : up(v)) cost = std::min(cost, arc.cost + cost_by_rank[arc.other]);
    cost_by_rank[v] = cost;
  }
}

ChSearch::ChSearch(std::size_t node_count) {
  forward_.labels.assign(node_count, Label{kInfinity, 0, kNoNode});
  backward_.labels.assign(node_count, Label{kInfinity, 0, kNoNode});
}

void ChSearch::Side::start() {
  heap.clear();
  if (++epoch == 0) {
    for (Label& label : labels) label.stamp = 0;
    epoch = 1;
  }
}

void ChSearch::Side::relax(std::uint32_t v, double new_cost, std::uint32_t parent) {
  Label& label = labels[v];
  if (label.stamp == epoch && label.cost <= new_cost) return;
  label = {new_cost, epoch, parent};
  heap.push_back({new_cost, v});
  std::push_heap(heap.begin(), heap.end(), std::greater<>{});
}

bool ChSearch::Side::pop(std::uint32_t& v, double& popped_cost) {
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const HeapEntry top = heap.back();
    heap.pop_back();
    if (top.cost > labels[top.node].cost) continue;  // superseded by a cheaper entry
    v = top.node;
    popped_cost = top.cost;
    return true;
  }
  return false;
}

double ChSearch::Side::top_cost() const {
  return heap.empty() ? kInfinity : heap.front().cost;
}

}  // namespace knightsim
