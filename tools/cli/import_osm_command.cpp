// knightsim import-osm: an OpenStreetMap extract to a .kmap file, with a short summary.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "knightsim/kmap_file.hpp"
#include "knightsim/osm_import.hpp"
#include "knightsim/output_writers.hpp"
#include "options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace knightsim::cli {
namespace {

std::string format_degrees(double degrees, char positive, char negative) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f°%c", std::abs(degrees), degrees < 0 ? negative : positive);
  return text;
}

std::string format_bytes(std::uintmax_t bytes) {
  char text[32];
  if (bytes < 10'000) {
    std::snprintf(text, sizeof text, "%ju bytes", bytes);
  } else if (bytes < 10'000'000) {
    std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  }
  return text;
}

void print_summary(const ImportedMap& map, const std::string& input, double import_s) {
  const RoadGraph& graph = map.graph;
  const char* mode = to_string(map.mode);
  std::printf("Imported %s for %s in %.2f s\n", input.c_str(), mode, import_s);
  std::printf("  ways      %zu read, %zu roads, %zu open to some mode\n", map.ways_read,
              map.highway_ways, map.ways_used);
  std::printf("  nodes     %zu read for those roads", map.nodes_read);
  if (map.missing_node_refs > 0) {
    std::printf(" (%zu references to nodes not in the file)", map.missing_node_refs);
  }
  std::printf("\n  graph     %zu nodes, %zu edges\n", map.nodes_before_component,
              map.edges_before_component);
  std::printf("  kept      %zu nodes, %zu edges: the largest strongly connected component for %s\n",
              graph.node_count(), graph.edge_count(), mode);
  std::printf("  dropped   %zu nodes, %zu edges\n", map.nodes_before_component - graph.node_count(),
              map.edges_before_component - graph.edge_count());
  const Point low = graph.min_corner(), high = graph.max_corner();
  std::printf("  extent    %.2f km east-west x %.2f km north-south, from (%.0f m, %.0f m)\n",
              (high.x_m - low.x_m) / 1000.0, (high.y_m - low.y_m) / 1000.0, low.x_m, low.y_m);
  std::printf("  origin    (0, 0) is at %s %s\n",
              format_degrees(map.origin_lat_deg, 'N', 'S').c_str(),
              format_degrees(map.origin_lng_deg, 'E', 'W').c_str());
}

}  // namespace

int import_osm_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim import-osm FILE --out MAP.kmap [options]\n"
      "Imports the roads of an OpenStreetMap extract (FILE: .osm, .osm.gz, .osm.bz2 or\n"
      ".osm.pbf), keeps the largest part every place of which can reach every other for the\n"
      "travel mode, projects it to metres and writes it as a .kmap file for scenarios' `map:`.\n"
      "Exit code 0 on success, 2 if FILE is unreadable or has no usable roads (nothing is\n"
      "written).\n\nOptions");
  std::string input, out_path, mode_name = "bike";
  double margin_m = 500.0;
  options.add_options()("help,h", "show this help")(
      "out,o", po::value(&out_path)->value_name("FILE"), "the .kmap file to write (required)")(
      "mode", po::value(&mode_name)->value_name("MODE"),
      "bike, car or foot: whose connected roads to keep (default bike)")(
      "margin-m", po::value(&margin_m)->value_name("METRES"),
      "distance of the roads' south-west corner from the plane's (0, 0) (default 500)")(
      "input", po::value(&input), "OpenStreetMap file (positional)");
  po::positional_options_description positional;
  positional.add("input", 1);
  const auto values = parse_options("import-osm", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const auto usage_error = [](const std::string& message) {
    std::fprintf(stderr, "knightsim import-osm: %s\nTry 'knightsim import-osm --help'.\n",
                 message.c_str());
    return kExitBadInput;
  };
  if (input.empty()) return usage_error("FILE is required");
  if (out_path.empty()) return usage_error("--out is required");
  if (!fs::path(out_path).filename().string().ends_with(".kmap")) {
    return usage_error("--out " + out_path + ": must end in .kmap (maps are known by extension)");
  }
  OsmImportOptions import_options;
  if (!parse_travel_mode(mode_name, import_options.mode)) {
    return usage_error("--mode " + mode_name + ": must be bike, car or foot");
  }
  if (!std::isfinite(margin_m) || margin_m < 0.0) {
    return usage_error("--margin-m must be a number of metres, 0 or more");
  }
  import_options.margin_m = margin_m;

  const auto started = std::chrono::steady_clock::now();
  ImportedMap map;
  try {
    map = import_osm(input, import_options);
  } catch (const MapFileError& error) {
    std::fprintf(stderr, "knightsim: %s\n", error.what());
    return kExitBadInput;
  }
  const double import_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_summary(map, input, import_s);

  try {
    const fs::path parent = fs::path(out_path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    write_kmap(out_path, map);
  } catch (const fs::filesystem_error& error) {
    std::fprintf(stderr, "knightsim import-osm: cannot create %s: %s\n",
                 fs::path(out_path).parent_path().c_str(), error.code().message().c_str());
    return kExitFailure;
  } catch (const OutputError& error) {
    std::fprintf(stderr, "knightsim import-osm: %s\n", error.what());
    return kExitFailure;
  }
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(out_path, ec);
  std::printf("Wrote %s (%s)\n", out_path.c_str(),
              ec ? "size unknown" : format_bytes(size).c_str());
  return kExitOk;
}

}  // namespace knightsim::cli
