// TravelOracle: exact costs and paths against a plain Dijkstra (hand-built graphs with
// one-ways, mode restrictions and two components; random grid cities; irregular "imported"
// graphs with shape nodes, parallel and zero-length edges), one-to-many, components, nearest
// nodes against brute force, and the estimate's documented error bound.
#include "knightsim/travel_oracle.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "contraction_hierarchy.hpp"
#include "estimate_table.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/road_graph.hpp"
#include "node_grid.hpp"
#include "routing_testing.hpp"

namespace {

using namespace knightsim;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr TravelMode kModes[] = {TravelMode::bike, TravelMode::car, TravelMode::foot};

using testing::edge_cost;
using testing::reference_costs;

/// The cost of a node sequence over the cheapest usable edge between each consecutive pair;
/// +infinity if some pair has none.
double path_cost(const RoadGraph& graph, TravelMode mode, const std::vector<NodeId>& nodes) {
  double total = 0.0;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
    double step = kInf;
    for (const RoadEdge& edge : graph.out_edges(nodes[i])) {
      if (edge.to == nodes[i + 1]) step = std::min(step, edge_cost(edge, mode));
    }
    total += step;
  }
  return total;
}

bool same_cost(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= 1e-9 * std::max(1.0, b);
}

/// A jittered side × side grid of streets 100 m apart: residential (a quarter one-way, some
/// blocks missing), secondary every 4th line, primary every 8th, some cycleways and footways
/// (no cars), and a motorway (cars only) along the middle with ramps every 6 streets.
RoadGraph grid_city(int side, std::uint64_t seed) {
  Rng rng(seed);
  RoadGraph graph;
  const auto at = [side](int i, int j) { return static_cast<NodeId>(j * side + i); };
  for (int j = 0; j < side; ++j) {
    for (int i = 0; i < side; ++i)
      graph.add_node({i * 100.0 + rng.uniform(-20, 20), j * 100.0 + rng.uniform(-20, 20)});
  }
  const auto street = [&](NodeId a, NodeId b, int line) {
    RoadClass road_class = line % 8 == 0   ? RoadClass::primary
                           : line % 4 == 0 ? RoadClass::secondary
                                           : RoadClass::residential;
    if (road_class == RoadClass::residential) {
      const double draw = rng.uniform01();
      if (draw < 0.08) return;  // a missing block
      if (draw < 0.16) road_class = RoadClass::cycleway;
      if (draw > 0.95) road_class = RoadClass::footway;
    }
    const double length_m =
        euclidean_m(graph.position(a), graph.position(b)) * rng.uniform(1.0, 1.2);
    if (road_class == RoadClass::residential && rng.bernoulli(0.25)) {
      if (rng.bernoulli(0.5)) std::swap(a, b);
      graph.add_edge(a, b, road_class, default_modes(road_class), 0, length_m);
    } else {
      graph.add_road(a, b, road_class, default_modes(road_class), 0, length_m);
    }
  };
  for (int j = 0; j < side; ++j) {
    for (int i = 0; i + 1 < side; ++i) {
      street(at(i, j), at(i + 1, j), j);
      street(at(j, i), at(j, i + 1), j + 1);
    }
  }
  NodeId previous = kNoNode;
  for (int i = 0; i < side; i += 2) {
    const NodeId node = graph.add_node({i * 100.0, side * 50.0 + 30.0});
    if (previous != kNoNode) graph.add_road(previous, node, RoadClass::motorway, kAllModes);
    if (i % 6 == 0) graph.add_road(node, at(i, side / 2), RoadClass::primary, kAllModes);
    previous = node;
  }
  graph.finalize();
  return graph;
}

