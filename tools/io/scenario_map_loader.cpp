// Reading the scenario's `map:` section; its geography is in scenario_map_geography.cpp. See
// scenario_map_loader.hpp.
#include "scenario_map_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numbers>
#include <utility>

#include "knightsim/osm_import.hpp"
#include "knightsim/road_map.hpp"

namespace knightsim::scenario_values {
namespace {

/// Around an imported map's roads: room for places near the edge (as import-osm's default).
constexpr double kImportMarginM = 500.0;
// A ferry at least every minute: more often is a unit slip, and would list a sailing a second.
constexpr SimTime kMinFerryIntervalMs = kMsPerMinute;

std::string format_clock(SimTime time_of_day_ms) {
  return fmt::format("{:02}:{:02}", time_of_day_ms / kMsPerHour,
                     time_of_day_ms / kMsPerMinute % 60);
}

}  // namespace

std::string km(double metres) {
  return fmt::format("{:.1f} km", metres / 1000.0);
}

std::string describe_offset(Point offset) {
  const auto part = [](double metres, const char* positive, const char* negative) {
    return fmt::format("{} m {}", std::lround(std::abs(metres)),
                       metres < 0.0 ? negative : positive);
  };
  return part(offset.x_m, "east", "west") + " and " + part(offset.y_m, "north", "south");
}

std::string resolve_scenario_path(const std::string& scenario_file, const Node& node,
                                  const std::string& written) {
  namespace fs = std::filesystem;
  const fs::path path(written);
  if (node.origin.from_override || path.is_absolute()) return written;
  const fs::path directory = fs::path(scenario_file).parent_path();
  return directory.empty() ? written : (directory / path).lexically_normal().string();
}

// ------------------------------------------------------------------------------------------
// Reading the section: positions as latitude/longitude, kept with where they were written.

void MapLoader::read(const Node& root, const Fields& top, ScenarioSpec& spec) {
  const Node* node = top.get("map");
  // No map, an empty `map:` or `map: {}`: the analytic grid, as before maps existed.
  if (node == nullptr || node->is_null() || (node->is_map() && node->entries.empty())) return;
  MapSpec& map = spec.map;
  const Fields fields(reader_, node, "map",
                      {"roads", "file", "origin", "hourly_speed_factor", "estimate_cell_m",
                       "vessel_limits", "islands", "bridges", "ferries"},
                      top.origin());
  if (!fields.valid()) return;
  const bool imported = fields.get("file") != nullptr;
  map.source = imported ? MapSource::imported : MapSource::generated;
  if (imported) {
    for (const std::string_view key : {"roads", "islands"}) {
      if (fields.get(key) != nullptr) {
        reader_.report(fields.origin(key), fields.path(key),
                       "is not allowed with map.file: an imported map's roads and land come from "
                       "the file (bridges and ferries may be added)");
      }
    }
    read_file(fields, map);
  }

  const Node* roads = fields.get("roads");
  const Origin& roads_origin = roads != nullptr ? roads->origin : fields.origin();
  map_layout_ = read_layout(roads, fields.path("roads"), fields.origin(), map.roads,
                            LayoutOrigins{roads_origin, "map.roads.block_m", roads_origin,
                                          "map.roads.ring_spacing_m", true});

  if (const Node* origin = fields.get("origin")) {
    if (origin_from_file_) {
      reader_.report(origin->origin, fields.path("origin"),
                     "is not allowed with map.file: the map file fixes the projection");
    }
    origin_given_ = true;
    const Fields at(reader_, origin, fields.path("origin"), {"lat", "lon"}, fields.origin());
    LatLon value;
    bool ok = at.valid();
    ok = at.required("lat") && read_degrees(*at.get("lat"), at.path("lat"), true, value.lat_deg) &&
         ok;
    ok = at.required("lon") && read_degrees(*at.get("lon"), at.path("lon"), false, value.lng_deg) &&
         ok;
    if (ok) origin_ = value;
  }
  if (const Node* hourly = fields.get("hourly_speed_factor")) {
    // A twentieth of free-flow speed is a standstill; above 5× is not congestion any more.
    std::array<double, 24> values{};
    if (reader_.hourly(*hourly, fields.path("hourly_speed_factor"), between(0.05, 5.0), values)) {
      map.hourly_speed_factor = values;
    }
  }
  fields.number("estimate_cell_m", map.estimate_cell_m, between(50.0, 5000.0));
  read_vessel_limits(fields, map);
  read_islands(fields, map, map_layout_);
  read_bridges(fields, map);
  read_ferries(fields, map);

  const auto written = [&](std::string_view key) {
    const Node* list = fields.get(key);
    return list != nullptr && list->is_sequence() && !list->items.empty();
  };
  if (origin_from_file_) origin_given_ = true;
  geographic_ = origin_given_ || written("islands") || written("bridges") || written("ferries");
  choose_projection(root);
  if (!projection_) return;
  map.has_geo_origin = true;
  map.origin_lat_deg = projection_->origin_lat_deg();
  map.origin_lng_deg = projection_->origin_lng_deg();
  build_islands(map);
  check_links(map);
  set_sides(root, spec);
  if (map.imported) {
    // The city covers the imported roads with their margin (more if positions need it).
    const Node* city = root.find("city");
    const double width_m = std::ceil(imported_max_.x_m + kImportMarginM);
    const double height_m = std::ceil(imported_max_.y_m + kImportMarginM);
    const bool width_written = city != nullptr && city->find("width_m") != nullptr;
    const bool height_written = city != nullptr && city->find("height_m") != nullptr;
    // (Sides derived from written positions already hold those; the roads may reach further.)
    if (!width_written) {
      spec.city.width_m = sides_from_positions_ ? std::max(spec.city.width_m, width_m) : width_m;
    }
    if (!height_written) {
      spec.city.height_m =
          sides_from_positions_ ? std::max(spec.city.height_m, height_m) : height_m;
    }
  }
}

void MapLoader::build(const Fields& top, ScenarioSpec& spec) {
  if (spec.map.source == MapSource::analytic_grid) return;
  try {
    spec.map.built = RoadMap::build(spec);
  } catch (const MapBuildError& error) {
    // Point at the object's own line where it is known.
    Origin origin = top.origin("map");
    std::string field = "map";
    if (error.kind == "island") {
      for (const PendingIsland& island : islands_) {
        if (island.spec_index == error.index) {
          origin = island.origin;
          field = island.field;
        }
      }
    } else if (error.kind == "bridge" || error.kind == "ferry") {
      const auto& links = error.kind == "bridge" ? bridges_ : ferries_;
      for (const PendingLink& link : links) {
        if (link.spec_index == error.index && link.from.place) {
          origin = link.from.place->origin;
          field = fmt::format("map.{}[{}]", error.kind == "bridge" ? "bridges" : "ferries",
                              error.index);
        }
      }
    }
    reader_.report(origin, field, error.what());
  }
}

bool MapLoader::read_degrees(const Node& node, const std::string& field, bool latitude,
                             double& out) {
  double value = 0.0;
  if (!reader_.number(node, field, value, kAnyNumber)) return false;
  const double limit = latitude ? 90.0 : 180.0;
  if (std::abs(value) > limit) {
    reader_.report(node.origin, field,
                   fmt::format("must be between -{} and {} (degrees of {}){}", limit, limit,
                               latitude ? "latitude" : "longitude",
                               latitude ? "; positions are written [lat, lon]" : ""));
    return false;
  }
  out = value;
  return true;
}

bool MapLoader::read_pair(const Node& node, const std::string& field, LatLon& out) {
  if (!node.is_sequence()) return reader_.wrong_type(node, field, "a position [lat, lon]");
  if (node.items.size() != 2) {
    reader_.report(
        node.origin, field,
        fmt::format("expected a position [lat, lon], got {} numbers", node.items.size()));
    return false;
  }
  LatLon value;
  bool ok = read_degrees(node.items[0], join(field, 0), true, value.lat_deg);
  ok = read_degrees(node.items[1], join(field, 1), false, value.lng_deg) && ok;
  if (ok) out = value;
  return ok;
}

MapLoader::LayoutOrigins MapLoader::read_layout(const Node* node, const std::string& path,
                                                const Origin& fallback, RoadLayoutSpec& out,
                                                LayoutOrigins inherited) {
  const Fields fields(reader_, node, path,
                      {"layout", "block_m", "arterial_every_blocks", "ring_spacing_m", "radials",
                       "irregularity", "removal_share"},
                      fallback);
  fields.choice("layout", "road layout", names_of<RoadLayout>(kRoadLayoutCount), out.layout);
  if (fields.get("block_m") != nullptr) {
    inherited.block = fields.origin("block_m");
    inherited.block_field = fields.path("block_m");
    inherited.sizes_ok = fields.number("block_m", out.block_m, kPositive) && inherited.sizes_ok;
  }
  if (fields.get("ring_spacing_m") != nullptr) {
    inherited.rings = fields.origin("ring_spacing_m");
    inherited.rings_field = fields.path("ring_spacing_m");
    inherited.sizes_ok =
        fields.number("ring_spacing_m", out.ring_spacing_m, kPositive) && inherited.sizes_ok;
  }
  fields.integer("arterial_every_blocks", out.arterial_every_blocks, at_least(1.0));
  fields.integer("radials", out.radials, between(1.0, 64.0));
  // Beyond half a block, moved intersections could pass their neighbours; removing more than
  // half the streets leaves a tree, not a street network.
  fields.number("irregularity", out.irregularity, between(0.0, 0.5));
  fields.number("removal_share", out.removal_share, between(0.0, 0.5));
  return inherited;
}

void MapLoader::read_vessel_limits(const Fields& map, MapSpec& out) {
  reader_.for_each_named(
      map.get("vessel_limits"), map.path("vessel_limits"), "vessel class",
      names_of<VesselClass>(kVesselClassCount),
      [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
        VesselLimits& limits = out.vessel_limits[index];
        const Fields item(reader_, &entry.value, path, {"suspend_wind_force", "min_visibility_km"},
                          entry.key_origin);
        // Beaufort goes to 12; 13 means the wind never stops the vessel.
        bool ok = item.number("suspend_wind_force", limits.suspend_wind_force, between(1.0, 13.0));
        ok = item.number("min_visibility_km", limits.min_visibility_km, kNonNegative) && ok;
        return item.valid() && ok;
      });
}

void MapLoader::read_islands(const Fields& map, MapSpec& out, const LayoutOrigins& map_layout) {
  const std::string path = map.path("islands");
  const std::vector<Node>* items = reader_.list(map.get("islands"), path);
  islands_written_ = items != nullptr && !items->empty();
  land_known_ = items != nullptr;
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(reader_, &node, join(path, i),
                      {"name", "outline", "ellipse", "population", "roads"}, node.origin);
    if (!item.valid()) {
      land_known_ = false;
      continue;
    }
    IslandSpec island;
    island.roads = out.roads;  // the map's roads, changed key by key below
    PendingIsland pending;
    pending.origin = node.origin;
    pending.field = item.path();
    if (item.required("name") && item.text("name", island.name)) {
      if (island.name.empty()) {
        reader_.report(item.origin("name"), item.path("name"), "must not be empty");
      } else if (std::find(island_names_.begin(), island_names_.end(), island.name) !=
                 island_names_.end()) {
        const auto same = std::find_if(islands_.begin(), islands_.end(), [&](const auto& other) {
          return other.name == island.name;
        });
        reader_.report(item.origin("name"), item.path("name"),
                       fmt::format("duplicate island name '{}' (also {})", island.name,
                                   same != islands_.end() ? same->field : "above"));
      } else {
        island_names_.push_back(island.name);
      }
    }
    pending.name = island.name;
    item.number("population", island.population, kNonNegative);
    pending.layout =
        read_layout(item.get("roads"), item.path("roads"), item.origin(), island.roads, map_layout);

    const Node* outline = item.get("outline");
    const Node* ellipse = item.get("ellipse");
    if ((outline == nullptr) == (ellipse == nullptr)) {
      reader_.report(item.origin(), item.path(),
                     outline != nullptr
                         ? "give either 'outline' or 'ellipse', not both"
                         : "needs an 'outline' (a list of [lat, lon] vertices) or an 'ellipse'");
      pending.ok = false;
    } else if (outline != nullptr) {
      const std::string outline_path = item.path("outline");
      const std::vector<Node>* vertices = reader_.list(outline, outline_path);
      for (std::size_t v = 0; vertices != nullptr && v < vertices->size(); ++v) {
        LatLon at;
        const std::string vertex_path = join(outline_path, v);
        if (read_pair((*vertices)[v], vertex_path, at)) {
          pending.outline.push_back(Place{at, (*vertices)[v].origin, vertex_path});
        } else {
          pending.ok = false;
        }
      }
      // A closed ring (the first vertex repeated at the end, as GeoJSON writes it) is the same
      // polygon: the outline closes by itself.
      if (pending.outline.size() > 3 &&
          pending.outline.front().at.lat_deg == pending.outline.back().at.lat_deg &&
          pending.outline.front().at.lng_deg == pending.outline.back().at.lng_deg) {
        pending.outline.pop_back();
      }
      if (vertices == nullptr) {
        pending.ok = false;
      } else if (pending.ok && pending.outline.size() < 3) {
        reader_.report(
            outline->origin, outline_path,
            fmt::format("needs at least 3 vertices [lat, lon], got {}", pending.outline.size()));
        pending.ok = false;
      }
    } else {
      const Fields shape(reader_, ellipse, item.path("ellipse"), {"centre", "extent_km"},
                         item.origin());
      LatLon centre;
      bool ok = shape.valid();
      if (shape.required("centre") &&
          read_pair(*shape.get("centre"), shape.path("centre"), centre)) {
        pending.ellipse_centre = Place{centre, shape.origin("centre"), shape.path("centre")};
      } else {
        ok = false;
      }
      const Node* extent = shape.get("extent_km");
      const std::string extent_path = shape.path("extent_km");
      if (!shape.required("extent_km")) {
        ok = false;
      } else if (!extent->is_sequence() || extent->items.size() != 2) {
        reader_.wrong_type(*extent, extent_path,
                           "two numbers [east-west, north-south] (km, the full extents)");
        ok = false;
      } else {
        double sides[2] = {0.0, 0.0};
        for (std::size_t s = 0; s < 2; ++s) {
          ok = reader_.number(extent->items[s], join(extent_path, s), sides[s],
                              Limits{0.0, true, kMaxExtentKm}) &&
               ok;
        }
        pending.extent_x_m = sides[0] * 1000.0;
        pending.extent_y_m = sides[1] * 1000.0;
      }
      pending.ok = ok && pending.ok;
    }
    land_known_ = land_known_ && pending.ok;
    pending.spec_index = out.islands.size();
    out.islands.push_back(std::move(island));
    islands_.push_back(std::move(pending));
  }
}

