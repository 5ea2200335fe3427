// Building a road-graph map from its spec: roads per island or over the city, bridges, one
// oracle per travel mode, ferry piers snapped to roads.
#include "knightsim/road_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "knightsim/road_layout.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {
namespace {

/// Piers further than this from any road of their island are a mistake in the scenario.
constexpr double kMaxPierToRoadM = 2000.0;
/// Seeds of generated layouts: fixed, so every run of a scenario has the same streets (the
/// run's seed varies demand and behaviour, not geography).
constexpr std::uint64_t kLayoutSeed = 0x6b6e6967687473ull;

/// Nearest node the mode can use inside `outline` (all nodes when null); kNoNode if none.
NodeId nearest_usable_inside(const RoadGraph& graph, const TravelOracle& oracle, Point p,
                             const Polygon* outline) {
  NodeId best = kNoNode;
  double best_m = std::numeric_limits<double>::infinity();
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (oracle.component(n) == kNoNode) continue;
    const double d = euclidean_m(graph.position(n), p);
    if (d < best_m && (outline == nullptr || contains(*outline, graph.position(n)))) {
      best = n;
      best_m = d;
    }
  }
  return best;
}

}  // namespace

std::shared_ptr<const RoadMap> RoadMap::build(const ScenarioSpec& spec) {
  auto map = std::shared_ptr<RoadMap>(new RoadMap());
  map->spec_ = spec.map;
  map->spec_.built.reset();
  const MapSpec& m = map->spec_;

  auto graph = std::make_shared<RoadGraph>();
  if (m.source == MapSource::imported) {
    if (!m.imported) throw MapBuildError("map", 0, "the map file was not read");
    *graph = *m.imported;
  } else if (m.islands.empty()) {
    try {
      *graph = generate_roads(m.roads, {0.0, 0.0}, spec.city.width_m, spec.city.height_m, nullptr,
                              kLayoutSeed);
    } catch (const std::invalid_argument& error) {
      throw MapBuildError("map", 0, error.what());
    }
  } else {
    for (std::size_t i = 0; i < m.islands.size(); ++i) {
      const IslandSpec& island = m.islands[i];
      const Point low = min_corner(island.outline), high = max_corner(island.outline);
      RoadGraph roads;
      try {
        roads = generate_roads(island.roads, low, high.x_m - low.x_m, high.y_m - low.y_m,
                               &island.outline, kLayoutSeed + i);
      } catch (const std::invalid_argument& error) {
        throw MapBuildError("island", i, "island " + island.name + ": " + error.what());
      }
      if (roads.node_count() == 0) {
        throw MapBuildError("island", i,
                            "island " + island.name +
                                " is too small for its road layout (no "
                                "street fits inside it): lower its roads' block_m");
      }
      graph->append(roads);
    }
  }
  graph->finalize();
  for (std::size_t i = 0; i < m.bridges.size(); ++i) {
    const BridgeSpec& bridge = m.bridges[i];
    NodeId ends[2];
    const Point points[2] = {bridge.from, bridge.to};
    for (int k = 0; k < 2; ++k) {
      ends[k] = kNoNode;
      double best_m = kMaxPierToRoadM;
      for (NodeId n = 0; n < graph->node_count(); ++n) {
        const double d = euclidean_m(graph->position(n), points[k]);
        if (d < best_m) {
          best_m = d;
          ends[k] = n;
        }
      }
      if (ends[k] == kNoNode) {
        throw MapBuildError("bridge", i,
                            "bridge " + bridge.name + ": its " + (k == 0 ? "from" : "to") +
                                " end is more than 2 km from any road");
      }
    }
    graph->add_road(ends[0], ends[1], bridge.road_class, default_modes(bridge.road_class),
                    kEdgeBridge);
  }
  graph->finalize();
  if (graph->edge_count() == 0) throw MapBuildError("map", 0, "the map has no roads");
  map->graph_ = graph;

  // One oracle per mode a fleet uses (bikes when there are no fleets: trace worlds).
  std::array<bool, kTravelModeCount> used{};
  for (const FleetSpec& fleet : spec.riders.fleets) used[index(fleet.mode)] = true;
  if (std::none_of(used.begin(), used.end(), [](bool u) { return u; }))
    used[index(TravelMode::bike)] = true;
  const std::size_t ends = 2 * m.ferries.size();
  for (int mi = 0; mi < kTravelModeCount; ++mi) {
    if (!used[static_cast<std::size_t>(mi)]) continue;
    const auto mode = static_cast<TravelMode>(mi);
    auto oracle =
        std::make_unique<TravelOracle>(*graph, mode, TravelOracleOptions{m.estimate_cell_m});
    if (oracle->nearest_node({0.0, 0.0}) == kNoNode) {
      throw MapBuildError(
          "map", 0, std::string("the map has no roads a ") + to_string(mode) + " rider may use");
    }
    for (std::size_t i = 0; i < m.islands.size(); ++i) {
      if (nearest_usable_inside(*graph, *oracle, centroid(m.islands[i].outline),
                                &m.islands[i].outline) == kNoNode) {
        throw MapBuildError("island", i,
                            "island " + m.islands[i].name + " has no roads a " + to_string(mode) +
                                " rider may use");
      }
    }
    auto& piers = map->piers_[static_cast<std::size_t>(mi)];
    for (std::size_t f = 0; f < m.ferries.size(); ++f) {
      const FerrySpec& ferry = m.ferries[f];
      FerryPiers snapped;
      for (int k = 0; k < 2; ++k) {
        const std::string& island_name = k == 0 ? ferry.from_island : ferry.to_island;
        const Polygon* outline = nullptr;
        for (const IslandSpec& island : m.islands) {
          if (island.name == island_name) outline = &island.outline;
        }
        const Point pier = k == 0 ? ferry.from_pier : ferry.to_pier;
        const NodeId node = nearest_usable_inside(*graph, *oracle, pier, outline);
        if (node == kNoNode || euclidean_m(graph->position(node), pier) > kMaxPierToRoadM) {
          throw MapBuildError("ferry", f,
                              "ferry " + ferry.name + ": its " + (k == 0 ? "from" : "to") +
                                  " pier is more than 2 km from any road a " + to_string(mode) +
                                  " rider may use");
        }
        (k == 0 ? snapped.from_node : snapped.to_node) = node;
      }
      piers.push_back(snapped);
    }
    // Road costs between every pair of pier ends, for the timetable search.
    auto& costs = map->pier_costs_[static_cast<std::size_t>(mi)];
    costs.assign(ends * ends, kUnreachable);
    OracleQuery query(*oracle);
    auto node_of = [&piers](std::size_t end) {
      return end % 2 == 0 ? piers[end / 2].from_node : piers[end / 2].to_node;
    };
    for (std::size_t a = 0; a < ends; ++a) {
      for (std::size_t b = 0; b < ends; ++b) {
        costs[a * ends + b] = a == b ? 0.0 : oracle->cost(node_of(a), node_of(b), query);
      }
    }
    map->oracles_[static_cast<std::size_t>(mi)] = std::move(oracle);
  }
  return map;
}

int RoadMap::island_at(Point p) const {
  for (std::size_t i = 0; i < spec_.islands.size(); ++i) {
    if (contains(spec_.islands[i].outline, p)) return static_cast<int>(i);
  }
  return -1;
}

double RoadMap::max_speed_factor() const {
  double fastest = 1.0;
  for (const auto& oracle : oracles_) {
    if (oracle) fastest = std::max(fastest, oracle->max_speed_factor());
  }
  return fastest;
}

}  // namespace knightsim
