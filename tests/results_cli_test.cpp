// `knightsim results` as a user meets it: the table per point or per group, means and 95 %
// half-widths against hand computations, --metrics, --csv, and exit code 2 with a clear message
// for every kind of bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_testing.hpp"
#include "knightsim/results_db.hpp"
#include "results_db_testing.hpp"

using knightsim::ResultsDb;
using knightsim::RunRecord;
using knightsim::RunSummary;
using knightsim::testing::CliResult;
using knightsim::testing::directory_listing;
using knightsim::testing::failed_record;
using knightsim::testing::file_bytes;
using knightsim::testing::ok_record;
using knightsim::testing::ResultsTempDir;
using knightsim::testing::sample_summary;
using knightsim::testing::small_sweep;
using knightsim::testing::write_bytes;

namespace {

/// t(0.975) for 2 and 3 degrees of freedom.
constexpr double kT2 = 4.302652729749464;
constexpr double kT3 = 3.182446305284263;

/// small_sweep's 4 points × 3 replications, with orders.delivered
///   point 0: 100, 110, 120   (on_time_rate 0.90, 0.92, 0.94)
///   point 1: 200, 200, 200
///   point 2: 300, failed, failed
///   point 3: 400, 410, 420
/// and on_time_rate 0.9 elsewhere.
void make_fixture_db(const std::string& path) {
  ResultsDb db(path);
  db.register_sweep(small_sweep());
  const double delivered[4][3] = {{100, 110, 120}, {200, 200, 200}, {300, 0, 0}, {400, 410, 420}};
  for (std::uint32_t point = 0; point < 4; ++point) {
    for (std::uint32_t rep = 0; rep < 3; ++rep) {
      if (point == 2 && rep > 0) {
        db.record(failed_record("fleet-size", point, rep,
                                rep == 1 ? "dispatch: boom\nsecond line" : "out of memory"));
        continue;
      }
      RunSummary summary = sample_summary(delivered[point][rep]);
      if (point == 0) summary.on_time_rate = 0.90 + 0.02 * rep;
      db.record(ok_record("fleet-size", point, rep, summary));
    }
  }
}

struct Fixture {
  ResultsTempDir dir;
  std::string db_path = dir.file("results.sqlite");
  Fixture() { make_fixture_db(db_path); }
  CliResult results(const std::string& args) const {
    return knightsim::testing::run_knightsim("results " + args, dir.path);
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The table's lines: from its header (starting with `first_column`) to the first blank line.
std::vector<std::string> table_of(const std::string& text, const std::string& first_column) {
  std::vector<std::string> table;
  bool in_table = false;
  for (const std::string& line : lines_of(text)) {
    if (!in_table && line.starts_with(first_column)) in_table = true;
    if (in_table && line.empty()) break;
    if (in_table) table.push_back(line);
  }
  return table;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(cell);
  return cells;
}

}  // namespace

TEST_SUITE("results_cli") {
  TEST_CASE("per point: ok and failed counts, means and 95 % half-widths as by hand") {
    Fixture fixture;
    const CliResult result = fixture.results("results.sqlite");
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(
        result.out.starts_with("Sweep 'fleet-size' in results.sqlite: 12 runs, 10 ok, 2 failed\n"
                               "  file sweeps/fleet.yaml, base scenarios/lunch.yaml, registered "));

    // Point 0: 100, 110, 120 → mean 110, s = 10, half-width t(2)·10/√3 = 24.84, shown to two
    // significant digits: "110 ± 25". on_time_rate 0.90, 0.92, 0.94 → half-width
    // t(2)·0.02/√3 = 0.0497: "0.920 ± 0.050". click_to_door_min.mean (delivered / 10):
    // "11.0 ± 2.5". Equal values (point 1, and the constant metrics): "± 0". A single ok run
    // (point 2): the mean alone.
    CHECK(10 * kT2 / std::sqrt(3.0) == doctest::Approx(24.8414).epsilon(1e-5));
    CHECK(0.02 * kT2 / std::sqrt(3.0) == doctest::Approx(0.0496828).epsilon(1e-5));
    CHECK(table_of(result.out, "point") ==
          std::vector<std::string>{
              "point  riders.fleets[0].count  dispatch.strategy  ok  failed  orders.delivered   "
              "on_time_rate  click_to_door_min.mean  riders.utilization  riders.earnings_per_hour",
              "    0  80                      nearest_idle        3       0          110 ± 25  "
              "0.920 ± 0.050              11.0 ± 2.5             0.5 ± 0                    20 ± 0",
              "    1  80                      batch               3       0          200 ± 0     "
              "0.9 ± 0                    20 ± 0               0.5 ± 0                    20 ± 0",
              "    2  120                     nearest_idle        1       2          300         "
              "0.9                        30                   0.5                        20",
              "    3  120                     batch               3       0          410 ± 25    "
              "0.9 ± 0                  41.0 ± 2.5             0.5 ± 0                    20 ± 0"});

    // Failed runs are listed on one line each, with their errors.
    CHECK(result.out.find("Failed runs:\n"
                          "  point 2, rep 1 (seed 1001): dispatch: boom second line\n"
                          "  point 2, rep 2 (seed 1002): out of memory\n") != std::string::npos);
  }

  TEST_CASE("--group-by pools the other parameters; --metrics picks the columns") {
    Fixture fixture;
    const CliResult result = fixture.results(
        "results.sqlite --group-by dispatch.strategy --metrics orders.delivered,dispatch.offers");
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    const auto table = table_of(result.out, "dispatch.strategy");
    REQUIRE(table.size() == 3);
    CHECK(table[0] == "dispatch.strategy  ok  failed  orders.delivered  dispatch.offers");
    // Pooled runs are averaged per replication first (replication r shares its seed across
    // points), and the interval is over replications. nearest_idle: points 0 (reps 0–2: 100,
    // 110, 120) and 2 (rep 0 only: 300) → per rep 200, 110, 120: mean 143.3, s² = 2433.3,
    // half-width t(2)·s/√3 = 122.5; n = 3 replications, not 4 runs.
    CHECK(kT2 * std::sqrt(7300.0 / 3.0) / std::sqrt(3.0) == doctest::Approx(122.54).epsilon(1e-4));
    // dispatch.offers is orders.delivered + 7.
    CHECK(table[1] == "nearest_idle        4       2   143 ± 123 (n=3)  150 ± 123 (n=3)");
    // batch: points 1 (200 ×3) and 3 (400, 410, 420) → per rep 300, 305, 310: mean 305, s = 5,
    // half-width t(2)·5/√3 = 12.4 — not the 121 that pooling six runs as independent gives.
    CHECK(kT2 * 5.0 / std::sqrt(3.0) == doctest::Approx(12.42).epsilon(1e-3));
    CHECK(table[2] == "batch               6       0   305 ± 12  (n=3)  312 ± 12  (n=3)");

    const CliResult two = fixture.results(
        "results.sqlite --group-by 'dispatch.strategy, riders.fleets[0].count' --metrics "
        "orders.delivered");
    INFO(two.out << two.err);
    REQUIRE(two.exit_code == 0);
    const auto by_both = table_of(two.out, "dispatch.strategy");
    REQUIRE(by_both.size() == 5);
    CHECK(by_both[0] == "dispatch.strategy  riders.fleets[0].count  ok  failed  orders.delivered");
    CHECK(by_both[1].starts_with("nearest_idle       80                       3       0"));
    CHECK(by_both[2].starts_with("batch              80                       3       0"));
  }

  TEST_CASE("--csv writes the same groups at full precision, and leaves no temporary") {
    Fixture fixture;
    const CliResult result = fixture.results(
        "results.sqlite --metrics orders.delivered,"
        "on_time_rate --csv out.csv");
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.ends_with("CSV: out.csv\n"));
    CHECK(directory_listing(fixture.dir.path) ==
          std::set<std::string>{"out.csv", "results.sqlite", "stderr.txt", "stdout.txt"});
    const auto lines = lines_of(file_bytes(fixture.dir.file("out.csv")));
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] ==
          "point,riders.fleets[0].count,dispatch.strategy,ok,failed,orders.delivered:mean,"
          "orders.delivered:ci95,orders.delivered:n,on_time_rate:mean,on_time_rate:ci95,"
          "on_time_rate:n");
    const auto point0 = split_csv_line(lines[1]);
    REQUIRE(point0.size() == 11);
    CHECK(point0[0] == "0");
    CHECK(point0[1] == "80");
    CHECK(point0[2] == "nearest_idle");
    CHECK(point0[3] == "3");
    CHECK(point0[4] == "0");
    CHECK(std::stod(point0[5]) == 110.0);
    CHECK(std::stod(point0[6]) == doctest::Approx(10 * kT2 / std::sqrt(3.0)).epsilon(1e-9));
    CHECK(point0[7] == "3");
    CHECK(std::stod(point0[8]) == doctest::Approx(0.92).epsilon(1e-12));
    CHECK(std::stod(point0[9]) == doctest::Approx(0.02 * kT2 / std::sqrt(3.0)).epsilon(1e-6));
    // One ok run: no interval, an empty cell.
    CHECK(split_csv_line(lines[3]) == std::vector<std::string>{"2", "120", "nearest_idle", "1", "2",
                                                               "300", "", "1", "0.9", "", "1"});
  }

  TEST_CASE("several sweeps: --sweep chooses; without it, the choices are listed") {
    Fixture fixture;
    {
      ResultsDb db(fixture.db_path);
      db.register_sweep(small_sweep("second"));
      db.record(ok_record("second", 0, 0, sample_summary(7)));
    }
    const CliResult chosen = fixture.results("results.sqlite --sweep second");
    INFO(chosen.out << chosen.err);
    CHECK(chosen.exit_code == 0);
    CHECK(chosen.out.starts_with("Sweep 'second' in results.sqlite: 1 run, 1 ok, 0 failed\n"));

    const CliResult unchosen = fixture.results("results.sqlite");
    CHECK(unchosen.exit_code == 2);
    CHECK(unchosen.out.empty());
    CHECK(unchosen.err ==
          "knightsim results: results.sqlite holds 2 sweeps (fleet-size, "
          "second); choose one with --sweep ID\n");
  }

  TEST_CASE("bad input exits 2 with a clear message and writes nothing") {
    Fixture fixture;
    const auto check_bad = [&fixture](const std::string& args, const std::string& message) {
      const CliResult result = fixture.results(args + " --csv out.csv");
      INFO("args: " << args << "\n" << result.out << result.err);
      CHECK(result.exit_code == 2);
      CHECK(result.out.empty());
      CHECK(result.err.find(message) != std::string::npos);
      CHECK_FALSE(std::filesystem::exists(fixture.dir.file("out.csv")));
    };
    check_bad("results.sqlite --sweep fleet-sise",
              "knightsim results: no sweep 'fleet-sise' in results.sqlite (did you mean "
              "'fleet-size'?); it holds: fleet-size\n");
    check_bad("results.sqlite --metrics orders.delivered,orders.delivred",
              "knightsim results: unknown metric 'orders.delivred' (did you mean "
              "'orders.delivered'?); metrics are the number fields of summary.json");
    check_bad("results.sqlite --metrics engine.wall_s", "unknown metric 'engine.wall_s'");
    check_bad("results.sqlite --metrics on_time_rate,on_time_rate",
              "metric 'on_time_rate' is given twice");
    check_bad("results.sqlite --group-by riders.fleets[0].cuont",
              "knightsim results: cannot group by 'riders.fleets[0].cuont' (did you mean "
              "'riders.fleets[0].count'?): sweep 'fleet-size' varies riders.fleets[0].count, "
              "dispatch.strategy\n");
    check_bad("results.sqlite --metrics orders.delivered,", "none empty");
    check_bad("results.sqlite --bogus", "unrecognised option '--bogus'");
    check_bad("--sweep fleet-size", "knightsim results: DB is required");

    check_bad("missing.sqlite", "knightsim results: missing.sqlite: no such file\n");
    CHECK_FALSE(std::filesystem::exists(fixture.dir.file("missing.sqlite")));

    const std::string not_db = fixture.dir.file("notes.sqlite");
    write_bytes(not_db, "not a database, just notes\n");
    check_bad("notes.sqlite",
              "knightsim results: notes.sqlite: not a SQLite database (file is not a database) "
              "— refusing to touch it\n");
    CHECK(file_bytes(not_db) == "not a database, just notes\n");
  }

  TEST_CASE("an ok run without a value (recorded before its column existed) is not counted") {
    Fixture fixture;
    {
      ResultsDb db(fixture.db_path);
      db.register_sweep(small_sweep("older"));
      for (std::uint32_t rep = 0; rep < 3; ++rep) {
        RunRecord record = ok_record("older", 0, rep, sample_summary(100 + 10 * rep));
        if (rep == 0)
          std::erase_if(record.scalars,
                        [](const auto& s) { return s.first == "orders.delivered"; });
        db.record(record);
      }
    }
    const CliResult result =
        fixture.results("results.sqlite --sweep older --metrics orders.delivered,orders.created");
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    // 110 and 120: mean 115, s = 7.07, half-width t(1)·5 = 63.5; orders.created (delivered + 50)
    // over all three: 160 ± 25.
    CHECK(table_of(result.out, "point") ==
          std::vector<std::string>{
              "point  riders.fleets[0].count  dispatch.strategy  ok  failed  orders.delivered  "
              "orders.created",
              "    0  80                      nearest_idle        3       0    115 ± 64 (n=2)  "
              "      160 ± 25"});
  }

  TEST_CASE("a sweep with no runs yet, and --help") {
    ResultsTempDir dir;
    {
      ResultsDb db(dir.file("results.sqlite"));
      db.register_sweep(small_sweep());
    }
    const CliResult empty = knightsim::testing::run_knightsim("results results.sqlite", dir.path);
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.ends_with("No runs recorded yet.\n"));

    const CliResult help = knightsim::testing::run_knightsim("results --help", dir.path);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage: knightsim results DB [options]") != std::string::npos);
    CHECK(help.out.find("--group-by") != std::string::npos);
  }
}
