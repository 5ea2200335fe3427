#pragma once
// Where people (and shops) are: a uniform base plus gaussian hotspots, sampled by mixture. On
// island maps the base is spread over the islands by population and nothing lands in the sea.

#include <span>
#include <vector>

#include "knightsim/land.hpp"
#include "knightsim/map_spec.hpp"

#include "knightsim/city.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

class DensityMap {
 public:
  explicit DensityMap(const CitySpec& spec, std::span<const IslandSpec> islands = {});
  /// A point inside the city drawn from the map.
  Point sample(Rng& rng) const;
  /// A point on island `island` (an index into the islands), uniformly over its land.
  Point sample_on_island(Rng& rng, std::size_t island) const;

 private:
  bool on_land(Point p) const;
  Point sample_island(Rng& rng) const;

  CitySpec spec_;
  std::vector<double> cumulative_weight_;  ///< [0] = base, then one per hotspot
  std::vector<IslandSpec> islands_;
  std::vector<double> island_cumulative_weight_;
};

}  // namespace knightsim
