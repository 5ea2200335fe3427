// Zones for per-area results: islands, or compass ninths of the city.
#include "knightsim/zones.hpp"

#include <algorithm>
#include <limits>

#include "knightsim/land.hpp"

namespace knightsim {

Zones::Zones(const ScenarioSpec& spec)
    : islands_(spec.map.islands), width_m_(spec.city.width_m), height_m_(spec.city.height_m) {
  if (!islands_.empty()) {
    for (const IslandSpec& island : islands_) {
      names_.push_back(island.name);
      island_centres_.push_back(centroid(island.outline));
    }
    return;
  }
  // Rows from north to south, columns west to east.
  names_ = {"NW", "N", "NE", "W", "C", "E", "SW", "S", "SE"};
}

std::size_t Zones::zone_of(Point p) const {
  if (!islands_.empty()) {
    for (std::size_t i = 0; i < islands_.size(); ++i) {
      if (contains(islands_[i].outline, p)) return i;
    }
    std::size_t nearest = 0;
    double nearest_m = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < island_centres_.size(); ++i) {
      const double d = euclidean_m(p, island_centres_[i]);
      if (d < nearest_m) {
        nearest_m = d;
        nearest = i;
      }
    }
    return nearest;
  }
  auto third = [](double v, double extent) {
    return static_cast<std::size_t>(std::clamp(static_cast<int>(3.0 * v / extent), 0, 2));
  };
  const std::size_t column = third(p.x_m, width_m_);
  const std::size_t row = 2 - third(p.y_m, height_m_);  // y grows north
  return row * 3 + column;
}

}  // namespace knightsim
