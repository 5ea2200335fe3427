// .kmap files: the documented byte layout, exact round trips, and a clear error for every kind
// of damage (magic, version, truncation, checksum, counts, ids, classes, modes).
#include "knightsim/kmap_file.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "knightsim/output_writers.hpp"
#include "scratch_dir.hpp"

namespace {

namespace fs = std::filesystem;
using knightsim::ImportedMap;
using knightsim::MapFileError;
using knightsim::RoadClass;
using knightsim::RoadEdge;
using knightsim::TravelMode;
using knightsim::testing::ScratchDir;

constexpr std::uint8_t kBike = knightsim::mode_bit(TravelMode::bike);
constexpr std::uint8_t kCar = knightsim::mode_bit(TravelMode::car);
constexpr std::uint8_t kFoot = knightsim::mode_bit(TravelMode::foot);

// Offsets in the header (kmap_file.hpp).
constexpr std::size_t kVersionAt = 4, kModeAt = 24, kNodeCountAt = 28, kSourceAt = 40;

/// A small map with every field away from its default.
ImportedMap sample_map() {
  ImportedMap map;
  map.origin_lat_deg = 29.9876543210123;
  map.origin_lng_deg = 122.2071234567891;
  map.mode = TravelMode::car;
  map.source = "zhoushan.osm.pbf";
  knightsim::RoadGraph& g = map.graph;
  g.add_node({500.0, 500.0});
  g.add_node({1234.5678901234, 500.1});
  g.add_node({1e-3, 98765.4321});
  g.add_node({777.0, 0.0});
  g.add_road(0, 1, RoadClass::primary, kBike | kCar | kFoot, knightsim::kEdgeBridge);
  g.add_edge(1, 2, RoadClass::motorway, kCar);
  g.add_edge(2, 0, RoadClass::footway, kBike | kFoot, 0, 12345.678);
  g.add_road(3, 0, RoadClass::track, kFoot);
  g.add_edge(3, 2, RoadClass::living_street, 0);
  g.finalize();
  return map;
}

std::uint32_t crc32_of(const std::string& bytes, std::size_t count) {
  std::uint32_t crc = 0xFFFF'FFFFu;
  for (std::size_t i = 0; i < count; ++i) {
    crc ^= static_cast<unsigned char>(bytes[i]);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB8'8320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::uint32_t get_u32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= std::uint32_t{static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)])}
             << (8 * i);
  }
  return value;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) {
    bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
  }
}

/// Recomputes the trailing checksum after a deliberate edit, so the reader's later checks run.
void reseal(std::string& bytes) {
  put_u32(bytes, bytes.size() - 4, crc32_of(bytes, bytes.size() - 4));
}

/// The MapFileError read_kmap throws for the file `bytes` (fails the test if none).
MapFileError read_error(const ScratchDir& dir, const std::string& bytes) {
  const std::string path = dir.write("damaged.kmap", bytes);
  try {
    knightsim::read_kmap(path);
  } catch (const MapFileError& error) {
    CHECK(error.file() == path);
    return error;
  }
  FAIL("no MapFileError");
  return MapFileError("", "", "");
}

std::string slurp_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("kmap round trip gives back the identical map") {
  ScratchDir dir("kmap");
  const ImportedMap written = sample_map();
  knightsim::write_kmap(dir.file("city.kmap"), written);
  const ImportedMap read = knightsim::read_kmap(dir.file("city.kmap"));
  CHECK(read.origin_lat_deg == written.origin_lat_deg);
  CHECK(read.origin_lng_deg == written.origin_lng_deg);
  CHECK(read.mode == TravelMode::car);
  CHECK(read.source == "zhoushan.osm.pbf");
  CHECK(read.graph.finalized());
  REQUIRE(read.graph.node_count() == written.graph.node_count());
  REQUIRE(read.graph.edge_count() == written.graph.edge_count());
  for (knightsim::NodeId n = 0; n < written.graph.node_count(); ++n) {
    CHECK(read.graph.position(n) == written.graph.position(n));
  }
  for (std::size_t e = 0; e < written.graph.edge_count(); ++e) {
    const RoadEdge& a = written.graph.edges()[e];
    const RoadEdge& b = read.graph.edges()[e];
    CHECK(a.from == b.from);
    CHECK(a.to == b.to);
    CHECK(a.length_m == b.length_m);
    CHECK(a.road_class == b.road_class);
    CHECK(a.modes == b.modes);
    CHECK(a.flags == b.flags);
  }
  CHECK(read.graph.out_edges(3).size() == 2);
  // Statistics belong to an import, not to the file.
  CHECK(read.ways_used == 0);

  // Writing what was read gives the same bytes.
  knightsim::write_kmap(dir.file("again.kmap"), read);
  CHECK(slurp_bytes(dir / "again.kmap") == slurp_bytes(dir / "city.kmap"));
}

