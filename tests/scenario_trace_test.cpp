// The scenario's `trace:` section: paths (relative to the scenario, or to the current directory
// from --set), vehicles, what a trace makes optional, the city it sizes, and where its
// problems are reported.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_testing.hpp"
#include "knightsim/scenario_loader.hpp"
#include "scenario_loader_testing.hpp"
#include "trace_testing.hpp"

using namespace knightsim;
using namespace knightsim::loader_testing;
using namespace knightsim::trace_testing;

namespace {

/// A scratch directory holding the fixture logs as orders.csv and couriers.csv.
struct TraceDir : TraceTempDir {
  std::string orders = write("orders.csv", kOrdersCsv);
  std::string couriers = write("couriers.csv", kCouriersCsv);

  /// Loads `yaml` written as scenario.yaml here.
  ScenarioLoadResult load_here(const std::string& yaml,
                               const std::vector<ScenarioOverride>& overrides = {}) const {
    return load_scenario_file(write("scenario.yaml", yaml), overrides);
  }
  std::string scenario() const { return (path / "scenario.yaml").string(); }
};

std::string brief_all(const ScenarioLoadResult& result) {
  return all_brief(result.problems);
}

}  // namespace

TEST_CASE("scenario trace: a name and a trace are a whole scenario") {
  const TraceDir dir;
  const auto result = dir.load_here(
      "name: logged\ntrace:\n  orders: orders.csv\n"
      "  couriers: couriers.csv\n");
  INFO(brief_all(result));
  REQUIRE(result.ok());
  const ScenarioSpec& spec = *result.spec;
  CHECK(spec.trace.enabled());
  CHECK(spec.trace.orders_path == "orders.csv");  // as written, for reports
  CHECK(spec.trace.couriers_path == "couriers.csv");
  REQUIRE(spec.trace.orders.size() == 4);
  CHECK(spec.trace.orders[0].id == "10");
  CHECK(spec.trace.orders[3].ready_ms == kMsPerDay + 5 * kMsPerMinute);
  REQUIRE(spec.trace.couriers.size() == 2);
  CHECK(spec.trace.couriers[1].start.x_m == doctest::Approx(500.0));
  CHECK(spec.trace.origin_lat_deg == doctest::Approx(7.0 - 500.0 / 111195.08));
  CHECK(spec.trace.origin_lng_deg < -73.2);
  // The city is the trace's: 12 km east-west and 21 km north-south of positions, plus 500 m
  // on each side.
  CHECK(spec.city.width_m == doctest::Approx(14245.0).epsilon(0.001));
  CHECK(spec.city.height_m == doctest::Approx(22128.0).epsilon(0.001));
  // No merchants, stations or fleets are needed.
  CHECK(spec.merchants.empty());
  CHECK(spec.riders.fleets.empty());
  // The documented default vehicles.
  REQUIRE(spec.trace.vehicles.size() == 4);
  const TraceVehicle expected[] = {
      {"motorcycle", 23.0, 3}, {"bicycle", 14.0, 2}, {"car", 18.0, 4}, {"walking", 5.0, 1}};
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(spec.trace.vehicles[i].name == expected[i].name);
    CHECK(spec.trace.vehicles[i].speed_kmh == expected[i].speed_kmh);
    CHECK(spec.trace.vehicles[i].capacity == expected[i].capacity);
  }
}

TEST_CASE("scenario trace: the other sections are still read and checked when given") {
  const TraceDir dir;
  const std::string with_trace = std::string(kMinimal) + "trace: {orders: " + dir.orders +
                                 ", couriers: " + dir.couriers + "}\n";
  const auto result = load(with_trace);
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.spec->merchants.size() == 1);
  CHECK(result.spec->riders.fleets.size() == 1);
  CHECK(has_problem(load(with_trace, {{"riders.fleets[0].capacity", "0"}}),
                    "--set: riders.fleets[0].capacity: must be between 1 and 20"));
  CHECK(load(with_trace, {{"riders.fleets", "[]"}, {"merchants", "[]"}}).ok());

  // An empty `trace:` is no trace: then fleets and merchants are needed again.
  const auto empty = load("name: x\ntrace:\n");
  CHECK(has_problem(empty, "riders.fleets: at least one fleet is needed"));
  CHECK(has_problem(empty, "merchants: at least one merchant is needed"));
}

