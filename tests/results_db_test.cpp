// The results database: schema on creation, round trips, one transaction per run, refusal of
// files that are not ours (left byte for byte as they were), sweep definitions, and the columns
// an older file gains when opened.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "knightsim/results_db.hpp"
#include "results_db_testing.hpp"

using knightsim::ResultsDb;
using knightsim::ResultsDbError;
using knightsim::RunRecord;
using knightsim::RunSummary;
using knightsim::StoredRun;
using knightsim::summary_scalars;
using knightsim::SweepRun;
using knightsim::SweepSpec;
using knightsim::testing::directory_listing;
using knightsim::testing::failed_record;
using knightsim::testing::file_bytes;
using knightsim::testing::ok_record;
using knightsim::testing::raw_query;
using knightsim::testing::raw_sql;
using knightsim::testing::ResultsTempDir;
using knightsim::testing::sample_summary;
using knightsim::testing::small_sweep;
using knightsim::testing::write_bytes;

namespace {

std::vector<std::string> scalar_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, value] : summary_scalars(RunSummary{})) keys.push_back(key);
  return keys;
}

std::vector<std::string> runs_columns(const std::string& path) {
  std::vector<std::string> names;
  for (const auto& row : raw_query(path, "PRAGMA table_info(runs)")) names.push_back(row[1]);
  return names;
}

std::string count(const std::string& path, const std::string& table) {
  return raw_query(path, "SELECT count(*) FROM " + table)[0][0];
}

/// A results database with one sweep and `runs` ok runs, closed (so its WAL is checkpointed
/// into the main file and the file stands alone).
void make_results_db(const std::string& path, int runs) {
  ResultsDb db(path);
  db.register_sweep(small_sweep());
  for (int i = 0; i < runs; ++i) {
    db.record(ok_record("fleet-size", static_cast<std::uint32_t>(i % 4),
                        static_cast<std::uint32_t>(i / 4), sample_summary(100.0 + i)));
  }
}

/// Opening `path` must throw a ResultsDbError whose message has every one of `parts`, and leave
/// the file and its directory exactly as they were.
void check_refused(const ResultsTempDir& dir, const std::string& path,
                   const std::vector<std::string>& parts) {
  const std::string before = file_bytes(path);
  const auto listing = directory_listing(dir.path);
  for (const ResultsDb::Access access :
       {ResultsDb::Access::read_write, ResultsDb::Access::read_only}) {
    std::string message;
    try {
      ResultsDb db(path, access);
    } catch (const ResultsDbError& error) {
      message = error.what();
    }
    INFO("message: " << message);
    CHECK(message.starts_with(path + ": "));
    for (const std::string& part : parts) CHECK(message.find(part) != std::string::npos);
    CHECK(message.find("refusing to touch it") != std::string::npos);
    CHECK(file_bytes(path) == before);
    CHECK(directory_listing(dir.path) == listing);
  }
}

}  // namespace

