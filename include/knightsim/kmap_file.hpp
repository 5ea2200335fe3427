#pragma once
/// The .kmap file: an imported road map in a compact, versioned, checksummed binary form, so a
/// scenario loads a city in milliseconds instead of re-importing its OSM extract. Layout
/// (all little-endian; documented in docs/maps.md):
///
///   "KMAP"  u32 version
///   f64 origin_lat_deg  f64 origin_lng_deg  u8 mode  u8[3] zero
///   u32 node_count  u32 edge_count  u32 source_length  source bytes
///   node_count × (f64 x_m, f64 y_m)
///   edge_count × (u32 from, u32 to, f32 length_m, u8 road_class, u8 modes, u8 flags)
///   u32 CRC-32 (zlib's) of every byte before it
///
/// Front-end code (knightsim_io).

#include <cstdint>
#include <string>

#include "knightsim/osm_import.hpp"

namespace knightsim {

/// The format version this build writes, and the newest it reads.
inline constexpr std::uint32_t kKmapFormatVersion = 1;

/// Writes `map` (graph finalized) to `path` atomically: a temporary file renamed into place.
/// Throws OutputError (output_writers.hpp) if it cannot.
void write_kmap(const std::string& path, const ImportedMap& map);

/// Reads a .kmap file: the graph (finalized, edges in the order written), origin, mode and
/// source; import statistics are zero. Throws MapFileError naming the file and what is wrong:
/// not a .kmap (magic), a newer format version, truncated, checksum mismatch, counts that do
/// not match the file's size, node ids out of range, unknown classes, modes or flags.
ImportedMap read_kmap(const std::string& path);

}  // namespace knightsim
