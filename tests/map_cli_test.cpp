// knightsim on maps: runs on an imported OpenStreetMap file and on an island map write
// zones.csv and the ferry and zone figures; bad maps exit 2 naming file, line and object, with
// nothing written.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_testing.hpp"
#include "map_town_testing.hpp"
#include "scratch_dir.hpp"

using knightsim::testing::run_cli;
using knightsim::testing::ScratchDir;
using knightsim::testing::slurp;

namespace {

constexpr const char* kTownScenario = R"(name: town
start: "2026-06-17 11:00"
duration: 1h
map:
  file: town.osm
stations:
  - {name: hub, lat: 30.006, lon: 122.006}
merchants:
  - {category: restaurant, count: 10}
demand:
  orders_per_hour: 60
  hourly_profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}
riders:
  fleets:
    - {name: crew, count: 6, shift_start: "10:00", shift_end: "14:00", station: hub}
)";

// Two islands about 6 km apart and a ferry every half hour.
constexpr const char* kIslandScenario = R"(name: islands
start: "2026-06-17 11:00"
duration: 2h
map:
  roads: {layout: grid, block_m: 250}
  islands:
    - {name: West, ellipse: {centre: [30.0, 122.0], extent_km: [4, 3]}, population: 30000}
    - {name: East, ellipse: {centre: [30.0, 122.08], extent_km: [4, 3]}, population: 10000}
  ferries:
    - name: shuttle
      from: {island: West, pier: [30.0, 122.019]}
      to: {island: East, pier: [30.0, 122.061]}
      vessel: conventional
      crossing: 15min
      departures_from: {every: 30min, first: "06:00", last: "22:00"}
      departures_to: {every: 30min, first: "06:15", last: "22:15"}
stations:
  - {name: west, lat: 30.0, lon: 122.0}
  - {name: east, lat: 30.0, lon: 122.08}
merchants:
  - {category: restaurant, count: 12}
demand:
  orders_per_hour: 60
  hourly_profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}
riders:
  fleets:
    - {name: west crew, count: 5, shift_start: "10:00", shift_end: "14:00", station: west}
    - {name: east crew, count: 2, shift_start: "10:00", shift_end: "14:00", station: east}
weather:
  marine:
    - {at: "12:00", region: East, wind_force: 9}
)";

}  // namespace

TEST_CASE("knightsim run on an imported OpenStreetMap file writes compass zones") {
  const ScratchDir dir("map-cli");
  dir.write("town.osm", knightsim::testing::osm_town_xml(12, 3));
  dir.write("town.yaml", kTownScenario);
  const auto result = run_cli("run town.yaml --out out", dir);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string zones = slurp(dir.path / "out" / "zones.csv");
  CHECK(zones.rfind("zone,orders,delivered,cancelled,on_time_rate,", 0) == 0);
  CHECK(zones.find("\nC,") != std::string::npos);
  const std::string summary = slurp(dir.path / "out" / "summary.json");
  CHECK(summary.find("\"zones\": {") != std::string::npos);
  CHECK(result.out.find("BY ISLAND") == std::string::npos);  // no islands here
}

TEST_CASE("knightsim run on an island map reports islands and ferries") {
  const ScratchDir dir("map-cli");
  dir.write("islands.yaml", kIslandScenario);
  const auto result = run_cli("run islands.yaml --out out", dir);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("BY ISLAND") != std::string::npos);
  CHECK(result.out.find("FERRIES") != std::string::npos);
  const std::string zones = slurp(dir.path / "out" / "zones.csv");
  CHECK(zones.find("\nWest,") != std::string::npos);
  CHECK(zones.find("\nEast,") != std::string::npos);
  const std::string summary = slurp(dir.path / "out" / "summary.json");
  CHECK(summary.find("\"cancelled_sailings\": ") != std::string::npos);
  CHECK(summary.find("\"cancelled_sailings\": 0,") == std::string::npos);  // the wind at noon
  CHECK(summary.find("\"wait_min\": {") != std::string::npos);
}