TEST_SUITE("results_db") {
  TEST_CASE("a missing file is created with the schema; reopening keeps what it holds") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    {
      ResultsDb db(path);
      CHECK(db.path() == path);
      db.register_sweep(small_sweep());
    }
    CHECK(raw_query(path, "SELECT key, value FROM meta ORDER BY key") ==
          std::vector<std::vector<std::string>>{{"format", "knightsim-results"}, {"version", "1"}});
    CHECK(raw_query(path, "PRAGMA journal_mode")[0][0] == "wal");
    std::vector<std::string> expected = {"sweep_id",      "point",  "rep",   "seed",
                                         "scenario_hash", "status", "error", "wall_s",
                                         "finished_at",   "params"};
    for (const std::string& key : scalar_keys()) expected.push_back(key);
    CHECK(runs_columns(path) == expected);
    CHECK(raw_query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") ==
          std::vector<std::vector<std::string>>{{"meta"}, {"run_params"}, {"runs"}, {"sweeps"}});

    ResultsDb reopened(path);
    const auto sweeps = reopened.sweeps();
    REQUIRE(sweeps.size() == 1);
    CHECK(sweeps[0].id == "fleet-size");
    CHECK(sweeps[0].file == "sweeps/fleet.yaml");
    CHECK(sweeps[0].base_path == "scenarios/lunch.yaml");
    CHECK(sweeps[0].created_at.size() == 20);  // 2026-11-29T05:52:32Z
    CHECK(sweeps[0].created_at.ends_with("Z"));
    CHECK(sweeps[0].definition.find("\"replications\": 3") != std::string::npos);
    CHECK(reopened.scalar_keys() == scalar_keys());
  }

  TEST_CASE("record and finished_runs round trip, with seeds up to 2^63 - 1") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    RunRecord first = ok_record("fleet-size", 0, 0, sample_summary(100));
    RunRecord second = ok_record("fleet-size", 3, 2, sample_summary(140));
    second.run.seed = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const RunRecord failed = failed_record("fleet-size", 1, 1, "scenario: boom");
    db.record(first);
    db.record(second);
    db.record(failed);

    using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t>;
    const auto key = [](const RunRecord& r) {
      return Key{r.run.point, r.run.rep, r.run.seed, r.run.scenario_hash};
    };
    CHECK(db.finished_runs("fleet-size") == std::set<Key>{key(first), key(second), key(failed)});
    CHECK(db.finished_runs("another sweep").empty());

    const std::vector<StoredRun> runs = db.runs("fleet-size", {"orders.delivered", "on_time_rate"});
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].run.point == 0);
    CHECK(runs[1].run.point == 1);
    CHECK(runs[2].run.point == 3);
    CHECK(runs[2].run.seed == second.run.seed);
    CHECK(runs[2].run.scenario_hash == second.run.scenario_hash);
    CHECK(runs[0].ok);
    CHECK(runs[0].values == std::vector<std::optional<double>>{100.0, 0.9});
    CHECK(runs[2].values == std::vector<std::optional<double>>{140.0, 0.9});
    CHECK(runs[0].wall_s == 1.25);
    CHECK(runs[0].finished_at.ends_with("Z"));
    REQUIRE(runs[0].settings.size() == 2);
    CHECK(runs[0].settings[0].path == "riders.fleets[0].count");
    CHECK(runs[0].settings[0].value == "80");
    CHECK(runs[0].settings[1].path == "dispatch.strategy");
    CHECK(runs[0].settings[1].value == "nearest_idle");
    CHECK(runs[2].settings[1].value == "batch");

    // The stored text, as other programs (pandas, R) read it.
    CHECK(raw_query(path, "SELECT seed, scenario_hash, params FROM runs WHERE point = 3") ==
          std::vector<std::vector<std::string>>{
              {"9223372036854775807", "fedcba9876543213",
               R"({"riders.fleets[0].count": "120", "dispatch.strategy": "batch"})"}});
    CHECK(raw_query(path, "SELECT path, value FROM run_params WHERE point = 3 ORDER BY rowid") ==
          std::vector<std::vector<std::string>>{{"riders.fleets[0].count", "120"},
                                                {"dispatch.strategy", "batch"}});
    CHECK(raw_query(path, R"(SELECT "orders.by_category.grocery.on_time_rate",
                                    "dispatch.offers" FROM runs WHERE point = 0)") ==
          std::vector<std::vector<std::string>>{{"0.75", "107.0"}});
  }

  TEST_CASE("a failed run is recorded with its error and NULL results") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    {
      ResultsDb db(path);
      db.register_sweep(small_sweep());
      RunRecord failed = failed_record("fleet-size", 2, 0, "riders.fleets[0].count: must be > 0");
      failed.scalars = summary_scalars(sample_summary(5));  // ignored: a failed run has none
      db.record(failed);
      const auto runs = db.runs("fleet-size", {"orders.delivered"});
      REQUIRE(runs.size() == 1);
      CHECK_FALSE(runs[0].ok);
      CHECK(runs[0].error == "riders.fleets[0].count: must be > 0");
      CHECK(runs[0].wall_s == 0.5);
      CHECK_FALSE(runs[0].values[0].has_value());
    }
    CHECK(raw_query(path, "SELECT status, error, wall_s FROM runs") ==
          std::vector<std::vector<std::string>>{
              {"failed", "riders.fleets[0].count: must be > 0", "0.5"}});
    std::string non_null = "SELECT 0";
    for (const std::string& key : scalar_keys()) non_null += " + (\"" + key + "\" IS NOT NULL)";
    CHECK(raw_query(path, non_null + " FROM runs")[0][0] == "0");
    CHECK(count(path, "run_params") == "2");
  }

  TEST_CASE("a run already recorded cannot be recorded again; the first stays") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    db.record(ok_record("fleet-size", 1, 2, sample_summary(100)));
    const RunRecord again = ok_record("fleet-size", 1, 2, sample_summary(999));
    CHECK_THROWS_WITH_AS(db.record(again),
                         doctest::Contains("run (point 1, rep 2, seed 1002) of sweep 'fleet-size': "
                                           "it is already recorded"),
                         knightsim::RunAlreadyRecorded);
    CHECK(count(path, "runs") == "1");
    CHECK(count(path, "run_params") == "2");
    CHECK(db.runs("fleet-size", {"orders.delivered"})[0].values[0] == 100.0);
  }

  TEST_CASE("forget_failed_runs deletes a sweep's failed runs only, so they can be run again") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    db.register_sweep(small_sweep("other"));
    db.record(ok_record("fleet-size", 0, 0, sample_summary(100)));
    db.record(failed_record("fleet-size", 1, 0, "boom"));
    db.record(failed_record("fleet-size", 2, 1, "boom"));
    db.record(failed_record("other", 1, 0, "boom"));
    CHECK(db.forget_failed_runs("fleet-size") == 2);
    const auto runs = db.runs("fleet-size", {});
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].ok);
    CHECK(db.runs("other", {}).size() == 1);  // another sweep's failures stay
    CHECK(count(path, "run_params") == "4");  // 2 parameters for each of the 2 runs left
    db.record(ok_record("fleet-size", 1, 0, sample_summary(50)));  // recorded anew
    CHECK(db.finished_runs("fleet-size").size() == 2);
    CHECK(db.forget_failed_runs("fleet-size") == 0);
  }

  TEST_CASE("record is one transaction: a failure after the runs row leaves nothing") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    // Injected from outside: the second insert (run_params) fails after the runs row is written.
    raw_sql(path,
            "CREATE TRIGGER fail_params BEFORE INSERT ON run_params "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    const RunRecord record = ok_record("fleet-size", 0, 0, sample_summary(100));
    CHECK_THROWS_WITH_AS(db.record(record), doctest::Contains("injected failure"), ResultsDbError);
    CHECK(count(path, "runs") == "0");
    CHECK(count(path, "run_params") == "0");
    CHECK(db.finished_runs("fleet-size").empty());

    raw_sql(path, "DROP TRIGGER fail_params");
    db.record(record);  // the same run, now whole
    CHECK(count(path, "runs") == "1");
    CHECK(count(path, "run_params") == "2");
  }

  TEST_CASE("a run of a sweep that was never registered is refused") {
    ResultsTempDir dir;
    ResultsDb db(dir.file("results.sqlite"));
    CHECK_THROWS_WITH_AS(db.record(ok_record("nobody", 0, 0, sample_summary(1))),
                         doctest::Contains("the sweep is not registered"), ResultsDbError);
  }

  TEST_CASE("the same sweep id with a different definition is refused; the same one resumes") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    db.register_sweep(small_sweep());  // resuming: no error, no second row
    SweepSpec moved = small_sweep();
    moved.file = "elsewhere/fleet.yaml";  // the sweep file's own path is not part of it
    moved.parameters[0].line = 30;
    db.register_sweep(moved);
    CHECK(count(path, "sweeps") == "1");

    SweepSpec more_reps = small_sweep();
    more_reps.replications = 5;
    CHECK_THROWS_WITH_AS(
        db.register_sweep(more_reps),
        doctest::Contains("sweep 'fleet-size' is already recorded with a different definition "
                          "(recorded \"replications\": 3, now \"replications\": 5); a changed "
                          "sweep needs a new id"),
        ResultsDbError);
    SweepSpec new_value = small_sweep();
    new_value.parameters[1].values.push_back("insertion");
    CHECK_THROWS_WITH_AS(db.register_sweep(new_value), doctest::Contains("insertion"),
                         ResultsDbError);
    SweepSpec new_base = small_sweep();
    new_base.base_text += "# edited\n";
    CHECK_THROWS_WITH_AS(db.register_sweep(new_base), doctest::Contains("base_text_fnv1a64"),
                         ResultsDbError);
    SweepSpec new_seed = small_sweep();
    new_seed.master_seed = 43;
    CHECK_THROWS_AS(db.register_sweep(new_seed), ResultsDbError);
    SweepSpec zipped = small_sweep();
    zipped.mode = knightsim::SweepMode::zip;
    CHECK_THROWS_AS(db.register_sweep(zipped), ResultsDbError);
    CHECK(raw_query(path, "SELECT definition FROM sweeps")[0][0].find("\"replications\": 3") !=
          std::string::npos);

    SweepSpec renamed = more_reps;
    renamed.id = "fleet-size-5-reps";
    db.register_sweep(renamed);
    CHECK(count(path, "sweeps") == "2");
  }

  TEST_CASE("a file that is not SQLite is refused and left untouched") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    write_bytes(path, "point,rep,seed\n0,0,1\n");
    check_refused(dir, path, {"not a SQLite database", "file is not a database"});
  }

  TEST_CASE("a truncated SQLite file is refused as corrupt and left untouched") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    make_results_db(path, 60);
    const std::string whole = file_bytes(path);
    REQUIRE(whole.size() > 8 * 4096);
    write_bytes(path, whole.substr(0, whole.size() / 2));
    check_refused(dir, path, {"corrupt SQLite database"});
  }

  TEST_CASE("a foreign SQLite database is refused and left untouched") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    SUBCASE("other tables, no meta") {
      raw_sql(path,
              "CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT);"
              "INSERT INTO runs (name) VALUES ('mine');");
      check_refused(dir, path, {"not a knightsim results database (no meta table)"});
    }
    SUBCASE("a meta table of another format") {
      raw_sql(path,
              "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
              "INSERT INTO meta VALUES ('format', 'someone-else'), ('version', '1');");
      check_refused(dir, path,
                    {"not a knightsim results database (meta format is "
                     "'someone-else', not 'knightsim-results')"});
    }
    SUBCASE("a meta table of another shape") {
      raw_sql(path, "CREATE TABLE meta (name TEXT, data BLOB);");
      check_refused(dir, path, {"not a knightsim results database (its meta table: "});
    }
  }

  TEST_CASE("a results database of a newer version is refused and left untouched") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    make_results_db(path, 1);
    raw_sql(path, "PRAGMA journal_mode=DELETE; UPDATE meta SET value = '2' WHERE key = 'version';");
    check_refused(dir, path,
                  {"knightsim results database version 2, newer than this knightsim "
                   "reads (1)"});
  }

  TEST_CASE("opening a database of an older version adds the scalar columns it lacks") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    make_results_db(path, 2);
    // An older knightsim had no riders.distance_km nor weather.hours.snow in summary.json.
    raw_sql(path, R"(ALTER TABLE runs DROP COLUMN "riders.distance_km";
                     ALTER TABLE runs DROP COLUMN "weather.hours.snow";)");
    std::vector<std::string> older = scalar_keys();
    std::erase(older, "riders.distance_km");
    std::erase(older, "weather.hours.snow");

    const std::string before = file_bytes(path);
    {
      const ResultsDb reader(path, ResultsDb::Access::read_only);  // reads; never migrates
      CHECK(reader.scalar_keys() == older);
      CHECK(reader.runs("fleet-size", {"orders.delivered"}).size() == 2);
      CHECK_THROWS_WITH_AS(reader.runs("fleet-size", {"riders.distance_km"}),
                           doctest::Contains("no metric 'riders.distance_km'"), ResultsDbError);
    }
    CHECK(file_bytes(path) == before);

    ResultsDb db(path);
    std::vector<std::string> migrated = older;
    migrated.push_back("riders.distance_km");
    migrated.push_back("weather.hours.snow");
    CHECK(db.scalar_keys() == migrated);
    RunSummary summary = sample_summary(300);
    summary.riders_distance_km = 12.5;
    RunRecord newer = ok_record("fleet-size", 3, 0, summary);
    db.record(newer);
    const auto runs = db.runs("fleet-size", {"riders.distance_km", "orders.delivered"});
    REQUIRE(runs.size() == 3);
    CHECK_FALSE(runs[0].values[0].has_value());  // recorded before the column existed
    CHECK(runs[0].values[1] == 100.0);
    CHECK(runs[2].values[0] == 12.5);
  }

  TEST_CASE("read-only access: a missing file is an error and is not created") {
    ResultsTempDir dir;
    const std::string path = dir.file("missing.sqlite");
    const std::string expected = path + ": no such file";
    CHECK_THROWS_WITH_AS(ResultsDb(path, ResultsDb::Access::read_only),
                         doctest::Contains(expected.c_str()), ResultsDbError);
    CHECK_FALSE(std::filesystem::exists(path));

    make_results_db(path, 1);
    ResultsDb reader(path, ResultsDb::Access::read_only);
    CHECK_THROWS_WITH_AS(reader.register_sweep(small_sweep("other")),
                         doctest::Contains("opened read-only"), ResultsDbError);
    CHECK(reader.sweeps().size() == 1);
  }

  TEST_CASE("an empty file becomes a results database") {
    ResultsTempDir dir;
    const std::string path = dir.file("results.sqlite");
    write_bytes(path, "");
    ResultsDb db(path);
    db.register_sweep(small_sweep());
    CHECK(raw_query(path, "SELECT value FROM meta WHERE key = 'format'")[0][0] ==
          "knightsim-results");
  }

  TEST_CASE("a path that cannot be created names the file and the reason") {
    ResultsTempDir dir;
    const std::string path = dir.file("no/such/dir/results.sqlite");
    const std::string expected = path + ": cannot create";
    CHECK_THROWS_WITH_AS(ResultsDb{path}, doctest::Contains(expected.c_str()), ResultsDbError);
  }
}
