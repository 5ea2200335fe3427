#pragma once
/// The scenario's `map:` section (roads, islands, bridges, ferries) and the geography it brings:
/// the projection of latitude/longitude to the plane, the city's extent around the islands,
/// and the checks that put stations and hotspots on land. scenario_loader.cpp reads the rest of
/// the scenario and calls this; docs/scenario-format.md, "map", is the reference.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/land.hpp"
#include "knightsim/local_projection.hpp"
#include "knightsim/scenario.hpp"
#include "scenario_values.hpp"

namespace knightsim::scenario_values {

// 200 km: larger than any city, and small enough that the engine's spatial indexes (whose
// memory grows with the area) stay within a laptop's memory.
inline constexpr double kMaxCitySideM = 200000.0;
// Blocks (or rings) across the city or an island: more means a unit typo (block_m: 1.5).
inline constexpr double kMaxBlocksAcross = 2000;

// Shared by the map section's reading (scenario_map_loader.cpp) and its geography
// (scenario_map_geography.cpp).
// Room between the outermost geographic position and the city's edges: a coast road or a pier
// is then not on the edge of the plane, and a viewer shows some sea around the islands.
inline constexpr double kGeoMarginM = 2000.0;
// A pier or a bridge's end may lie this far off its island's outline: outlines written by hand
// (and ellipses) are approximate, and piers stand in the water.
inline constexpr double kNearIslandM = 1000.0;
// The vertices of an ellipse island: land.hpp's ellipse_polygon default.
inline constexpr int kEllipseVertexCount = 32;
inline constexpr double kMaxExtentKm = kMaxCitySideM / 1000.0;

/// "1.5 km", for messages.
std::string km(double metres);

/// The file a path written in the scenario names: from the file, relative to the scenario's
/// directory; from `--set`, as given (relative to the current directory, like any command-line
/// path); absolute paths as they are.
std::string resolve_scenario_path(const std::string& scenario_file, const Node& node,
                                  const std::string& written);

/// "120 m east and 45 m south": where `offset` is from the point it is measured from.
std::string describe_offset(Point offset);

class MapLoader {
 public:
  MapLoader(Reader& reader, std::string scenario_file)
      : reader_(reader), scenario_file_(std::move(scenario_file)) {}

  /// Reads `map` into spec.map. On a geographic map, chooses the projection and sets the
  /// city's sides that come from the geography (both with islands; else those not written).
  /// Call before the city and stations are read: their lat/lon positions are projected too.
  void read(const Node& root, const Fields& top, ScenarioSpec& spec);

  /// The city's width_m and height_m are the islands' extent: writing them is a problem.
  bool sides_from_islands() const { return sides_from_islands_; }
  /// False if the geography's extent was too large (reported): the city's sides are unknown.
  bool extent_ok() const { return extent_ok_; }
  /// Positions may be written as lat/lon (the map has islands, bridges, ferries or an origin).
  bool geographic() const { return geographic_; }
  /// The map lists islands (some may have been bad).
  bool has_islands() const { return islands_written_; }
  /// The islands' names (those read without a problem in the name), for weather.marine.
  const std::vector<std::string>& island_names() const { return island_names_; }

  /// `lat` and `lon` of a station or hotspot on a geographic map, projected; false if bad
  /// (reported).
  bool read_lat_lon(const Fields& item, Point& out);
  /// Reports a position not inside any island ("in the sea") at `origin`; nothing without
  /// islands.
  void check_on_land(const Origin& origin, const std::string& field, Point position);

  /// Checks once the city's extent is final (after the city section and a trace): the map's
  /// positions inside the city, the whole-city road layout against its sides, a trace with a
  /// geographic map.
  void finish(const Fields& top, const ScenarioSpec& spec, bool trace_present);
  /// Builds the road map (roads, bridges, oracles, piers) once everything else is valid, and
  /// reports what cannot be built at the object's line. Runs of the scenario share the result.
  void build(const Fields& top, ScenarioSpec& spec);
  /// The mode an imported map is cut to (the first fleet's); set before read().
  void set_first_fleet_mode(TravelMode mode) { first_fleet_mode_ = mode; }