void MapLoader::read_bridges(const Fields& map, MapSpec& out) {
  const std::string path = map.path("bridges");
  const std::vector<Node>* items = reader_.list(map.get("bridges"), path);
  const std::vector<std::string> classes = names_of<RoadClass>(kRoadClassCount);
  std::vector<std::pair<std::string, std::string>> seen;  // name, field path
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(reader_, &node, join(path, i), {"name", "from", "to", "road_class"},
                      node.origin);
    if (!item.valid()) continue;
    BridgeSpec bridge;
    PendingLink link;
    if (item.text("name", bridge.name) && !bridge.name.empty()) {
      const auto same = std::find_if(seen.begin(), seen.end(),
                                     [&](const auto& other) { return other.first == bridge.name; });
      if (same != seen.end()) {
        reader_.report(
            item.origin("name"), item.path("name"),
            fmt::format("duplicate bridge name '{}' (also {})", bridge.name, same->second));
      }
      seen.emplace_back(bridge.name, item.path("name"));
    }
    for (const std::string_view key : {"from", "to"}) {
      PendingEnd& end = key == "from" ? link.from : link.to;
      LatLon at;
      if (item.required(key) && read_pair(*item.get(key), item.path(key), at)) {
        end.place = Place{at, item.origin(key), item.path(key)};
      } else {
        link.ok = false;
      }
    }
    if (link.from.place && link.to.place &&
        link.from.place->at.lat_deg == link.to.place->at.lat_deg &&
        link.from.place->at.lng_deg == link.to.place->at.lng_deg) {
      reader_.report(item.origin("to"), item.path("to"), "is the same point as 'from'");
      link.ok = false;
    }
    item.choice("road_class", "road class", classes, bridge.road_class);
    link.spec_index = out.bridges.size();
    out.bridges.push_back(std::move(bridge));
    bridges_.push_back(std::move(link));
  }
}

