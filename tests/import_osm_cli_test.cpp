// knightsim import-osm as a user meets it: the summary, the .kmap it writes, exit codes, and
// nothing written when the input is bad.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_testing.hpp"
#include "knightsim/kmap_file.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;

namespace {

using knightsim::testing::CliResult;
using knightsim::testing::run_cli;
using knightsim::testing::ScratchDir;
using knightsim::testing::slurp;

std::string node_xml(int id, double lat, double lng) {
  char text[160];
  std::snprintf(text, sizeof text, "  <node id=\"%d\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\"/>\n",
                id, lat, lng);
  return text;
}

/// A block of four streets, 1-2-3-4-1, with a one-way spur 4 → 5 that no one can come back
/// from by bike or car (walkers can).
const std::string kBlockOsm =
    "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n" + node_xml(1, 43.730, 7.420) +
    node_xml(2, 43.730, 7.422) + node_xml(3, 43.732, 7.422) + node_xml(4, 43.732, 7.420) +
    node_xml(5, 43.733, 7.420) +
    "  <way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"4\"/><nd ref=\"1\"/>"
    "<tag k=\"highway\" v=\"residential\"/></way>\n"
    "  <way id=\"11\"><nd ref=\"4\"/><nd ref=\"5\"/>"
    "<tag k=\"highway\" v=\"service\"/><tag k=\"oneway\" v=\"yes\"/></way>\n"
    "</osm>\n";

const std::string kRiverOsm =
    "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n" + node_xml(1, 43.730, 7.420) +
    node_xml(2, 43.730, 7.422) +
    "  <way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"waterway\" v=\"river\"/></way>\n"
    "</osm>\n";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Only the fixtures and the captured output: no temporaries or partial maps.
void check_no_stray_files(const ScratchDir& dir, const std::vector<std::string>& expected) {
  for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
    if (entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    const bool known = name == "stdout.txt" || name == "stderr.txt" ||
                       std::find(expected.begin(), expected.end(), name) != expected.end();
    CHECK_MESSAGE(known, "unexpected file ", entry.path().string());
  }
}

}  // namespace

TEST_CASE("import-osm writes a .kmap and prints a summary") {
  ScratchDir dir("import-osm-cli");
  dir.write("block.osm", kBlockOsm);
  const CliResult r = run_cli("import-osm block.osm --out maps/block.kmap", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "Imported block.osm for bike"));
  CHECK(contains(r.out, "ways      2 read, 2 roads, 2 open to some mode"));
  CHECK(contains(r.out, "graph     5 nodes, 10 edges"));
  CHECK(contains(r.out, "kept      4 nodes, 8 edges"));
  CHECK(contains(r.out, "dropped   1 nodes, 2 edges"));
  CHECK(contains(r.out, "from (500 m, 500 m)"));
  CHECK(contains(r.out, "Wrote maps/block.kmap ("));
  const knightsim::ImportedMap map = knightsim::read_kmap(dir.file("maps/block.kmap"));
  CHECK(map.graph.node_count() == 4);
  CHECK(map.graph.edge_count() == 8);
  CHECK(map.mode == knightsim::TravelMode::bike);
  CHECK(map.source == "block.osm");
  check_no_stray_files(dir, {"block.osm", "block.kmap"});
}

TEST_CASE("import-osm --mode and --margin-m") {
  ScratchDir dir("import-osm-cli");
  dir.write("block.osm", kBlockOsm);
  const CliResult r = run_cli("import-osm block.osm --out foot.kmap --mode foot --margin-m 0", dir);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "for foot"));
  CHECK(contains(r.out, "from (0 m, 0 m)"));
  const knightsim::ImportedMap map = knightsim::read_kmap(dir.file("foot.kmap"));
  CHECK(map.mode == knightsim::TravelMode::foot);
  CHECK(map.graph.node_count() == 5);  // walkers come back from the spur
}

TEST_CASE("import-osm: bad input exits 2 naming the file, and writes nothing") {
  ScratchDir dir("import-osm-cli");
  dir.write("river.osm", kRiverOsm);
  SUBCASE("missing file") {
    const CliResult r = run_cli("import-osm missing.osm --out city.kmap", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "knightsim: missing.osm: no such file\n");
    CHECK(r.out.empty());
  }
  SUBCASE("no roads") {
    const CliResult r = run_cli("import-osm river.osm --out city.kmap", dir);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "knightsim: river.osm: roads: none of its 1 ways is a road"));
  }
  SUBCASE("malformed XML") {
    dir.write("broken.osm", kBlockOsm.substr(0, kBlockOsm.size() / 2));
    const CliResult r = run_cli("import-osm broken.osm --out city.kmap", dir);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "knightsim: broken.osm: cannot read OpenStreetMap data"));
  }
  CHECK_FALSE(fs::exists(dir / "city.kmap"));
  check_no_stray_files(dir, {"river.osm", "broken.osm"});
}

TEST_CASE("import-osm: a failed import leaves an existing map as it was") {
  ScratchDir dir("import-osm-cli");
  dir.write("river.osm", kRiverOsm);
  dir.write("city.kmap", "the previous map");
  const CliResult r = run_cli("import-osm river.osm --out city.kmap", dir);
  CHECK(r.exit_code == 2);
  CHECK(slurp(dir / "city.kmap") == "the previous map");
}

TEST_CASE("import-osm usage errors exit 2") {
  ScratchDir dir("import-osm-cli");
  dir.write("block.osm", kBlockOsm);
  const auto check_usage = [&](const std::string& args, const std::string& message) {
    CAPTURE(args);
    const CliResult r = run_cli("import-osm " + args, dir);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, message));
  };
  check_usage("--out city.kmap", "FILE is required");
  check_usage("block.osm", "--out is required");
  check_usage("block.osm --out city.map", "must end in .kmap");
  check_usage("block.osm --out city.kmap --mode plane", "--mode plane: must be bike, car or foot");
  check_usage("block.osm --out city.kmap --margin-m=-5", "--margin-m must be");
  check_usage("block.osm --out city.kmap --colour red", "unrecognised option");
  CHECK_FALSE(fs::exists(dir / "city.kmap"));

  const CliResult help = run_cli("import-osm --help", dir);
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "Usage: knightsim import-osm FILE --out MAP.kmap"));
  CHECK(contains(run_cli("--help", dir).out, "import-osm FILE --out MAP.kmap"));
}
