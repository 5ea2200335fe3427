#pragma once
// Where people (and shops) are: a uniform base plus gaussian hotspots, sampled by mixture.

#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

class DensityMap {
 public:
  explicit DensityMap(const CitySpec& spec);
  /// A point inside the city drawn from the map.
  Point sample(Rng& rng) const;

 private:
  CitySpec spec_;
  std::vector<double> cumulative_weight_;  ///< [0] = base, then one per hotspot
};

}  // namespace knightsim
