// The road graph: construction, the out-edge index, road-class names and speeds, and strongly
// connected components per travel mode.
#include "knightsim/road_graph.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <numeric>

namespace knightsim {
namespace {

constexpr std::array<const char*, kRoadClassCount> kRoadClassNames = {
    "motorway", "trunk",         "primary",  "secondary", "tertiary", "residential",
    "service",  "living_street", "cycleway", "footway",   "track"};
constexpr std::array<const char*, kTravelModeCount> kTravelModeNames = {"bike", "car", "foot"};

// Speed on each class relative to the cruising speed on a residential street. Bikes: arterials
// have fewer crossings and priority at lights (the generated city's 1.35), footways and tracks
// mean pushing or slow going. Cars: a 30 km/h urban cruising speed becomes ~100 km/h on a
// motorway. Walkers: the same pace everywhere. 0 = the mode may not use the class at all.
constexpr std::array<std::array<double, kRoadClassCount>, kTravelModeCount> kSpeedFactors = {{
    //  mwy   trunk prim  sec   tert  resid serv  living cycle foot  track
    {0.0, 1.35, 1.35, 1.3, 1.2, 1.0, 0.9, 0.7, 1.1, 0.4, 0.6},  // bike
    {3.3, 2.5, 1.7, 1.5, 1.3, 1.0, 0.6, 0.35, 0.0, 0.0, 0.5},   // car
    {0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},    // foot
}};

}  // namespace

const char* to_string(RoadClass road_class) {
  return kRoadClassNames[static_cast<std::size_t>(road_class)];
}

bool parse_road_class(const std::string& name, RoadClass& out) {
  for (std::size_t i = 0; i < kRoadClassNames.size(); ++i) {
    if (name == kRoadClassNames[i]) {
      out = static_cast<RoadClass>(i);
      return true;
    }
  }
  return false;
}

const char* to_string(TravelMode mode) {
  return kTravelModeNames[static_cast<std::size_t>(mode)];
}

bool parse_travel_mode(const std::string& name, TravelMode& out) {
  for (std::size_t i = 0; i < kTravelModeNames.size(); ++i) {
    if (name == kTravelModeNames[i]) {
      out = static_cast<TravelMode>(i);
      return true;
    }
  }
  return false;
}

double road_speed_factor(TravelMode mode, RoadClass road_class) {
  return kSpeedFactors[static_cast<std::size_t>(mode)][static_cast<std::size_t>(road_class)];
}

std::uint8_t default_modes(RoadClass road_class) {
  std::uint8_t modes = 0;
  for (int m = 0; m < kTravelModeCount; ++m) {
    const auto mode = static_cast<TravelMode>(m);
    if (road_speed_factor(mode, road_class) > 0.0) modes |= mode_bit(mode);
  }
  return modes;
}

NodeId RoadGraph::add_node(Point position) {
  finalized_ = false;
  nodes_.push_back(position);
  return static_cast<NodeId>(nodes_.size() - 1);
}

void RoadGraph::add_edge(NodeId from, NodeId to, RoadClass road_class, std::uint8_t modes,
                         std::uint8_t flags, double length_m) {
  assert(from < nodes_.size() && to < nodes_.size());
  finalized_ = false;
  if (length_m < 0.0) length_m = euclidean_m(nodes_[from], nodes_[to]);
  edges_.push_back({from, to, static_cast<float>(length_m), road_class, modes, flags});
}

void RoadGraph::add_road(NodeId a, NodeId b, RoadClass road_class, std::uint8_t modes,
                         std::uint8_t flags, double length_m) {
  add_edge(a, b, road_class, modes, flags, length_m);
  add_edge(b, a, road_class, modes, flags, length_m);
}

void RoadGraph::finalize() {
  // Stable: edges of one node keep the order they were added in (determinism of searches).
  std::stable_sort(edges_.begin(), edges_.end(),
                   [](const RoadEdge& a, const RoadEdge& b) { return a.from < b.from; });
  first_out_.assign(nodes_.size() + 1, 0);
  for (const RoadEdge& edge : edges_) ++first_out_[edge.from + 1];
  std::partial_sum(first_out_.begin(), first_out_.end(), first_out_.begin());
  finalized_ = true;
}

std::span<const RoadEdge> RoadGraph::out_edges(NodeId node) const {
  assert(finalized_ && node < nodes_.size());
  return std::span<const RoadEdge>(edges_).subspan(first_out_[node],
                                                   first_out_[node + 1] - first_out_[node]);
}

Point RoadGraph::min_corner() const {
  Point corner{0.0, 0.0};
  if (nodes_.empty()) return corner;
  corner = nodes_.front();
  for (const Point& p : nodes_) corner = {std::min(corner.x_m, p.x_m), std::min(corner.y_m, p.y_m)};
  return corner;
}

Point RoadGraph::max_corner() const {
  Point corner{0.0, 0.0};
  if (nodes_.empty()) return corner;
  corner = nodes_.front();
  for (const Point& p : nodes_) corner = {std::max(corner.x_m, p.x_m), std::max(corner.y_m, p.y_m)};
  return corner;
}

NodeId RoadGraph::append(const RoadGraph& other) {
  const auto offset = static_cast<NodeId>(nodes_.size());
  nodes_.insert(nodes_.end(), other.nodes_.begin(), other.nodes_.end());
  for (RoadEdge edge : other.edges_) {
    edge.from += offset;
    edge.to += offset;
    edges_.push_back(edge);
  }
  finalized_ = false;
  return offset;
}

std::vector<std::uint32_t> strongly_connected_components(const RoadGraph& graph, TravelMode mode) {
  assert(graph.finalized());
  const std::size_t n = graph.node_count();
  const std::uint8_t bit = mode_bit(mode);
  // The travel oracle's test too: an edge whose bits admit the mode on a class the mode may not
  // use (speed factor 0) cannot be travelled, so it connects nothing.
  const auto usable_edge = [&](const RoadEdge& edge) {
    return (edge.modes & bit) && road_speed_factor(mode, edge.road_class) > 0.0;
  };
  // Iterative Tarjan: maps have hundreds of thousands of nodes, too deep for recursion.
  constexpr std::uint32_t kUnvisited = kNoNode;
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0), raw(n, kNoNode);
  std::vector<char> on_stack(n, 0), usable(n, 0);
  for (const RoadEdge& edge : graph.edges()) {
    if (usable_edge(edge)) usable[edge.from] = usable[edge.to] = 1;
  }
  std::vector<NodeId> stack;
  struct Frame {
    NodeId node;
    std::uint32_t next_edge;
  };
  std::vector<Frame> call;
  std::uint32_t counter = 0, components = 0;
  std::vector<std::size_t> sizes;
  std::vector<NodeId> smallest;
  for (NodeId root = 0; root < n; ++root) {
    if (!usable[root] || index[root] != kUnvisited) continue;
    call.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      Frame& frame = call.back();
      const auto out = graph.out_edges(frame.node);
      if (frame.next_edge < out.size()) {
        const RoadEdge& edge = out[frame.next_edge++];
        if (!usable_edge(edge)) continue;
        const NodeId next = edge.to;
        if (index[next] == kUnvisited) {
          index[next] = low[next] = counter++;
          stack.push_back(next);
          on_stack[next] = 1;
          call.push_back({next, 0});
        } else if (on_stack[next]) {
          low[frame.node] = std::min(low[frame.node], index[next]);
        }
        continue;
      }
      const NodeId node = frame.node;
      call.pop_back();
      if (!call.empty()) low[call.back().node] = std::min(low[call.back().node], low[node]);
      if (low[node] == index[node]) {
        std::size_t size = 0;
        NodeId least = node;
        NodeId member;
        do {
          member = stack.back();
          stack.pop_back();
          on_stack[member] = 0;
          raw[member] = components;
          least = std::min(least, member);
          ++size;
        } while (member != node);
        sizes.push_back(size);
        smallest.push_back(least);
        ++components;
      }
    }
  }
  // Renumber: largest first, ties by smallest member id.
  std::vector<std::uint32_t> order(components);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return sizes[a] != sizes[b] ? sizes[a] > sizes[b] : smallest[a] < smallest[b];
  });
  std::vector<std::uint32_t> rank(components);
  for (std::uint32_t i = 0; i < components; ++i) rank[order[i]] = i;
  for (auto& c : raw) {
    if (c != kNoNode) c = rank[c];
  }
  return raw;
}

RoadGraph largest_component(const RoadGraph& graph, TravelMode mode) {
  const std::vector<std::uint32_t> component = strongly_connected_components(graph, mode);
  std::vector<NodeId> renumbered(graph.node_count(), kNoNode);
  RoadGraph result;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (component[n] == 0) renumbered[n] = result.add_node(graph.position(n));
  }
  for (const RoadEdge& edge : graph.edges()) {
    const NodeId from = renumbered[edge.from], to = renumbered[edge.to];
    if (from == kNoNode || to == kNoNode) continue;
    result.add_edge(from, to, edge.road_class, edge.modes, edge.flags, edge.length_m);
  }
  result.finalize();
  return result;
}

}  // namespace knightsim