TEST_CASE("bad maps exit 2 naming file, line and object, and write nothing") {
  const ScratchDir dir("map-cli");
  auto expect_refused = [&](const std::string& name, const std::string& text,
                            const std::string& message) {
    CAPTURE(name);
    dir.write(name, text);
    const auto result = run_cli("run " + name + " --out out-" + name, dir);
    CHECK(result.exit_code == 2);
    CHECK_MESSAGE(result.err.find(message) != std::string::npos, result.err);
    CHECK_FALSE(std::filesystem::exists(dir.path / ("out-" + name)));
  };
  std::string unknown_island = kIslandScenario;
  unknown_island.replace(unknown_island.find("island: East, pier"), 12, "island: Eest");
  expect_refused("unknown-island.yaml", unknown_island,
                 "unknown-island.yaml:12:20: map.ferries[0].to.island: unknown island 'Eest'");

  std::string out_of_order = kIslandScenario;
  const std::string every = R"(departures_to: {every: 30min, first: "06:15", last: "22:15"})";
  out_of_order.replace(out_of_order.find(every), every.size(),
                       R"(departures_to: ["09:00", "08:00"])");
  expect_refused("out-of-order.yaml", out_of_order, "map.ferries[0].departures_to");

  dir.write("empty.osm", "");
  std::string empty = kTownScenario;
  empty.replace(empty.find("town.osm"), 8, "empty.osm");
  expect_refused("empty-map.yaml", empty, "empty-map.yaml:5:9: map.file: ");

  // Only footways: nothing a car may use.
  std::string footways = knightsim::testing::osm_town_xml(4, 1);
  for (std::size_t at = 0; (at = footways.find("v=\"residential\"", at)) != std::string::npos;) {
    footways.replace(at, 15, "v=\"footway\"");
  }
  for (std::size_t at = 0; (at = footways.find("v=\"primary\"", at)) != std::string::npos;) {
    footways.replace(at, 11, "v=\"footway\"");
  }
  for (std::size_t at = 0; (at = footways.find("v=\"motorway\"", at)) != std::string::npos;) {
    footways.replace(at, 12, "v=\"footway\"");
  }
  dir.write("paths.osm", footways);
  std::string cars = kTownScenario;
  cars.replace(cars.find("town.osm"), 8, "paths.osm");
  cars.replace(cars.find("station: hub}"), 13, "station: hub, mode: car}");
  expect_refused("no-roads.yaml", cars, "paths.osm");

  std::string sea_station = kIslandScenario;
  sea_station.replace(sea_station.find("lat: 30.0, lon: 122.08}"), 23, "lat: 30.0, lon: 122.04}");
  expect_refused("sea-station.yaml", sea_station, "stations[1]: is in the sea");
}

TEST_CASE("knightsim compare takes per-island metrics of the scenarios' own islands") {
  const ScratchDir dir("map-cli");
  dir.write("islands.yaml", kIslandScenario);
  const auto result = run_cli(
      "compare islands.yaml islands.yaml --reps 2 --set-b riders.fleets[1].count=4 "
      "--metrics zones.East.on_time_rate,zones.West.orders --out cmp --quiet",
      dir);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const std::string csv = slurp(dir.path / "cmp" / "compare.csv");
  CHECK(csv.find("zones.East.on_time_rate") != std::string::npos);
  CHECK(csv.find("zones.West.orders") != std::string::npos);

  const auto unknown = run_cli(
      "compare islands.yaml islands.yaml --reps 2 --metrics zones.Eats.orders --out bad", dir);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("unknown metric 'zones.Eats.orders'") != std::string::npos);
  CHECK(unknown.err.find("zones.East.orders") != std::string::npos);  // did you mean
  CHECK_FALSE(std::filesystem::exists(dir.path / "bad"));
}
