// `knightsim sweep` as a user meets it: rows that do not depend on --jobs, resuming after a
// SIGKILL or a Ctrl-C, failed runs recorded, databases that are not ours left alone, and a bad
// sweep file refused before anything runs.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli_testing.hpp"
#include "knightsim/results_db.hpp"
#include "knightsim/sweep.hpp"
#include "scratch_dir.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace {

using knightsim::testing::CliResult;
using knightsim::testing::run_cli;
using knightsim::testing::slurp;

struct TempDir : knightsim::testing::ScratchDir {
  TempDir() : ScratchDir("sweep") {}
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A scenario whose runs take some tens of milliseconds in a Debug build: long enough that a
// sweep of a few dozen can be interrupted midway, short enough for a fast test.
const std::string kTinyScenario = R"(name: tiny
start: "2026-06-17 11:00"
duration: 3h
city: {width_m: 3000, height_m: 3000}
merchants:
  - {category: restaurant, count: 5}
  - {category: grocery, count: 2}
  - {category: pharmacy, count: 1}
  - {category: convenience, count: 2}
demand: {orders_per_hour: 400}
riders:
  fleets:
    - {name: crew, count: 40, shift_start: "10:00", shift_end: "15:00", speed_kmh: 16}
)";

/// A sweep of the tiny scenario: `points` points (orders per hour) x `reps` replications.
void write_sweep(const TempDir& dir, const std::string& id, int points, int reps,
                 const std::string& extra_parameters = "") {
  write_file(dir / "tiny.yaml", kTinyScenario);
  write_file(dir / (id + ".yaml"),
             "sweep: " + id + "\nbase: tiny.yaml\nreplications: " + std::to_string(reps) +
                 "\nseed: 7\nparameters:\n  demand.orders_per_hour: {from: 400, to: " +
                 std::to_string(400 + 10 * (points - 1)) + ", step: 10}\n" + extra_parameters);
}

// ---- Reading a results database back, whatever its exact layout: every table, every row,
// without the columns that measure the machine rather than the run.

