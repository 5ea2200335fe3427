// Generated road layouts: exact counts and classes of a small grid, rings and radials, organic
// removal and one-way shares, strong connectivity for bikes with and without clipping, nodes
// inside the clip polygon, planarity, lengths, and determinism per seed.
#include "knightsim/road_layout.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using knightsim::generate_roads;
using knightsim::NodeId;
using knightsim::Point;
using knightsim::Polygon;
using knightsim::RoadClass;
using knightsim::RoadEdge;
using knightsim::RoadGraph;
using knightsim::RoadLayout;
using knightsim::RoadLayoutSpec;
using knightsim::TravelMode;

RoadLayoutSpec spec_of(RoadLayout layout) {
  RoadLayoutSpec spec;
  spec.layout = layout;
  return spec;
}

/// Number of strongly connected components for bikes, and whether every node is in one.
std::pair<std::size_t, bool> bike_components(RoadGraph graph) {
  graph.finalize();
  const std::vector<std::uint32_t> component =
      knightsim::strongly_connected_components(graph, TravelMode::bike);
  std::set<std::uint32_t> ids(component.begin(), component.end());
  const bool all_in_one = ids.count(knightsim::kNoNode) == 0;
  ids.erase(knightsim::kNoNode);
  return {ids.size(), all_in_one};
}

/// Directed edges per unordered node pair: 2 for a two-way street, 1 for a one-way.
std::map<std::pair<NodeId, NodeId>, int> streets(const RoadGraph& graph) {
  std::map<std::pair<NodeId, NodeId>, int> result;
  for (const RoadEdge& edge : graph.edges()) {
    ++result[{std::min(edge.from, edge.to), std::max(edge.from, edge.to)}];
  }
  return result;
}

std::size_t count_class(const RoadGraph& graph, RoadClass road_class) {
  return static_cast<std::size_t>(
      std::count_if(graph.edges().begin(), graph.edges().end(),
                    [road_class](const RoadEdge& edge) { return edge.road_class == road_class; }));
}

bool same_graph(const RoadGraph& a, const RoadGraph& b) {
  if (a.node_count() != b.node_count() || a.edge_count() != b.edge_count()) return false;
  for (NodeId n = 0; n < a.node_count(); ++n) {
    if (!(a.position(n) == b.position(n))) return false;
  }
  for (std::size_t e = 0; e < a.edge_count(); ++e) {
    const RoadEdge &x = a.edges()[e], &y = b.edges()[e];
    if (x.from != y.from || x.to != y.to || x.length_m != y.length_m ||
        x.road_class != y.road_class || x.modes != y.modes || x.flags != y.flags) {
      return false;
    }
  }
  return true;
}

double orientation(Point a, Point b, Point c) {
  return (b.x_m - a.x_m) * (c.y_m - a.y_m) - (b.y_m - a.y_m) * (c.x_m - a.x_m);
}

/// Pairs of streets that cross away from their nodes (a planar layout has none).
std::size_t crossing_count(const RoadGraph& graph) {
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (const auto& [pair, directions] : streets(graph)) pairs.push_back(pair);
  std::size_t crossings = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Point a = graph.position(pairs[i].first), b = graph.position(pairs[i].second);
    for (std::size_t j = i + 1; j < pairs.size(); ++j) {
      const Point c = graph.position(pairs[j].first), d = graph.position(pairs[j].second);
      if (std::max(a.x_m, b.x_m) < std::min(c.x_m, d.x_m) ||
          std::max(c.x_m, d.x_m) < std::min(a.x_m, b.x_m) ||
          std::max(a.y_m, b.y_m) < std::min(c.y_m, d.y_m) ||
          std::max(c.y_m, d.y_m) < std::min(a.y_m, b.y_m)) {
        continue;
      }
      const double o1 = orientation(a, b, c), o2 = orientation(a, b, d);
      const double o3 = orientation(c, d, a), o4 = orientation(c, d, b);
      if (o1 * o2 < 0 && o3 * o4 < 0) ++crossings;
    }
  }
  return crossings;
}

/// Every edge: positive length equal to the straight distance, default access of its class.
void check_edges(const RoadGraph& graph) {
  for (const RoadEdge& edge : graph.edges()) {
    const double straight_m = euclidean_m(graph.position(edge.from), graph.position(edge.to));
    REQUIRE(edge.length_m > 0.0f);
    CHECK(edge.length_m == doctest::Approx(straight_m).epsilon(1e-6));
    CHECK(edge.modes == knightsim::default_modes(edge.road_class));
    CHECK(edge.flags == 0);
  }
}

}  // namespace

