// OpenStreetMap import with libosmium: highway tags to road classes and per-direction modes,
// ways to edges, the largest strongly connected component for the mode, then the projection to
// metres. Two passes over the file (ways, then only the nodes they use), so memory follows the
// road network, not the extract: a country's buildings and their nodes are never stored.
#include "knightsim/osm_import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <osmium/io/any_compression.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include "knightsim/kmap_file.hpp"
#include "knightsim/local_projection.hpp"

namespace knightsim {
namespace {

namespace fs = std::filesystem;
using OsmId = osmium::object_id_type;

/// What a way contributes to the graph, if anything.
struct WayRoad {
  RoadClass road_class = RoadClass::residential;
  std::uint8_t forward_modes = 0;   ///< along the way's node order
  std::uint8_t backward_modes = 0;  ///< against it
  std::uint8_t flags = 0;
};

std::optional<RoadClass> road_class_of(std::string_view highway) {
  // *_link roads are ramps of their class: same speed, same access.
  if (highway.ends_with("_link")) highway.remove_suffix(5);
  if (highway == "motorway") return RoadClass::motorway;
  if (highway == "trunk") return RoadClass::trunk;
  if (highway == "primary") return RoadClass::primary;
  if (highway == "secondary") return RoadClass::secondary;
  if (highway == "tertiary") return RoadClass::tertiary;
  if (highway == "residential" || highway == "unclassified" || highway == "road")
    return RoadClass::residential;
  if (highway == "service") return RoadClass::service;
  if (highway == "living_street" || highway == "pedestrian") return RoadClass::living_street;
  if (highway == "cycleway") return RoadClass::cycleway;
  if (highway == "footway" || highway == "path" || highway == "steps" || highway == "bridleway" ||
      highway == "corridor")
    return RoadClass::footway;
  if (highway == "track") return RoadClass::track;
  // proposed, construction, abandoned, platform, bus_guideway, raceway, bus_stop, elevator...:
  // not a road anyone rides or walks along.
  return std::nullopt;
}

enum class Access { unset, allowed, denied };

/// An access-type tag's value. Values this does not know (and lists like "yes;no") leave the
/// decision to the less specific tags.
Access access_of(const char* value) {
  if (value == nullptr) return Access::unset;
  const std::string_view v = value;
  if (v == "no" || v == "private" || v == "agricultural" || v == "forestry" || v == "emergency" ||
      v == "military" || v == "use_sidepath")
    return Access::denied;
  // "delivery": our riders deliver. "dismount": a rider may push the bike through.
  if (v == "yes" || v == "permissive" || v == "designated" || v == "destination" ||
      v == "delivery" || v == "customers" || v == "official" || v == "dismount" ||
      v == "discouraged")
    return Access::allowed;
  return Access::unset;
}

/// Which modes may use the way at all (before oneway). Starts from the class (only modes its
/// speed table allows can ever be granted), then applies `access`, then each mode's tags from
/// the general to the specific (the OSM access hierarchy); the most specific tag set wins.
std::uint8_t allowed_modes(const osmium::TagList& tags, std::string_view highway,
                           RoadClass road_class) {
  const std::uint8_t capable = default_modes(road_class);
  std::uint8_t initial = capable;
  // Pedestrian streets are closed to cars unless a tag opens them; steps are no place for a
  // loaded bike unless tagged; motorroads (expressways) are closed to bikes and walkers.
  if (highway == "pedestrian") initial &= static_cast<std::uint8_t>(~mode_bit(TravelMode::car));
  if (highway == "steps") initial &= static_cast<std::uint8_t>(~mode_bit(TravelMode::bike));
  if (tags.has_tag("motorroad", "yes")) {
    initial &=
        static_cast<std::uint8_t>(~(mode_bit(TravelMode::bike) | mode_bit(TravelMode::foot)));
  }
  if (access_of(tags["access"]) == Access::denied) initial = 0;

  struct ModeKeys {
    TravelMode mode;
    std::array<const char*, 3> keys;  ///< general to specific; nullptr ends the list
  };
  static constexpr std::array<ModeKeys, kTravelModeCount> kKeys = {{
      {TravelMode::bike, {"vehicle", "bicycle", nullptr}},
      {TravelMode::car, {"vehicle", "motor_vehicle", "motorcar"}},
      {TravelMode::foot, {"foot", nullptr, nullptr}},
  }};
  std::uint8_t modes = 0;
  for (const ModeKeys& entry : kKeys) {
    const std::uint8_t bit = mode_bit(entry.mode);
    bool allowed = (initial & bit) != 0;
    for (const char* key : entry.keys) {
      if (key == nullptr) break;
      const Access access = access_of(tags[key]);
      if (access != Access::unset) allowed = access == Access::allowed;
    }
    if (allowed && (capable & bit) != 0) modes |= bit;
  }
  return modes;
}

/// Direction a oneway-type tag gives: +1 along the way, -1 against it, 0 both ways, nullopt
/// when the tag is absent or says nothing we use ("reversible", "alternating").
std::optional<int> oneway_of(const char* value) {
  if (value == nullptr) return std::nullopt;
  const std::string_view v = value;
  if (v == "yes" || v == "true" || v == "1") return 1;
  if (v == "-1" || v == "reverse") return -1;
  if (v == "no" || v == "false" || v == "0") return 0;
  return std::nullopt;
}

bool is_opposite_cycleway(const osmium::TagList& tags) {
  for (const char* key : {"cycleway", "cycleway:left", "cycleway:right", "cycleway:both"}) {
    const char* value = tags[key];
    if (value != nullptr && std::string_view(value).starts_with("opposite")) return true;
  }
  return false;
}

std::optional<WayRoad> road_of(const osmium::Way& way) {
  const osmium::TagList& tags = way.tags();
  const char* highway = tags["highway"];
  if (highway == nullptr) return std::nullopt;
  // A closed way with area=yes is the outline of a square, not a street along it.
  if (tags.has_tag("area", "yes")) return std::nullopt;
  const std::optional<RoadClass> road_class = road_class_of(highway);
  if (!road_class) return std::nullopt;

  WayRoad road;
  road.road_class = *road_class;
  const std::uint8_t modes = allowed_modes(tags, highway, *road_class);

  // Roundabouts and motorways are one-way unless tagged otherwise (OSM's implied oneway).
  const std::string_view highway_view = highway;
  int direction = 0;
  if (const auto oneway = oneway_of(tags["oneway"])) {
    direction = *oneway;
  } else if (tags.has_tag("junction", "roundabout") || tags.has_tag("junction", "circular") ||
             highway_view == "motorway" || highway_view == "motorway_link") {
    direction = 1;
  }
  int bike_direction = direction;
  if (const auto bike_oneway = oneway_of(tags["oneway:bicycle"])) {
    bike_direction = *bike_oneway;
  } else if (is_opposite_cycleway(tags)) {
    bike_direction = 0;  // a contraflow lane: bikes ride both ways
  }
  for (int m = 0; m < kTravelModeCount; ++m) {
    const auto mode = static_cast<TravelMode>(m);
    const std::uint8_t bit = mode_bit(mode);
    if ((modes & bit) == 0) continue;
    // Walkers may walk either way along any street they may use.
    const int mode_direction =
        mode == TravelMode::foot ? 0 : (mode == TravelMode::bike ? bike_direction : direction);
    if (mode_direction >= 0) road.forward_modes |= bit;
    if (mode_direction <= 0) road.backward_modes |= bit;
  }
  const char* bridge = tags["bridge"];
  if (bridge != nullptr && std::string_view(bridge) != "no") road.flags |= kEdgeBridge;
  return road;
}

/// The checks osmium would report less clearly ("Open failed"), before it runs.
void check_readable(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw MapFileError(path, "", "no such file");
  if (fs::is_directory(status)) throw MapFileError(path, "", "is a directory");
  errno = 0;
  if (!std::ifstream(path, std::ios::binary)) {
    throw MapFileError(path, "", errno != 0 ? std::strerror(errno) : "cannot open the file");
  }
  if (fs::is_regular_file(status) && fs::file_size(path, ec) == 0 && !ec) {
    throw MapFileError(path, "", "empty file (no OpenStreetMap data)");
  }
}

struct UsedWay {
  WayRoad road;
  std::size_t first_ref = 0;  ///< into the refs array
  std::size_t ref_count = 0;
};

/// The raw graph in degrees (x = longitude, y = latitude; lengths unset) and the counts.
struct RawMap {
  RoadGraph graph;
  std::size_t ways_read = 0, highway_ways = 0, ways_used = 0, nodes_read = 0, missing_refs = 0;
};

RawMap read_roads(const std::string& path, const std::string& format) {
  RawMap raw;
  const osmium::io::File file(path, format);

  // Pass 1: the road ways and the node ids they use.
  std::vector<UsedWay> ways;
  std::vector<OsmId> refs;
  {
    osmium::io::Reader reader(file, osmium::osm_entity_bits::way, osmium::io::read_meta::no);
    while (osmium::memory::Buffer buffer = reader.read()) {
      for (const osmium::Way& way : buffer.select<osmium::Way>()) {
        ++raw.ways_read;
        const std::optional<WayRoad> road = road_of(way);
        if (!road) continue;
        ++raw.highway_ways;
        if (road->forward_modes == 0 && road->backward_modes == 0) continue;
        ways.push_back({*road, refs.size(), way.nodes().size()});
        for (const osmium::NodeRef& ref : way.nodes()) refs.push_back(ref.ref());
      }
    }
    reader.close();
  }
  raw.ways_used = ways.size();
  if (ways.empty()) return raw;

  // Pass 2: locations of those nodes only.
  std::vector<OsmId> needed = refs;
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  std::vector<osmium::Location> locations(needed.size());
  {
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node, osmium::io::read_meta::no);
    while (osmium::memory::Buffer buffer = reader.read()) {
      for (const osmium::Node& node : buffer.select<osmium::Node>()) {
        const auto it = std::lower_bound(needed.begin(), needed.end(), node.id());
        if (it == needed.end() || *it != node.id()) continue;
        ++raw.nodes_read;
        locations[static_cast<std::size_t>(it - needed.begin())] = node.location();
      }
    }
    reader.close();
  }

