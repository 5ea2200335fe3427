// The knightsim binary as a user meets it: exit codes, messages, outputs, --set and validate.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_testing.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;

namespace {

using knightsim::testing::CliResult;
using knightsim::testing::run_cli;
using knightsim::testing::slurp;

/// A scratch directory per test, removed afterwards.
struct TempDir : knightsim::testing::ScratchDir {
  TempDir() : ScratchDir("cli") {}
};

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}

const std::string kSmallScenario = R"(name: tiny
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
    - name: crew
      count: 6
      shift_start: "10:00"
      shift_end: "13:00"
      speed_kmh: 16
)";

std::size_t count_lines(const std::string& text) {
  std::size_t lines = 0;
  for (char c : text) lines += (c == '\n');
  return lines;
}

}  // namespace

TEST_CASE("run writes the three outputs and a report, exit 0") {
  TempDir dir;
  const std::string scenario = write_file(dir, "tiny.yaml", kSmallScenario);
  const CliResult r = run_cli("run " + scenario + " --out results --seed 4", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("click-to-door") != std::string::npos);
  CHECK(r.out.find("on-time") != std::string::npos);
  CHECK(r.err.find('\r') == std::string::npos);  // no progress bar when not a terminal
  CHECK(fs::exists(dir / "results/summary.json"));
  CHECK(fs::exists(dir / "results/orders.csv"));
  CHECK(fs::exists(dir / "results/riders.csv"));
  CHECK(count_lines(slurp(dir / "results/riders.csv")) == 7);  // header + 6 riders
  const std::string summary = slurp(dir / "results/summary.json");
  CHECK(summary.find("\"seed\": 4") != std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir / "results")) {
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
  }
}

TEST_CASE("run writes rider_days.csv with the documented header, one row per rider and day") {
  TempDir dir;
  const std::string scenario = write_file(dir, "tiny.yaml", kSmallScenario);
  const CliResult r = run_cli("run " + scenario + " --quiet --out results --seed 4", dir);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(dir / "results/rider_days.csv"));
  const std::string days = slurp(dir / "results/rider_days.csv");
  // The columns of docs/outputs.md, in order.
  CHECK(days.rfind("rider_id,day,date,fleet,hours_on_shift,hours_busy,orders_delivered,"
                   "order_earnings,guarantee_top_up,earnings,bonus_earnings,subsidy,distance_km,"
                   "incidents,injuries,insurance_payout,peak_fatigue_h,heat_exposure_h,"
                   "cold_exposure_h,charging_visits,battery_shift_ends\n",
                   0) == 0);
  CHECK(count_lines(days) == 7);  // header + 6 riders on one day
  CHECK(days.find("\n0,0,2026-06-17,crew,1.0000,") != std::string::npos);
}

TEST_CASE("run with no file runs the built-in default scenario into out/<name>") {
  TempDir dir;
  const CliResult r = run_cli("run --quiet --set duration=30min", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());  // --quiet
  CHECK(fs::exists(dir / "out/default-lunch/summary.json"));
}

TEST_CASE("--set overrides a field, and a bad override is reported as --set") {
  TempDir dir;
  const std::string scenario = write_file(dir, "tiny.yaml", kSmallScenario);
  CliResult r = run_cli("run " + scenario + " --quiet --out o --set riders.fleets[0].count=3", dir);
  CHECK(r.exit_code == 0);
  CHECK(count_lines(slurp(dir / "o/riders.csv")) == 4);

  r = run_cli("run " + scenario + " --out bad --set riders.fleets[0].speed_kmh=-1", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--set") != std::string::npos);
  CHECK(r.err.find("riders.fleets[0].speed_kmh") != std::string::npos);
  CHECK(!fs::exists(dir / "bad"));

  r = run_cli("run " + scenario + " --set no-equals-sign", dir);
  CHECK(r.exit_code == 2);
}

TEST_CASE("a bad scenario exits 2 with file:line:col: field: message and touches nothing") {
  TempDir dir;
  std::string text = kSmallScenario;
  text.replace(text.find("speed_kmh: 16"), 13, "speed_kmh: 0");
  text.replace(text.find("count: 6"), 8, "cuont: 6");
  const std::string scenario = write_file(dir, "broken.yaml", text);
  const CliResult r = run_cli("run " + scenario + " --out results", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("broken.yaml:17:18: riders.fleets[0].speed_kmh: must be > 0") !=
        std::string::npos);
  CHECK(r.err.find("did you mean 'count'") != std::string::npos);
  CHECK(!fs::exists(dir / "results"));
  CHECK(!fs::exists(dir / "out"));
}

TEST_CASE("validate reports ok or every problem, and never writes") {
  TempDir dir;
  const std::string good = write_file(dir, "good.yaml", kSmallScenario);
  CliResult r = run_cli("validate " + good, dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok") != std::string::npos);

  const std::string syntax = write_file(dir, "syntax.yaml", "name: x\ncity: {width_m: [1, 2\n");
  r = run_cli("validate " + syntax, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("syntax.yaml:") != std::string::npos);

  r = run_cli("validate " + (dir / "missing.yaml").string(), dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("missing.yaml") != std::string::npos);
  CHECK(!fs::exists(dir / "out"));
}

TEST_CASE("usage errors exit 2; --help exits 0 on every subcommand") {
  TempDir dir;
  CHECK(run_cli("", dir).exit_code == 2);
  CHECK(run_cli("frobnicate", dir).exit_code == 2);
  CHECK(run_cli("run --no-such-option", dir).exit_code == 2);
  CHECK(run_cli("run --seed banana", dir).exit_code == 2);
  CHECK(run_cli("run --seed -1", dir).exit_code == 2);  // not wrapped to 2^64-1
  CHECK(run_cli("run --seed 18446744073709551616", dir).exit_code == 2);
  CHECK(!fs::exists(dir / "out"));
  CHECK(run_cli("validate", dir).exit_code == 2);
  for (const char* command : {"--help", "run --help", "validate --help"}) {
    const CliResult r = run_cli(command, dir);
    INFO(command);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage") != std::string::npos);
  }
}

TEST_CASE("an output path that is a file is refused with exit 2") {
  TempDir dir;
  write_file(dir, "taken", "not a directory");
  const std::string scenario = write_file(dir, "tiny.yaml", kSmallScenario);
  const CliResult r = run_cli("run " + scenario + " --out taken", dir);
  CHECK(r.exit_code == 2);
  CHECK(slurp(dir / "taken") == "not a directory");
}