TEST_CASE("scenario trace: the city's size comes from the trace, block_m is checked against it") {
  const TraceDir dir;
  const std::string one_place =
      dir.write("one.csv", std::string(kTraceOrdersHeader) +
                               "\n1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n");
  const std::string here = dir.write(
      "here.csv", std::string(kTraceCouriersHeader) + "\na,car,7.1,-73.1,08:00:00,16:00:00\n");
  const std::string text =
      "name: small\ncity:\n  width_m: 9000\n  height_m: 9000\n"
      "  block_m: 1500\ntrace: {orders: " +
      one_place + ", couriers: " + here + "}\n";
  const auto result = load(text);
  INFO(all_problems(result));
  REQUIRE(result.problems.size() == 1);  // fine for 9 km, too coarse for the trace's 1 km
  CHECK(result.problems[0].format() ==
        "x.yaml:5:12: city.block_m: must be <= the sides of the city the trace needs (1000 m)");
  const auto fixed = load(text, {{"city.block_m", "100"}});
  REQUIRE(fixed.ok());
  CHECK(fixed.spec->city.width_m == 1000.0);
  CHECK(fixed.spec->city.height_m == 1000.0);
  CHECK(fixed.spec->trace.orders[0].pickup.x_m == doctest::Approx(500.0));
}

TEST_CASE("scenario trace: vehicles change the defaults or add new ones") {
  TraceDir dir;
  dir.couriers = dir.write("couriers.csv", std::string(kTraceCouriersHeader) +
                                               "\na,scooter,7.1,-73.1,08:00:00,16:00:00\n");
  const std::string base = "name: v\ntrace:\n  orders: orders.csv\n  couriers: couriers.csv\n";
  const auto unknown = dir.load_here(base);
  REQUIRE(unknown.problems.size() == 1);
  CHECK(unknown.problems[0].file == dir.couriers);
  CHECK(brief(unknown.problems[0]) ==
        "couriers.csv:2:3: vehicle: unknown vehicle 'scooter' (one of: motorcycle, bicycle, car, "
        "walking); vehicles are defined under trace.vehicles");

  const auto result = dir.load_here(base +
                                    "  vehicles:\n    motorcycle: {speed_kmh: 30}\n"
                                    "    scooter: {speed_kmh: 20, capacity: 2}\n");
  INFO(brief_all(result));
  REQUIRE(result.ok());
  const std::vector<TraceVehicle>& vehicles = result.spec->trace.vehicles;
  REQUIRE(vehicles.size() == 5);
  CHECK(vehicles[0].name == "motorcycle");
  CHECK(vehicles[0].speed_kmh == 30.0);
  CHECK(vehicles[0].capacity == 3);  // not given: the default kept
  CHECK(vehicles[4].name == "scooter");
  CHECK(vehicles[4].speed_kmh == 20.0);
  CHECK(vehicles[4].capacity == 2);
  CHECK(result.spec->trace.couriers[0].vehicle == "scooter");
}