TEST_CASE("grid: exact nodes, streets and arterials of a small grid") {
  RoadLayoutSpec spec = spec_of(RoadLayout::grid);
  spec.block_m = 150.0;
  spec.arterial_every_blocks = 2;
  const Point origin{100.0, 200.0};
  const RoadGraph graph = generate_roads(spec, origin, 600.0, 450.0, nullptr, 1);
  CHECK_FALSE(graph.finalized());
  // 5 columns × 4 rows; 4·4 east–west and 5·3 north–south streets, both directions each.
  CHECK(graph.node_count() == 20);
  CHECK(graph.edge_count() == 2 * (16 + 15));
  CHECK(graph.min_corner() == origin);
  CHECK(graph.max_corner() == Point{700.0, 650.0});
  for (const auto& [pair, directions] : streets(graph)) CHECK(directions == 2);
  // Arterials counted from the middle street: columns 0, 2, 4 (x = 100, 400, 700), rows 0 and
  // 2 (y = 200, 500) of rows 0..3.
  for (const RoadEdge& edge : graph.edges()) {
    const Point a = graph.position(edge.from), b = graph.position(edge.to);
    const bool east_west = a.y_m == b.y_m;
    const bool arterial = east_west ? (a.y_m == 200.0 || a.y_m == 500.0)
                                    : (a.x_m == 100.0 || a.x_m == 400.0 || a.x_m == 700.0);
    CHECK(edge.road_class == (arterial ? RoadClass::primary : RoadClass::residential));
  }
  CHECK(count_class(graph, RoadClass::primary) == 2 * (2 * 4 + 3 * 3));
  check_edges(graph);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
}

TEST_CASE("grid: streets centred when the block does not divide the area; at least two") {
  RoadLayoutSpec spec = spec_of(RoadLayout::grid);
  spec.block_m = 150.0;
  spec.arterial_every_blocks = 0;  // no arterials
  const RoadGraph graph = generate_roads(spec, {0, 0}, 700.0, 100.0, nullptr, 1);
  // x: 4 blocks of 150 leave 100 m, 50 on each side; y: under a block, the two sides.
  CHECK(graph.node_count() == 5 * 2);
  CHECK(graph.min_corner() == Point{50.0, 0.0});
  CHECK(graph.max_corner() == Point{650.0, 100.0});
  CHECK(count_class(graph, RoadClass::primary) == 0);

  const RoadGraph tiny = generate_roads(spec, {0, 0}, 40.0, 30.0, nullptr, 1);
  CHECK(tiny.node_count() == 4);
  CHECK(tiny.edge_count() == 8);
}

TEST_CASE("grid: default arterials every sixth street from the middle") {
  const RoadGraph graph =
      generate_roads(spec_of(RoadLayout::grid), {0, 0}, 3000.0, 3000.0, nullptr, 1);
  // 21 streets each way (0..3000 every 150); arterials at 4, 10, 16 → x = 600, 1500, 2400.
  std::set<double> arterial_x;
  for (const RoadEdge& edge : graph.edges()) {
    const Point a = graph.position(edge.from), b = graph.position(edge.to);
    if (edge.road_class == RoadClass::primary && a.x_m == b.x_m) arterial_x.insert(a.x_m);
  }
  CHECK(arterial_x == std::set<double>{600.0, 1500.0, 2400.0});
}

