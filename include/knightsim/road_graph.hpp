#pragma once
/// A directed road graph in the scenario's metre plane: nodes with positions, edges with a
/// length, a road class and the travel modes allowed on them. Generated layouts, OpenStreetMap
/// imports and .kmap files all produce one; the travel-time oracle (travel_oracle.hpp) answers
/// shortest-path questions on it.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "knightsim/geometry.hpp"

namespace knightsim {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFF'FFFFu;

/// OpenStreetMap's highway classes, folded to what changes a rider's speed or access.
enum class RoadClass : std::uint8_t {
  motorway,
  trunk,
  primary,
  secondary,
  tertiary,
  residential,  ///< also unclassified and road
  service,
  living_street,  ///< also pedestrian streets open to vehicles at walking pace
  cycleway,
  footway,  ///< also path, pedestrian, steps
  track,
};
inline constexpr int kRoadClassCount = 11;
const char* to_string(RoadClass road_class);
bool parse_road_class(const std::string& name, RoadClass& out);

/// How a rider moves. Riders on e-bikes and scooters (`bike`) may not use motorways but may use
/// cycleways and (slowly) footways; cars keep to roads; walkers go anywhere but motorways.
enum class TravelMode : std::uint8_t { bike, car, foot };
inline constexpr int kTravelModeCount = 3;
const char* to_string(TravelMode mode);
bool parse_travel_mode(const std::string& name, TravelMode& out);

/// Bit of a mode in RoadEdge::modes.
constexpr std::uint8_t mode_bit(TravelMode mode) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(mode));
}
inline constexpr std::uint8_t kAllModes = 0b111;

/// The modes a road class admits by default (before OSM access tags narrow it).
std::uint8_t default_modes(RoadClass road_class);

/// Speed on a road class relative to the rider's cruising speed (the speed a fleet states,
/// which is its speed on an ordinary residential street). Time on an edge is
/// length / (cruising speed × factor). Positive for every class the mode may use.
double road_speed_factor(TravelMode mode, RoadClass road_class);

enum EdgeFlags : std::uint8_t {
  kEdgeBridge = 1u << 0,  ///< a bridge (drawn as one; routed as any road)
};

struct RoadEdge {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  float length_m = 0.0f;
  RoadClass road_class = RoadClass::residential;
  std::uint8_t modes = kAllModes;  ///< mode_bit()s allowed on the edge in its direction
  std::uint8_t flags = 0;          ///< EdgeFlags
};

/// The graph. Build with add_node/add_edge/add_road, then finalize() once (sorts edges by
/// `from` and builds the out-edge index); queries need a finalized graph.
class RoadGraph {
 public:
  NodeId add_node(Point position);
  /// One directed edge; length_m < 0 means the straight-line distance between the nodes.
  void add_edge(NodeId from, NodeId to, RoadClass road_class, std::uint8_t modes,
                std::uint8_t flags = 0, double length_m = -1.0);
  /// Both directions of a two-way road.
  void add_road(NodeId a, NodeId b, RoadClass road_class, std::uint8_t modes,
                std::uint8_t flags = 0, double length_m = -1.0);
  void finalize();
  bool finalized() const { return finalized_; }

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return edges_.size(); }
  Point position(NodeId node) const { return nodes_[node]; }
  std::span<const Point> positions() const { return nodes_; }
  std::span<const RoadEdge> edges() const { return edges_; }
  /// Edges leaving `node` (finalized graphs only).
  std::span<const RoadEdge> out_edges(NodeId node) const;

  /// Smallest box holding every node.
  Point min_corner() const;
  Point max_corner() const;

  /// Appends `other` (finalized or not), renumbering its nodes after this graph's; returns the
  /// id offset its nodes got. Un-finalizes this graph.
  NodeId append(const RoadGraph& other);

 private:
  std::vector<Point> nodes_;
  std::vector<RoadEdge> edges_;
  std::vector<std::uint32_t>
      first_out_;  ///< CSR: edges of node n are [first_out_[n], first_out_[n+1])
  bool finalized_ = false;
};

/// Strongly connected components of the subgraph `mode` may use: component id per node
/// (kNoNode for nodes with no usable edge in or out), numbered 0.. in decreasing size
/// (ties by smallest node id), so component 0 is the largest.
std::vector<std::uint32_t> strongly_connected_components(const RoadGraph& graph, TravelMode mode);

/// The subgraph of the largest strongly connected component for `mode`: its nodes (renumbered
/// in their old order) and every edge between two of them (all modes' edges are kept, so the
/// map still draws footways a bike may use). Finalized.
RoadGraph largest_component(const RoadGraph& graph, TravelMode mode);

}  // namespace knightsim
