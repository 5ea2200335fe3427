// Travel times and paths on the scenario's map, with ferries.
#include "router.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace knightsim {
namespace {

constexpr SimTime kNoArrival = std::numeric_limits<SimTime>::max();

}  // namespace

Router::Router(const City& city, std::shared_ptr<const RoadMap> map, FerrySchedule* ferries)
    : city_(city), map_(std::move(map)), ferries_(ferries), queries_(kTravelModeCount) {
  if (!map_) return;
  for (int m = 0; m < kTravelModeCount; ++m) {
    const auto mode = static_cast<TravelMode>(m);
    if (map_->has_mode(mode)) {
      queries_[static_cast<std::size_t>(m)] = std::make_unique<OracleQuery>(map_->oracle(mode));
    }
  }
  // The main mode (for snapping places): bikes when built, else the first mode there is.
  for (const TravelMode mode : {TravelMode::bike, TravelMode::foot, TravelMode::car}) {
    if (map_->has_mode(mode)) {
      main_mode_ = mode;
      break;
    }
  }
  const auto& ferry_specs = map_->spec().ferries;
  min_crossing_ms_ = std::numeric_limits<double>::infinity();
  for (const FerrySpec& ferry : ferry_specs) {
    min_crossing_ms_ = std::min(min_crossing_ms_, static_cast<double>(ferry.crossing_ms));
    const double water_m = euclidean_m(ferry.from_pier, ferry.to_pier);
    fastest_water_m_per_ms_ =
        std::max(fastest_water_m_per_ms_, water_m / static_cast<double>(ferry.crossing_ms));
  }
}

Point Router::snap(Point p) const {
  if (!map_) return p;
  const NodeId node = map_->oracle(main_mode_).nearest_node(p);
  return node == kNoNode ? p : map_->graph().position(node);
}

std::uint32_t Router::land_of(Point p) const {
  if (!map_) return 0;
  const TravelOracle& oracle = map_->oracle(main_mode_);
  return oracle.component(oracle.nearest_node(p));
}

SimTime Router::road_time_ms(double cost_m, double speed_kmh) const {
  const double metres_per_ms = speed_kmh / 3600.0;
  const double time_ms = std::ceil(cost_m / metres_per_ms);
  assert(std::isfinite(time_ms) && time_ms < 1e12);
  return static_cast<SimTime>(time_ms);
}

double Router::road_cost(Point a, NodeId na, Point b, NodeId nb, TravelMode mode,
                         bool exact) const {
  const TravelOracle& oracle = map_->oracle(mode);
  const RoadGraph& graph = map_->graph();
  // From a place off the node (a rider stopped between two nodes) to the node, at the speed
  // of an ordinary street: the rider rides along the edge it is on.
  const double connectors = euclidean_m(a, graph.position(na)) + euclidean_m(graph.position(nb), b);
  if (na == nb) return connectors;
  double between =
      exact ? oracle.cost(na, nb, *queries_[static_cast<std::size_t>(mode)])
            : std::max(oracle.estimate(a, b), euclidean_m(graph.position(na), graph.position(nb)) /
                                                  oracle.max_speed_factor());
  if (!exact && !std::isfinite(between) && oracle.component(na) == oracle.component(nb)) {
    // The table cannot tell (a cell shared by two land masses): ask exactly.
    between = oracle.cost(na, nb, *queries_[static_cast<std::size_t>(mode)]);
  }
  return between + connectors;
}