TEST_CASE("kmap files follow the documented layout") {
  ScratchDir dir("kmap");
  const ImportedMap map = sample_map();
  knightsim::write_kmap(dir.file("city.kmap"), map);
  const std::string bytes = slurp_bytes(dir / "city.kmap");
  const std::size_t nodes = map.graph.node_count(), edges = map.graph.edge_count();
  REQUIRE(bytes.size() == kSourceAt + map.source.size() + 16 * nodes + 15 * edges + 4);
  CHECK(bytes.substr(0, 4) == "KMAP");
  CHECK(get_u32(bytes, kVersionAt) == knightsim::kKmapFormatVersion);
  CHECK(bytes[kModeAt] == static_cast<char>(TravelMode::car));
  CHECK(get_u32(bytes, kNodeCountAt) == nodes);
  CHECK(get_u32(bytes, kNodeCountAt + 4) == edges);
  CHECK(get_u32(bytes, kNodeCountAt + 8) == map.source.size());
  CHECK(bytes.substr(kSourceAt, map.source.size()) == map.source);
  // The first edge's endpoints, right after the nodes.
  const std::size_t first_edge = kSourceAt + map.source.size() + 16 * nodes;
  CHECK(get_u32(bytes, first_edge) == map.graph.edges()[0].from);
  CHECK(get_u32(bytes, first_edge + 4) == map.graph.edges()[0].to);
  // A standard CRC-32 of everything before it.
  CHECK(get_u32(bytes, bytes.size() - 4) == crc32_of(bytes, bytes.size() - 4));
}

TEST_CASE("kmap round trip of an empty map") {
  ScratchDir dir("kmap");
  ImportedMap empty;
  empty.graph.finalize();
  knightsim::write_kmap(dir.file("empty.kmap"), empty);
  const ImportedMap read = knightsim::read_kmap(dir.file("empty.kmap"));
  CHECK(read.graph.node_count() == 0);
  CHECK(read.graph.edge_count() == 0);
  CHECK(read.source.empty());
}