 private:
  /// Where a road layout's size keys were written, for problems found once sizes are known.
  struct LayoutOrigins {
    Origin block;
    std::string block_field;
    Origin rings;
    std::string rings_field;
    bool sizes_ok = true;  ///< block_m and ring_spacing_m were good (else already reported)
  };
  struct LatLon {
    double lat_deg = 0.0;
    double lng_deg = 0.0;
  };
  /// A position written in the file, and where, for problems found after the projection.
  struct Place {
    LatLon at;
    Origin origin;
    std::string field;
  };
  struct PendingIsland {
    std::size_t spec_index = 0;  ///< in spec.map.islands
    std::string name;
    Origin origin;
    std::string field;
    std::vector<Place> outline;
    std::optional<Place> ellipse_centre;
    double extent_x_m = 0.0;
    double extent_y_m = 0.0;
    LayoutOrigins layout;
    Polygon polygon;  ///< metres, once projected
    bool ok = true;
  };
  struct PendingEnd {
    std::optional<Place> place;
    std::string island;  ///< ferries: the island named ("" = none, or unknown)
    Origin island_origin;
    std::string island_field;
  };
  struct PendingLink {  ///< a bridge or a ferry
    std::size_t spec_index = 0;
    PendingEnd from;
    PendingEnd to;
    bool ok = true;
  };

  bool read_degrees(const Node& node, const std::string& field, bool latitude, double& out);
  bool read_pair(const Node& node, const std::string& field, LatLon& out);
  LayoutOrigins read_layout(const Node* node, const std::string& path, const Origin& fallback,
                            RoadLayoutSpec& out, LayoutOrigins inherited);
  void read_vessel_limits(const Fields& map, MapSpec& out);
  void read_islands(const Fields& map, MapSpec& out, const LayoutOrigins& map_layout);
  void read_bridges(const Fields& map, MapSpec& out);
  void read_ferries(const Fields& map, MapSpec& out);
  void read_end(const Fields& ferry, std::string_view key, PendingEnd& out);
  bool read_departures(const Node* node, const std::string& field, std::vector<SimTime>& out);
  void read_file(const Fields& map, MapSpec& out);
  /// Stations' and hotspots' lat/lon, read silently (their own reading reports problems).
  std::vector<Place> gather(const Node& root) const;
  void choose_projection(const Node& root);
  /// The place in metres; with map.origin given, a place south or west of it is reported.
  Point project(const Place& place);
  /// `ellipse`: `point` is a vertex of the ellipse centred at `place`.
  void report_outside_origin(const Place& place, Point point, bool ellipse);
  void build_islands(MapSpec& out);
  void check_links(MapSpec& out);
  void set_sides(const Node& root, ScenarioSpec& spec);
  /// Distance from p to the island (0 inside).
  double distance_to_island_m(std::size_t island, Point p) const;
  /// The island (of those with an outline) nearest to p, and its distance.
  std::optional<std::size_t> nearest_island(Point p, double& distance_m) const;
  /// The layout's block_m or ring_spacing_m against the area it covers (`whole_city`: streets
  /// must cross it both ways).
  void check_layout(const RoadLayoutSpec& roads, const LayoutOrigins& where, double width_m,
                    double height_m, std::string_view area, bool whole_city);

  Reader& reader_;
  std::string scenario_file_;
  bool geographic_ = false;
  bool origin_from_file_ = false;
  bool sides_from_positions_ = false;  ///< set_sides set the city's sides
  TravelMode first_fleet_mode_ = TravelMode::bike;
  Point imported_max_;  ///< north-east corner of an imported map's roads
  bool islands_written_ = false;
  /// Every island was read and projected without a problem: only then is a position in the
  /// sea reported (else the island it is on may be the bad one).
  bool land_known_ = true;
  bool sides_from_islands_ = false;
  bool extent_ok_ = true;
  bool origin_given_ = false;
  std::optional<LatLon> origin_;  ///< map.origin, if given and good
  std::optional<LocalProjection> projection_;
  LayoutOrigins map_layout_;
  std::vector<std::string> island_names_;
  std::vector<PendingIsland> islands_;
  std::vector<PendingLink> bridges_;
  std::vector<PendingLink> ferries_;
  std::vector<Place> extra_places_;  ///< stations and hotspots given as lat/lon
  /// Bridge ends and piers in metres, for the check against city sides written in the file.
  std::vector<std::pair<Place, Point>> map_positions_;
  std::vector<std::string> outside_reported_;  ///< fields reported south or west of the origin
};

}  // namespace knightsim::scenario_values
