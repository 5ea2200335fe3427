// .kmap files: writing (atomic) and reading with every check of kmap_file.hpp. Bytes are put
// and taken one by one in little-endian order, so files are the same on every machine.
//
// Positions are stored as f64 metres rather than f32: a read gives back the graph exactly
// (an f32 x of 20 km is only good to 2 mm, enough to shift a node off the straight line its
// edge length was measured on, and the router relies on lengths never being shorter than the
// distance between their ends). Nodes are a third of a file's size; see docs/maps.md.
#include "knightsim/kmap_file.hpp"

#include <zlib.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "knightsim/output_writers.hpp"

namespace knightsim {
namespace {

constexpr std::string_view kMagic = "KMAP";
/// magic, version, origin, mode + 3 reserved bytes, node and edge counts, source length.
constexpr std::uint64_t kFixedHeaderBytes = 4 + 4 + 8 + 8 + 1 + 3 + 4 + 4 + 4;
constexpr std::uint64_t kNodeBytes = 8 + 8;
constexpr std::uint64_t kEdgeBytes = 4 + 4 + 4 + 1 + 1 + 1;
constexpr std::uint64_t kChecksumBytes = 4;
constexpr std::uint8_t kKnownEdgeFlags = kEdgeBridge;

std::uint32_t crc32_of(std::string_view bytes) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // zlib takes lengths as uInt: feed large buffers in slices.
  while (!bytes.empty()) {
    const std::size_t slice = std::min<std::size_t>(bytes.size(), 1u << 30);
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(slice));
    bytes.remove_prefix(slice);
  }
  return static_cast<std::uint32_t>(crc);
}

class ByteWriter {
 public:
  void u8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void u32(std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) u8(static_cast<std::uint8_t>(value >> shift));
  }
  void u64(std::uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8) u8(static_cast<std::uint8_t>(value >> shift));
  }
  void f32(float value) { u32(std::bit_cast<std::uint32_t>(value)); }
  void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
  void raw(std::string_view text) { bytes_.append(text); }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

/// Reads from a buffer whose size the caller has already checked against what it reads.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes_[position_++]); }
  std::uint32_t u32() {
    std::uint32_t value = 0;
    for (int shift = 0; shift < 32; shift += 8) value |= std::uint32_t{u8()} << shift;
    return value;
  }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 8) value |= std::uint64_t{u8()} << shift;
    return value;
  }
  float f32() { return std::bit_cast<float>(u32()); }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string_view raw(std::size_t count) {
    const std::string_view text = bytes_.substr(position_, count);
    position_ += count;
    return text;
  }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

std::string read_whole_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw MapFileError(path, "", "is a directory");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw MapFileError(path, "", errno != 0 ? std::strerror(errno) : "cannot open the file");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw MapFileError(path, "", "read error");
  return std::move(bytes).str();
}

}  // namespace

void write_kmap(const std::string& path, const ImportedMap& map) {
  const RoadGraph& graph = map.graph;
  if (graph.edge_count() > std::numeric_limits<std::uint32_t>::max()) {
    throw OutputError(fmt::format("cannot write {}: {} edges is more than a .kmap holds", path,
                                  graph.edge_count()));
  }
  ByteWriter out;
  out.raw(kMagic);
  out.u32(kKmapFormatVersion);
  out.f64(map.origin_lat_deg);
  out.f64(map.origin_lng_deg);
  out.u8(static_cast<std::uint8_t>(map.mode));
  for (int i = 0; i < 3; ++i) out.u8(0);
  out.u32(static_cast<std::uint32_t>(graph.node_count()));
  out.u32(static_cast<std::uint32_t>(graph.edge_count()));
  out.u32(static_cast<std::uint32_t>(map.source.size()));
  out.raw(map.source);
  for (const Point& p : graph.positions()) {
    out.f64(p.x_m);
    out.f64(p.y_m);
  }
  for (const RoadEdge& edge : graph.edges()) {
    out.u32(edge.from);
    out.u32(edge.to);
    out.f32(edge.length_m);
    out.u8(static_cast<std::uint8_t>(edge.road_class));
    out.u8(edge.modes);
    out.u8(edge.flags);
  }
  out.u32(crc32_of(out.bytes()));
  write_file_atomically(path, [&](std::ostream& stream) {
    stream.write(out.bytes().data(), static_cast<std::streamsize>(out.bytes().size()));
  });
}