TEST_CASE("read_kmap rejects damaged and foreign files, naming the file and the problem") {
  ScratchDir dir("kmap");
  knightsim::write_kmap(dir.file("city.kmap"), sample_map());
  const std::string good = slurp_bytes(dir / "city.kmap");
  const std::size_t first_edge = kSourceAt + 16 + 16 * 4;

  SUBCASE("a flipped byte in the nodes fails the checksum") {
    std::string bytes = good;
    bytes[kSourceAt + 16 + 3] ^= 0x10;
    const MapFileError error = read_error(dir, bytes);
    CHECK(error.object() == "checksum");
    CHECK(contains(error.what(), "damaged.kmap: checksum: mismatch"));
  }
  SUBCASE("a flipped byte in the checksum itself") {
    std::string bytes = good;
    bytes.back() ^= 0x01;
    CHECK(read_error(dir, bytes).object() == "checksum");
  }
  SUBCASE("truncated") {
    for (std::size_t keep : {good.size() - 1, good.size() / 2, kSourceAt + 4}) {
      CAPTURE(keep);
      const MapFileError error = read_error(dir, good.substr(0, keep));
      CHECK(contains(error.what(), "truncated"));
    }
  }
  SUBCASE("truncated inside the header") {
    CHECK(contains(read_error(dir, good.substr(0, 20)).what(), "header: truncated"));
  }
  SUBCASE("empty") {
    CHECK(contains(read_error(dir, "").what(), "damaged.kmap: empty file"));
  }
  SUBCASE("not a kmap file") {
    const MapFileError error = read_error(dir, "<?xml version='1.0'?>\n<osm></osm>\n");
    CHECK(error.object() == "header");
    CHECK(contains(error.what(), "not a .kmap file"));
    CHECK(read_error(dir, "KMA").object() == "header");
  }
  SUBCASE("a newer format version") {
    std::string bytes = good;
    put_u32(bytes, kVersionAt, knightsim::kKmapFormatVersion + 1);
    reseal(bytes);
    const MapFileError error = read_error(dir, bytes);
    CHECK(contains(error.what(),
                   "header: format version 2; this knightsim reads versions 1 to 1 "
                   "(written by a newer knightsim)"));
  }
  SUBCASE("version 0") {
    std::string bytes = good;
    put_u32(bytes, kVersionAt, 0);
    CHECK(contains(read_error(dir, bytes).what(), "format version 0"));
  }
  SUBCASE("counts that do not match the file's size") {
    std::string bytes = good;
    put_u32(bytes, kNodeCountAt, get_u32(bytes, kNodeCountAt) - 1);
    reseal(bytes);
    const MapFileError error = read_error(dir, bytes);
    CHECK(error.object() == "header");
    CHECK(contains(error.what(), "counts do not match the file: 3 nodes, 7 edges"));
  }
  SUBCASE("a node id out of range") {
    std::string bytes = good;
    put_u32(bytes, first_edge + 15 + 4, 4);  // the second edge's `to`
    reseal(bytes);
    const MapFileError error = read_error(dir, bytes);
    CHECK(error.object() == "edge 1");
    CHECK(contains(error.what(), "damaged.kmap: edge 1: node id 4 out of range (4 nodes)"));
  }
  SUBCASE("an unknown road class, modes or flags") {
    std::string bytes = good;
    bytes[first_edge + 12] = static_cast<char>(knightsim::kRoadClassCount);
    reseal(bytes);
    CHECK(contains(read_error(dir, bytes).what(), "edge 0: unknown road class 11"));
    bytes = good;
    bytes[first_edge + 15 + 13] = 0x08;
    reseal(bytes);
    CHECK(contains(read_error(dir, bytes).what(), "edge 1: unknown mode bits 0x08"));
    bytes = good;
    bytes[first_edge + 14] = 0x02;
    reseal(bytes);
    CHECK(contains(read_error(dir, bytes).what(), "edge 0: unknown flags 0x02"));
  }
  SUBCASE("an unknown travel mode") {
    std::string bytes = good;
    bytes[kModeAt] = 3;
    reseal(bytes);
    CHECK(contains(read_error(dir, bytes).what(), "header: unknown travel mode 3"));
  }
  SUBCASE("a negative length") {
    std::string bytes = good;
    bytes[first_edge + 11] =
        static_cast<char>(0x80 | static_cast<unsigned char>(bytes[first_edge + 11]));
    reseal(bytes);
    CHECK(contains(read_error(dir, bytes).what(), "edge 0: length"));
  }
  SUBCASE("a missing file") {
    CHECK_THROWS_AS(knightsim::read_kmap(dir.file("nowhere.kmap")), MapFileError);
  }
}

TEST_CASE("write_kmap is atomic: a failed write leaves nothing, a rewrite no temporaries") {
  ScratchDir dir("kmap");
  CHECK_THROWS_AS(knightsim::write_kmap(dir.file("no/such/dir/city.kmap"), sample_map()),
                  knightsim::OutputError);
  CHECK_FALSE(fs::exists(dir / "no"));
  knightsim::write_kmap(dir.file("city.kmap"), sample_map());
  knightsim::write_kmap(dir.file("city.kmap"), sample_map());
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    CHECK(entry.path().filename() == "city.kmap");
    ++files;
  }
  CHECK(files == 1);
}
