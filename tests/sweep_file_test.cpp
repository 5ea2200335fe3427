// Sweep files: expansion into points and runs (grid, zip, ranges), replication seeds, scenario
// hashes, `[*]` paths, and every class of problem at the line where it is written.
#include "knightsim/sweep.hpp"
#include "scratch_dir.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace knightsim;
namespace fs = std::filesystem;

namespace {

// A small valid scenario with two fleets (for `[*]`). Line numbers of sweep texts below are
// what the checks are about; the base's are not.
constexpr const char* kBase = R"(name: sweep-base
duration: 1h
merchants: [{category: restaurant, count: 5}]
demand:
  orders_per_hour: 40
  categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}
riders:
  fleets:
    - {name: a, count: 3, pay: {per_order: 6}}
    - {name: b, count: 2, pay: {per_order: 5}}
)";

/// A scratch directory holding base.yaml, removed afterwards.
struct SweepDir : knightsim::testing::ScratchDir {
  SweepDir() : ScratchDir("sweep-file") { write("base.yaml", kBase); }
};

SweepLoadResult load(const std::string& text) {
  static const SweepDir dir;
  return load_sweep_text(text, "s.yaml", dir.path.string());
}

std::string all_problems(const SweepLoadResult& result) {
  std::string out;
  for (const ScenarioProblem& problem : result.problems) out += problem.format() + "\n";
  return out;
}

/// The one problem of a sweep that must fail, formatted.
std::string only_problem(const std::string& text) {
  const SweepLoadResult result = load(text);
  INFO(all_problems(result));
  CHECK_FALSE(result.ok());
  REQUIRE(result.problems.size() == 1);
  return result.problems[0].format();
}

std::string value_of(const SweepPoint& point, const std::string& path) {
  for (const ScenarioOverride& setting : point.settings) {
    if (setting.path == path) return setting.value;
  }
  FAIL("no setting " << path);
  return {};
}

}  // namespace