/// What an OpenStreetMap import looks like to the oracle: irregular nodes in two clusters
/// (two islands), each joined to its nearest neighbours by roads of any class and access, with
/// one-ways, shape nodes in the middle of roads, parallel edges, duplicate nodes joined by
/// zero-length edges, and self-loops.
RoadGraph irregular_graph(int nodes, std::uint64_t seed) {
  Rng rng(seed);
  RoadGraph graph;
  for (int i = 0; i < nodes; ++i) {
    const double x0 = i % 3 == 0 ? 4000.0 : 0.0;  // a third of the nodes on a second island
    graph.add_node({x0 + rng.uniform(0, 2500), rng.uniform(0, 2500)});
  }
  const auto random_class = [&] {
    return rng.bernoulli(0.7) ? RoadClass::residential
                              : static_cast<RoadClass>(rng.below(kRoadClassCount));
  };
  const auto connect = [&](NodeId a, NodeId b) {
    const RoadClass road_class = random_class();
    // Mostly the class's own access; sometimes narrower, as access tags do.
    std::uint8_t modes = default_modes(road_class);
    if (rng.bernoulli(0.1)) modes &= static_cast<std::uint8_t>(rng.below(8));
    NodeId from = a;
    if (rng.bernoulli(0.3)) {  // a shape node in the middle
      const Point pa = graph.position(a), pb = graph.position(b);
      const NodeId middle = graph.add_node({(pa.x_m + pb.x_m) / 2 + rng.uniform(-10, 10),
                                            (pa.y_m + pb.y_m) / 2 + rng.uniform(-10, 10)});
      if (rng.bernoulli(0.2)) {
        graph.add_edge(a, middle, road_class, modes);
      } else {
        graph.add_road(a, middle, road_class, modes);
      }
      from = middle;
    }
    if (rng.bernoulli(0.2)) {
      graph.add_edge(from, b, road_class, modes);
    } else {
      graph.add_road(from, b, road_class, modes);
    }
    if (rng.bernoulli(0.05)) graph.add_edge(a, b, random_class(), kAllModes);  // parallel
  };
  for (int i = 0; i < nodes; ++i) {
    std::vector<std::pair<double, NodeId>> by_distance;
    for (int j = 0; j < nodes; ++j) {
      if (j == i) continue;
      by_distance.push_back({euclidean_m(graph.position(static_cast<NodeId>(i)),
                                         graph.position(static_cast<NodeId>(j))),
                             static_cast<NodeId>(j)});
    }
    std::partial_sort(by_distance.begin(), by_distance.begin() + 3, by_distance.end());
    for (int k = 0; k < 3; ++k)
      connect(static_cast<NodeId>(i), by_distance[static_cast<std::size_t>(k)].second);
  }
  for (int k = 0; k < nodes / 20; ++k) {
    const auto original = static_cast<NodeId>(rng.below(static_cast<std::uint64_t>(nodes)));
    const NodeId twin = graph.add_node(graph.position(original));
    graph.add_road(original, twin, RoadClass::residential, kAllModes, 0, 0.0);
    graph.add_edge(twin, twin, RoadClass::residential, kAllModes);
  }
  graph.finalize();
  return graph;
}

/// Exact costs and paths from `sources` random nodes to `targets` random nodes each.
void check_against_dijkstra(const RoadGraph& graph, TravelMode mode, int sources, int targets,
                            std::uint64_t seed) {
  const TravelOracle oracle(graph, mode);
  OracleQuery query(oracle);
  Rng rng(seed);
  std::vector<NodeId> path;
  int reachable = 0, checked = 0;
  for (int s = 0; s < sources; ++s) {
    const auto from = static_cast<NodeId>(rng.below(graph.node_count()));
    const std::vector<double> reference = reference_costs(graph, mode, from);
    for (int t = 0; t < targets; ++t) {
      const auto to = static_cast<NodeId>(rng.below(graph.node_count()));
      const double cost = oracle.cost(from, to, query);
      CHECK_MESSAGE(same_cost(cost, reference[to]), "from ", from, " to ", to, ": ", cost, " vs ",
                    reference[to]);
      const double path_total = oracle.path(from, to, query, path);
      CHECK(same_cost(path_total, reference[to]));
      if (std::isinf(reference[to])) {
        CHECK(path.empty());
      } else {
        ++reachable;
        REQUIRE(!path.empty());
        CHECK(path.front() == from);
        CHECK(path.back() == to);
        CHECK(same_cost(path_cost(graph, mode, path), reference[to]));
      }
      ++checked;
    }
  }
  CHECK(checked == sources * targets);
  CHECK(reachable > checked / 8);  // the test is not vacuous
}