struct Db {
  sqlite3* handle = nullptr;
  explicit Db(const fs::path& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(handle, 5000);
  }
  ~Db() { sqlite3_close(handle); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  std::vector<std::vector<std::string>> query(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    std::vector<std::vector<std::string>> rows;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      FAIL_CHECK("SQL error in " << sql << ": " << sqlite3_errmsg(handle));
      return rows;
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const unsigned char* text = sqlite3_column_text(statement, c);
        row.push_back(text == nullptr ? "NULL" : reinterpret_cast<const char*>(text));
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
    return rows;
  }
};

bool machine_column(const std::string& name) {
  return name == "wall_s" || name == "finished_at" || name.ends_with("_at");
}

/// Table name → its rows (machine columns left out), sorted.
std::map<std::string, std::vector<std::string>> dump(const fs::path& path) {
  const Db db(path);
  std::map<std::string, std::vector<std::string>> tables;
  for (const auto& table :
       db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    std::string columns;
    for (const auto& column : db.query("PRAGMA table_info(\"" + table[0] + "\")")) {
      if (machine_column(column[1])) continue;
      columns += (columns.empty() ? "" : ", ") + ("quote(\"" + column[1] + "\")");
    }
    if (columns.empty()) continue;
    std::vector<std::string>& rows = tables[table[0]];
    for (const auto& row : db.query("SELECT " + columns + " FROM \"" + table[0] + "\"")) {
      std::string line;
      for (const std::string& value : row) line += value + "|";
      rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
  }
  return tables;
}

/// (point, rep) → how many rows the database holds for it in the sweep
/// (docs/results-database.md: one row per run in `runs`).
std::map<std::pair<int, int>, int> run_counts(const fs::path& path, const std::string& sweep) {
  std::map<std::pair<int, int>, int> counts;
  if (!fs::exists(path)) return counts;
  const Db db(path);
  if (db.query("SELECT 1 FROM sqlite_master WHERE name = 'runs'").empty()) return counts;
  for (const auto& row : db.query("SELECT point, rep, COUNT(*) FROM runs WHERE sweep_id = '" +
                                  sweep + "' GROUP BY point, rep")) {
    counts[{std::stoi(row[0]), std::stoi(row[1])}] = std::stoi(row[2]);
  }
  return counts;
}

/// Runs of the sweep recorded in the database, read as any reader would while a sweep writes.
std::size_t recorded_runs(const fs::path& path, const std::string& sweep) {
  return run_counts(path, sweep).size();
}

/// A child process started in the background, reaped once.
struct Child {
  pid_t pid = 0;
  std::optional<int> exit_code;  ///< 128 + signal if killed

  bool running() {
    int status = 0;
    if (!exit_code && ::waitpid(pid, &status, WNOHANG) == pid) exit_code = decode(status);
    return !exit_code;
  }
  int wait() {
    int status = 0;
    if (!exit_code) {
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      exit_code = decode(status);
    }
    return *exit_code;
  }
  static int decode(int status) {
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

/// `knightsim ARGS...` started in the background (in this process's directory: give absolute
/// paths), its output to files in `dir`.
Child spawn_knightsim(const std::vector<std::string>& args, const TempDir& dir) {
  std::vector<std::string> argv_text = {KNIGHTSIM_CLI_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (dir / "spawn-out.txt").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, (dir / "spawn-err.txt").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return Child{pid, std::nullopt};
}

/// Waits until the database holds at least `rows` runs of the sweep: false after 60 s, or if
/// the child has exited first.
bool wait_for_rows(const fs::path& db, const std::string& sweep, std::size_t rows, Child& child) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && child.running()) {
    if (recorded_runs(db, sweep) >= rows) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

/// Sets an environment variable for the scope (for the CLI children it starts).
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string variable, const std::string& value) : name(std::move(variable)) {
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("sweep: --jobs 1 and --jobs 2 give the same rows; a second run skips them all") {
  TempDir dir;
  write_sweep(dir, "same", 4, 3);
  CliResult serial = run_cli("sweep same.yaml --jobs 1 --db serial.sqlite", dir);
  INFO(serial.err);
  REQUIRE(serial.exit_code == 0);
  CHECK(serial.out.find("12 runs (4 points x 3 replications)") != std::string::npos);
  CHECK(serial.out.find("knightsim results serial.sqlite") != std::string::npos);
  CHECK(serial.err.find('\r') == std::string::npos);  // no progress bar when not a terminal
  const CliResult threaded = run_cli("sweep same.yaml --jobs 2 --db threaded.sqlite", dir);
  INFO(threaded.err);
  REQUIRE(threaded.exit_code == 0);

  const auto serial_rows = dump(dir / "serial.sqlite");
  CHECK(serial_rows == dump(dir / "threaded.sqlite"));
  const auto counts = run_counts(dir / "serial.sqlite", "same");
  CHECK(counts.size() == 12);
  CHECK(recorded_runs(dir / "serial.sqlite", "same") == 12);

  const CliResult again = run_cli("sweep same.yaml --jobs 2 --db serial.sqlite", dir);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("12 already in serial.sqlite") != std::string::npos);
  CHECK(again.out.find("ran 0 (0 failed), skipped 12") != std::string::npos);
  CHECK(dump(dir / "serial.sqlite") == serial_rows);

  const CliResult quiet = run_cli("sweep same.yaml --quiet --db quiet.sqlite", dir);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
}

TEST_CASE("sweep: a sweep killed with SIGKILL resumes with no run twice and none missing") {
  TempDir dir;
  // Enough runs that the kill lands mid-sweep even on a fast or loaded machine (a run takes a
  // few ms in a Debug build); one thread so runs finish one at a time.
  write_sweep(dir, "killed", 20, 10);
  const fs::path db = dir / "results.sqlite";
  Child child = spawn_knightsim(
      {"sweep", (dir / "killed.yaml").string(), "--jobs", "1", "--db", db.string()}, dir);
  const bool some_rows = wait_for_rows(db, "killed", 3, child);
  ::kill(child.pid, SIGKILL);
  const int killed_status = child.wait();
  REQUIRE_MESSAGE(some_rows, slurp(dir / "spawn-err.txt"));
  REQUIRE(killed_status == 128 + SIGKILL);  // it was still running
  const std::size_t before = recorded_runs(db, "killed");
  CHECK(before >= 3);
  CHECK(before < 200);

  const CliResult resumed = run_cli("sweep killed.yaml --jobs 2 --db results.sqlite", dir);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.out.find(std::to_string(before) + " already in results.sqlite") !=
        std::string::npos);
  const auto counts = run_counts(db, "killed");
  CHECK(counts.size() == 200);
  for (const auto& [run, count] : counts) {
    CAPTURE(run.first);
    CAPTURE(run.second);
    CHECK(count == 1);
    CHECK(run.first < 20);
    CHECK(run.second < 10);
  }
}

TEST_CASE("sweep: Ctrl-C stops handing out runs, keeps the finished ones and says so") {
  TempDir dir;
  write_sweep(dir, "stopped", 20, 10);
  const fs::path db = dir / "results.sqlite";
  Child child = spawn_knightsim(
      {"sweep", (dir / "stopped.yaml").string(), "--jobs", "1", "--db", db.string()}, dir);
  const bool some_rows = wait_for_rows(db, "stopped", 2, child);
  ::kill(child.pid, SIGINT);
  const int status = child.wait();
  REQUIRE_MESSAGE(some_rows, slurp(dir / "spawn-err.txt"));
  const std::string err = slurp(dir / "spawn-err.txt");
  const std::string out = slurp(dir / "spawn-out.txt");
  INFO(err);
  INFO(out);
  CHECK(status == 130);
  CHECK(err.find("interrupted; finishing the 1 run in flight") != std::string::npos);
  CHECK(out.find("Interrupted: ran ") != std::string::npos);
  CHECK(out.find("run the same command again") != std::string::npos);
  const std::size_t kept = recorded_runs(db, "stopped");
  CHECK(kept >= 2);
  CHECK(kept < 200);

  const CliResult resumed = run_cli("sweep stopped.yaml --db results.sqlite", dir);
  CHECK(resumed.exit_code == 0);
  CHECK(run_counts(db, "stopped").size() == 200);
}

TEST_CASE("sweep: a failed run is recorded with its error and the sweep goes on") {
  TempDir dir;
  write_sweep(dir, "failing", 3, 2);
  CliResult r;
  {
    const ScopedEnv fail("KNIGHTSIM_TEST_FAIL_POINT", "1");
    r = run_cli("sweep failing.yaml --jobs 2 --db results.sqlite", dir);
  }
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("run failed (point 1, rep 0): injected failure") != std::string::npos);
  CHECK(r.out.find("ran 6 (2 failed)") != std::string::npos);
  CHECK(run_counts(dir / "results.sqlite", "failing").size() == 6);  // failures are rows too

  // Failed runs count as finished: a plain rerun skips them (and still exits 1: not every run
  // of the sweep succeeded), --retry-failed runs them again.
  r = run_cli("sweep failing.yaml --db results.sqlite", dir);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("ran 0 (0 failed), skipped 6 already finished (2 of them failed; "
                   "--retry-failed runs them again)") != std::string::npos);
  r = run_cli("sweep failing.yaml --retry-failed --db results.sqlite", dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("4 already in results.sqlite, 2 failed runs to retry") != std::string::npos);
  CHECK(r.out.find("ran 2 (0 failed), skipped 4 already finished;") != std::string::npos);
  const auto counts = run_counts(dir / "results.sqlite", "failing");
  CHECK(counts.size() == 6);
  for (const auto& [run, count] : counts) CHECK(count == 1);
}

TEST_CASE("sweep: a database that is not ours is refused and left byte-identical") {
  TempDir dir;
  write_sweep(dir, "guarded", 2, 1);
  SUBCASE("not SQLite at all") {
    const std::string garbage = "these are my thesis notes, not a database\n";
    write_file(dir / "notes.sqlite", garbage);
    const CliResult r = run_cli("sweep guarded.yaml --db notes.sqlite", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("notes.sqlite") != std::string::npos);
    CHECK(slurp(dir / "notes.sqlite") == garbage);
  }
  SUBCASE("another program's SQLite database") {
    {
      sqlite3* db = nullptr;
      REQUIRE(sqlite3_open((dir / "other.sqlite").c_str(), &db) == SQLITE_OK);
      REQUIRE(sqlite3_exec(db,
                           "CREATE TABLE invoices (id INTEGER, amount REAL);"
                           "INSERT INTO invoices VALUES (1, 9.5);",
                           nullptr, nullptr, nullptr) == SQLITE_OK);
      sqlite3_close(db);
    }
    const std::string before = slurp(dir / "other.sqlite");
    const CliResult r = run_cli("sweep guarded.yaml --db other.sqlite", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("other.sqlite") != std::string::npos);
    CHECK(slurp(dir / "other.sqlite") == before);
  }
  SUBCASE("a corrupt one: a results database cut short") {
    REQUIRE(run_cli("sweep guarded.yaml --quiet --db good.sqlite", dir).exit_code == 0);
    std::string bytes = slurp(dir / "good.sqlite");
    REQUIRE(bytes.size() > 4096);
    bytes.replace(100, 3000, std::string(3000, '\x5a'));
    fs::remove(dir / "good.sqlite-wal");
    fs::remove(dir / "good.sqlite-shm");
    write_file(dir / "bad.sqlite", bytes);
    const CliResult r = run_cli("sweep guarded.yaml --db bad.sqlite", dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("bad.sqlite") != std::string::npos);
    CHECK(slurp(dir / "bad.sqlite") == bytes);
  }
}

TEST_CASE("sweep: a bad sweep file is refused before anything runs or any file is made") {
  TempDir dir;
  write_sweep(dir, "typo", 2, 1, "  riders.fleets[0].cuont: [3, 4]\n");
  CliResult r = run_cli("sweep typo.yaml --db results.sqlite", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("typo.yaml:7:3: riders.fleets[0].cuont: unknown key 'cuont' (did you mean "
                   "'count'?)") != std::string::npos);
  CHECK(r.err.find("--set") == std::string::npos);
  CHECK(r.err.find("nothing was run") != std::string::npos);
  CHECK(!fs::exists(dir / "results.sqlite"));

  write_sweep(dir, "zero", 2, 0);
  r = run_cli("sweep zero.yaml --db results.sqlite", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("zero.yaml:3:15: replications: must be between 1") != std::string::npos);
  CHECK(!fs::exists(dir / "results.sqlite"));

  CHECK(run_cli("sweep", dir).exit_code == 2);
  CHECK(run_cli("sweep missing.yaml", dir).exit_code == 2);
  CHECK(run_cli("sweep zero.yaml --jobs 0", dir).exit_code == 2);
  CHECK(run_cli("sweep --help", dir).exit_code == 0);
  CHECK(!fs::exists(dir / "results.sqlite"));
}

#if !KNIGHTSIM_CLI_HAS_MPI
TEST_CASE("sweep: --mpi in a build without MPI is refused before anything runs") {
  TempDir dir;
  write_sweep(dir, "nompi", 2, 1);
  const CliResult r = run_cli("sweep nompi.yaml --mpi --db results.sqlite", dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("built without MPI") != std::string::npos);
  CHECK(!fs::exists(dir / "results.sqlite"));
}
#endif