TEST_CASE("ring_radial: rings, radials and a local grid, planar and connected") {
  RoadLayoutSpec spec = spec_of(RoadLayout::ring_radial);
  spec.block_m = 150.0;
  spec.ring_spacing_m = 600.0;
  spec.radials = 8;
  const Point origin{-1500.0, -1500.0};
  const RoadGraph graph = generate_roads(spec, origin, 3000.0, 3000.0, nullptr, 1);
  check_edges(graph);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
  CHECK(crossing_count(graph) == 0);
  CHECK(count_class(graph, RoadClass::primary) > 0);
  CHECK(count_class(graph, RoadClass::secondary) > 0);
  CHECK(count_class(graph, RoadClass::residential) > 0);
  // At least the 21 × 21 grid's intersections (some crossings merge into them).
  CHECK(graph.node_count() >= 21 * 21);

  // The radials meet at the centre.
  std::size_t primary_at_centre = 0;
  for (const RoadEdge& edge : graph.edges()) {
    if (edge.road_class == RoadClass::primary &&
        euclidean_m(graph.position(edge.from), {0, 0}) < 1e-6) {
      ++primary_at_centre;
    }
  }
  CHECK(primary_at_centre == 8);
  // Ring nodes lie on the rings (radius 600, 1200; the 1800 ring does not fit), up to the
  // snapping of nearby crossings (a fifth of a block).
  std::set<int> rings_seen;
  for (const RoadEdge& edge : graph.edges()) {
    if (edge.road_class != RoadClass::secondary) continue;
    const double radius_m = euclidean_m(graph.position(edge.from), {0, 0});
    const double ring = std::round(radius_m / 600.0);
    // Split points on a ring's sides lie inside the circle by up to the sagitta (< 5 m).
    CHECK(std::abs(radius_m - ring * 600.0) <= 0.2 * 150.0 + 5.0);
    rings_seen.insert(static_cast<int>(ring));
  }
  CHECK(rings_seen == std::set<int>{1, 2});
  // Radial nodes lie on the radials' lines (angles 22.5° + k·45°), up to the same snapping.
  for (const RoadEdge& edge : graph.edges()) {
    if (edge.road_class != RoadClass::primary) continue;
    const Point p = graph.position(edge.from);
    const double r = euclidean_m(p, {0, 0});
    if (r < 1e-6) continue;
    const double step = std::acos(-1.0) / 4.0;
    const double angle = std::atan2(p.y_m, p.x_m) - step / 2.0;
    const double off_angle = angle - std::round(angle / step) * step;
    CHECK(std::abs(std::sin(off_angle)) * r <= 0.2 * 150.0 + 1e-6);
  }
}

TEST_CASE("ring_radial: radials along the central streets take them over") {
  // Two radials at 90° and 270° run exactly along the central north–south street.
  RoadLayoutSpec spec = spec_of(RoadLayout::ring_radial);
  spec.block_m = 100.0;
  spec.ring_spacing_m = 0.0;
  spec.radials = 2;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 1000.0, 1000.0, nullptr, 1);
  // Still the 11 × 11 grid, no duplicated street: the central column is primary.
  CHECK(graph.node_count() == 121);
  CHECK(graph.edge_count() == 2 * (10 * 11 * 2));
  for (const RoadEdge& edge : graph.edges()) {
    const Point a = graph.position(edge.from), b = graph.position(edge.to);
    const bool central = std::abs(a.x_m - 500.0) < 1e-6 && std::abs(b.x_m - 500.0) < 1e-6;
    CHECK(edge.road_class == (central ? RoadClass::primary : RoadClass::residential));
  }
  CHECK(crossing_count(graph) == 0);
}

TEST_CASE("organic: jitter, removal share, kept arterials, one-ways, still strongly connected") {
  RoadLayoutSpec spec = spec_of(RoadLayout::organic);
  spec.block_m = 150.0;
  spec.irregularity = 0.35;
  spec.removal_share = 0.15;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 3000.0, 1950.0, nullptr, 7);
  RoadLayoutSpec plain = spec;
  plain.layout = RoadLayout::grid;
  const RoadGraph grid = generate_roads(plain, {0, 0}, 3000.0, 1950.0, nullptr, 7);

  check_edges(graph);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
  CHECK(crossing_count(graph) == 0);
  // All intersections kept (in grid order), each moved by at most irregularity · block.
  REQUIRE(graph.node_count() == grid.node_count());
  std::size_t moved = 0;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    const Point p = graph.position(n), q = grid.position(n);
    CHECK(std::abs(p.x_m - q.x_m) <= 0.35 * 150.0 + 1e-9);
    CHECK(std::abs(p.y_m - q.y_m) <= 0.35 * 150.0 + 1e-9);
    CHECK(p.x_m >= 0.0);
    CHECK(p.x_m <= 3000.0);
    if (!(p == q)) ++moved;
  }
  CHECK(moved > graph.node_count() * 9 / 10);

  // 15 % of the 21 × 14 grid's 20·14 + 21·13 = 553 streets removed: 83.
  const auto organic_streets = streets(graph);
  const auto grid_streets = streets(grid);
  REQUIRE(grid_streets.size() == 553);
  CHECK(organic_streets.size() == 553 - 83);
  // Arterials are never removed, nor made one-way.
  CHECK(count_class(graph, RoadClass::primary) == count_class(grid, RoadClass::primary));
  // About 10 % of the remaining residential streets are one-way.
  std::size_t one_way = 0, residential = 0;
  for (const auto& [pair, directions] : organic_streets) {
    if (directions == 1) ++one_way;
  }
  for (const auto& [pair, directions] : organic_streets) {
    const auto out =
        std::find_if(graph.edges().begin(), graph.edges().end(), [&pair](const RoadEdge& e) {
          return std::min(e.from, e.to) == pair.first && std::max(e.from, e.to) == pair.second;
        });
    if (out->road_class == RoadClass::residential) ++residential;
  }
  CHECK(one_way >= residential * 5 / 100);
  CHECK(one_way <= residential * 15 / 100);
}

