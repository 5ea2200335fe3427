// `knightsim compare` as a user meets it: identical scenarios differ by exactly nothing (common
// random numbers), a much larger fleet is significantly more punctual, the files do not depend
// on --jobs, replication i runs seed S + i, and bad input is refused before anything runs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_testing.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;

namespace {

using knightsim::testing::CliResult;
using knightsim::testing::run_cli;
using knightsim::testing::slurp;

struct TempDir : knightsim::testing::ScratchDir {
  TempDir() : ScratchDir("compare") {}
};

// An hour of a small town with two riders for sixty orders: overloaded, so more riders make a
// difference no seed can hide. A run takes milliseconds.
const std::string kTinyScenario = R"(name: tiny
start: "2026-06-17 11:00"
duration: 1h
city: {width_m: 3000, height_m: 3000}
merchants:
  - {category: restaurant, count: 5}
  - {category: grocery, count: 2}
  - {category: pharmacy, count: 1}
  - {category: convenience, count: 2}
demand: {orders_per_hour: 60}
riders:
  fleets:
    - {name: crew, count: 2, shift_start: "10:00", shift_end: "13:00", speed_kmh: 16}
)";

/// compare.csv as metric → its cells by column name.
std::map<std::string, std::map<std::string, std::string>> read_csv(const fs::path& path) {
  std::istringstream lines(slurp(path));
  std::string line;
  std::vector<std::string> header;
  std::map<std::string, std::map<std::string, std::string>> rows;
  const auto split = [](const std::string& text) {
    std::vector<std::string> cells;
    std::istringstream in(text);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    if (!text.empty() && text.back() == ',') cells.emplace_back();
    return cells;
  };
  std::getline(lines, line);
  header = split(line);
  while (std::getline(lines, line)) {
    const std::vector<std::string> cells = split(line);
    REQUIRE(cells.size() == header.size());
    for (std::size_t i = 0; i < cells.size(); ++i) rows[cells[0]][header[i]] = cells[i];
  }
  return rows;
}

/// The first integer after `"key": ` in a JSON text.
long first_integer_after(const std::string& text, const std::string& key) {
  const std::size_t at = text.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  return std::strtol(text.c_str() + at + key.size() + 4, nullptr, 10);
}

}  // namespace