ImportedMap read_kmap(const std::string& path) {
  const std::string bytes = read_whole_file(path);
  const std::uint64_t size = bytes.size();
  if (size == 0) throw MapFileError(path, "", "empty file");
  if (size < 8 || std::string_view(bytes).substr(0, 4) != kMagic) {
    throw MapFileError(path, "header", "not a .kmap file (it does not start with \"KMAP\")");
  }
  ByteReader in(bytes);
  in.raw(4);
  const std::uint32_t version = in.u32();
  if (version == 0 || version > kKmapFormatVersion) {
    throw MapFileError(
        path, "header",
        fmt::format("format version {}; this knightsim reads versions 1 to {}{}", version,
                    kKmapFormatVersion,
                    version > kKmapFormatVersion ? " (written by a newer knightsim)" : ""));
  }
  if (size < kFixedHeaderBytes + kChecksumBytes) {
    throw MapFileError(path, "header",
                       fmt::format("truncated: {} bytes, shorter than the header", size));
  }
  ImportedMap map;
  map.origin_lat_deg = in.f64();
  map.origin_lng_deg = in.f64();
  const std::uint8_t mode = in.u8();
  in.raw(3);  // reserved
  const std::uint32_t node_count = in.u32();
  const std::uint32_t edge_count = in.u32();
  const std::uint32_t source_length = in.u32();
  // u32 counts cannot overflow this u64 sum.
  const std::uint64_t expected_size = kFixedHeaderBytes + source_length + node_count * kNodeBytes +
                                      edge_count * kEdgeBytes + kChecksumBytes;

  const std::string_view body = std::string_view(bytes).substr(0, size - kChecksumBytes);
  const std::uint32_t stored_crc =
      ByteReader(std::string_view(bytes).substr(size - kChecksumBytes)).u32();
  if (crc32_of(body) != stored_crc) {
    if (size < expected_size) {
      throw MapFileError(path, "",
                         fmt::format("truncated: {} bytes, but its header calls for {} ({} "
                                     "nodes, {} edges), or the header is damaged",
                                     size, expected_size, node_count, edge_count));
    }
    throw MapFileError(path, "checksum",
                       "mismatch: the file is damaged (its CRC-32 does not match its contents)");
  }
  if (size != expected_size) {
    throw MapFileError(path, "header",
                       fmt::format("counts do not match the file: {} nodes, {} edges and a "
                                   "{}-byte source name make {} bytes, the file has {}",
                                   node_count, edge_count, source_length, expected_size, size));
  }
  if (mode >= kTravelModeCount) {
    throw MapFileError(path, "header", fmt::format("unknown travel mode {}", mode));
  }
  map.mode = static_cast<TravelMode>(mode);
  if (!std::isfinite(map.origin_lat_deg) || !std::isfinite(map.origin_lng_deg) ||
      std::abs(map.origin_lat_deg) > 90.0 || std::abs(map.origin_lng_deg) > 180.0) {
    throw MapFileError(path, "header",
                       fmt::format("origin ({}, {}) is not a latitude and longitude",
                                   map.origin_lat_deg, map.origin_lng_deg));
  }
  map.source = std::string(in.raw(source_length));

  for (std::uint32_t n = 0; n < node_count; ++n) {
    const double x_m = in.f64(), y_m = in.f64();
    if (!std::isfinite(x_m) || !std::isfinite(y_m)) {
      throw MapFileError(path, fmt::format("node {}", n), "position is not a finite number");
    }
    map.graph.add_node({x_m, y_m});
  }
  for (std::uint32_t e = 0; e < edge_count; ++e) {
    const std::uint32_t from = in.u32(), to = in.u32();
    const float length_m = in.f32();
    const std::uint8_t road_class = in.u8(), modes = in.u8(), flags = in.u8();
    const auto fail = [&](const std::string& message) {
      throw MapFileError(path, fmt::format("edge {}", e), message);
    };
    if (from >= node_count || to >= node_count) {
      fail(fmt::format("node id {} out of range ({} nodes)", from >= node_count ? from : to,
                       node_count));
    }
    if (!std::isfinite(length_m) || length_m < 0.0f) {
      fail(fmt::format("length {} m is not a finite non-negative number", length_m));
    }
    if (road_class >= kRoadClassCount) fail(fmt::format("unknown road class {}", road_class));
    if ((modes & ~kAllModes) != 0) fail(fmt::format("unknown mode bits {:#04x}", modes));
    if ((flags & ~kKnownEdgeFlags) != 0) fail(fmt::format("unknown flags {:#04x}", flags));
    map.graph.add_edge(from, to, static_cast<RoadClass>(road_class), modes, flags, length_m);
  }
  map.graph.finalize();
  return map;
}

}  // namespace knightsim