TEST_CASE("organic: a large removal share still leaves every intersection connected") {
  RoadLayoutSpec spec = spec_of(RoadLayout::organic);
  spec.removal_share = 0.4;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 3000.0, 1950.0, nullptr, 9);
  // 21 × 14 intersections need 293 streets to hang together; 553 − 221 = 332 are left.
  CHECK(graph.node_count() == 21 * 14);
  CHECK(streets(graph).size() == 553 - 221);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
}

TEST_CASE("organic: no removal and no jitter is the grid, apart from one-way streets") {
  RoadLayoutSpec spec = spec_of(RoadLayout::organic);
  spec.irregularity = 0.0;
  spec.removal_share = 0.0;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 1500.0, 1500.0, nullptr, 3);
  RoadLayoutSpec plain = spec;
  plain.layout = RoadLayout::grid;
  const RoadGraph grid = generate_roads(plain, {0, 0}, 1500.0, 1500.0, nullptr, 3);
  REQUIRE(graph.node_count() == grid.node_count());
  for (NodeId n = 0; n < graph.node_count(); ++n) CHECK(graph.position(n) == grid.position(n));
  CHECK(streets(graph).size() == streets(grid).size());
  CHECK(graph.edge_count() < grid.edge_count());  // the one-ways
}

TEST_CASE("every layout, clipped to an ellipse island: nodes inside, one bike component") {
  const Polygon island = knightsim::ellipse_polygon({5000.0, 3000.0}, 3000.0, 2000.0, 24);
  const Point origin = knightsim::min_corner(island);
  const Point top = knightsim::max_corner(island);
  const double width_m = top.x_m - origin.x_m, height_m = top.y_m - origin.y_m;
  for (const RoadLayout layout : {RoadLayout::grid, RoadLayout::ring_radial, RoadLayout::organic}) {
    CAPTURE(knightsim::to_string(layout));
    RoadLayoutSpec spec = spec_of(layout);
    spec.ring_spacing_m = 400.0;
    const RoadGraph whole = generate_roads(spec, origin, width_m, height_m, nullptr, 11);
    const RoadGraph clipped = generate_roads(spec, origin, width_m, height_m, &island, 11);
    CHECK_FALSE(clipped.finalized());
    check_edges(clipped);
    CHECK(bike_components(whole) == std::pair<std::size_t, bool>{1, true});
    CHECK(bike_components(clipped) == std::pair<std::size_t, bool>{1, true});
    for (const Point& p : clipped.positions()) CHECK(contains(island, p));
    // The ellipse covers π/4 of its box, less the polygon's corners and the shore's fringe.
    CHECK(clipped.node_count() > whole.node_count() * 6 / 10);
    CHECK(clipped.node_count() < whole.node_count() * 85 / 100);
  }
}

TEST_CASE("clipping to a concave island: no street crosses the bay") {
  // A U whose bay (x 620..680, from y = 600 up) is narrower than a block: the nodes at x = 600
  // and x = 700 on either shore are on land, but the streets between them would cross water.
  const Polygon u{{{0, 0},
                   {1500, 0},
                   {1500, 1500},
                   {680, 1500},
                   {680, 600},
                   {620, 600},
                   {620, 1500},
                   {0, 1500}}};
  RoadLayoutSpec spec = spec_of(RoadLayout::grid);
  spec.block_m = 100.0;
  spec.arterial_every_blocks = 0;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 1500.0, 1500.0, &u, 1);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
  for (const Point& p : graph.positions()) CHECK(contains(u, p));
  std::size_t across_bay = 0;
  for (const RoadEdge& edge : graph.edges()) {
    const Point a = graph.position(edge.from), b = graph.position(edge.to);
    if (a.y_m == b.y_m && a.y_m > 600.0 && std::min(a.x_m, b.x_m) == 600.0 &&
        std::max(a.x_m, b.x_m) == 700.0) {
      ++across_bay;
    }
  }
  CHECK(across_bay == 0);
  // Both shores are still reached, round the bottom of the bay; the street along its bottom
  // (y = 600) runs on the shore and stays.
  const auto has_node = [&graph](Point q) {
    return std::find(graph.positions().begin(), graph.positions().end(), q) !=
           graph.positions().end();
  };
  CHECK(has_node({600, 1500}));
  CHECK(has_node({700, 1500}));
  // The whole 16 × 16 grid but the across-bay streets: rows y = 700..1500 (9 of them) lose
  // their 600–700 piece.
  CHECK(graph.node_count() == 16 * 16);
  CHECK(graph.edge_count() == 2 * (15 * 16 * 2 - 9));
}