TEST_SUITE("compare_cli") {
  TEST_CASE("identical scenarios: every difference exactly 0, none significant") {
    TempDir dir;
    dir.write("tiny.yaml", kTinyScenario);
    dir.write("copy.yaml", kTinyScenario);
    const CliResult r = run_cli("compare tiny.yaml copy.yaml --reps 4 --jobs 2", dir);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("B against A over 4 paired replications: seeds 1, 2, 3, 4") !=
          std::string::npos);
    CHECK(r.out.find("0 of 15 metrics differ significantly.") != std::string::npos);
    CHECK(r.err.find('\r') == std::string::npos);  // no progress bar when not a terminal
    const auto rows = read_csv(dir / "out/compare/compare.csv");
    CHECK(rows.size() == 15);  // the default metrics
    for (const auto& [metric, cells] : rows) {
      INFO(metric);
      CHECK(cells.at("n") == "4");
      CHECK(cells.at("a_mean") == cells.at("b_mean"));
      CHECK(cells.at("diff_mean") == "0");
      CHECK(cells.at("diff_ci95") == "0");
      CHECK(cells.at("significant") == "false");
    }
    CHECK(fs::exists(dir / "out/compare/compare.json"));
    for (const auto& entry : fs::directory_iterator(dir / "out/compare")) {
      CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
    }
  }

  TEST_CASE("a much larger fleet: on-time rate significantly higher, marked *") {
    TempDir dir;
    dir.write("tiny.yaml", kTinyScenario);
    const CliResult r = run_cli(
        "compare tiny.yaml tiny.yaml --reps 4 --jobs 2 --set-b riders.fleets[0].count=12 "
        "--metrics on_time_rate,click_to_door_min.mean --out cmp",
        dir);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("B: tiny  (tiny.yaml --set riders.fleets[0].count=12)") != std::string::npos);
    const auto rows = read_csv(dir / "cmp/compare.csv");
    REQUIRE(rows.size() == 2);
    const auto& on_time = rows.at("on_time_rate");
    CHECK(on_time.at("significant") == "true");
    CHECK(std::stod(on_time.at("diff_low")) > 0.0);
    CHECK(std::stod(on_time.at("b_mean")) > std::stod(on_time.at("a_mean")));
    CHECK(std::stod(rows.at("click_to_door_min.mean").at("diff_high")) < 0.0);
    const std::size_t row = r.out.find("\non_time_rate");
    REQUIRE(row != std::string::npos);
    CHECK(r.out.substr(row, r.out.find('\n', row + 1) - row).find(" *") != std::string::npos);
    const std::string json = slurp(dir / "cmp/compare.json");
    CHECK(json.find("\"settings\": [{\"path\": \"riders.fleets[0].count\", \"value\": \"12\"}]") !=
          std::string::npos);
  }

  TEST_CASE("the files are byte-identical whatever --jobs") {
    TempDir dir;
    dir.write("tiny.yaml", kTinyScenario);
    const std::string common =
        "compare tiny.yaml tiny.yaml --reps 5 --set-b riders.fleets[0].count=3 --quiet ";
    REQUIRE(run_cli(common + "--jobs 1 --out one", dir).exit_code == 0);
    REQUIRE(run_cli(common + "--jobs 2 --out two", dir).exit_code == 0);
    REQUIRE(run_cli(common + "--jobs 5 --out five", dir).exit_code == 0);
    const std::string csv = slurp(dir / "one/compare.csv");
    CHECK(csv.size() > 100);
    CHECK(csv == slurp(dir / "two/compare.csv"));
    CHECK(csv == slurp(dir / "five/compare.csv"));
    CHECK(slurp(dir / "one/compare.json") == slurp(dir / "two/compare.json"));
  }

  TEST_CASE("replication i runs seed S + i, S from --seed or A's scenario") {
    TempDir dir;
    dir.write("tiny.yaml", kTinyScenario);
    CliResult r = run_cli(
        "compare tiny.yaml tiny.yaml --reps 2 --seed 41 --metrics orders.created --quiet", dir);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());  // --quiet
    const std::string json = slurp(dir / "out/compare/compare.json");
    CHECK(json.find("\"seeds\": [41, 42]") != std::string::npos);
    // The mean number of orders is that of `run --seed 41` and `run --seed 42`.
    long created = 0;
    for (const char* seed : {"41", "42"}) {
      REQUIRE(
          run_cli(std::string("run tiny.yaml --quiet --out run") + seed + " --seed " + seed, dir)
              .exit_code == 0);
      created +=
          first_integer_after(slurp(dir / (std::string("run") + seed) / "summary.json"), "created");
    }
    const auto rows = read_csv(dir / "out/compare/compare.csv");
    CHECK(std::stod(rows.at("orders.created").at("a_mean")) == static_cast<double>(created) / 2.0);

    // Without --seed: A's `seed` field.
    std::string seeded = kTinyScenario;
    seeded.insert(0, "seed: 1000\n");
    dir.write("seeded.yaml", seeded);
    r = run_cli("compare seeded.yaml tiny.yaml --reps 3 --quiet --out s", dir);
    REQUIRE(r.exit_code == 0);
    CHECK(slurp(dir / "s/compare.json").find("\"seeds\": [1000, 1001, 1002]") != std::string::npos);
  }

  TEST_CASE("bad input exits 2 before anything runs, and writes nothing") {
    TempDir dir;
    dir.write("tiny.yaml", kTinyScenario);
    CliResult r = run_cli("compare tiny.yaml missing.yaml --out o", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("scenario B: missing.yaml: cannot read file") != std::string::npos);

    r = run_cli("compare tiny.yaml tiny.yaml --reps 1 --out o", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--reps must be between 2 and") != std::string::npos);

    r = run_cli("compare tiny.yaml tiny.yaml --metrics on_time_rate,orders.delivred --out o", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown metric 'orders.delivred' (did you mean 'orders.delivered'?)") !=
          std::string::npos);

    r = run_cli("compare tiny.yaml tiny.yaml --metrics on_time_rate,,x --out o", dir);
    CHECK(r.exit_code == 2);

    // Both sides are checked, and every problem of both reported, naming the side.
    std::string broken = kTinyScenario;
    broken.replace(broken.find("speed_kmh: 16"), 13, "speed_kmh: 0");
    dir.write("broken.yaml", broken);
    r = run_cli("compare broken.yaml tiny.yaml --set-b riders.fleets[0].cuont=3 --out o", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("scenario A: broken.yaml:13:") != std::string::npos);
    CHECK(r.err.find("riders.fleets[0].speed_kmh") != std::string::npos);
    CHECK(r.err.find("scenario B: --set: riders.fleets[0].cuont") != std::string::npos);
    CHECK(r.err.find("2 problems found; nothing was run.") != std::string::npos);

    CHECK(run_cli("compare tiny.yaml --out o", dir).exit_code == 2);
    CHECK(run_cli("compare tiny.yaml tiny.yaml --jobs 0 --out o", dir).exit_code == 2);
    CHECK(run_cli("compare tiny.yaml tiny.yaml --seed -3 --out o", dir).exit_code == 2);
    CHECK(run_cli("compare tiny.yaml tiny.yaml --no-such-option --out o", dir).exit_code == 2);
    dir.write("plain-file", "");
    r = run_cli("compare tiny.yaml tiny.yaml --out plain-file", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("not a directory") != std::string::npos);

    CHECK(!fs::exists(dir / "o"));
    CHECK(!fs::exists(dir / "out"));
  }

  TEST_CASE("--help exits 0 and names the options") {
    TempDir dir;
    const CliResult r = run_cli("compare --help", dir);
    CHECK(r.exit_code == 0);
    for (const char* option : {"--reps", "--jobs", "--metrics", "--set-b", "--out", "--seed"}) {
      CHECK(r.out.find(option) != std::string::npos);
    }
    CHECK(run_cli("--help", dir).out.find("compare A.yaml B.yaml") != std::string::npos);
  }
}
