#include "density_map.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim {

DensityMap::DensityMap(const CitySpec& spec) : spec_(spec) {
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
    return {rng.uniform(0.0, spec_.width_m), rng.uniform(0.0, spec_.height_m)};
  }
  const DensityHotspot& hotspot = spec_.hotspots[component - 1];
  // Redraw points that fall outside the city (a few tries) so mass does not pile up on the
  // border; clamp as a last resort.
  Point p;
  for (int attempt = 0; attempt < 8; ++attempt) {
    p = {hotspot.x_m + hotspot.radius_m * rng.normal(),
         hotspot.y_m + hotspot.radius_m * rng.normal()};
    if (p.x_m >= 0 && p.x_m <= spec_.width_m && p.y_m >= 0 && p.y_m <= spec_.height_m) return p;
  }
  return {std::clamp(p.x_m, 0.0, spec_.width_m), std::clamp(p.y_m, 0.0, spec_.height_m)};
}

}  // namespace knightsim