  // Graph nodes in order of first use by a way; a missing node splits its way.
  std::vector<NodeId> node_of(needed.size(), kNoNode);
  for (const UsedWay& way : ways) {
    NodeId previous = kNoNode;
    for (std::size_t i = way.first_ref; i < way.first_ref + way.ref_count; ++i) {
      const auto index = static_cast<std::size_t>(
          std::lower_bound(needed.begin(), needed.end(), refs[i]) - needed.begin());
      const osmium::Location location = locations[index];
      if (!location.valid()) {
        ++raw.missing_refs;
        previous = kNoNode;
        continue;
      }
      if (node_of[index] == kNoNode) {
        node_of[index] = raw.graph.add_node({location.lon(), location.lat()});
      }
      const NodeId node = node_of[index];
      if (previous != kNoNode && previous != node) {
        const WayRoad& road = way.road;
        if (road.forward_modes != 0) {
          raw.graph.add_edge(previous, node, road.road_class, road.forward_modes, road.flags, 0.0);
        }
        if (road.backward_modes != 0) {
          raw.graph.add_edge(node, previous, road.road_class, road.backward_modes, road.flags, 0.0);
        }
      }
      previous = node;
    }
  }
  raw.graph.finalize();
  return raw;
}

bool has_edge_for(const RoadGraph& graph, TravelMode mode) {
  return std::any_of(graph.edges().begin(), graph.edges().end(),
                     [&](const RoadEdge& edge) { return (edge.modes & mode_bit(mode)) != 0; });
}

std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// osmium's name for the format of a file called `name`, by extension whatever its case
/// (osmium's own detection is case-sensitive); empty if it is not an OSM file.
std::string osmium_format_of(const std::string& name) {
  const std::string lower = lower_case(fs::path(name).filename().string());
  if (lower.ends_with(".pbf")) return "pbf";  // also .osm.pbf
  for (const char* format : {"osm", "osm.gz", "osm.bz2"}) {
    if (lower.ends_with(std::string(".") + format)) return format;
  }
  return "";
}

}  // namespace