void MapLoader::read_end(const Fields& ferry, std::string_view key, PendingEnd& out) {
  if (!ferry.required(key)) return;
  const Fields end(reader_, ferry.get(key), ferry.path(key), {"island", "pier"}, ferry.origin());
  if (!end.valid()) return;
  if (end.get("island") != nullptr) {
    if (end.text("island", out.island)) {
      out.island_origin = end.origin("island");
      out.island_field = end.path("island");
      if (!islands_written_) {
        reader_.report(out.island_origin, out.island_field,
                       fmt::format("unknown island '{}': the map has no islands (leave 'island' "
                                   "out, or list the islands under map.islands)",
                                   out.island));
        out.island.clear();
      } else if (std::find(island_names_.begin(), island_names_.end(), out.island) ==
                 island_names_.end()) {
        reader_.report(out.island_origin, out.island_field,
                       Reader::unknown_name("island", out.island, island_names_));
        out.island.clear();
      }
    }
  } else if (islands_written_) {
    end.required("island");  // reported: with islands, every pier names its island
  }
  LatLon at;
  if (end.required("pier") && read_pair(*end.get("pier"), end.path("pier"), at)) {
    out.place = Place{at, end.origin("pier"), end.path("pier")};
  }
}

bool MapLoader::read_departures(const Node* node, const std::string& field,
                                std::vector<SimTime>& out) {
  if (node == nullptr || node->is_null()) return true;  // no sailings this way
  if (node->is_map()) {
    const Fields rule(reader_, node, field, {"every", "first", "last"}, node->origin);
    SimTime every = 0;
    SimTime first = 0;
    SimTime last = 0;
    bool ok = rule.required("every") && rule.duration("every", every, true);
    if (ok && every < kMinFerryIntervalMs) {
      reader_.report(rule.origin("every"), rule.path("every"),
                     fmt::format("must be >= {}", format_duration(kMinFerryIntervalMs)));
      ok = false;
    }
    ok = rule.required("first") && rule.clock("first", first) && ok;
    ok = rule.required("last") && rule.clock("last", last) && ok;
    if (ok && last < first) {
      reader_.report(rule.origin("last"), rule.path("last"),
                     fmt::format("must not be before first ({}): departures are times of one "
                                 "day; list them to cross midnight",
                                 format_clock(first)));
      ok = false;
    }
    if (!ok) return false;
    for (SimTime time = first; time <= last; time += every) out.push_back(time);
    return true;
  }
  if (!node->is_sequence()) {
    return reader_.wrong_type(*node, field,
                              "a list of clock times, or {every: ..., first: ..., last: ...}");
  }
  bool ok = true;
  std::optional<SimTime> previous;
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    SimTime time = 0;
    const std::string item_path = join(field, i);
    if (!reader_.clock(node->items[i], item_path, time, false)) {
      ok = false;
      continue;
    }
    if (previous && time <= *previous) {
      reader_.report(node->items[i].origin, item_path,
                     fmt::format("must be later than the previous departure ({}): departures are "
                                 "times of one day, in ascending order",
                                 format_clock(*previous)));
      ok = false;
    }
    previous = time;
    out.push_back(time);
  }
  return ok;
}