TEST_CASE("clipping keeps only the largest piece") {
  // Two squares joined by a sliver (y 510..540) between grid rows: no street runs along it,
  // so the smaller square's streets are a second piece and are dropped.
  const Polygon dumbbell{{{0, 0},
                          {1000, 0},
                          {1000, 510},
                          {1600, 510},
                          {1600, 0},
                          {2000, 0},
                          {2000, 600},
                          {1600, 600},
                          {1600, 540},
                          {1000, 540},
                          {1000, 1000},
                          {0, 1000}}};
  RoadLayoutSpec spec = spec_of(RoadLayout::grid);
  spec.block_m = 100.0;
  const RoadGraph graph = generate_roads(spec, {0, 0}, 2000.0, 1000.0, &dumbbell, 1);
  CHECK(bike_components(graph) == std::pair<std::size_t, bool>{1, true});
  CHECK(graph.max_corner().x_m == 1000.0);
  CHECK(graph.node_count() == 11 * 11);
  CHECK(graph.edge_count() == 2 * (10 * 11 * 2));
}

TEST_CASE("deterministic per seed; a new seed changes the organic layout only") {
  for (const RoadLayout layout : {RoadLayout::grid, RoadLayout::ring_radial, RoadLayout::organic}) {
    CAPTURE(knightsim::to_string(layout));
    const RoadLayoutSpec spec = spec_of(layout);
    const Polygon island = knightsim::ellipse_polygon({1500.0, 1500.0}, 3000.0, 2500.0);
    const RoadGraph a = generate_roads(spec, {0, 0}, 3000.0, 3000.0, &island, 42);
    const RoadGraph b = generate_roads(spec, {0, 0}, 3000.0, 3000.0, &island, 42);
    const RoadGraph c = generate_roads(spec, {0, 0}, 3000.0, 3000.0, &island, 43);
    CHECK(a.node_count() > 100);
    CHECK(same_graph(a, b));
    CHECK(same_graph(a, c) == (layout != RoadLayout::organic));
  }
}

TEST_CASE("generate_roads refuses an empty area or a non-positive block") {
  RoadLayoutSpec spec = spec_of(RoadLayout::grid);
  CHECK_THROWS_AS(generate_roads(spec, {0, 0}, 0.0, 100.0, nullptr, 1), std::invalid_argument);
  CHECK_THROWS_AS(generate_roads(spec, {0, 0}, 100.0, -1.0, nullptr, 1), std::invalid_argument);
  spec.block_m = 0.0;
  CHECK_THROWS_AS(generate_roads(spec, {0, 0}, 100.0, 100.0, nullptr, 1), std::invalid_argument);
  spec.block_m = 0.01;  // 10^12 intersections
  CHECK_THROWS_AS(generate_roads(spec, {0, 0}, 10000.0, 10000.0, nullptr, 1),
                  std::invalid_argument);
}

TEST_CASE("layout and vessel class names round-trip") {
  for (const RoadLayout layout : {RoadLayout::grid, RoadLayout::ring_radial, RoadLayout::organic}) {
    RoadLayout parsed = RoadLayout::grid;
    REQUIRE(knightsim::parse_road_layout(knightsim::to_string(layout), parsed));
    CHECK(parsed == layout);
  }
  CHECK(std::string(knightsim::to_string(RoadLayout::ring_radial)) == "ring_radial");
  RoadLayout layout{};
  CHECK_FALSE(knightsim::parse_road_layout("radial", layout));
  using knightsim::VesselClass;
  for (const VesselClass vessel :
       {VesselClass::high_speed, VesselClass::conventional, VesselClass::car_ferry}) {
    VesselClass parsed = VesselClass::high_speed;
    REQUIRE(knightsim::parse_vessel_class(knightsim::to_string(vessel), parsed));
    CHECK(parsed == vessel);
  }
  CHECK(std::string(knightsim::to_string(VesselClass::car_ferry)) == "car_ferry");
  VesselClass vessel{};
  CHECK_FALSE(knightsim::parse_vessel_class("hovercraft", vessel));
}
