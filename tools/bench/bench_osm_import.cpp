// Benchmark: OpenStreetMap import and .kmap round trip for one extract.
//
//   knightsim_bench_osm_import FILE [--mode bike|car|foot] [--reps N]
//
// Times import_osm (both osmium passes, the largest component and the projection), write_kmap
// and read_kmap, each N times, and prints the median and fastest wall time with the process
// CPU time of the median run (osmium decodes PBF blocks on a thread pool, so CPU may exceed
// wall), the map's size, and the peak RSS. The machines this runs on are often shared: quote
// medians, and rerun before quoting.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "knightsim/kmap_file.hpp"
#include "knightsim/osm_import.hpp"

using namespace knightsim;

namespace {

struct Timing {
  double median_s = 0.0, fastest_s = 0.0, median_cpu_s = 0.0;
};

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

Timing time_runs(int reps, const std::function<void()>& run) {
  std::vector<std::pair<double, double>> runs;  // wall, cpu
  for (int i = 0; i < reps; ++i) {
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    runs.emplace_back(wall, cpu_seconds() - cpu_start);
  }
  std::sort(runs.begin(), runs.end());
  const auto& median = runs[runs.size() / 2];
  return {median.first, runs.front().first, median.second};
}

void print_timing(const char* what, const Timing& t) {
  std::printf("%-14s median %8.1f ms   fastest %8.1f ms   cpu %8.1f ms\n", what, t.median_s * 1e3,
              t.fastest_s * 1e3, t.median_cpu_s * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [--mode bike|car|foot] [--reps N]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  OsmImportOptions options;
  int reps = 5;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--mode" && parse_travel_mode(value, options.mode)) continue;
    if (flag == "--reps" && (reps = std::atoi(value.c_str())) > 0) continue;
    std::fprintf(stderr, "bad option %s %s\n", flag.c_str(), value.c_str());
    return 2;
  }
  try {
    ImportedMap map;
    const Timing import_time = time_runs(reps, [&] { map = import_osm(path, options); });
    const std::string kmap_path =
        (std::filesystem::temp_directory_path() / ("knightsim-bench-" + map.source + ".kmap"))
            .string();
    const Timing write_time = time_runs(reps, [&] { write_kmap(kmap_path, map); });
    ImportedMap read;
    const Timing read_time = time_runs(reps, [&] { read = read_kmap(kmap_path); });
    const auto kmap_bytes = std::filesystem::file_size(kmap_path);
    std::filesystem::remove(kmap_path);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const RoadGraph& g = map.graph;
    const Point low = g.min_corner(), high = g.max_corner();
    std::printf("file           %s (%.1f kB), mode %s, %d reps\n", path.c_str(),
                static_cast<double>(std::filesystem::file_size(path)) / 1e3, to_string(map.mode),
                reps);
    std::printf("ways           %zu read, %zu roads, %zu used\n", map.ways_read, map.highway_ways,
                map.ways_used);
    std::printf("graph          %zu nodes, %zu edges before the largest component\n",
                map.nodes_before_component, map.edges_before_component);
    std::printf("kept           %zu nodes, %zu edges; %.1f km x %.1f km\n", g.node_count(),
                g.edge_count(), (high.x_m - low.x_m) / 1e3, (high.y_m - low.y_m) / 1e3);
    std::printf(".kmap          %.1f kB\n", static_cast<double>(kmap_bytes) / 1e3);
    print_timing("import_osm", import_time);
    print_timing("write_kmap", write_time);
    print_timing("read_kmap", read_time);
    std::printf("max RSS        %.1f MB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    if (read.graph.edge_count() != g.edge_count()) {
      std::fprintf(stderr, "read back %zu edges, wrote %zu\n", read.graph.edge_count(),
                   g.edge_count());
      return 1;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
  return 0;
}
