// RoadGraph: construction and the out-edge index, appending, names and speeds of classes and
// modes, and strongly connected components per mode (by hand and against brute-force
// reachability on random graphs), and largest_component.
#include "knightsim/road_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "knightsim/rng.hpp"

namespace {

using namespace knightsim;

constexpr std::uint8_t kBike = mode_bit(TravelMode::bike);
constexpr std::uint8_t kCar = mode_bit(TravelMode::car);

/// Whether `to` can be reached from `from` over edges `mode` may use (depth-first search).
bool reaches(const RoadGraph& graph, TravelMode mode, NodeId from, NodeId to) {
  std::vector<char> seen(graph.node_count(), 0);
  std::vector<NodeId> stack{from};
  seen[from] = 1;
  while (!stack.empty()) {
    const NodeId node = stack.back();
    stack.pop_back();
    if (node == to) return true;
    for (const RoadEdge& edge : graph.out_edges(node)) {
      if (!(edge.modes & mode_bit(mode)) || road_speed_factor(mode, edge.road_class) <= 0.0)
        continue;
      if (!seen[edge.to]) {
        seen[edge.to] = 1;
        stack.push_back(edge.to);
      }
    }
  }
  return false;
}

}  // namespace

TEST_CASE("edges are indexed by their tail, in the order they were added") {
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId b = graph.add_node({300, 400});
  const NodeId c = graph.add_node({300, 0});
  graph.add_edge(b, c, RoadClass::primary, kAllModes);
  graph.add_road(a, b, RoadClass::residential, kAllModes);
  graph.add_edge(a, c, RoadClass::service, kCar, kEdgeBridge, 123.0);
  CHECK_FALSE(graph.finalized());
  graph.finalize();
  REQUIRE(graph.finalized());
  CHECK(graph.node_count() == 3);
  CHECK(graph.edge_count() == 4);

  const auto from_a = graph.out_edges(a);
  REQUIRE(from_a.size() == 2);
  CHECK(from_a[0].to == b);
  CHECK(from_a[0].length_m == doctest::Approx(500.0));  // straight line when not given
  CHECK(from_a[1].to == c);
  CHECK(from_a[1].length_m == doctest::Approx(123.0));
  CHECK(from_a[1].modes == kCar);
  CHECK(from_a[1].flags == kEdgeBridge);
  const auto from_b = graph.out_edges(b);
  REQUIRE(from_b.size() == 2);
  CHECK(from_b[0].to == c);  // added first
  CHECK(from_b[1].to == a);
  CHECK(graph.out_edges(c).empty());

  CHECK(graph.min_corner() == Point{0, 0});
  CHECK(graph.max_corner() == Point{300, 400});
}

TEST_CASE("append renumbers the other graph's nodes after this one's") {
  RoadGraph first;
  const NodeId a = first.add_node({0, 0});
  const NodeId b = first.add_node({10, 0});
  first.add_road(a, b, RoadClass::residential, kAllModes);
  first.finalize();
  RoadGraph second;
  const NodeId c = second.add_node({0, 100});
  const NodeId d = second.add_node({0, 200});
  second.add_edge(c, d, RoadClass::primary, kBike);
  const NodeId offset = first.append(second);
  CHECK(offset == 2);
  CHECK_FALSE(first.finalized());
  first.finalize();
  CHECK(first.node_count() == 4);
  CHECK(first.position(3) == Point{0, 200});
  REQUIRE(first.out_edges(2).size() == 1);
  CHECK(first.out_edges(2)[0].to == 3);
  CHECK(first.out_edges(2)[0].modes == kBike);
}

TEST_CASE("road classes and travel modes have names that parse back") {
  for (int c = 0; c < kRoadClassCount; ++c) {
    RoadClass parsed = RoadClass::motorway;
    REQUIRE(parse_road_class(to_string(static_cast<RoadClass>(c)), parsed));
    CHECK(parsed == static_cast<RoadClass>(c));
  }
  for (int m = 0; m < kTravelModeCount; ++m) {
    TravelMode parsed = TravelMode::car;
    REQUIRE(parse_travel_mode(to_string(static_cast<TravelMode>(m)), parsed));
    CHECK(parsed == static_cast<TravelMode>(m));
  }
  RoadClass road_class = RoadClass::track;
  CHECK_FALSE(parse_road_class("highway", road_class));
  CHECK(road_class == RoadClass::track);
  TravelMode mode = TravelMode::foot;
  CHECK_FALSE(parse_travel_mode("Bike", mode));
}

TEST_CASE("default modes are exactly the classes with a positive speed factor") {
  CHECK(default_modes(RoadClass::motorway) == kCar);
  CHECK(default_modes(RoadClass::cycleway) == (kBike | mode_bit(TravelMode::foot)));
  CHECK(default_modes(RoadClass::residential) == kAllModes);
  for (int c = 0; c < kRoadClassCount; ++c) {
    for (int m = 0; m < kTravelModeCount; ++m) {
      const auto road_class = static_cast<RoadClass>(c);
      const auto mode = static_cast<TravelMode>(m);
      CHECK(((default_modes(road_class) & mode_bit(mode)) != 0) ==
            (road_speed_factor(mode, road_class) > 0.0));
    }
  }
  CHECK(road_speed_factor(TravelMode::car, RoadClass::motorway) >
        road_speed_factor(TravelMode::car, RoadClass::residential));
  CHECK(road_speed_factor(TravelMode::bike, RoadClass::residential) == 1.0);
}

