#include "density_map.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim {

DensityMap::DensityMap(const CitySpec& spec, std::span<const IslandSpec> islands)
    : spec_(spec), islands_(islands.begin(), islands.end()) {
  // Residents where the scenario gives them (an island without is uninhabited); with none given
  // anywhere, land area stands in for them.
  const bool residents_given = std::any_of(islands_.begin(), islands_.end(),
                                           [](const IslandSpec& i) { return i.population > 0; });
  double island_total = 0.0;
  for (const IslandSpec& island : islands_) {
    island_total += residents_given ? island.population : area_m2(island.outline);
    island_cumulative_weight_.push_back(island_total);
  }
  double total = spec.density_base_weight;
  cumulative_weight_.push_back(total);
  for (const auto& hotspot : spec.hotspots) {
    total += hotspot.weight;
    cumulative_weight_.push_back(total);
  }
  if (total <= 0) {
    // No mass at all: fall back to a uniform city rather than divide by zero.
    cumulative_weight_.assign(1, 1.0);
    spec_.hotspots.clear();
  }
}

Point DensityMap::sample(Rng& rng) const {
  const double pick = rng.uniform01() * cumulative_weight_.back();
  const auto component = static_cast<std::size_t>(
      std::upper_bound(cumulative_weight_.begin(), cumulative_weight_.end(), pick) -
      cumulative_weight_.begin());
  if (component == 0 || component > spec_.hotspots.size()) {
    if (!islands_.empty()) return sample_island(rng);
    return {rng.uniform(0.0, spec_.width_m), rng.uniform(0.0, spec_.height_m)};
  }
  const DensityHotspot& hotspot = spec_.hotspots[component - 1];
  // Redraw points that fall outside the city (a few tries) so mass does not pile up on the
  // border; clamp as a last resort.
  Point p;
  for (int attempt = 0; attempt < 8; ++attempt) {
    p = {hotspot.x_m + hotspot.radius_m * rng.normal(),
         hotspot.y_m + hotspot.radius_m * rng.normal()};
    if (p.x_m >= 0 && p.x_m <= spec_.width_m && p.y_m >= 0 && p.y_m <= spec_.height_m &&
        on_land(p)) {
      return p;
    }
  }
  // A hotspot by the shore that keeps landing in the sea: somewhere on the islands instead.
  if (!islands_.empty() && !on_land(p)) return sample_island(rng);
  return {std::clamp(p.x_m, 0.0, spec_.width_m), std::clamp(p.y_m, 0.0, spec_.height_m)};
}

bool DensityMap::on_land(Point p) const {
  if (islands_.empty()) return true;
  return std::any_of(islands_.begin(), islands_.end(),
                     [p](const IslandSpec& island) { return contains(island.outline, p); });
}

Point DensityMap::sample_island(Rng& rng) const {
  const double pick = rng.uniform01() * island_cumulative_weight_.back();
  const auto index = static_cast<std::size_t>(
      std::upper_bound(island_cumulative_weight_.begin(), island_cumulative_weight_.end(), pick) -
      island_cumulative_weight_.begin());
  return sample_on_island(rng, std::min(index, islands_.size() - 1));
}

Point DensityMap::sample_on_island(Rng& rng, std::size_t index) const {
  const IslandSpec& island = islands_[index];
  const Point low = min_corner(island.outline), high = max_corner(island.outline);
  // Rejection from the bounding box: islands are compact (an ellipse fills 79 % of its box).
  Point p = centroid(island.outline);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const Point candidate{rng.uniform(low.x_m, high.x_m), rng.uniform(low.y_m, high.y_m)};
    if (contains(island.outline, candidate)) return candidate;
  }
  return p;
}

}  // namespace knightsim