void MapLoader::read_ferries(const Fields& map, MapSpec& out) {
  const std::string path = map.path("ferries");
  const std::vector<Node>* items = reader_.list(map.get("ferries"), path);
  std::vector<std::pair<std::string, std::string>> seen;  // name, field path
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(reader_, &node, join(path, i),
                      {"name", "from", "to", "vessel", "crossing", "departures_from",
                       "departures_to", "rider_capacity"},
                      node.origin);
    if (!item.valid()) continue;
    FerrySpec ferry;
    PendingLink link;
    if (item.required("name") && item.text("name", ferry.name)) {
      const auto same = std::find_if(seen.begin(), seen.end(),
                                     [&](const auto& other) { return other.first == ferry.name; });
      if (ferry.name.empty()) {
        reader_.report(item.origin("name"), item.path("name"), "must not be empty");
      } else if (same != seen.end()) {
        reader_.report(
            item.origin("name"), item.path("name"),
            fmt::format("duplicate ferry name '{}' (also {})", ferry.name, same->second));
      }
      seen.emplace_back(ferry.name, item.path("name"));
    }
    read_end(item, "from", link.from);
    read_end(item, "to", link.to);
    ferry.from_island = link.from.island;
    ferry.to_island = link.to.island;
    item.choice("vessel", "vessel class", names_of<VesselClass>(kVesselClassCount), ferry.vessel);
    SimTime crossing = ferry.crossing_ms;
    if (item.duration("crossing", crossing, true)) {
      if (crossing > kMsPerDay) {
        // Sailings repeat daily; a crossing longer than the timetable's day is a unit slip.
        reader_.report(item.origin("crossing"), item.path("crossing"), "must be <= 1d");
      } else {
        ferry.crossing_ms = crossing;
      }
    }
    const bool from_ok = read_departures(item.get("departures_from"), item.path("departures_from"),
                                         ferry.departures_from_ms);
    const bool to_ok = read_departures(item.get("departures_to"), item.path("departures_to"),
                                       ferry.departures_to_ms);
    if (from_ok && to_ok && ferry.departures_from_ms.empty() && ferry.departures_to_ms.empty()) {
      reader_.report(item.origin(), item.path(),
                     "has no departures: give departures_from or departures_to (or both)");
    }
    item.integer("rider_capacity", ferry.rider_capacity, between(0.0, 1'000'000.0));
    link.spec_index = out.ferries.size();
    out.ferries.push_back(std::move(ferry));
    ferries_.push_back(std::move(link));
  }
}