TEST_CASE("scenario trace: problems in the section are reported like any other") {
  const TraceDir dir;
  SUBCASE("vehicles") {
    const auto result = dir.load_here(R"(name: v
trace:
  orders: orders.csv
  couriers: couriers.csv
  vehicles:
    car: {speed_kmh: 0.5, capacity: 0, colour: red}
    bike: 5
    motorcycle: {speed_kmh: fast}
)");
    INFO(brief_all(result));
    CHECK(brief_all(result) ==
          "scenario.yaml:6:22: trace.vehicles.car.speed_kmh: must be >= 1 (km/h)\n"
          "scenario.yaml:6:37: trace.vehicles.car.capacity: must be between 1 and 20\n"
          "scenario.yaml:6:40: trace.vehicles.car.colour: unknown key 'colour'\n"
          "scenario.yaml:7:11: trace.vehicles.bike: expected a map, got '5'\n"
          "scenario.yaml:8:29: trace.vehicles.motorcycle.speed_kmh: expected a number, got "
          "'fast'\n");
    const auto list = load(kMinimal, {{"trace", "{orders: a, couriers: b, vehicles: [car]}"}});
    CHECK(has_problem(list, "--set: trace.vehicles: expected a map of vehicle names, got a list"));
  }
  SUBCASE("paths") {
    const auto missing = dir.load_here("name: p\ntrace:\n  orders: orders.csv\n");
    CHECK(brief_all(missing) == "scenario.yaml:3:3: trace: missing required key 'couriers'\n");
    const auto empty = dir.load_here("name: p\ntrace:\n  orders: ''\n  couriers: couriers.csv\n");
    CHECK(brief_all(empty) ==
          "scenario.yaml:3:11: trace.orders: must not be empty (a path to a CSV file)\n");
    const auto typo =
        dir.load_here("name: p\ntrace:\n  order: orders.csv\n  couriers: couriers.csv\n");
    CHECK(has_problem(typo, "trace.order: unknown key 'order' (did you mean 'orders'?)"));
  }
  SUBCASE("a file that cannot be read is reported at its path in the scenario") {
    const auto result =
        dir.load_here("name: p\ntrace:\n  orders: nowhere/orders.csv\n  couriers: couriers.csv\n");
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format() ==
          dir.scenario() + ":3:11: trace.orders: cannot read '" +
              (dir.path / "nowhere/orders.csv").string() +
              "' (relative to the scenario's directory): No such file or directory");
  }
  SUBCASE("the scenario's problems come first, then the logs', then the overrides'") {
    const std::string bad_orders =
        dir.write("bad.csv", std::string(kTraceOrdersHeader) +
                                 "\n1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,soon\n");
    const auto result = dir.load_here(
        "name: p\ntrace:\n  orders: bad.csv\n"
        "  couriers: couriers.csv\nseed: -1\n",
        {{"duration", "0s"}});
    CHECK(brief_all(result) ==
          "scenario.yaml:5:7: seed: must be >= 0\n"
          "bad.csv:2:50: expected_drop_off_time: expected a time of day HH:MM:SS, got 'soon'\n"
          "--set: duration: must be > 0\n");
  }
  SUBCASE("the scenario's start sets simulated time 0; logged times before it are problems") {
    const std::string text =
        "name: p\nstart: 2026-06-17 08:00\ntrace:\n  orders: orders.csv\n"
        "  couriers: couriers.csv\n";
    const auto eight = dir.load_here(text);
    INFO(brief_all(eight));
    REQUIRE(eight.ok());
    CHECK(eight.spec->trace.orders[0].placed_ms == 90 * kMsPerMinute);  // 09:30
    const auto ten = dir.load_here(text, {{"start", "2026-06-17 10:00"}});
    CHECK(brief_all(ten) ==
          "orders.csv:4:28: placement_time: 09:30:00 is before the scenario start (10:00:00): a "
          "log's times are of the start's day, so a trace's start is normally that day at 00:00\n"
          "couriers.csv:2:26: on_time: 08:00:00 is before the scenario start (10:00:00): a log's "
          "times are of the start's day, so a trace's start is normally that day at 00:00\n");
  }
}

TEST_CASE("scenario trace: --set paths are relative to the current directory") {
  const TraceDir dir;
  std::filesystem::create_directories(dir.path / "scenarios");
  const std::string scenario = dir.write("scenarios/s.yaml", kMinimal);
  SUBCASE("the loader takes them as given") {
    const auto result = load_scenario_file(
        scenario, {{"trace.orders", dir.orders}, {"trace.couriers", dir.couriers}});
    INFO(all_problems(result));
    REQUIRE(result.ok());
    CHECK(result.spec->trace.orders.size() == 4);
    // Not the scenario's directory: "orders.csv" is looked for where the program runs.
    const auto relative = load_scenario_file(
        scenario, {{"trace.orders", "orders.csv"}, {"trace.couriers", dir.couriers}});
    REQUIRE(relative.problems.size() == 1);
    CHECK(relative.problems[0].format() ==
          "--set: trace.orders: cannot read 'orders.csv': No such file or directory");
  }
  SUBCASE("the CLI, run in the logs' directory with the scenario elsewhere") {
    const auto result = knightsim::testing::run_knightsim(
        "validate scenarios/s.yaml --set trace.orders=orders.csv --set trace.couriers=couriers.csv",
        dir.path);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("trace of 4 orders and 2 couriers in a city of 14.2 × 22.1 km") !=
          std::string::npos);
    const auto bad = knightsim::testing::run_knightsim(
        "validate scenarios/s.yaml --set trace.orders=couriers.csv --set "
        "trace.couriers=couriers.csv",
        dir.path);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("couriers.csv:1:1: this is the header of a courier log") !=
          std::string::npos);
  }
}

TEST_CASE("scenario trace: the documented example loads, with its sample logs or others") {
  namespace fs = std::filesystem;
  const fs::path example = fs::path(KNIGHTSIM_SOURCE_DIR) / "docs/examples/colombia-trace.yaml";
  const auto result = load_scenario_file(example.string());
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.spec->trace.enabled());
  CHECK(result.spec->trace.orders.size() >= 5);
  CHECK(result.spec->trace.couriers.size() >= 3);

  const TraceDir dir;
  const auto replaced = load_scenario_file(
      example.string(), {{"trace.orders", dir.orders}, {"trace.couriers", dir.couriers}});
  INFO(all_problems(replaced));
  REQUIRE(replaced.ok());
  CHECK(replaced.spec->trace.orders.size() == 4);
}
