#pragma once
/// The areas results are broken down by: the islands of an island map; otherwise a 3×3 grid of
/// compass zones over the city (NW, N, NE, W, C, E, SW, S, SE), so any map shows where service
/// is weaker.

#include <cstddef>
#include <string>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

class Zones {
 public:
  explicit Zones(const ScenarioSpec& spec);

  std::size_t count() const { return names_.size(); }
  const std::string& name(std::size_t zone) const { return names_[zone]; }
  /// The zone of a point: the island containing it, or failing that the island whose centre is
  /// nearest (a door on a jetty); the compass zone on maps without islands.
  std::size_t zone_of(Point p) const;

 private:
  std::vector<std::string> names_;
  std::vector<IslandSpec> islands_;
  std::vector<Point> island_centres_;
  double width_m_ = 0.0;
  double height_m_ = 0.0;
};

}  // namespace knightsim