TEST_CASE("sweep file: a grid is every combination, first parameter outermost") {
  const SweepLoadResult result = load(R"(sweep: grid-test
base: base.yaml
replications: 3
seed: 99
parameters:
  riders.fleets[0].count: [2, 4]
  dispatch.strategy: [nearest_idle, batch, insertion]
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const SweepSpec& sweep = *result.sweep;
  CHECK(sweep.id == "grid-test");
  CHECK(sweep.mode == SweepMode::grid);
  CHECK(sweep.replications == 3);
  CHECK(sweep.master_seed == 99);
  CHECK(sweep.base_text == kBase);
  REQUIRE(sweep.parameters.size() == 2);
  CHECK(sweep.parameters[0].line == 6);
  CHECK(sweep.parameters[1].values ==
        std::vector<std::string>{"nearest_idle", "batch", "insertion"});

  const std::vector<SweepPoint> points = sweep_points(sweep);
  REQUIRE(points.size() == 6);
  for (std::uint32_t i = 0; i < points.size(); ++i) CHECK(points[i].index == i);
  CHECK(value_of(points[0], "riders.fleets[0].count") == "2");
  CHECK(value_of(points[0], "dispatch.strategy") == "nearest_idle");
  CHECK(value_of(points[1], "dispatch.strategy") == "batch");
  CHECK(value_of(points[2], "riders.fleets[0].count") == "2");
  CHECK(value_of(points[3], "riders.fleets[0].count") == "4");
  CHECK(value_of(points[3], "dispatch.strategy") == "nearest_idle");
  CHECK(value_of(points[5], "dispatch.strategy") == "insertion");
  std::set<std::vector<std::string>> distinct;
  for (const SweepPoint& point : points) {
    distinct.insert({point.settings[0].value, point.settings[1].value});
  }
  CHECK(distinct.size() == 6);

  const std::vector<SweepRun> runs = sweep_runs(sweep);
  REQUIRE(runs.size() == 18);
  CHECK(runs[0].point == 0);
  CHECK(runs[0].rep == 0);
  CHECK(runs[2].rep == 2);
  CHECK(runs[3].point == 1);
  CHECK(runs[3].rep == 0);
  CHECK(runs[17].point == 5);
}

TEST_CASE("sweep file: zip takes the i-th values together; one value is a fixed setting") {
  const SweepLoadResult result = load(R"(sweep: zip-test
base: base.yaml
mode: zip
parameters:
  riders.fleets[0].count: [2, 4, 6]
  riders.fleets[1].count: [1, 2, 3]
  duration: 30min
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.sweep->replications == 1);  // the default
  const std::vector<SweepPoint> points = sweep_points(*result.sweep);
  REQUIRE(points.size() == 3);
  CHECK(value_of(points[2], "riders.fleets[0].count") == "6");
  CHECK(value_of(points[2], "riders.fleets[1].count") == "3");
  CHECK(value_of(points[2], "duration") == "30min");
  const ScenarioLoadResult scenario = load_point_scenario(*result.sweep, points[1]);
  REQUIRE(scenario.ok());
  CHECK(scenario.spec->riders.fleets[0].count == 4);
  CHECK(scenario.spec->riders.fleets[1].count == 2);
  CHECK(scenario.spec->duration_ms == 30 * kMsPerMinute);
}

TEST_CASE("sweep file: ranges are inclusive and print as typed") {
  const SweepLoadResult result = load(R"(sweep: ranges
base: base.yaml
parameters:
  demand.orders_per_hour: {from: 500, to: 800, step: 100}
  weather.effects.rain.speed_factor: {from: 1, to: 0.5, step: -0.1}
  riders.fleets[1].pay.per_order: {from: 3, to: 3, step: 1}
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const std::vector<SweepParameter>& parameters = result.sweep->parameters;
  CHECK(parameters[0].values == std::vector<std::string>{"500", "600", "700", "800"});
  CHECK(parameters[1].values ==
        std::vector<std::string>{"1", "0.9", "0.8", "0.7", "0.6", "0.5"});  // not 0.49999…
  CHECK(parameters[2].values == std::vector<std::string>{"3"});
  CHECK(sweep_points(*result.sweep).size() == 24);
}

TEST_CASE("sweep file: lists and quoted strings stay what they were") {
  const SweepLoadResult result = load(R"(sweep: values
base: base.yaml
mode: zip
parameters:
  weather.timeline: [[{at: "00:20", state: rain}], []]
  name: ["quoted: yes", plain]
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const std::vector<SweepPoint> points = sweep_points(*result.sweep);
  const ScenarioLoadResult first = load_point_scenario(*result.sweep, points[0]);
  REQUIRE(first.ok());
  REQUIRE(first.spec->weather.timeline.size() == 1);
  CHECK(first.spec->weather.timeline[0].at_ms == 20 * kMsPerMinute);
  CHECK(first.spec->name == "quoted: yes");
  const ScenarioLoadResult second = load_point_scenario(*result.sweep, points[1]);
  REQUIRE(second.ok());
  CHECK(second.spec->weather.timeline.empty());
  CHECK(second.spec->name == "plain");
}

TEST_CASE("sweep file: [*] sets a field of every entry of a list") {
  const SweepLoadResult result = load(R"(sweep: pay
base: base.yaml
parameters:
  riders.fleets[*].pay.per_order: [7, 9.5]
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const std::vector<SweepPoint> points = sweep_points(*result.sweep);
  REQUIRE(points.size() == 2);
  CHECK(points[1].settings.size() == 1);  // as written: the database shows one column
  const std::vector<ScenarioOverride> overrides = point_overrides(*result.sweep, points[1]);
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[0].path == "riders.fleets[0].pay.per_order");
  CHECK(overrides[1].path == "riders.fleets[1].pay.per_order");
  const ScenarioLoadResult scenario = load_point_scenario(*result.sweep, points[1]);
  REQUIRE(scenario.ok());
  CHECK(scenario.spec->riders.fleets[0].pay.per_order == 9.5);
  CHECK(scenario.spec->riders.fleets[1].pay.per_order == 9.5);

  CHECK(only_problem("sweep: x\nbase: base.yaml\nparameters:\n  stations[*].x_m: [1]\n") ==
        "s.yaml:4:3: stations[*].x_m: '[*]' stands for every entry of 'stations', but the base "
        "scenario has no such list");
  CHECK(only_problem("sweep: x\nbase: base.yaml\nparameters:\n  riders.fleets[*].count: [1]\n"
                     "  riders.fleets[1].count: [2]\n") ==
        "s.yaml:5:3: riders.fleets[1].count: sets riders.fleets[1].count, which "
        "'riders.fleets[*].count' (line 4) sets too");
}

TEST_CASE("sweep file: omitting base means the built-in default scenario") {
  const SweepLoadResult result = load("sweep: d\nparameters:\n  duration: [15min]\n");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.sweep->base_path.empty());
  CHECK(result.sweep->base_file.empty());
  CHECK(result.sweep->base_text == default_scenario_text());
  const ScenarioLoadResult scenario =
      load_point_scenario(*result.sweep, sweep_points(*result.sweep)[0]);
  REQUIRE(scenario.ok());
  CHECK(scenario.spec->name == "default-lunch");
  CHECK(scenario.spec->duration_ms == 15 * kMsPerMinute);
}

TEST_CASE("sweep file: replication seeds are common to all points and fit a signed 64-bit") {
  const SweepLoadResult result = load(R"(sweep: seeds
base: base.yaml
replications: 20
seed: 18446744073709551615
parameters:
  riders.fleets[0].count: [2, 3, 4]
)");
  INFO(all_problems(result));
  REQUIRE(result.ok());
  const std::vector<SweepRun> runs = sweep_runs(*result.sweep);
  REQUIRE(runs.size() == 60);
  std::set<std::uint64_t> seeds, hashes;
  for (const SweepRun& run : runs) {
    CHECK(run.seed < (std::uint64_t{1} << 63));
    CHECK(run.scenario_hash < (std::uint64_t{1} << 63));
    CHECK(run.seed == replication_seed(result.sweep->master_seed, run.rep));
    CHECK(run.seed == runs[run.rep].seed);  // point 0's run of the same rep
    seeds.insert(run.seed);
    hashes.insert(run.scenario_hash);
  }
  CHECK(seeds.size() == 20);
  CHECK(hashes.size() == 3);
  // Many master seeds and reps: never the top bit, never a repeat.
  std::set<std::uint64_t> many;
  for (std::uint64_t master : {0ULL, 1ULL, 2ULL, 20261129ULL, ~0ULL}) {
    for (std::uint32_t rep = 0; rep < 200; ++rep) {
      const std::uint64_t seed = replication_seed(master, rep);
      CHECK(seed < (std::uint64_t{1} << 63));
      many.insert(seed);
    }
  }
  CHECK(many.size() == 1000);
  CHECK(replication_seed(1, 0) != replication_seed(2, 0));
  CHECK(replication_seed(1, 0) == replication_seed(1, 0));
}

TEST_CASE("sweep file: the scenario hash changes with the base text and every setting") {
  const std::vector<ScenarioOverride> settings = {{"a.b", "1"}, {"c", "2"}};
  const std::uint64_t hash = scenario_hash("base", settings);
  CHECK(hash == scenario_hash("base", settings));
  CHECK(hash != scenario_hash("base ", settings));
  CHECK(hash != scenario_hash("base", {{"a.b", "1"}, {"c", "3"}}));
  CHECK(hash != scenario_hash("base", {{"a.b", "1"}, {"d", "2"}}));
  CHECK(hash != scenario_hash("base", {{"c", "2"}, {"a.b", "1"}}));  // order: later wins
  CHECK(hash != scenario_hash("base", {{"a.b", "1"}}));
  // Fields are delimited: moving a character across a boundary is a different scenario.
  CHECK(scenario_hash("x", {{"ab", "c"}}) != scenario_hash("x", {{"a", "bc"}}));
  CHECK(scenario_hash("xa", {{"b", "c"}}) != scenario_hash("x", {{"ab", "c"}}));
  CHECK(hash < (std::uint64_t{1} << 63));
}

TEST_CASE("sweep file: problems with the sweep's own fields, at their lines") {
  CHECK(only_problem("sweep: x\nbase: base.yaml\nreplications: 0\nparameters:\n  duration: "
                     "[1h]\n") == "s.yaml:3:15: replications: must be between 1 and 1000000");
  CHECK(only_problem("base: base.yaml\nparameters:\n  duration: [1h]\n") ==
        "s.yaml:1:1: missing required key 'sweep'");
  CHECK(only_problem("sweep: ''\nparameters:\n  duration: [1h]\n") ==
        "s.yaml:1:8: sweep: must not be empty (it names the sweep's results)");
  CHECK(only_problem("sweep: x\nreplication: 3\nparameters:\n  duration: [1h]\n") ==
        "s.yaml:2:1: replication: unknown key 'replication' (did you mean 'replications'?)");
  CHECK(only_problem("sweep: x\nmode: grdi\nparameters:\n  duration: [1h]\n") ==
        "s.yaml:2:7: mode: unknown mode 'grdi' (did you mean 'grid'?)");
  CHECK(only_problem("sweep: x\nseed: -4\nparameters:\n  duration: [1h]\n") ==
        "s.yaml:2:7: seed: must be >= 0");
  CHECK(only_problem("sweep: x\nbase: nowhere.yaml\nparameters:\n  duration: [1h]\n")
            .starts_with("s.yaml:2:7: base: cannot read '"));
  CHECK(only_problem("sweep: x\n") == "s.yaml:1:1: missing required key 'parameters'");
  CHECK(only_problem("sweep: x\nparameters: {}\n") ==
        "s.yaml:2:13: parameters: must name at least one parameter (path: [values...])");
  CHECK(only_problem("sweep: x\nparameters: [duration]\n") ==
        "s.yaml:2:13: parameters: expected a map of parameter paths to values, got a list");
  CHECK(only_problem("sweep: x\nparameters:\n  duration: [1h]\n  \"riders..count\": [3]\n")
            .starts_with("s.yaml:4:3: riders..count: malformed path"));
  CHECK(only_problem("sweep: [x\n").starts_with("s.yaml:"));  // a syntax error: one message
}

TEST_CASE("sweep file: problems with values and their combination, at their lines") {
  CHECK(only_problem("sweep: x\nparameters:\n  duration: []\n") ==
        "s.yaml:3:13: duration: the list of values is empty");
  CHECK(only_problem("sweep: x\nparameters:\n  duration:\n  seed: [1]\n") ==
        "s.yaml:3:3: duration: no values given (a list of values, one value, or a range)");
  CHECK(only_problem("sweep: x\nparameters:\n  demand.orders_per_hour: {from: 1, to: 5, step: "
                     "0}\n") == "s.yaml:3:50: demand.orders_per_hour.step: must not be 0");
  CHECK(only_problem("sweep: x\nparameters:\n  demand.orders_per_hour: {from: 5, to: 1, step: "
                     "1}\n") ==
        "s.yaml:3:50: demand.orders_per_hour.step: must be negative to go from 5 to 1");
  CHECK(only_problem("sweep: x\nparameters:\n  demand.orders_per_hour: {from: 1, to: 5}\n") ==
        "s.yaml:3:27: demand.orders_per_hour: missing required key 'step'");
  CHECK(only_problem("sweep: x\nparameters:\n  demand.orders_per_hour: {from: 0, to: 1e6, step: "
                     "1}\n")
            .starts_with("s.yaml:3:52: demand.orders_per_hour.step: gives 1000001 values"));
  CHECK(only_problem("sweep: x\nparameters:\n  demand.orders_per_hour: {start: 1}\n") ==
        "s.yaml:3:27: demand.orders_per_hour: expected a list of values, one value, or a range "
        "{from: A, to: B, step: S}, got a map");
  CHECK(only_problem("sweep: x\nmode: zip\nparameters:\n  duration: [1h, 2h]\n  seed: [1, 2, "
                     "3]\n") ==
        "s.yaml:5:3: seed: has 3 values, but 'duration' has 2: zip mode takes the i-th value of "
        "every parameter together, so all lists must be equally long");
  CHECK(only_problem("sweep: x\nparameters:\n  duration: [1h]\n  seed: [1]\n  duration: [2h]\n") ==
        "s.yaml:5:3: parameters.duration: duplicate key 'duration' (first given at line 3)");
  CHECK(only_problem("sweep: x\nparameters:\n  riders.fleets[0].count: [1]\n  "
                     "riders.fleets.0.count: [2]\n")
            .starts_with("s.yaml:4:3: riders.fleets.0.count: "));
  CHECK(only_problem("sweep: x\nparameters:\n  duration: [1h]\n  \" duration\": [2h]\n") ==
        "s.yaml:4:3: duration: duplicate parameter (first given at line 3)");
}

TEST_CASE("sweep file: a parameter the scenario rejects is reported at the sweep file's line") {
  SUBCASE("an unknown path: at the key, not as --set") {
    const std::string problem = only_problem(
        "sweep: x\nbase: base.yaml\nparameters:\n  duration: [1h]\n  riders.fleets[0].cuont: "
        "[1, 2]\n");
    CHECK(problem ==
          "s.yaml:5:3: riders.fleets[0].cuont: unknown key 'cuont' (did you mean 'count'?)");
  }
  SUBCASE("an unknown section") {
    CHECK(only_problem("sweep: x\nparameters:\n  dispatcher.strategy: [batch]\n")
              .starts_with("s.yaml:3:3: dispatcher: unknown key 'dispatcher' (did you mean "
                           "'dispatch'?)"));
  }
  SUBCASE("an index past the end of a list") {
    CHECK(only_problem("sweep: x\nbase: base.yaml\nparameters:\n  riders.fleets[5].count: [1]\n") ==
          "s.yaml:4:3: riders.fleets[5].count: index 5 is past the end of 'riders.fleets' (it "
          "has 2 entries)");
  }
  SUBCASE("bad values: each at its own position, once however many points use it") {
    const SweepLoadResult result = load(R"(sweep: x
base: base.yaml
parameters:
  riders.fleets[0].count: [2, -1, 3, abc]
  duration: [1h, 2h, 3h]
)");
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].format() ==
          "s.yaml:4:31: riders.fleets[0].count: an empty fleet: count must be >= 1 (value -1)");
    CHECK(result.problems[1].format() ==
          "s.yaml:4:38: riders.fleets[0].count: expected an integer, got 'abc'");
  }
  SUBCASE("a bad value in a range") {
    CHECK(only_problem("sweep: x\nparameters:\n  riders.fleets[0].speed_kmh: {from: 0, to: 20, "
                       "step: 10}\n") ==
          "s.yaml:3:31: riders.fleets[0].speed_kmh: must be > 0 (value 0)");
  }
  SUBCASE("a base scenario with problems of its own names the base file") {
    const SweepDir dir;
    std::string broken = kBase;
    broken.replace(broken.find("duration: 1h"), 12, "duration: -1h");
    std::ofstream(dir.path / "broken.yaml") << broken;
    const SweepLoadResult result = load_sweep_text(
        "sweep: x\nbase: broken.yaml\nparameters:\n  seed: [1]\n", "s.yaml", dir.path.string());
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format().starts_with((dir.path / "broken.yaml").string() +
                                                  ":2:11: duration: "));
  }
}