/// Random points over the box of the oracle's usable nodes grown by `margin_m`.
std::vector<Point> points_over(const TravelOracle& oracle, double margin_m, int count, Rng& rng) {
  const RoadGraph& graph = oracle.graph();
  Point lo{kInf, kInf}, hi{-kInf, -kInf};
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (oracle.component(n) == kNoNode) continue;
    lo = {std::min(lo.x_m, graph.position(n).x_m), std::min(lo.y_m, graph.position(n).y_m)};
    hi = {std::max(hi.x_m, graph.position(n).x_m), std::max(hi.y_m, graph.position(n).y_m)};
  }
  std::vector<Point> points;
  for (int i = 0; i < count; ++i) {
    points.push_back({rng.uniform(lo.x_m - margin_m, hi.x_m + margin_m),
                      rng.uniform(lo.y_m - margin_m, hi.y_m + margin_m)});
  }
  return points;
}

/// The estimate's guarantee on random point pairs: for points whose nearest nodes share a
/// component, |estimate − exact| <= bound. Returns how many pairs had a finite bound.
int check_estimate_bound(const TravelOracle& oracle, const std::vector<Point>& points) {
  OracleQuery query(oracle);
  int finite = 0;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const Point a = points[i], b = points[i + 1];
    const NodeId na = oracle.nearest_node(a), nb = oracle.nearest_node(b);
    if (oracle.component(na) != oracle.component(nb)) continue;
    const double exact = oracle.cost(na, nb, query);
    const double estimate = oracle.estimate(a, b);
    const double bound = oracle.estimate_error_bound(a, b);
    CHECK(estimate >= 0.0);
    CHECK_MESSAGE(std::abs(estimate - exact) <= bound, "estimate ", estimate, " exact ", exact,
                  " bound ", bound);
    if (std::isfinite(bound)) ++finite;
  }
  return finite;
}

}  // namespace

TEST_CASE("one-ways: the way back goes around") {
  // a → b one-way (100 m); b → c → a two-way (200 m each).
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId b = graph.add_node({100, 0});
  const NodeId c = graph.add_node({50, 100});
  graph.add_edge(a, b, RoadClass::residential, kAllModes, 0, 100.0);
  graph.add_road(b, c, RoadClass::residential, kAllModes, 0, 200.0);
  graph.add_road(c, a, RoadClass::residential, kAllModes, 0, 200.0);
  graph.finalize();
  const TravelOracle oracle(graph, TravelMode::bike);
  OracleQuery query(oracle);
  CHECK(oracle.cost(a, b, query) == doctest::Approx(100.0));
  CHECK(oracle.cost(b, a, query) == doctest::Approx(400.0));
  std::vector<NodeId> path;
  CHECK(oracle.path(b, a, query, path) == doctest::Approx(400.0));
  CHECK(path == std::vector<NodeId>{b, c, a});
  CHECK(oracle.path(a, a, query, path) == 0.0);
  CHECK(path == std::vector<NodeId>{a});
  CHECK(oracle.component(a) == 0);
  CHECK(oracle.component(b) == 0);
}