SimTime Router::earliest_arrival(Point a, Point b, double speed_kmh, TravelMode mode, SimTime t,
                                 bool exact, std::vector<Hop>* hops) const {
  const TravelOracle& oracle = map_->oracle(mode);
  const RoadGraph& graph = map_->graph();
  const NodeId na = oracle.nearest_node(a), nb = oracle.nearest_node(b);
  assert(na != kNoNode && nb != kNoNode);
  const std::uint32_t ca = oracle.component(na), cb = oracle.component(nb);

  SimTime best = kNoArrival;
  if (ca == cb) {
    const double cost = road_cost(a, na, b, nb, mode, exact);
    if (std::isfinite(cost)) best = t + road_time_ms(cost, speed_kmh);
  }
  const std::size_t routes = map_->spec().ferries.size();
  const bool direct_unbeatable =
      best != kNoArrival && static_cast<double>(best - t) <= min_crossing_ms_;
  if (routes == 0 || ferries_ == nullptr || direct_unbeatable) {
    if (hops && best != kNoArrival) {
      hops->push_back({false, a, b, na, nb, t, best, 0});
    }
    return best;
  }

  // Earliest arrival over piers: labels are the time a traveller can stand at each pier end
  // (2·route for `from` piers, 2·route+1 for `to` piers). Sailings are FIFO (a later arrival
  // at a pier never lands earlier), so Dijkstra on arrival times is exact.
  const std::size_t ends = 2 * routes;
  auto node_of = [&](std::size_t end) {
    const FerryPiers& piers = map_->piers(end / 2, mode);
    return end % 2 == 0 ? piers.from_node : piers.to_node;
  };
  struct Label {
    SimTime arrival = kNoArrival;
    int via = -1;  ///< previous pier end, -1 = the start
    bool by_sea = false;
    std::uint32_t sailing = 0;
    bool settled = false;
  };
  std::vector<Label> labels(ends);
  for (std::size_t e = 0; e < ends; ++e) {
    const NodeId pier = node_of(e);
    if (pier == kNoNode || oracle.component(pier) != ca) continue;
    const double cost = road_cost(a, na, graph.position(pier), pier, mode, exact);
    if (std::isfinite(cost)) labels[e].arrival = t + road_time_ms(cost, speed_kmh);
  }
  int best_via = -1;  // pier end the best trip reaches b from; -1 = directly
  for (;;) {
    std::size_t e = ends;
    for (std::size_t i = 0; i < ends; ++i) {
      if (!labels[i].settled && labels[i].arrival != kNoArrival &&
          (e == ends || labels[i].arrival < labels[e].arrival)) {
        e = i;
      }
    }
    if (e == ends || labels[e].arrival >= best) break;
    labels[e].settled = true;
    const SimTime here = labels[e].arrival;
    const NodeId pier = node_of(e);
    const Point pier_at = graph.position(pier);
    if (oracle.component(pier) == cb) {
      const double cost = road_cost(pier_at, pier, b, nb, mode, exact);
      if (std::isfinite(cost) && here + road_time_ms(cost, speed_kmh) < best) {
        best = here + road_time_ms(cost, speed_kmh);
        best_via = static_cast<int>(e);
      }
    }
    const std::int64_t sailing =
        ferries_->next_sailing(static_cast<std::uint32_t>(e / 2), e % 2 == 0, here);
    const std::size_t other = e ^ 1u;
    if (sailing >= 0) {
      const SimTime land = ferries_->sailing(static_cast<std::uint32_t>(sailing)).arrive_ms;
      if (!labels[other].settled && land < labels[other].arrival) {
        labels[other] = {land, static_cast<int>(e), true, static_cast<std::uint32_t>(sailing),
                         false};
      }
    }
    for (std::size_t next = 0; next < ends; ++next) {
      const NodeId next_pier = node_of(next);
      if (next == e || labels[next].settled || next_pier == kNoNode ||
          oracle.component(next_pier) != oracle.component(pier)) {
        continue;
      }
      const double cost = map_->pier_cost(mode, e, next);
      if (!std::isfinite(cost)) continue;
      const SimTime arrival = here + road_time_ms(cost, speed_kmh);
      if (arrival < labels[next].arrival)
        labels[next] = {arrival, static_cast<int>(e), false, 0, false};
    }
  }
  if (hops && best != kNoArrival) {
    // Walk back from b to a.
    std::vector<Hop> reversed;
    if (best_via < 0) {
      reversed.push_back({false, a, b, na, nb, t, best, 0});
    } else {
      const auto last = static_cast<std::size_t>(best_via);
      reversed.push_back({false, graph.position(node_of(last)), b, node_of(last), nb,
                          labels[last].arrival, best, 0});
      for (int e = best_via; e >= 0;) {
        const Label& label = labels[static_cast<std::size_t>(e)];
        const NodeId pier = node_of(static_cast<std::size_t>(e));
        if (label.via < 0) {
          reversed.push_back({false, a, graph.position(pier), na, pier, t, label.arrival, 0});
        } else {
          const auto from_end = static_cast<std::size_t>(label.via);
          const NodeId from_pier = node_of(from_end);
          const Label& from = labels[from_end];
          if (label.by_sea) {
            reversed.push_back({true, graph.position(from_pier), graph.position(pier), from_pier,
                                pier, from.arrival, label.arrival, label.sailing});
          } else {
            reversed.push_back({false, graph.position(from_pier), graph.position(pier), from_pier,
                                pier, from.arrival, label.arrival, 0});
          }
        }
        e = label.via;
      }
    }
    hops->assign(reversed.rbegin(), reversed.rend());
  }
  return best;
}