void MapLoader::read_file(const Fields& map, MapSpec& out) {
  std::string written;
  if (!map.text("file", written)) return;
  const Origin& origin = map.origin("file");
  const std::string field = map.path("file");
  if (written.empty()) {
    reader_.report(
        origin, field,
        "must not be empty (a path to an .osm.pbf, .pbf, .osm, .osm.gz, .osm.bz2 or .kmap "
        "file)");
    return;
  }
  const bool known_type = is_map_file_path(written);
  if (!known_type) {
    reader_.report(
        origin, field,
        fmt::format("unknown map file type '{}': use an OpenStreetMap extract (.osm.pbf, "
                    ".pbf, .osm, .osm.gz or .osm.bz2) or a .kmap file",
                    written));
    return;
  }
  const std::string resolved = resolve_scenario_path(scenario_file_, *map.get("file"), written);
  const std::string moved = resolved != written ? " (relative to the scenario's directory)" : "";
  std::error_code ignored;
  if (std::filesystem::is_directory(resolved, ignored)) {
    reader_.report(origin, field,
                   fmt::format("cannot read '{}'{}: it is a directory", resolved, moved));
    return;
  }
  // Only opened: the file is read with the rest of the map (see the MAP FILE note in read).
  errno = 0;
  std::FILE* file = std::fopen(resolved.c_str(), "rb");
  if (file == nullptr) {
    reader_.report(origin, field,
                   fmt::format("cannot read '{}'{}: {}", resolved, moved,
                               std::strerror(errno != 0 ? errno : EIO)));
    return;
  }
  std::fclose(file);
  out.imported_from = resolved;

  // Read it: roads of the largest piece the first fleet's mode can ride around in, projected
  // so the map's south-west corner is at (margin, margin). Positions written as lat/lon use the
  // file's projection.
  OsmImportOptions options;
  options.mode = first_fleet_mode_;
  options.margin_m = kImportMarginM;
  try {
    ImportedMap imported = load_map_file(resolved, options);
    imported_max_ = imported.graph.max_corner();
    out.imported = std::make_shared<const RoadGraph>(std::move(imported.graph));
    origin_ = LatLon{imported.origin_lat_deg, imported.origin_lng_deg};
    origin_from_file_ = true;
  } catch (const MapFileError& error) {
    reader_.report(origin, field, error.what());
  }
}