TEST_CASE("a motorway serves cars at their motorway speed and is closed to bikes") {
  // a — b — c residential (1 km each); a — c motorway (1.5 km), admitted to all by its bits.
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId b = graph.add_node({1000, 500});
  const NodeId c = graph.add_node({1500, 0});
  graph.add_road(a, b, RoadClass::residential, kAllModes, 0, 1000.0);
  graph.add_road(b, c, RoadClass::residential, kAllModes, 0, 1000.0);
  graph.add_road(a, c, RoadClass::motorway, kAllModes, 0, 1500.0);
  graph.finalize();

  const TravelOracle bike(graph, TravelMode::bike);
  OracleQuery bike_query(bike);
  std::vector<NodeId> path;
  CHECK(bike.path(a, c, bike_query, path) == doctest::Approx(2000.0));
  CHECK(path == std::vector<NodeId>{a, b, c});
  CHECK(bike.max_speed_factor() == road_speed_factor(TravelMode::bike, RoadClass::residential));

  const TravelOracle car(graph, TravelMode::car);
  OracleQuery car_query(car);
  const double motorway = 1500.0 / road_speed_factor(TravelMode::car, RoadClass::motorway);
  CHECK(car.path(a, c, car_query, path) == doctest::Approx(motorway));
  CHECK(path == std::vector<NodeId>{a, c});
  CHECK(car.max_speed_factor() == road_speed_factor(TravelMode::car, RoadClass::motorway));
}

TEST_CASE("two components: costs between them are unreachable, within each exact") {
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId b = graph.add_node({100, 0});
  const NodeId c = graph.add_node({5000, 0});
  const NodeId d = graph.add_node({5100, 0});
  const NodeId e = graph.add_node({5200, 0});
  const NodeId lone = graph.add_node({2500, 0});
  graph.add_road(a, b, RoadClass::residential, kAllModes);
  graph.add_road(c, d, RoadClass::residential, kAllModes);
  graph.add_road(d, e, RoadClass::residential, kAllModes);
  graph.add_edge(b, c, RoadClass::cycleway, default_modes(RoadClass::cycleway));  // bikes only
  graph.finalize();

  const TravelOracle car(graph, TravelMode::car);
  OracleQuery query(car);
  CHECK(car.component(c) == 0);  // the larger one
  CHECK(car.component(a) == 1);
  CHECK(car.component(lone) == kNoNode);
  CHECK(car.cost(a, e, query) == kUnreachable);
  CHECK(car.cost(e, a, query) == kUnreachable);
  std::vector<NodeId> path{a};
  CHECK(car.path(a, e, query, path) == kUnreachable);
  CHECK(path.empty());
  CHECK(car.cost(c, e, query) == doctest::Approx(200.0));
  CHECK(car.nearest_node({2400, 0}) == b);
  CHECK(car.nearest_node_in({2400, 0}, 0) == c);
  CHECK(car.nearest_node_in({2400, 0}, 7) == kNoNode);
  // The estimate answers only within a component.
  CHECK(car.estimate({0, 0}, {5200, 0}) == kUnreachable);
  CHECK(car.estimate_error_bound({0, 0}, {5200, 0}) == kUnreachable);
  CHECK(car.estimate({5000, 0}, {5200, 0}) <=
        200.0 + car.estimate_error_bound({5000, 0}, {5200, 0}));

  // Bikes may take the cycleway one way: reachable from a to e, not back; still two
  // components, and exact all the same.
  const TravelOracle bike(graph, TravelMode::bike);
  OracleQuery bike_query(bike);
  CHECK(bike.component(a) != bike.component(e));
  CHECK(bike.cost(a, e, bike_query) == doctest::Approx(100.0 + 4900.0 / 1.1 + 200.0));
  CHECK(bike.cost(e, a, bike_query) == kUnreachable);
}

