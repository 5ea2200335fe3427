#include "scaled_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "knightsim/demand_profile.hpp"

namespace knightsim::bench {
namespace {

/// "-i-j" (or "-i" when j < 0). Formatted with snprintf: GCC 12 at -O3 warns falsely
/// (-Wrestrict, bug 105651) on `"-" + std::to_string(i)`.
std::string tile_suffix(int i, int j) {
  char buffer[32];
  if (j < 0)
    std::snprintf(buffer, sizeof buffer, "-%d", i);
  else
    std::snprintf(buffer, sizeof buffer, "-%d-%d", i, j);
  return buffer;
}

}  // namespace

ScenarioSpec scaled(ScenarioSpec spec, double target_orders, int target_riders) {
  int riders = 0;
  for (const auto& fleet : spec.riders.fleets) riders += fleet.count;
  const double rider_factor = static_cast<double>(target_riders) / std::max(1, riders);
  const int k = std::max(1, static_cast<int>(std::ceil(std::sqrt(rider_factor) - 1e-9)));
  const double tile_w = spec.city.width_m, tile_h = spec.city.height_m;
  spec.city.width_m = tile_w * k;
  spec.city.height_m = tile_h * k;
  spec.city.density_base_weight *= k * k;
  std::vector<DensityHotspot> hotspots;
  std::vector<StationSpec> stations;
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      const std::string tile = tile_suffix(i, j);
      for (DensityHotspot hotspot : spec.city.hotspots) {
        hotspot.name += tile;
        hotspot.x_m += i * tile_w;
        hotspot.y_m += j * tile_h;
        hotspots.push_back(hotspot);
      }
      for (StationSpec station : spec.stations) {
        station.name += tile;
        station.x_m += i * tile_w;
        station.y_m += j * tile_h;
        stations.push_back(station);
      }
    }
  }
  spec.city.hotspots = hotspots;
  // Fleets keep their home tile's station names: spread each fleet's riders over the tiles by
  // splitting it into one fleet per tile.
  std::vector<FleetSpec> fleets;
  int assigned = 0;
  const int tiles = k * k;
  for (std::size_t f = 0; f < spec.riders.fleets.size(); ++f) {
    const FleetSpec& base = spec.riders.fleets[f];
    const int fleet_total = f + 1 == spec.riders.fleets.size()
                                ? target_riders - assigned
                                : static_cast<int>(std::lround(base.count * rider_factor));
    assigned += fleet_total;
    for (int t = 0; t < tiles; ++t) {
      FleetSpec part = base;
      part.count = fleet_total / tiles + (t < fleet_total % tiles ? 1 : 0);
      if (part.count == 0) continue;
      part.name += tile_suffix(t, -1);
      if (!spec.stations.empty()) {
        const std::string home = base.station.empty() ? spec.stations.front().name : base.station;
        part.station = home + tile_suffix(t / k, t % k);
      }
      fleets.push_back(part);
    }
  }
  spec.riders.fleets = fleets;
  spec.stations = stations;
  for (auto& group : spec.merchants) group.count *= tiles;
  spec.demand.orders_per_hour = target_orders / expected_orders_per_unit_rate(spec);
  return spec;
}

}  // namespace knightsim::bench