TEST_CASE("strongly connected components by hand: one-ways, access and numbering") {
  RoadGraph graph;
  std::vector<NodeId> n;
  for (int i = 0; i < 9; ++i) n.push_back(graph.add_node({100.0 * i, 0}));
  // A two-way triangle 0-1-2 and a one-way loop 3→4→5→3: two components of three.
  graph.add_road(n[0], n[1], RoadClass::residential, kAllModes);
  graph.add_road(n[1], n[2], RoadClass::residential, kAllModes);
  graph.add_road(n[2], n[0], RoadClass::residential, kAllModes);
  graph.add_edge(n[3], n[4], RoadClass::residential, kAllModes);
  graph.add_edge(n[4], n[5], RoadClass::residential, kAllModes);
  graph.add_edge(n[5], n[3], RoadClass::residential, kAllModes);
  // A one-way from the triangle to the loop: joins nothing.
  graph.add_edge(n[2], n[3], RoadClass::residential, kAllModes);
  // 6-7 two-way motorway (cars only by class, even though its bits admit everyone).
  graph.add_road(n[6], n[7], RoadClass::motorway, kAllModes);
  // 8: no edge at all.
  graph.finalize();

  const auto bike = strongly_connected_components(graph, TravelMode::bike);
  REQUIRE(bike.size() == 9);
  // Equal sizes: the component holding the smaller node id comes first.
  CHECK(bike[0] == 0);
  CHECK(bike[1] == 0);
  CHECK(bike[2] == 0);
  CHECK(bike[3] == 1);
  CHECK(bike[4] == 1);
  CHECK(bike[5] == 1);
  CHECK(bike[6] == kNoNode);  // bikes may not use the motorway
  CHECK(bike[7] == kNoNode);
  CHECK(bike[8] == kNoNode);

  const auto car = strongly_connected_components(graph, TravelMode::car);
  CHECK(car[0] == 0);
  CHECK(car[3] == 1);
  CHECK(car[6] == 2);  // smaller than the others
  CHECK(car[7] == 2);
  CHECK(car[8] == kNoNode);

  // A larger component comes first whatever its ids.
  graph.add_road(n[5], n[8], RoadClass::residential, kAllModes);
  graph.finalize();
  const auto bigger = strongly_connected_components(graph, TravelMode::bike);
  CHECK(bigger[3] == 0);
  CHECK(bigger[8] == 0);
  CHECK(bigger[0] == 1);
}

TEST_CASE("strongly connected components agree with brute-force reachability") {
  Rng rng(7);
  for (int round = 0; round < 20; ++round) {
    RoadGraph graph;
    const int nodes = 30 + static_cast<int>(rng.below(30));
    for (int i = 0; i < nodes; ++i) graph.add_node({rng.uniform(0, 1000), rng.uniform(0, 1000)});
    const int edges = nodes + static_cast<int>(rng.below(static_cast<std::uint64_t>(nodes)));
    for (int e = 0; e < edges; ++e) {
      const auto from = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(nodes)));
      const auto to = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(nodes)));
      const auto road_class = static_cast<RoadClass>(rng.below(kRoadClassCount));
      const auto modes = static_cast<std::uint8_t>(rng.below(8));
      if (rng.bernoulli(0.5)) {
        graph.add_road(from, to, road_class, modes);
      } else {
        graph.add_edge(from, to, road_class, modes);
      }
    }
    graph.finalize();
    for (int m = 0; m < kTravelModeCount; ++m) {
      const auto mode = static_cast<TravelMode>(m);
      const auto component = strongly_connected_components(graph, mode);
      std::vector<std::size_t> sizes;
      for (NodeId a = 0; a < graph.node_count(); ++a) {
        bool usable = false;
        for (const RoadEdge& edge : graph.edges()) {
          if ((edge.from == a || edge.to == a) && (edge.modes & mode_bit(mode)) &&
              road_speed_factor(mode, edge.road_class) > 0.0)
            usable = true;
        }
        CHECK((component[a] != kNoNode) == usable);
        if (!usable) continue;
        if (component[a] >= sizes.size()) sizes.resize(component[a] + 1, 0);
        ++sizes[component[a]];
        for (NodeId b = 0; b < graph.node_count(); ++b) {
          if (component[b] == kNoNode) continue;
          const bool together = reaches(graph, mode, a, b) && reaches(graph, mode, b, a);
          CHECK((component[a] == component[b]) == together);
        }
      }
      // Numbered by decreasing size, none empty.
      for (std::size_t c = 0; c < sizes.size(); ++c) {
        CHECK(sizes[c] > 0);
        if (c > 0) CHECK(sizes[c] <= sizes[c - 1]);
      }
    }
  }
}

TEST_CASE("largest_component keeps its nodes in order and every edge between them") {
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId stray = graph.add_node({50, 50});
  const NodeId b = graph.add_node({100, 0});
  const NodeId c = graph.add_node({100, 100});
  graph.add_road(a, b, RoadClass::residential, kAllModes);
  graph.add_road(b, c, RoadClass::residential, kAllModes);
  graph.add_road(a, c, RoadClass::footway, default_modes(RoadClass::footway));
  graph.add_edge(stray, a, RoadClass::residential, kAllModes);  // in, never out
  graph.finalize();

  const RoadGraph largest = largest_component(graph, TravelMode::car);
  REQUIRE(largest.finalized());
  REQUIRE(largest.node_count() == 3);
  CHECK(largest.position(0) == Point{0, 0});
  CHECK(largest.position(1) == Point{100, 0});
  CHECK(largest.position(2) == Point{100, 100});
  // Six edges: the footway stays although cars may not use it.
  CHECK(largest.edge_count() == 6);
  std::set<std::pair<NodeId, NodeId>> footways;
  for (const RoadEdge& edge : largest.edges()) {
    if (edge.road_class == RoadClass::footway) footways.insert({edge.from, edge.to});
  }
  CHECK(footways == std::set<std::pair<NodeId, NodeId>>{{0, 2}, {2, 0}});
}