TEST_CASE("a mode with no usable edge: nothing reachable, nothing nearest") {
  RoadGraph graph;
  const NodeId a = graph.add_node({0, 0});
  const NodeId b = graph.add_node({100, 0});
  graph.add_road(a, b, RoadClass::cycleway, default_modes(RoadClass::cycleway));
  graph.finalize();
  const TravelOracle car(graph, TravelMode::car);
  OracleQuery query(car);
  CHECK(car.component(a) == kNoNode);
  CHECK(car.nearest_node({0, 0}) == kNoNode);
  CHECK(car.cost(a, b, query) == kUnreachable);
  CHECK(car.cost(a, a, query) == 0.0);
  CHECK(car.estimate({0, 0}, {100, 0}) == kUnreachable);
  CHECK(car.estimate_error_bound({0, 0}, {100, 0}) == kUnreachable);
  CHECK(car.max_speed_factor() > 0.0);
  CHECK(car.estimate_cell_m() == TravelOracleOptions{}.estimate_cell_m);

  const RoadGraph empty = [] {
    RoadGraph g;
    g.finalize();
    return g;
  }();
  const TravelOracle nothing(empty, TravelMode::bike);
  CHECK(nothing.nearest_node({0, 0}) == kNoNode);
  CHECK(nothing.estimate({0, 0}, {1, 1}) == kUnreachable);
}

TEST_CASE("exact costs and paths agree with Dijkstra on random grid cities, every mode") {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    const RoadGraph graph = grid_city(18, seed);
    for (TravelMode mode : kModes) check_against_dijkstra(graph, mode, 8, 25, seed * 10);
  }
}

TEST_CASE("exact costs and paths agree with Dijkstra on irregular imported-like graphs") {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    const RoadGraph graph = irregular_graph(300, seed);
    for (TravelMode mode : kModes) check_against_dijkstra(graph, mode, 8, 25, seed * 10 + 1);
  }
}

TEST_CASE("the hierarchy stays exact when witness searches give up at once") {
  // Limits of one settled node: nearly every contraction adds all its shortcuts.
  const RoadGraph graph = grid_city(10, 4);
  std::vector<CostArc> arcs;
  for (const RoadEdge& edge : graph.edges()) {
    const double cost = edge_cost(edge, TravelMode::bike);
    if (std::isfinite(cost)) arcs.push_back({edge.from, edge.to, cost});
  }
  const ContractionHierarchy hierarchy(graph.node_count(), arcs,
                                       ContractionHierarchy::Limits{1, 1});
  ChSearch search(graph.node_count());
  std::vector<double> all;
  for (NodeId from = 0; from < graph.node_count(); from += 7) {
    const std::vector<double> reference = reference_costs(graph, TravelMode::bike, from);
    for (NodeId to = 0; to < graph.node_count(); ++to)
      CHECK(same_cost(hierarchy.cost(from, to, search), reference[to]));
    // PHAST both ways.
    hierarchy.costs_from_all_ranks(from, search, all);
    for (NodeId to = 0; to < graph.node_count(); ++to)
      CHECK(same_cost(all[hierarchy.rank_of(to)], reference[to]));
    hierarchy.costs_to_all_ranks(from, search, all);
    for (NodeId to = 0; to < graph.node_count(); to += 5) {
      CHECK(same_cost(all[hierarchy.rank_of(to)],
                      reference_costs(graph, TravelMode::bike, to)[from]));
    }
  }
}

TEST_CASE("costs_to_many agrees with Dijkstra, with repeats, the source and unreachables") {
  const RoadGraph graph = irregular_graph(250, 9);
  for (TravelMode mode : kModes) {
    const TravelOracle oracle(graph, mode);
    OracleQuery query(oracle);
    Rng rng(3);
    std::vector<double> costs;
    for (int s = 0; s < 6; ++s) {
      const auto from = static_cast<NodeId>(rng.below(graph.node_count()));
      std::vector<NodeId> targets{from};
      for (int t = 0; t < 40; ++t)
        targets.push_back(static_cast<NodeId>(rng.below(graph.node_count())));
      targets.push_back(targets[3]);
      const std::vector<double> reference = reference_costs(graph, mode, from);
      oracle.costs_to_many(from, targets, query, costs);
      REQUIRE(costs.size() == targets.size());
      for (std::size_t i = 0; i < targets.size(); ++i)
        CHECK(same_cost(costs[i], reference[targets[i]]));
      // The query scratch is reusable in between.
      CHECK(same_cost(oracle.cost(from, targets[1], query), reference[targets[1]]));
    }
    oracle.costs_to_many(0, {}, query, costs);
    CHECK(costs.empty());
  }
}