void Router::append_road(const Hop& hop, TravelMode mode, RoadPath& out) const {
  const TravelOracle& oracle = map_->oracle(mode);
  const RoadGraph& graph = map_->graph();
  const std::uint8_t bit = mode_bit(mode);
  path_nodes_.clear();
  if (hop.from_node != hop.to_node) {
    oracle.path(hop.from_node, hop.to_node, *queries_[static_cast<std::size_t>(mode)], path_nodes_);
  } else {
    path_nodes_.push_back(hop.from_node);
  }
  // Points: the start, the path's nodes, the end; each with the cost to reach it. Their times
  // spread the ride's duration (which the search computed) in proportion to cost, so the last
  // point is reached exactly when the search said.
  points_.assign(1, hop.from);
  cost_to_.assign(1, 0.0);
  auto add = [this](Point p, double cost) {
    if (points_.back() == p) return;
    points_.push_back(p);
    cost_to_.push_back(cost_to_.back() + cost);
  };
  add(graph.position(path_nodes_[0]), euclidean_m(hop.from, graph.position(path_nodes_[0])));
  for (std::size_t i = 1; i < path_nodes_.size(); ++i) {
    double edge_cost = std::numeric_limits<double>::infinity();
    for (const RoadEdge& edge : graph.out_edges(path_nodes_[i - 1])) {
      if (edge.to == path_nodes_[i] && (edge.modes & bit)) {
        edge_cost = std::min(edge_cost, static_cast<double>(edge.length_m) /
                                            road_speed_factor(mode, edge.road_class));
      }
    }
    assert(std::isfinite(edge_cost));
    add(graph.position(path_nodes_[i]), edge_cost);
  }
  add(hop.to, euclidean_m(points_.back(), hop.to));

  if (out.points.empty() || !(out.points.back() == hop.from) || out.at_ms.back() != hop.start_ms) {
    out.points.push_back(hop.from);
    out.at_ms.push_back(hop.start_ms);
  }
  const double total = cost_to_.back();
  const double duration = static_cast<double>(hop.end_ms - hop.start_ms);
  for (std::size_t i = 1; i < points_.size(); ++i) {
    out.graph_length_m += euclidean_m(points_[i - 1], points_[i]);
    out.points.push_back(points_[i]);
    const double share = total > 0 ? cost_to_[i] / total : 1.0;
    out.at_ms.push_back(i + 1 == points_.size()
                            ? hop.end_ms
                            : hop.start_ms + static_cast<SimTime>(std::floor(duration * share)));
  }
  if (points_.size() == 1) {
    // Start and end are one place: the ride is a stand-still until end_ms.
    out.points.push_back(hop.to);
    out.at_ms.push_back(hop.end_ms);
  }
}

SimTime Router::plan_leg(Point from, Point to, double speed_kmh, TravelMode mode, SimTime depart_ms,
                         RoadPath& out) {
  if (!map_) {
    out = city_.path(from, to);
    return depart_ms + city_.travel_time_ms(out, speed_kmh);
  }
  out = RoadPath{};
  hops_.clear();
  const SimTime arrival = earliest_arrival(from, to, speed_kmh, mode, depart_ms, true, &hops_);
  if (arrival == kNoArrival) return plan_stranded(from, to, speed_kmh, mode, depart_ms, out);
  for (const Hop& hop : hops_) {
    if (!hop.sailing) {
      append_road(hop, mode, out);
      continue;
    }
    const Sailing& sailing = ferries_->sailing(hop.sailing_index);
    // Wait at the pier until the sailing leaves, then cross in a straight line.
    if (out.points.empty()) {
      out.points.push_back(hop.from);
      out.at_ms.push_back(hop.start_ms);
    }
    out.points.push_back(hop.from);
    out.at_ms.push_back(sailing.depart_ms);
    out.points.push_back(hop.to);
    out.at_ms.push_back(sailing.arrive_ms);
    out.crossings.push_back(
        {hop.sailing_index, hop.start_ms, sailing.depart_ms, sailing.arrive_ms, hop.from, hop.to});
    ferries_->book(hop.sailing_index);
  }
  if (out.points.empty()) {
    out.points.push_back(from);
    out.at_ms.push_back(depart_ms);
  }
  if (out.points.size() == 1) {
    out.points.push_back(to);
    out.at_ms.push_back(arrival);
  }
  assert(out.at_ms.back() == arrival);
  return arrival;
}