TEST_CASE("sweep file: from disk, the base is relative to the sweep file") {
  const SweepDir dir;
  fs::create_directories(dir.path / "sweeps");
  const fs::path file = dir.path / "sweeps" / "s.yaml";
  std::ofstream(file) << "sweep: disk\nbase: ../base.yaml\nparameters:\n  duration: [1h]\n";
  const SweepLoadResult result = load_sweep_file(file.string());
  INFO(all_problems(result));
  REQUIRE(result.ok());
  CHECK(result.sweep->file == file.string());
  CHECK(result.sweep->base_path == "../base.yaml");  // as written: the same from any directory
  CHECK(result.sweep->base_file == (dir.path / "base.yaml").string());
  CHECK(result.sweep->base_text == kBase);

  const SweepLoadResult missing = load_sweep_file((dir.path / "none.yaml").string());
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].format() ==
        (dir.path / "none.yaml").string() + ": cannot read file: No such file or directory");
}

TEST_CASE("sweep file: every shipped sweep loads") {
  const fs::path directory = fs::path(KNIGHTSIM_SOURCE_DIR) / "scenarios" / "sweeps";
  int count = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() != ".yaml") continue;
    CAPTURE(entry.path().string());
    const SweepLoadResult result = load_sweep_file(entry.path().string());
    INFO(all_problems(result));
    CHECK(result.ok());
    if (result.ok()) CHECK(sweep_runs(*result.sweep).size() <= 100);  // examples run in seconds
    ++count;
  }
  CHECK(count >= 2);
}
