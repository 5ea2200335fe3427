#pragma once
/// OpenStreetMap import: the roads of an .osm, .osm.gz, .osm.bz2 or .osm.pbf extract as a
/// RoadGraph in a metre plane, keeping the largest strongly connected component for one travel
/// mode. Front-end code (knightsim_io, libosmium); tag handling is documented in
/// docs/maps.md. load_map_file is what the scenario loader calls for a map file path:
/// it imports OSM files and reads .kmap files (kmap_file.hpp) alike.

#include <cstddef>
#include <stdexcept>
#include <string>

#include "knightsim/road_graph.hpp"

namespace knightsim {

/// A map file could not be read or holds no usable map. `file` is the path as given, `object`
/// what in it is wrong ("way 1234", "header", "checksum", "roads"; empty when the whole file
/// is); what() is "FILE: OBJECT: MESSAGE" (or "FILE: MESSAGE").
class MapFileError : public std::runtime_error {
 public:
  MapFileError(std::string file, std::string object, std::string message);
  const std::string& file() const { return file_; }
  const std::string& object() const { return object_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::string object_;
  std::string message_;
};

struct OsmImportOptions {
  /// The mode whose largest strongly connected component is kept (the fleet's vehicle).
  TravelMode mode = TravelMode::bike;
  /// Distance of the map's south-west corner from the plane's (0, 0), metres, on both axes: a
  /// margin around the roads for merchants and customers placed near the edge.
  double margin_m = 500.0;
};

/// A road map with its place on the Earth, imported from OSM or read from a .kmap file.
struct ImportedMap {
  /// Finalized; positions in metres (x east, y north) of the local projection around
  /// the origin (local_projection.hpp); lengths are the straight lines between nodes.
  RoadGraph graph;
  /// Latitude and longitude of the plane's (0, 0).
  double origin_lat_deg = 0.0;
  double origin_lng_deg = 0.0;
  /// The mode whose largest strongly connected component `graph` is.
  TravelMode mode = TravelMode::bike;
  /// File name (without directories) of the OSM extract the map came from.
  std::string source;

  /// Import statistics (zero for maps read from a .kmap file).
  std::size_t ways_read = 0;               ///< ways in the file
  std::size_t highway_ways = 0;            ///< ways with a highway tag of a road class
  std::size_t ways_used = 0;               ///< those with some mode allowed in some direction
  std::size_t nodes_read = 0;              ///< nodes read for the ways used
  std::size_t missing_node_refs = 0;       ///< node references of used ways not in the file
  std::size_t nodes_before_component = 0;  ///< graph nodes before the largest component
  std::size_t edges_before_component = 0;
};

/// Reads the OSM file at `path` (format from its name: .osm, .osm.gz, .osm.bz2, .osm.pbf,
/// .pbf). Ways with a road-class highway tag become pairs of directed edges between
/// consecutive nodes, with per-direction modes from the access and oneway tags; every node of
/// a used way is a graph node. The south-west corner of the kept roads lands at
/// (margin_m, margin_m). Throws MapFileError if the file is missing, unreadable or malformed,
/// has no roads, or none usable by options.mode.
ImportedMap import_osm(const std::string& path, const OsmImportOptions& options = {});

/// True if `path` names a file load_map_file reads (by extension, case-insensitive).
bool is_map_file_path(const std::string& path);

/// import_osm for OSM extensions, read_kmap (kmap_file.hpp) for .kmap. A .kmap written for
/// another mode is cut down to the largest component for options.mode (and records it); its
/// own margin is kept. Throws MapFileError, also for an extension it does not know.
ImportedMap load_map_file(const std::string& path, const OsmImportOptions& options = {});

}  // namespace knightsim