TEST_CASE("components are the graph's strongly connected components for the mode") {
  const RoadGraph graph = irregular_graph(200, 5);
  for (TravelMode mode : kModes) {
    const TravelOracle oracle(graph, mode);
    const std::vector<std::uint32_t> expected = strongly_connected_components(graph, mode);
    for (NodeId n = 0; n < graph.node_count(); ++n) CHECK(oracle.component(n) == expected[n]);
    // Within a component every cost is finite.
    OracleQuery query(oracle);
    for (NodeId n = 0; n + 1 < graph.node_count(); n += 3) {
      if (expected[n] != kNoNode && expected[n] == expected[n + 1])
        CHECK(std::isfinite(oracle.cost(n, n + 1, query)));
    }
  }
}

TEST_CASE("nearest nodes agree with brute force, ties to the smallest id") {
  const RoadGraph graph = irregular_graph(300, 2);  // has duplicate nodes: ties
  for (TravelMode mode : kModes) {
    const TravelOracle oracle(graph, mode);
    Rng rng(11);
    std::vector<Point> points = points_over(oracle, 1500.0, 300, rng);  // inside and far out
    for (NodeId n = 0; n < graph.node_count(); n += 17) points.push_back(graph.position(n));
    for (const Point& p : points) {
      NodeId best = kNoNode, best_in_main = kNoNode;
      double best_d = kInf, best_in_main_d = kInf;
      for (NodeId n = 0; n < graph.node_count(); ++n) {
        if (oracle.component(n) == kNoNode) continue;
        const double d = euclidean_m(p, graph.position(n));
        if (d < best_d) best_d = d, best = n;
        if (oracle.component(n) == 0 && d < best_in_main_d) best_in_main_d = d, best_in_main = n;
      }
      CHECK(oracle.nearest_node(p) == best);
      CHECK(oracle.nearest_node_in(p, 0) == best_in_main);
    }
  }
}

TEST_CASE("max_speed_factor makes straight-line distance a lower bound on cost") {
  const RoadGraph graph = grid_city(12, 8);
  for (TravelMode mode : kModes) {
    const TravelOracle oracle(graph, mode);
    OracleQuery query(oracle);
    double largest = 0.0;
    for (const RoadEdge& edge : graph.edges()) {
      if (std::isfinite(edge_cost(edge, mode)))
        largest = std::max(largest, road_speed_factor(mode, edge.road_class));
    }
    CHECK(oracle.max_speed_factor() == largest);
    for (NodeId a = 0; a < graph.node_count(); a += 11) {
      for (NodeId b = 1; b < graph.node_count(); b += 13) {
        const double lower = euclidean_m(graph.position(a), graph.position(b)) / largest;
        CHECK(oracle.cost(a, b, query) >= lower * (1 - 1e-12));
      }
    }
  }
}

TEST_CASE("the estimate stays within its bound, which is finite on one strong component") {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    const RoadGraph city = largest_component(grid_city(14, seed), TravelMode::bike);
    for (double cell_m : {80.0, 250.0, 900.0}) {
      const TravelOracle oracle(city, TravelMode::bike, TravelOracleOptions{cell_m});
      CHECK(oracle.estimate_cell_m() == cell_m);
      Rng rng(seed);
      // Inside the area: the box of the nodes grown by (just under) one cell.
      std::vector<Point> points = points_over(oracle, 0.95 * cell_m, 300, rng);
      for (NodeId n = 0; n < city.node_count(); n += 13) points.push_back(city.position(n));
      const int finite = check_estimate_bound(oracle, points);
      CHECK(finite == static_cast<int>(points.size()) - 1);
      // Off the area, no guarantee.
      const Point far{city.max_corner().x_m + 2 * cell_m + 1, city.max_corner().y_m};
      CHECK(oracle.estimate_error_bound(city.position(0), far) == kUnreachable);
      CHECK(std::isfinite(oracle.estimate(city.position(0), far)));
    }
  }
}