void MapLoader::check_layout(const RoadLayoutSpec& roads, const LayoutOrigins& where,
                             double width_m, double height_m, std::string_view area,
                             bool whole_city) {
  if (!where.sizes_ok) return;
  const double longer_m = std::max(width_m, height_m);
  if (roads.layout == RoadLayout::ring_radial) {
    if (roads.ring_spacing_m > longer_m / 2.0) {
      reader_.report(where.rings, where.rings_field,
                     fmt::format("must be <= half the longer side of {} ({} m), or no ring fits",
                                 area, longer_m / 2.0));
    } else if (longer_m / roads.ring_spacing_m > kMaxBlocksAcross) {
      reader_.report(where.rings, where.rings_field,
                     fmt::format("gives {:.0f} rings across {}, more than {} (ring_spacing_m is "
                                 "in metres)",
                                 longer_m / roads.ring_spacing_m, area, kMaxBlocksAcross));
    }
    return;
  }
  // The city's streets cross it both ways; an island's may run along it only.
  const double limit_m = whole_city ? std::min(width_m, height_m) : longer_m;
  if (roads.block_m > limit_m) {
    reader_.report(where.block, where.block_field,
                   fmt::format("must be <= the {} side of {} ({} m)",
                               whole_city ? "shorter" : "longer", area, limit_m));
  } else if (longer_m / roads.block_m > kMaxBlocksAcross) {
    reader_.report(where.block, where.block_field,
                   fmt::format("gives {:.0f} blocks across {}, more than {} (block_m is in "
                               "metres)",
                               longer_m / roads.block_m, area, kMaxBlocksAcross));
  }
}

