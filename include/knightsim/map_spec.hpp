#pragma once
/// The map a scenario runs on, as plain validated data (the scenario loader fills it; the
/// engine's map builder turns it into a RoadMap). Without a `map:` section a scenario runs on
/// the analytic grid city of CitySpec; with one, riders ride a road graph: generated, imported
/// from OpenStreetMap or read from a .kmap file, with islands, bridges and ferries.
/// Defaults here are the documented defaults of docs/scenario-format.md.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "knightsim/land.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

class RoadMap;

enum class RoadLayout : std::uint8_t { grid, ring_radial, organic };
inline constexpr int kRoadLayoutCount = 3;
const char* to_string(RoadLayout layout);
bool parse_road_layout(const std::string& name, RoadLayout& out);

/// A generated road network.
struct RoadLayoutSpec {
  RoadLayout layout = RoadLayout::grid;
  /// grid and organic: distance between streets.
  double block_m = 150.0;
  /// grid and organic: every n-th street in each direction is an arterial (primary road).
  int arterial_every_blocks = 6;
  /// ring_radial: distance between ring roads, and the number of radial arterials.
  double ring_spacing_m = 800.0;
  int radials = 8;
  /// organic: how far (share of block_m) intersections are moved at random, and the share of
  /// street segments removed (dead ends, superblocks); connectivity is kept.
  double irregularity = 0.35;
  double removal_share = 0.15;
};

enum class MapSource : std::uint8_t {
  analytic_grid,  ///< no map section: CitySpec's closed-form grid (fastest)
  generated,      ///< RoadLayoutSpec over the whole city, or per island
  imported,       ///< an OpenStreetMap extract or a .kmap file
};

/// A land area: an island, or a stretch of mainland. Its roads are generated inside it unless
/// the map is imported.
struct IslandSpec {
  std::string name;
  Polygon outline;  ///< metres
  RoadLayoutSpec roads;
  /// Residents: customers are drawn over islands in proportion (0 = by area).
  double population = 0.0;
};

/// A fixed link: a road between the nearest road nodes to its two ends.
struct BridgeSpec {
  std::string name;
  Point from;
  Point to;
  RoadClass road_class = RoadClass::primary;
};

enum class VesselClass : std::uint8_t { high_speed, conventional, car_ferry };
inline constexpr int kVesselClassCount = 3;
const char* to_string(VesselClass vessel);
bool parse_vessel_class(const std::string& name, VesselClass& out);

/// When a vessel class stops sailing: wind force (Beaufort) at or above suspend_wind_force, or
/// visibility below min_visibility_km, at either end of the crossing when it is due to depart.
struct VesselLimits {
  double suspend_wind_force = 7.0;
  double min_visibility_km = 1.0;
};

/// A timetabled ferry route between two piers. Sailings leave each pier at the listed times of
/// day, every day of the run; a sailing carries riders (with their orders) from pier to pier.
struct FerrySpec {
  std::string name;
  std::string from_island;  ///< names of IslandSpecs ("" for imported maps)
  std::string to_island;
  Point from_pier;
  Point to_pier;
  VesselClass vessel = VesselClass::conventional;
  SimTime crossing_ms = 40 * kMsPerMinute;
  std::vector<SimTime> departures_from_ms;  ///< times of day from `from_pier`, ascending
  std::vector<SimTime> departures_to_ms;    ///< times of day from `to_pier`, ascending
  int rider_capacity = 0;                   ///< riders per sailing; 0 = no limit
};

struct MapSpec {
  MapSource source = MapSource::analytic_grid;
  /// generated maps without islands: the layout over the whole city rectangle.
  RoadLayoutSpec roads;
  /// imported maps: the graph the I/O layer read (already projected to the city's plane), and
  /// the file it came from (for reports).
  std::shared_ptr<const RoadGraph> imported;
  std::string imported_from;
  /// Geographic maps: the latitude/longitude of the plane's (0, 0), for reports and viewers.
  bool has_geo_origin = false;
  double origin_lat_deg = 0.0;
  double origin_lng_deg = 0.0;

  std::vector<IslandSpec> islands;
  std::vector<BridgeSpec> bridges;
  std::vector<FerrySpec> ferries;
  std::array<VesselLimits, kVesselClassCount> vessel_limits = {
      VesselLimits{7.0, 1.0},   // high_speed
      VesselLimits{8.0, 0.5},   // conventional
      VesselLimits{8.0, 0.5}};  // car_ferry

  /// Speed of all roads by hour of day (congestion), multiplying rider speed; 1 = free flow.
  std::array<double, 24> hourly_speed_factor = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  /// Side of the travel-time estimate's cells (TravelOracleOptions).
  double estimate_cell_m = 400.0;

  /// The map built from the above (RoadMap::build), shared by every run of the scenario; null
  /// until built (a Simulation builds its own when it is).
  std::shared_ptr<const RoadMap> built;
};

}  // namespace knightsim