TEST_CASE("the estimate's bound holds across one-ways, slivers, access and islands") {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    const RoadGraph graph = irregular_graph(250, seed);
    for (TravelMode mode : kModes) {
      const TravelOracle oracle(graph, mode, TravelOracleOptions{300.0});
      Rng rng(seed + 100);
      const std::vector<Point> points = points_over(oracle, 250.0, 400, rng);
      const int finite = check_estimate_bound(oracle, points);
      CHECK(finite > 0);
    }
    const RoadGraph city = grid_city(16, seed);
    for (TravelMode mode : kModes) {
      const TravelOracle oracle(city, mode, TravelOracleOptions{250.0});
      Rng rng(seed + 200);
      check_estimate_bound(oracle, points_over(oracle, 200.0, 400, rng));
    }
  }
}

TEST_CASE("a table too large for its budget gets coarser cells and keeps its guarantee") {
  const RoadGraph city = largest_component(grid_city(14, 6), TravelMode::car);
  std::vector<CostArc> arcs;
  for (const RoadEdge& edge : city.edges()) {
    const double cost = edge_cost(edge, TravelMode::car);
    if (std::isfinite(cost)) arcs.push_back({edge.from, edge.to, cost});
  }
  const ContractionHierarchy hierarchy(city.node_count(), arcs);
  const std::vector<std::uint32_t> component = strongly_connected_components(city, TravelMode::car);
  std::vector<NodeId> usable;
  for (NodeId n = 0; n < city.node_count(); ++n) {
    if (component[n] != kNoNode) usable.push_back(n);
  }
  const NodeGrid grid(city.positions(), usable);
  const EstimateTable fine(city, component, grid, hierarchy, 100.0);
  CHECK(fine.cell_m() == 100.0);
  const EstimateTable coarse(city, component, grid, hierarchy, 100.0, 400);
  CHECK(coarse.cell_m() > 100.0);
  CHECK(coarse.memory_bytes() < fine.memory_bytes());

  ChSearch search(city.node_count());
  Rng rng(1);
  for (int i = 0; i < 300; ++i) {
    const Point a{rng.uniform(0, 1300), rng.uniform(0, 1300)};
    const Point b{rng.uniform(0, 1300), rng.uniform(0, 1300)};
    const double exact = hierarchy.cost(grid.nearest(a), grid.nearest(b), search);
    for (const EstimateTable* table : {&fine, &coarse}) {
      const double bound = table->error_bound(a, b);
      CHECK(std::isfinite(bound));
      CHECK(std::abs(table->estimate(a, b) - exact) <= bound);
    }
  }
}

TEST_CASE("two oracles on one graph give identical answers (deterministic preprocessing)") {
  const RoadGraph graph = irregular_graph(250, 4);
  const TravelOracle first(graph, TravelMode::bike), second(graph, TravelMode::bike);
  OracleQuery first_query(first);
  OracleQuery moved(second);
  OracleQuery second_query(std::move(moved));
  Rng rng(2);
  std::vector<NodeId> first_path, second_path;
  for (int i = 0; i < 100; ++i) {
    const auto a = static_cast<NodeId>(rng.below(graph.node_count()));
    const auto b = static_cast<NodeId>(rng.below(graph.node_count()));
    CHECK(first.path(a, b, first_query, first_path) ==
          second.path(a, b, second_query, second_path));
    CHECK(first_path == second_path);
    const Point p = graph.position(a), q = graph.position(b);
    CHECK(first.estimate(p, q) == second.estimate(p, q));
  }
  CHECK(first.memory_bytes() == second.memory_bytes());
}
