#pragma once
/// A built road-graph map: the graph (generated per island or over the city, or imported),
/// bridges added, one travel-time oracle per travel mode the fleets use, and ferry piers
/// snapped to roads. Immutable once built, so the runs of a sweep or a comparison share one
/// (MapSpec::built); each run keeps its own query scratch and ferry bookings.

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "knightsim/map_spec.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/travel_oracle.hpp"

namespace knightsim {

struct ScenarioSpec;

/// A map that cannot be built as specified; `object` names it ("island Qushan",
/// "bridge Zhoudai", "ferry 2", "map") so the loader can point at the scenario's line.
class MapBuildError : public std::runtime_error {
 public:
  MapBuildError(std::string object_kind, std::size_t object_index, const std::string& message)
      : std::runtime_error(message), kind(std::move(object_kind)), index(object_index) {}
  std::string kind;   ///< "map", "island", "bridge", "ferry"
  std::size_t index;  ///< index within its list (0 for "map")
};

struct FerryPiers {
  NodeId from_node = kNoNode;  ///< road node the `from` pier is snapped to (per mode below)
  NodeId to_node = kNoNode;
};

class RoadMap {
 public:
  /// Builds the map of spec.map for the modes spec's fleets use. Throws MapBuildError.
  static std::shared_ptr<const RoadMap> build(const ScenarioSpec& spec);

  const RoadGraph& graph() const { return *graph_; }
  bool has_mode(TravelMode mode) const { return oracles_[index(mode)] != nullptr; }
  const TravelOracle& oracle(TravelMode mode) const { return *oracles_[index(mode)]; }
  /// Piers of each ferry route snapped to the roads of `mode`.
  const FerryPiers& piers(std::size_t route, TravelMode mode) const {
    return piers_[index(mode)][route];
  }
  /// Exact road cost (effective metres) between two pier ends (2·route for a route's `from`
  /// pier, 2·route + 1 for its `to` pier) for `mode`; kUnreachable across water.
  double pier_cost(TravelMode mode, std::size_t from_end, std::size_t to_end) const {
    return pier_costs_[index(mode)][from_end * 2 * spec_.ferries.size() + to_end];
  }
  /// The island a point lies on (index into MapSpec::islands), -1 at sea or without islands.
  int island_at(Point p) const;
  const MapSpec& spec() const { return spec_; }
  /// The largest road speed factor of any built mode (for lower bounds on travel time).
  double max_speed_factor() const;

 private:
  static std::size_t index(TravelMode mode) { return static_cast<std::size_t>(mode); }
  MapSpec spec_;  ///< without `built`, to avoid a cycle
  std::shared_ptr<const RoadGraph> graph_;
  std::array<std::unique_ptr<TravelOracle>, kTravelModeCount> oracles_;
  std::array<std::vector<FerryPiers>, kTravelModeCount> piers_;
  std::array<std::vector<double>, kTravelModeCount> pier_costs_;
};

}  // namespace knightsim