void MapLoader::finish(const Fields& top, const ScenarioSpec& spec, bool trace_present) {
  const MapSpec& map = spec.map;
  if (map.source == MapSource::analytic_grid) return;
  if (trace_present && (geographic_ || map.source == MapSource::imported)) {
    reader_.report(top.origin("map"), "map",
                   "a trace cannot be combined yet with a map that has islands, bridges, "
                   "ferries, an origin or a file: the trace places the city by its own "
                   "positions (a map of roads only works)");
    return;
  }
  if (map.source == MapSource::generated && !islands_written_) {
    check_layout(map.roads, map_layout_, spec.city.width_m, spec.city.height_m, "the city", true);
  }
  // Sides written in the file: the links must be inside them. (Derived sides hold them.)
  if (!extent_ok_) return;
  for (const auto& [place, point] : map_positions_) {
    const bool reported = std::find(outside_reported_.begin(), outside_reported_.end(),
                                    place.field) != outside_reported_.end();
    if (reported) continue;
    if (point.x_m < 0.0 || point.y_m < 0.0 || point.x_m > spec.city.width_m ||
        point.y_m > spec.city.height_m) {
      reader_.report(place.origin, place.field,
                     fmt::format("is outside the city: {} of its south-west corner, and the "
                                 "city is {} × {} m",
                                 describe_offset(point), spec.city.width_m, spec.city.height_m));
    }
  }
}

}  // namespace knightsim::scenario_values