MapFileError::MapFileError(std::string file, std::string object, std::string message)
    : std::runtime_error(object.empty() ? fmt::format("{}: {}", file, message)
                                        : fmt::format("{}: {}: {}", file, object, message)),
      file_(std::move(file)),
      object_(std::move(object)),
      message_(std::move(message)) {}

ImportedMap import_osm(const std::string& path, const OsmImportOptions& options) {
  const std::string format = osmium_format_of(path);
  if (format.empty()) {
    throw MapFileError(path, "",
                       "unknown kind of OpenStreetMap file (expected .osm, .osm.gz, .osm.bz2, "
                       ".osm.pbf or .pbf)");
  }
  check_readable(path);
  RawMap raw;
  try {
    raw = read_roads(path, format);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    // osmium's own errors (xml_error with line and column, pbf_error, gzip_error...).
    throw MapFileError(path, "", fmt::format("cannot read OpenStreetMap data: {}", error.what()));
  }
  const std::string mode_name = to_string(options.mode);
  if (raw.highway_ways == 0) {
    throw MapFileError(path, "roads",
                       fmt::format("none of its {} ways is a road (a highway tag of a road class: "
                                   "motorway to residential, service, living_street, cycleway, "
                                   "footway, path, track...)",
                                   raw.ways_read));
  }
  if (raw.ways_used == 0) {
    throw MapFileError(path, "roads",
                       fmt::format("all {} roads are closed by access tags", raw.highway_ways));
  }
  if (!has_edge_for(raw.graph, options.mode)) {
    throw MapFileError(
        path, "roads",
        raw.graph.edge_count() == 0
            ? fmt::format("none of its {} roads has two nodes in the file ({} node references "
                          "missing)",
                          raw.ways_used, raw.missing_refs)
            : fmt::format("no road usable by {} among its {} roads", mode_name, raw.ways_used));
  }
  const RoadGraph kept = largest_component(raw.graph, options.mode);
  if (!has_edge_for(kept, options.mode)) {
    throw MapFileError(path, "roads",
                       fmt::format("no two places are connected both ways by roads open to {} "
                                   "(one-way streets only)",
                                   mode_name));
  }

  // Project so the south-west corner of the kept roads is at (margin_m, margin_m).
  const Point min_degrees = kept.min_corner();
  const LocalProjection projection =
      LocalProjection::with_corner_at(min_degrees.y_m, min_degrees.x_m, options.margin_m);
  ImportedMap map;
  for (const Point& degrees : kept.positions()) {
    map.graph.add_node(projection.to_metres(degrees.y_m, degrees.x_m));
  }
  // Lengths from the projected positions: never shorter than the straight line the router's
  // distance bound measures.
  for (const RoadEdge& edge : kept.edges()) {
    map.graph.add_edge(edge.from, edge.to, edge.road_class, edge.modes, edge.flags);
  }
  map.graph.finalize();
  map.origin_lat_deg = projection.origin_lat_deg();
  map.origin_lng_deg = projection.origin_lng_deg();
  map.mode = options.mode;
  map.source = fs::path(path).filename().string();
  map.ways_read = raw.ways_read;
  map.highway_ways = raw.highway_ways;
  map.ways_used = raw.ways_used;
  map.nodes_read = raw.nodes_read;
  map.missing_node_refs = raw.missing_refs;
  map.nodes_before_component = raw.graph.node_count();
  map.edges_before_component = raw.graph.edge_count();
  return map;
}

bool is_map_file_path(const std::string& path) {
  return !osmium_format_of(path).empty() ||
         lower_case(fs::path(path).filename().string()).ends_with(".kmap");
}

ImportedMap load_map_file(const std::string& path, const OsmImportOptions& options) {
  if (!osmium_format_of(path).empty()) return import_osm(path, options);
  if (!lower_case(fs::path(path).filename().string()).ends_with(".kmap")) {
    throw MapFileError(path, "",
                       "unknown kind of map file (expected .osm, .osm.gz, .osm.bz2, .osm.pbf, "
                       ".pbf or .kmap)");
  }
  ImportedMap map = read_kmap(path);
  if (map.mode != options.mode) {
    map.graph = largest_component(map.graph, options.mode);
    if (!has_edge_for(map.graph, options.mode)) {
      throw MapFileError(path, "roads",
                         fmt::format("no road usable by {} (the map was made for {})",
                                     to_string(options.mode), to_string(map.mode)));
    }
    map.mode = options.mode;
  }
  return map;
}

}  // namespace knightsim
