// OpenStreetMap import: hand-written OSM XML fixtures give exactly the expected nodes, edges,
// directions, classes and modes; the projection; the largest component per mode; every error.
#include "knightsim/osm_import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/kmap_file.hpp"
#include "knightsim/local_projection.hpp"
#include "scratch_dir.hpp"

namespace {

using knightsim::ImportedMap;
using knightsim::MapFileError;
using knightsim::NodeId;
using knightsim::OsmImportOptions;
using knightsim::RoadClass;
using knightsim::RoadEdge;
using knightsim::TravelMode;
using knightsim::testing::ScratchDir;

constexpr std::uint8_t kBike = knightsim::mode_bit(TravelMode::bike);
constexpr std::uint8_t kCar = knightsim::mode_bit(TravelMode::car);
constexpr std::uint8_t kFoot = knightsim::mode_bit(TravelMode::foot);
constexpr std::uint8_t kAll = kBike | kCar | kFoot;

using Tags = std::vector<std::pair<std::string, std::string>>;

std::string node_xml(long id, double lat, double lng) {
  char text[160];
  std::snprintf(text, sizeof text, "  <node id=\"%ld\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\"/>\n",
                id, lat, lng);
  return text;
}

std::string way_xml(long id, const std::vector<long>& refs, const Tags& tags) {
  std::string xml = "  <way id=\"" + std::to_string(id) + "\" version=\"1\">\n";
  for (long ref : refs) xml += "    <nd ref=\"" + std::to_string(ref) + "\"/>\n";
  for (const auto& [key, value] : tags) xml += "    <tag k=\"" + key + "\" v=\"" + value + "\"/>\n";
  return xml + "  </way>\n";
}

std::string osm_document(const std::string& body) {
  return "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n" +
         body + "</osm>\n";
}

// The town: six nodes on a 2 × 3 grid 0.001° apart (about 110 m), node 7 north-east of them.
//
//   4 ── 5 ── 6        w10 1-2-3 residential, two-way     w14 3-7-6 motorway (implied oneway)
//   │    │    │ \      w11 3-6 oneway=yes                 w15 4-1 footway
//   1 ── 2 ── 3  7     w12 4-5 oneway=-1 (5 → 4)          w16 2-5 residential, bicycle=no
//                      w13 6-5 roundabout (6 → 5)         w17 20-21 an island street
//
// Bikes go round 1 → 2 → 3 → 6 → 5 → 4 → 1; cars cannot leave 4 (footway), so they keep
// 1, 2, 3, 5, 6 and 7. Ignored: a building, a pedestrian area, a road under construction, a
// proposed one, a private street (nodes 30-37) and a node on no way (40).
constexpr double kLat0 = 10.0, kLng0 = 20.0, kStep = 0.001;

struct TownNode {
  long id;
  double lat, lng;
};
constexpr std::array<TownNode, 9> kTownNodes = {{{1, kLat0, kLng0},
                                                 {2, kLat0, kLng0 + kStep},
                                                 {3, kLat0, kLng0 + 2 * kStep},
                                                 {4, kLat0 + kStep, kLng0},
                                                 {5, kLat0 + kStep, kLng0 + kStep},
                                                 {6, kLat0 + kStep, kLng0 + 2 * kStep},
                                                 {7, kLat0 + 0.5 * kStep, kLng0 + 3 * kStep},
                                                 {20, kLat0 + 10 * kStep, kLng0 + 10 * kStep},
                                                 {21, kLat0 + 10 * kStep, kLng0 + 11 * kStep}}};

std::string town_osm() {
  std::string body;
  for (const TownNode& n : kTownNodes) body += node_xml(n.id, n.lat, n.lng);
  for (long id = 30; id <= 37; ++id)
    body += node_xml(id, kLat0 - 2 * kStep, kLng0 + 0.0001 * static_cast<double>(id));
  body += node_xml(40, kLat0 - 3 * kStep, kLng0);
  body += way_xml(10, {1, 2, 3}, {{"highway", "residential"}, {"name", "Main Street"}});
  body += way_xml(11, {3, 6}, {{"highway", "residential"}, {"oneway", "yes"}});
  body += way_xml(12, {4, 5}, {{"highway", "residential"}, {"oneway", "-1"}});
  body += way_xml(13, {6, 5}, {{"highway", "tertiary"}, {"junction", "roundabout"}});
  body += way_xml(14, {3, 7, 6}, {{"highway", "motorway"}});
  body += way_xml(15, {4, 1}, {{"highway", "footway"}});
  body += way_xml(16, {2, 5}, {{"highway", "residential"}, {"bicycle", "no"}});
  body += way_xml(17, {20, 21}, {{"highway", "residential"}});
  body += way_xml(18, {30, 31, 32, 30}, {{"building", "yes"}});
  body += way_xml(19, {32, 33, 34, 32}, {{"highway", "pedestrian"}, {"area", "yes"}});
  body += way_xml(20, {34, 35}, {{"highway", "construction"}});
  body += way_xml(21, {35, 36}, {{"highway", "proposed"}});
  body += way_xml(22, {36, 37}, {{"highway", "residential"}, {"access", "private"}});
  return osm_document(body);
}

/// The graph node at (lat, lng); fails the test if there is none.
NodeId node_at(const ImportedMap& map, double lat, double lng) {
  const knightsim::LocalProjection projection(map.origin_lat_deg, map.origin_lng_deg);
  const knightsim::Point expected = projection.to_metres(lat, lng);
  for (NodeId n = 0; n < map.graph.node_count(); ++n) {
    if (knightsim::euclidean_m(map.graph.position(n), expected) < 0.01) return n;
  }
  FAIL("no node at ", lat, ", ", lng);
  return knightsim::kNoNode;
}

NodeId town_node(const ImportedMap& map, long id) {
  for (const TownNode& n : kTownNodes) {
    if (n.id == id) return node_at(map, n.lat, n.lng);
  }
  FAIL("no town node ", id);
  return knightsim::kNoNode;
}

bool has_town_node(const ImportedMap& map, long id) {
  for (const TownNode& n : kTownNodes) {
    if (n.id != id) continue;
    const knightsim::LocalProjection projection(map.origin_lat_deg, map.origin_lng_deg);
    const knightsim::Point expected = projection.to_metres(n.lat, n.lng);
    for (const knightsim::Point& p : map.graph.positions()) {
      if (knightsim::euclidean_m(p, expected) < 0.01) return true;
    }
  }
  return false;
}

/// The edge from → to, or nullptr.
const RoadEdge* find_edge(const ImportedMap& map, NodeId from, NodeId to) {
  const RoadEdge* found = nullptr;
  for (const RoadEdge& edge : map.graph.out_edges(from)) {
    if (edge.to == to) {
      REQUIRE_MESSAGE(found == nullptr, "two edges ", from, " -> ", to);
      found = &edge;
    }
  }
  return found;
}

/// Modes of the town's edge between OSM nodes a → b (0 if there is no edge).
std::uint8_t town_modes(const ImportedMap& map, long a, long b) {
  const RoadEdge* edge = find_edge(map, town_node(map, a), town_node(map, b));
  return edge == nullptr ? 0 : edge->modes;
}

ImportedMap import_text(const ScratchDir& dir, const std::string& name, const std::string& text,
                        TravelMode mode = TravelMode::bike) {
  OsmImportOptions options;
  options.mode = mode;
  return knightsim::import_osm(dir.write(name, text), options);
}

/// The MapFileError import_osm throws for `text` (fails the test if it throws none).
MapFileError import_error(const ScratchDir& dir, const std::string& name, const std::string& text,
                          TravelMode mode = TravelMode::bike) {
  try {
    import_text(dir, name, text, mode);
  } catch (const MapFileError& error) {
    return error;
  }
  FAIL("no MapFileError for ", name);
  return MapFileError("", "", "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- gzip by hand (stored deflate blocks), so the test needs no compression library ----

std::uint32_t crc32_of(const std::string& bytes) {
  std::uint32_t crc = 0xFFFF'FFFFu;
  for (char byte : bytes) {
    crc ^= static_cast<unsigned char>(byte);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB8'8320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xFF);
}

std::string gzip_stored(const std::string& data) {
  std::string out = {'\x1f', '\x8b', '\x08', '\0', '\0', '\0', '\0', '\0', '\0', '\xff'};
  std::size_t offset = 0;
  do {
    const std::size_t length = std::min<std::size_t>(data.size() - offset, 65535);
    const bool last = offset + length == data.size();
    out += static_cast<char>(last ? 1 : 0);
    const auto len = static_cast<std::uint16_t>(length);
    const auto nlen = static_cast<std::uint16_t>(~len);
    for (std::uint16_t v : {len, nlen}) {
      out += static_cast<char>(v & 0xFF);
      out += static_cast<char>(v >> 8);
    }
    out.append(data, offset, length);
    offset += length;
  } while (offset < data.size());
  put_u32(out, crc32_of(data));
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  return out;
}

}  // namespace

TEST_CASE("OSM import keeps only road nodes and counts ways, nodes and edges exactly") {
  ScratchDir dir("osm-import");
  const ImportedMap map = import_text(dir, "town.osm", town_osm());
  CHECK(map.source == "town.osm");
  CHECK(map.mode == TravelMode::bike);
  CHECK(map.ways_read == 13);
  CHECK(map.highway_ways == 9);  // not the building, the area, construction or proposed
  CHECK(map.ways_used == 8);     // not the private street
  CHECK(map.nodes_read == 9);    // the nodes of used ways only
  CHECK(map.missing_node_refs == 0);
  // 1-7 and the island's 20-21; residential 2 × 2, each one-way or roundabout 2 (one for
  // walkers), motorway 2, footway 2, bicycle=no 2, island 2.
  CHECK(map.nodes_before_component == 9);
  CHECK(map.edges_before_component == 18);
  // Bikes: the motorway's node 7 and the island are dropped.
  CHECK(map.graph.node_count() == 6);
  CHECK(map.graph.edge_count() == 14);
  CHECK(map.graph.finalized());
  for (long id : {1, 2, 3, 4, 5, 6}) CHECK(has_town_node(map, id));
  for (long id : {7, 20, 21}) CHECK_FALSE(has_town_node(map, id));
}

TEST_CASE("OSM import: directions, classes and modes of each way") {
  ScratchDir dir("osm-import");
  const ImportedMap map = import_text(dir, "town.osm", town_osm());
  // Two-way residential street.
  CHECK(town_modes(map, 1, 2) == kAll);
  CHECK(town_modes(map, 2, 1) == kAll);
  CHECK(town_modes(map, 3, 2) == kAll);
  CHECK(find_edge(map, town_node(map, 1), town_node(map, 2))->road_class == RoadClass::residential);
  CHECK(town_modes(map, 1, 3) == 0);  // only consecutive nodes are joined
  // oneway=yes: vehicles along the way, walkers both ways.
  CHECK(town_modes(map, 3, 6) == kAll);
  CHECK(town_modes(map, 6, 3) == kFoot);
  // oneway=-1: vehicles against the way's order (5 → 4).
  CHECK(town_modes(map, 5, 4) == kAll);
  CHECK(town_modes(map, 4, 5) == kFoot);
  // A roundabout is one-way without an oneway tag.
  CHECK(town_modes(map, 6, 5) == kAll);
  CHECK(town_modes(map, 5, 6) == kFoot);
  CHECK(find_edge(map, town_node(map, 6), town_node(map, 5))->road_class == RoadClass::tertiary);
  // The footway: bikes and walkers, both ways.
  CHECK(town_modes(map, 4, 1) == (kBike | kFoot));
  CHECK(town_modes(map, 1, 4) == (kBike | kFoot));
  CHECK(find_edge(map, town_node(map, 4), town_node(map, 1))->road_class == RoadClass::footway);
  // bicycle=no: kept (both ends are in the bike component) but closed to bikes.
  CHECK(town_modes(map, 2, 5) == (kCar | kFoot));
  CHECK(town_modes(map, 5, 2) == (kCar | kFoot));
  for (const RoadEdge& edge : map.graph.edges()) CHECK(edge.flags == 0);
}

TEST_CASE("OSM import keeps the largest strongly connected component of the chosen mode") {
  ScratchDir dir("osm-import");
  SUBCASE("car: the motorway stays, the node cars cannot leave goes") {
    const ImportedMap map = import_text(dir, "town.osm", town_osm(), TravelMode::car);
    CHECK(map.mode == TravelMode::car);
    CHECK(map.graph.node_count() == 6);
    // Residential 4, 3-6 2, roundabout 2, motorway 2, 2-5 2.
    CHECK(map.graph.edge_count() == 12);
    for (long id : {1, 2, 3, 5, 6, 7}) CHECK(has_town_node(map, id));
    CHECK_FALSE(has_town_node(map, 4));
    // The motorway is one-way (implied) and for cars only.
    const RoadEdge* ramp = find_edge(map, town_node(map, 3), town_node(map, 7));
    REQUIRE(ramp != nullptr);
    CHECK(ramp->road_class == RoadClass::motorway);
    CHECK(ramp->modes == kCar);
    CHECK(town_modes(map, 7, 6) == kCar);
    CHECK(town_modes(map, 7, 3) == 0);
    CHECK(town_modes(map, 6, 7) == 0);
  }
  SUBCASE("foot: every street both ways, but not the motorway") {
    const ImportedMap map = import_text(dir, "town.osm", town_osm(), TravelMode::foot);
    CHECK(map.graph.node_count() == 6);
    CHECK(map.graph.edge_count() == 14);
    CHECK_FALSE(has_town_node(map, 7));
  }
}

TEST_CASE("OSM import projects to metres with the south-west corner at the margin") {
  ScratchDir dir("osm-import");
  const ImportedMap map = import_text(dir, "town.osm", town_osm());
  const knightsim::Point low = map.graph.min_corner(), high = map.graph.max_corner();
  CHECK(low.x_m == doctest::Approx(500.0).epsilon(1e-9));
  CHECK(low.y_m == doctest::Approx(500.0).epsilon(1e-9));
  // The kept nodes span 0.002° of longitude and 0.001° of latitude.
  const double east_west_m = knightsim::haversine_m(kLat0, kLng0, kLat0, kLng0 + 2 * kStep);
  const double north_south_m = knightsim::haversine_m(kLat0, kLng0, kLat0 + kStep, kLng0);
  CHECK(high.x_m - low.x_m == doctest::Approx(east_west_m).epsilon(1e-3));
  CHECK(high.y_m - low.y_m == doctest::Approx(north_south_m).epsilon(1e-6));
  // The origin is 500 m south-west of the corner (node 1).
  CHECK(knightsim::haversine_m(map.origin_lat_deg, kLng0, kLat0, kLng0) ==
        doctest::Approx(500.0).epsilon(1e-6));
  CHECK(map.origin_lng_deg < kLng0);
  // Edge lengths are the straight lines between the projected nodes.
  const RoadEdge* edge = find_edge(map, town_node(map, 1), town_node(map, 2));
  REQUIRE(edge != nullptr);
  CHECK(edge->length_m == doctest::Approx(east_west_m / 2).epsilon(1e-3));
  for (const RoadEdge& e : map.graph.edges()) {
    CHECK(e.length_m == doctest::Approx(knightsim::euclidean_m(map.graph.position(e.from),
                                                               map.graph.position(e.to))));
  }

  OsmImportOptions no_margin;
  no_margin.margin_m = 0.0;
  const ImportedMap tight = knightsim::import_osm(dir.file("town.osm"), no_margin);
  CHECK(tight.graph.min_corner().x_m == doctest::Approx(0.0));
  CHECK(tight.graph.min_corner().y_m == doctest::Approx(0.0));
  CHECK(tight.origin_lat_deg == doctest::Approx(kLat0));
  CHECK(tight.origin_lng_deg == doctest::Approx(kLng0));
}

TEST_CASE("OSM import: access, oneway exceptions, bridges and class folding") {
  // A chain of ways 1-2, 2-3, ... that walkers may all use both ways, imported for walkers so
  // every way is kept; each way tests one tag.
  struct Case {
    Tags tags;
    RoadClass road_class;
    std::uint8_t forward, backward;
    std::uint8_t flags;
  };
  const std::vector<Case> cases = {
      {{{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}},
       RoadClass::residential,
       kAll,
       kBike | kFoot,
       0},
      {{{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite_lane"}},
       RoadClass::residential,
       kAll,
       kBike | kFoot,
       0},
      {{{"highway", "secondary"}, {"oneway", "reverse"}}, RoadClass::secondary, kFoot, kAll, 0},
      {{{"highway", "unclassified"}, {"access", "no"}, {"bicycle", "yes"}, {"foot", "yes"}},
       RoadClass::residential,
       kBike | kFoot,
       kBike | kFoot,
       0},
      {{{"highway", "residential"}, {"access", "private"}, {"foot", "designated"}},
       RoadClass::residential,
       kFoot,
       kFoot,
       0},
      {{{"highway", "pedestrian"}}, RoadClass::living_street, kBike | kFoot, kBike | kFoot, 0},
      {{{"highway", "pedestrian"}, {"motor_vehicle", "destination"}},
       RoadClass::living_street,
       kAll,
       kAll,
       0},
      {{{"highway", "residential"}, {"motor_vehicle", "no"}},
       RoadClass::residential,
       kBike | kFoot,
       kBike | kFoot,
       0},
      {{{"highway", "residential"}, {"vehicle", "no"}, {"bicycle", "yes"}},
       RoadClass::residential,
       kBike | kFoot,
       kBike | kFoot,
       0},
      {{{"highway", "primary"}, {"bridge", "yes"}},
       RoadClass::primary,
       kAll,
       kAll,
       knightsim::kEdgeBridge},
      {{{"highway", "residential"}, {"bridge", "viaduct"}},
       RoadClass::residential,
       kAll,
       kAll,
       knightsim::kEdgeBridge},
      {{{"highway", "residential"}, {"bridge", "no"}}, RoadClass::residential, kAll, kAll, 0},
      {{{"highway", "steps"}}, RoadClass::footway, kFoot, kFoot, 0},
      {{{"highway", "path"}}, RoadClass::footway, kBike | kFoot, kBike | kFoot, 0},
      {{{"highway", "cycleway"}, {"oneway", "yes"}}, RoadClass::cycleway, kBike | kFoot, kFoot, 0},
      {{{"highway", "trunk_link"}}, RoadClass::trunk, kAll, kAll, 0},
      {{{"highway", "road"}}, RoadClass::residential, kAll, kAll, 0},
      {{{"highway", "living_street"}}, RoadClass::living_street, kAll, kAll, 0},
      {{{"highway", "service"}, {"junction", "circular"}}, RoadClass::service, kAll, kFoot, 0},
      {{{"highway", "track"}}, RoadClass::track, kAll, kAll, 0},
      {{{"highway", "tertiary"}, {"motorroad", "yes"}, {"foot", "yes"}},
       RoadClass::tertiary,
       kCar | kFoot,
       kCar | kFoot,
       0},
      {{{"highway", "bridleway"}, {"bicycle", "no"}}, RoadClass::footway, kFoot, kFoot, 0},
      {{{"highway", "residential"}, {"oneway", "no"}, {"junction", "roundabout"}},
       RoadClass::residential,
       kAll,
       kAll,
       0},
  };
  std::string body;
  for (std::size_t i = 0; i <= cases.size(); ++i) {
    body += node_xml(static_cast<long>(i + 1), kLat0, kLng0 + kStep * static_cast<double>(i));
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto from = static_cast<long>(i + 1);
    body += way_xml(static_cast<long>(100 + i), {from, from + 1}, cases[i].tags);
  }
  ScratchDir dir("osm-import");
  const ImportedMap map = import_text(dir, "tags.osm", osm_document(body), TravelMode::foot);
  REQUIRE(map.graph.node_count() == cases.size() + 1);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    std::string described;
    for (const auto& [key, value] : c.tags) described += key + "=" + value + " ";
    CAPTURE(described);
    const NodeId a = node_at(map, kLat0, kLng0 + kStep * static_cast<double>(i));
    const NodeId b = node_at(map, kLat0, kLng0 + kStep * static_cast<double>(i + 1));
    const RoadEdge* forward = find_edge(map, a, b);
    const RoadEdge* backward = find_edge(map, b, a);
    REQUIRE(forward != nullptr);
    REQUIRE(backward != nullptr);
    CHECK(forward->road_class == c.road_class);
    CHECK(backward->road_class == c.road_class);
    CHECK(static_cast<int>(forward->modes) == static_cast<int>(c.forward));
    CHECK(static_cast<int>(backward->modes) == static_cast<int>(c.backward));
    CHECK(static_cast<int>(forward->flags) == static_cast<int>(c.flags));
    CHECK(static_cast<int>(backward->flags) == static_cast<int>(c.flags));
  }
}

TEST_CASE("OSM import splits a way at a node missing from the file") {
  std::string body = node_xml(1, kLat0, kLng0) + node_xml(2, kLat0, kLng0 + kStep) +
                     node_xml(3, kLat0 + kStep, kLng0);
  body += way_xml(10, {1, 2, 3}, {{"highway", "residential"}});
  body += way_xml(11, {3, 99, 1}, {{"highway", "residential"}});  // 99 is not in the file
  ScratchDir dir("osm-import");
  const ImportedMap map = import_text(dir, "cut.osm", osm_document(body));
  CHECK(map.missing_node_refs == 1);
  CHECK(map.nodes_read == 3);
  CHECK(map.graph.node_count() == 3);
  CHECK(map.graph.edge_count() == 4);  // 1-2 and 2-3 both ways; no 3-1
  CHECK(find_edge(map, node_at(map, kLat0 + kStep, kLng0), node_at(map, kLat0, kLng0)) == nullptr);
}

TEST_CASE("OSM import reads gzip-compressed XML like plain XML") {
  ScratchDir dir("osm-import");
  const ImportedMap plain = import_text(dir, "town.osm", town_osm());
  const ImportedMap gzipped = import_text(dir, "town.osm.gz", gzip_stored(town_osm()));
  CHECK(gzipped.source == "town.osm.gz");
  CHECK(gzipped.graph.node_count() == plain.graph.node_count());
  CHECK(gzipped.graph.edge_count() == plain.graph.edge_count());
  CHECK(gzipped.origin_lat_deg == plain.origin_lat_deg);
  CHECK(gzipped.origin_lng_deg == plain.origin_lng_deg);
  for (NodeId n = 0; n < plain.graph.node_count(); ++n) {
    CHECK(gzipped.graph.position(n) == plain.graph.position(n));
  }
}

TEST_CASE("OSM import errors name the file and what is wrong") {
  ScratchDir dir("osm-import");
  SUBCASE("missing file") {
    const std::string path = dir.file("nowhere.osm");
    try {
      knightsim::import_osm(path);
      FAIL("no error");
    } catch (const MapFileError& error) {
      CHECK(error.file() == path);
      CHECK(std::string(error.what()) == path + ": no such file");
    }
  }
  SUBCASE("a directory") {
    std::filesystem::create_directory(dir / "folder.osm");
    CHECK_THROWS_WITH_AS(knightsim::import_osm(dir.file("folder.osm")),
                         (dir.file("folder.osm") + ": is a directory").c_str(), MapFileError);
  }
  SUBCASE("a name that is not an OSM file's") {
    const MapFileError error = import_error(dir, "town.xml", town_osm());
    CHECK(contains(error.what(), "town.xml: unknown kind of OpenStreetMap file"));
  }
  SUBCASE("empty file") {
    const MapFileError error = import_error(dir, "empty.osm", "");
    CHECK(contains(error.what(), "empty.osm: empty file"));
  }
  SUBCASE("malformed XML: osmium's message with its line") {
    const MapFileError error = import_error(
        dir, "broken.osm", osm_document(node_xml(1, kLat0, kLng0) + "  <way id=\"2\"\n"));
    CHECK(error.file() == dir.file("broken.osm"));
    CHECK(contains(error.what(), "cannot read OpenStreetMap data"));
    CHECK(contains(error.what(), "line"));
  }
  SUBCASE("a broken gzip stream") {
    std::string gz = gzip_stored(town_osm());
    gz[11] = static_cast<char>(~gz[11]);  // the stored block's length no longer matches NLEN
    const MapFileError error = import_error(dir, "broken.osm.gz", gz);
    CHECK(contains(error.what(), "broken.osm.gz: cannot read OpenStreetMap data"));
  }
  SUBCASE("not a PBF file") {
    const MapFileError error = import_error(dir, "text.osm.pbf", "this is not protobuf\n");
    CHECK(contains(error.what(), "text.osm.pbf: cannot read OpenStreetMap data"));
  }
  SUBCASE("no roads") {
    const std::string body = node_xml(1, kLat0, kLng0) + node_xml(2, kLat0, kLng0 + kStep) +
                             way_xml(5, {1, 2}, {{"waterway", "river"}}) +
                             way_xml(6, {1, 2}, {{"highway", "proposed"}});
    const MapFileError error = import_error(dir, "river.osm", osm_document(body));
    CHECK(error.object() == "roads");
    CHECK(contains(error.what(), "river.osm: roads: none of its 2 ways is a road"));
  }
  SUBCASE("roads, but none open to the mode") {
    const std::string body = node_xml(1, kLat0, kLng0) + node_xml(2, kLat0, kLng0 + kStep) +
                             way_xml(5, {1, 2}, {{"highway", "motorway"}, {"oneway", "no"}});
    const MapFileError error = import_error(dir, "motorway.osm", osm_document(body));
    CHECK(error.object() == "roads");
    CHECK(contains(error.what(), "no road usable by bike"));
    // The same file is a (tiny) map for cars.
    CHECK(
        import_text(dir, "motorway.osm", osm_document(body), TravelMode::car).graph.node_count() ==
        2);
  }
  SUBCASE("every road closed") {
    const std::string body = node_xml(1, kLat0, kLng0) + node_xml(2, kLat0, kLng0 + kStep) +
                             way_xml(5, {1, 2}, {{"highway", "service"}, {"access", "no"}});
    const MapFileError error = import_error(dir, "closed.osm", osm_document(body));
    CHECK(contains(error.what(), "closed.osm: roads: all 1 roads are closed by access tags"));
  }
  SUBCASE("roads whose nodes are not in the file") {
    const std::string body = way_xml(5, {1, 2}, {{"highway", "residential"}});
    const MapFileError error = import_error(dir, "nodeless.osm", osm_document(body));
    CHECK(contains(error.what(), "has two nodes in the file (2 node references missing)"));
  }
  SUBCASE("one-way streets only: no component with a round trip") {
    const std::string body = node_xml(1, kLat0, kLng0) + node_xml(2, kLat0, kLng0 + kStep) +
                             way_xml(5, {1, 2}, {{"highway", "residential"}, {"oneway", "yes"}});
    const MapFileError error = import_error(dir, "oneway.osm", osm_document(body));
    CHECK(contains(error.what(), "one-way streets only"));
  }
}

TEST_CASE("load_map_file imports OSM files and reads .kmap files by extension") {
  ScratchDir dir("osm-import");
  dir.write("Town.OSM", town_osm());
  CHECK(knightsim::is_map_file_path("a/b/city.osm.pbf"));
  CHECK(knightsim::is_map_file_path("city.kmap"));
  CHECK(knightsim::is_map_file_path("Town.OSM"));
  CHECK_FALSE(knightsim::is_map_file_path("city.yaml"));
  CHECK_FALSE(knightsim::is_map_file_path("osm"));

  const ImportedMap imported = knightsim::load_map_file(dir.file("Town.OSM"));
  CHECK(imported.graph.node_count() == 6);
  knightsim::write_kmap(dir.file("town.kmap"), imported);
  const ImportedMap read = knightsim::load_map_file(dir.file("town.kmap"));
  CHECK(read.graph.node_count() == 6);
  CHECK(read.graph.edge_count() == 14);
  CHECK(read.source == "Town.OSM");

  // A bike map used for walkers keeps the walkers' largest component within it.
  OsmImportOptions walkers;
  walkers.mode = TravelMode::foot;
  const ImportedMap for_foot = knightsim::load_map_file(dir.file("town.kmap"), walkers);
  CHECK(for_foot.mode == TravelMode::foot);
  CHECK(for_foot.graph.node_count() == 6);

  CHECK_THROWS_WITH_AS(knightsim::load_map_file(dir.file("town.txt")),
                       (dir.file("town.txt") +
                        ": unknown kind of map file (expected .osm, .osm.gz, .osm.bz2, .osm.pbf, "
                        ".pbf or .kmap)")
                           .c_str(),
                       MapFileError);
}