SimTime Router::plan_stranded(Point from, Point to, double speed_kmh, TravelMode mode,
                              SimTime depart_ms, RoadPath& out) {
  // No sailing before the run ends can take the rider there: it rides to the pier on its side
  // from which the water to cross is narrowest towards `to`, and waits there.
  const TravelOracle& oracle = map_->oracle(mode);
  const RoadGraph& graph = map_->graph();
  const NodeId na = oracle.nearest_node(from);
  const std::size_t ends = 2 * map_->spec().ferries.size();
  std::size_t best_end = ends;
  double best_m = std::numeric_limits<double>::infinity();
  for (std::size_t e = 0; e < ends; ++e) {
    const FerryPiers& piers = map_->piers(e / 2, mode);
    const NodeId pier = e % 2 == 0 ? piers.from_node : piers.to_node;
    const NodeId across = e % 2 == 0 ? piers.to_node : piers.from_node;
    if (oracle.component(pier) != oracle.component(na)) continue;
    const double score = euclidean_m(graph.position(across), to);
    if (score < best_m) {
      best_m = score;
      best_end = e;
    }
  }
  Hop hop{false, from, from, na, na, depart_ms, depart_ms, 0};
  if (best_end < ends) {
    const FerryPiers& piers = map_->piers(best_end / 2, mode);
    const NodeId pier = best_end % 2 == 0 ? piers.from_node : piers.to_node;
    const double cost = road_cost(from, na, graph.position(pier), pier, mode, true);
    hop = {false,
           from,
           graph.position(pier),
           na,
           pier,
           depart_ms,
           depart_ms + road_time_ms(cost, speed_kmh),
           0};
  }
  append_road(hop, mode, out);
  const SimTime never = depart_ms + kUnreachableMs;
  out.points.push_back(out.points.back());
  out.at_ms.push_back(never);
  return never;
}

void Router::release_seats(const RoadPath& path, SimTime now_ms) {
  for (const FerryCrossing& crossing : path.crossings) {
    if (crossing.board_ms > now_ms) ferries_->release(crossing.sailing);
  }
}

SimTime Router::dispatch_time_ms(Point from, Point to, double speed_kmh, TravelMode mode,
                                 SimTime depart_ms) const {
  if (!map_) return city_.travel_time_ms(from, to, speed_kmh);
  if (ferries_ == nullptr) {
    // The hot path of dispatch on a map without ferries: the estimate straight from the two
    // points (no nearest-node search), never below the straight-line bound.
    const TravelOracle& oracle = map_->oracle(mode);
    double estimate = oracle.estimate(from, to);
    if (!std::isfinite(estimate)) {
      // The table cannot tell (a cell shared by two land masses): ask exactly.
      const NodeId na = oracle.nearest_node(from), nb = oracle.nearest_node(to);
      estimate = road_cost(from, na, to, nb, mode, true);
      if (!std::isfinite(estimate)) return kUnreachableMs;
    }
    const double cost = std::max(estimate, euclidean_m(from, to) / oracle.max_speed_factor());
    return road_time_ms(cost, speed_kmh);
  }
  const SimTime arrival = earliest_arrival(from, to, speed_kmh, mode, depart_ms, false, nullptr);
  // Unreachable for now (every sailing of the day cancelled): as good as never.
  return arrival == kNoArrival ? kUnreachableMs : arrival - depart_ms;
}

SimTime Router::lower_bound_ms(double straight_m, double speed_kmh) const {
  if (!map_) return city_.travel_time_lower_bound_ms(straight_m, speed_kmh);
  const double road_m_per_ms = speed_kmh * map_->max_speed_factor() / 3600.0;
  const double fastest = std::max(road_m_per_ms, fastest_water_m_per_ms_);
  return static_cast<SimTime>(std::floor(straight_m / fastest));
}

double Router::road_distance_m(Point from, Point to, TravelMode mode) {
  if (!map_) return city_.path(from, to).length_m();
  const TravelOracle& oracle = map_->oracle(mode);
  const NodeId na = oracle.nearest_node(from), nb = oracle.nearest_node(to);
  if (oracle.component(na) != oracle.component(nb)) {
    // Across water: the straight line (pay and promises for island orders; docs/maps.md).
    return euclidean_m(from, to);
  }
  Hop hop{false, from, to, na, nb, 0, 0, 0};
  RoadPath scratch;
  append_road(hop, mode, scratch);
  return scratch.graph_length_m;
}

}  // namespace knightsim
