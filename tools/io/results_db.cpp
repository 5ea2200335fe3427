// The results database (schema and rules in docs/results-database.md), on SQLite's C API.
//
// Opening never modifies a file that is not ours: an existing file is first opened read-only
// and checked (SQLite at all, PRAGMA quick_check, our meta table, a version we read); only then
// is it reopened read-write, and the checks are repeated inside the first write transaction in
// case another process replaced the file in between. Even PRAGMA journal_mode=WAL rewrites the
// file header, so it comes after the checks.
//
// Every write is one BEGIN IMMEDIATE … COMMIT: a run's row and its parameter rows appear
// together or not at all, whatever kills the process. IMMEDIATE takes the write lock up front,
// so two writers wait for each other (busy_timeout) rather than failing with SQLITE_BUSY halfway.

#include "knightsim/results_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "json_writer.hpp"

namespace knightsim {
namespace {

constexpr std::string_view kFormat = "knightsim-results";
/// Bumped only for changes an older knightsim cannot read. New summary scalars are not such a
/// change: they are added as columns when a file is opened (and are NULL for older runs).
constexpr int kVersion = 1;
/// How long a write waits for another writer's transaction (a sweep's workers and a reader
/// share the file). Transactions here last milliseconds; minutes would mean a stuck process.
constexpr int kBusyTimeoutMs = 60'000;
constexpr std::string_view kRefuse = " — refusing to touch it";

/// The columns of `runs` before the one-per-scalar columns.
constexpr std::string_view kRunFixedColumns[] = {"sweep_id",      "point",  "rep",   "seed",
                                                 "scenario_hash", "status", "error", "wall_s",
                                                 "finished_at",   "params"};

using RunKey = std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t>;

/// "orders.delivered" → "\"orders.delivered\"": dotted keys are not plain SQL identifiers.
std::string sql_identifier(std::string_view identifier) {
  std::string result = "\"";
  for (const char c : identifier) {
    if (c == '"') result += '"';
    result += c;
  }
  return result + '"';
}

std::string hash_hex(std::uint64_t hash) {
  return fmt::format("{:016x}", hash);
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

const char* to_string(SweepMode mode) {
  return mode == SweepMode::zip ? "zip" : "grid";
}

/// The canonical text of a sweep: everything that decides its runs and their results, one field
/// per line (so a mismatch can be shown as the first differing line). JSON, for other readers.
std::string canonical_definition(const SweepSpec& sweep) {
  json::Buffer buf;
  json::JsonWriter json(buf);
  json.begin_object();
  json.string("id", sweep.id);
  json.string("base_path", sweep.base_path);
  json.string("base_text_fnv1a64", hash_hex(fnv1a64(sweep.base_text)));
  json.string("mode", to_string(sweep.mode));
  json.begin_array("parameters");
  for (const SweepParameter& parameter : sweep.parameters) {
    json.begin_object({}, json::JsonWriter::Layout::compact);
    json.string("path", parameter.path);
    json.begin_array("values");
    for (const std::string& value : parameter.values) json.string({}, value);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.integer("replications", static_cast<std::uint64_t>(sweep.replications));
  json.integer("master_seed", sweep.master_seed);
  json.end_object();
  return fmt::to_string(buf);
}

/// {"path": "value", …} in the settings' order.
std::string params_json(const std::vector<ScenarioOverride>& settings) {
  json::Buffer buf;
  json::JsonWriter json(buf);
  json.begin_object({}, json::JsonWriter::Layout::compact);
  for (const ScenarioOverride& setting : settings) json.string(setting.path, setting.value);
  json.end_object();
  return fmt::to_string(buf);
}

/// The first line where two texts differ, as "recorded OLD, now NEW".
std::string first_difference(std::string_view before, std::string_view after) {
  const auto next_line = [](std::string_view& text) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty() && line.back() == ',') line.remove_suffix(1);
    return std::string(line);
  };
  while (!before.empty() || !after.empty()) {
    const std::string old_line = next_line(before), new_line = next_line(after);
    if (old_line != new_line) return fmt::format("recorded {}, now {}", old_line, new_line);
  }
  return "same text";
}

// ---- Thin RAII over the C API. Errors become ResultsDbError naming the file.

class Database {
 public:
  Database() = default;
  ~Database() { close(); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Returns SQLite's result code; the handle is usable for errmsg even on failure.
  int open(const std::string& path, int flags) {
    close();
    return sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  }
  void close() {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
  }
  sqlite3* get() const { return db_; }
  std::string message() const { return db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"; }

 private:
  sqlite3* db_ = nullptr;
};

/// What went wrong in a statement: SQLite's (extended) code and message. Caught inside this
/// file and turned into a ResultsDbError that names the file and what was being done.
struct SqlFailure : std::runtime_error {
  SqlFailure(int code_, const std::string& message_)
      : std::runtime_error(message_), code(code_), message(message_) {}
  int code;
  std::string message;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
    if (rc != SQLITE_OK) throw failure();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::string_view text) {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
  }
  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(statement_, index, value)); }
  void bind(int index, double value) { check(sqlite3_bind_double(statement_, index, value)); }
  void bind_null(int index) { check(sqlite3_bind_null(statement_, index)); }

  /// True while there is a row.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw failure();
  }
  void run() {
    while (step()) {
    }
  }
  void reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(bytes),
                             static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  double real(int column) const { return sqlite3_column_double(statement_, column); }

 private:
  SqlFailure failure() const {
    return SqlFailure{sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)};
  }
  void check(int rc) const {
    if (rc != SQLITE_OK) throw failure();
  }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

void execute(sqlite3* db, std::string_view sql) {
  Statement statement(db, sql);
  statement.run();
}

/// Rolls back the open transaction unless committed, whatever is thrown in between.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { execute(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!committed_ && sqlite3_get_autocommit(db_) == 0)
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    execute(db_, "COMMIT");
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool committed_ = false;
};

std::vector<std::string> expected_scalar_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, value] : summary_scalars(RunSummary{})) keys.push_back(key);
  return keys;
}

std::vector<std::string> run_columns(sqlite3* db) {
  std::vector<std::string> columns;
  Statement statement(db, "PRAGMA table_info(runs)");
  while (statement.step()) columns.push_back(statement.text(1));
  return columns;
}

/// The schema of docs/results-database.md, with one REAL column per summary scalar.
std::string create_schema_sql() {
  std::string scalar_columns;
  for (const std::string& key : expected_scalar_keys()) {
    scalar_columns += "  " + sql_identifier(key) + " REAL,\n";
  }
  return fmt::format(R"(CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('format', '{}'), ('version', '{}');
CREATE TABLE sweeps (sweep_id TEXT PRIMARY KEY, file TEXT NOT NULL, base_path TEXT NOT NULL,
  definition TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE runs (
  sweep_id TEXT NOT NULL,
  point INTEGER NOT NULL,
  rep INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  scenario_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  wall_s REAL,
  finished_at TEXT NOT NULL,
  params TEXT NOT NULL,
{}  PRIMARY KEY (sweep_id, point, rep, seed, scenario_hash));
CREATE TABLE run_params (sweep_id TEXT NOT NULL, point INTEGER NOT NULL, rep INTEGER NOT NULL,
  seed INTEGER NOT NULL, scenario_hash TEXT NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX run_params_by_run ON run_params (sweep_id, point, rep, seed, scenario_hash);
)",
                     kFormat, kVersion, scalar_columns);
}

/// What the checks found in a readable SQLite file.
enum class Contents : std::uint8_t {
  empty,    ///< no tables at all: a new file (or one whose creation was interrupted)
  results,  ///< a knightsim results database we can read
};

}  // namespace

struct ResultsDb::Impl {
  std::string path;
  Access access;
  Database db;
  mutable std::mutex mutex;  ///< one connection: calls from several threads take turns

  Impl(std::string path_, Access access_) : path(std::move(path_)), access(access_) {}

  [[noreturn]] void fail(const std::string& reason) const {
    throw ResultsDbError(fmt::format("{}: {}", path, reason));
  }
  [[noreturn]] void refuse(const std::string& reason) const {
    throw ResultsDbError(fmt::format("{}: {}{}", path, reason, kRefuse));
  }
  [[noreturn]] void fail_sql(const std::string& doing, const SqlFailure& failure) const {
    fail(fmt::format("{}: {}", doing, failure.message));
  }

  void open() {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    const bool exists = std::filesystem::exists(status);
    if (!exists && access == Access::read_only) fail("no such file");
    if (exists && std::filesystem::is_directory(status)) fail("is a directory, not a database");

    if (exists) {
      // The read-only look first: nothing it does can change the file. For read-only access the
      // same connection then serves the queries.
      if (db.open(read_only_uri(), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI) != SQLITE_OK) {
        fail(fmt::format("cannot open ({})", db.message()));
      }
      sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
      check_integrity(db.get());
      const Contents contents = check_contents(db.get());
      if (access == Access::read_only) {
        if (contents == Contents::empty) {
          fail("an empty SQLite database, not (yet) a knightsim results database");
        }
        return;
      }
      db.close();
    }

    if (db.open(path, SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE)) != SQLITE_OK) {
      fail(fmt::format("cannot {} ({})", exists ? "open for writing" : "create", db.message()));
    }
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    sqlite3_extended_result_codes(db.get(), 1);
    try {
      Transaction transaction(db.get());
      if (check_contents(db.get()) == Contents::empty) {
        char* error = nullptr;
        if (sqlite3_exec(db.get(), create_schema_sql().c_str(), nullptr, nullptr, &error) !=
            SQLITE_OK) {
          const std::string message = error != nullptr ? error : "unknown error";
          sqlite3_free(error);
          fail(fmt::format("cannot create the results tables ({})", message));
        }
      }
      add_missing_scalar_columns();
      transaction.commit();
      Statement journal(db.get(), "PRAGMA journal_mode=WAL");
      if (!journal.step() || journal.text(0) != "wal") {
        fail("cannot switch to write-ahead logging (is the file on a network file system?)");
      }
      // With WAL, NORMAL still never corrupts the file; a power cut may lose the last commits,
      // which a resumed sweep simply runs again.
      execute(db.get(), "PRAGMA synchronous=NORMAL");
    } catch (const SqlFailure& failure) {
      fail_sql("cannot prepare the database", failure);
    }
  }

  /// The URI for read-only access. A file in WAL mode with no -wal beside it is opened as
  /// immutable: an ordinary read-only connection would leave -wal and -shm files next to a file
  /// that may not be ours (and cannot remove them). With no -wal file no connection has it open,
  /// so the main file holds everything. A writer that opens it while we read can at worst make a
  /// read fail, never change what the file holds. With a -wal file (a sweep is running), an
  /// ordinary read-only connection sees each run as it is committed.
  std::string read_only_uri() const {
    std::string uri = "file:";
    for (const char c : path) {
      const auto byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte) != 0 || std::string_view("/-_.~").find(c) != std::string_view::npos) {
        uri += c;
      } else {
        uri += fmt::format("%{:02X}", byte);
      }
    }
    uri += "?mode=ro";
    std::error_code ec;
    if (is_wal_mode_file() && !std::filesystem::exists(path + "-wal", ec)) uri += "&immutable=1";
    return uri;
  }

  /// The header says WAL: "SQLite format 3\0" with read and write versions 2 (bytes 18, 19).
  bool is_wal_mode_file() const {
    std::ifstream in(path, std::ios::binary);
    char header[20] = {};
    in.read(header, sizeof header);
    return in.gcount() == sizeof header &&
           std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16) &&
           header[18] == 2 && header[19] == 2;
  }

  /// SQLite at all, and not damaged.
  void check_integrity(sqlite3* handle) const {
    try {
      Statement check(handle, "PRAGMA quick_check");
      if (check.step() && check.text(0) != "ok") {
        refuse(fmt::format("corrupt SQLite database (quick_check: {})", check.text(0)));
      }
    } catch (const SqlFailure& failure) {
      const int primary = failure.code & 0xff;
      if (primary == SQLITE_NOTADB) {
        refuse(fmt::format("not a SQLite database ({})", failure.message));
      }
      if (primary == SQLITE_CORRUPT) {
        refuse(fmt::format("corrupt SQLite database ({})", failure.message));
      }
      fail(fmt::format("cannot read ({})", failure.message));
    }
  }

  /// Ours (meta format and a version we read) or empty; anything else is refused.
  Contents check_contents(sqlite3* handle) const {
    try {
      Statement tables(handle, "SELECT name FROM sqlite_master WHERE type = 'table'");
      std::vector<std::string> names;
      while (tables.step()) names.push_back(tables.text(0));
      Statement objects(handle, "SELECT count(*) FROM sqlite_master");
      objects.step();
      if (objects.integer(0) == 0) return Contents::empty;
      const auto has = [&](std::string_view name) {
        return std::find(names.begin(), names.end(), name) != names.end();
      };
      if (!has("meta")) refuse("not a knightsim results database (no meta table)");

      std::map<std::string, std::string> meta;
      try {
        Statement rows(handle, "SELECT key, value FROM meta WHERE key IN ('format', 'version')");
        while (rows.step()) meta[rows.text(0)] = rows.text(1);
      } catch (const SqlFailure& failure) {
        refuse(
            fmt::format("not a knightsim results database (its meta table: {})", failure.message));
      }
      if (!meta.contains("format")) {
        refuse("not a knightsim results database (no format in its meta table)");
      }
      if (meta["format"] != kFormat) {
        refuse(fmt::format("not a knightsim results database (meta format is '{}', not '{}')",
                           meta["format"], kFormat));
      }
      const std::string& version_text = meta["version"];
      int version = 0;
      const auto [end, error] =
          std::from_chars(version_text.data(), version_text.data() + version_text.size(), version);
      if (error != std::errc() || end != version_text.data() + version_text.size() || version < 1) {
        refuse(fmt::format("knightsim results database with an unreadable version '{}'",
                           version_text));
      }
      if (version > kVersion) {
        refuse(fmt::format(
            "knightsim results database version {}, newer than this knightsim reads ({}); use "
            "a newer knightsim",
            version, kVersion));
      }
      for (const std::string_view table : {"sweeps", "runs", "run_params"}) {
        if (!has(table)) {
          refuse(fmt::format("damaged knightsim results database (no {} table)", table));
        }
      }
      return Contents::results;
    } catch (const SqlFailure& failure) {
      fail(fmt::format("cannot read ({})", failure.message));
    }
  }

  /// Columns for summary scalars this file predates (it was written by an older knightsim).
  void add_missing_scalar_columns() {
    const std::vector<std::string> present = run_columns(db.get());
    for (const std::string& key : expected_scalar_keys()) {
      if (std::find(present.begin(), present.end(), key) == present.end()) {
        execute(db.get(), fmt::format("ALTER TABLE runs ADD COLUMN {} REAL", sql_identifier(key)));
      }
    }
  }

  void require_writable(std::string_view what) const {
    if (access == Access::read_only) {
      fail(fmt::format("cannot {}: the database was opened read-only", what));
    }
  }

  std::vector<std::string> scalar_keys() const {
    std::vector<std::string> keys;
    for (std::string& column : run_columns(db.get())) {
      if (std::find(std::begin(kRunFixedColumns), std::end(kRunFixedColumns), column) ==
          std::end(kRunFixedColumns)) {
        keys.push_back(std::move(column));
      }
    }
    return keys;
  }

  std::uint64_t parse_hash(const std::string& text) const {
    std::uint64_t hash = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hash, 16);
    if (text.size() != 16 || error != std::errc() || end != text.data() + text.size()) {
      fail(fmt::format("damaged results database: scenario_hash '{}' is not 16 hex digits", text));
    }
    return hash;
  }

  RunKey read_key(const Statement& row, int first_column) const {
    return RunKey{static_cast<std::uint32_t>(row.integer(first_column)),
                  static_cast<std::uint32_t>(row.integer(first_column + 1)),
                  static_cast<std::uint64_t>(row.integer(first_column + 2)),
                  parse_hash(row.text(first_column + 3))};
  }
};

ResultsDb::ResultsDb(const std::string& path, Access access)
    : impl_(std::make_unique<Impl>(path, access)), path_(path) {
  impl_->open();
}

ResultsDb::~ResultsDb() = default;

void ResultsDb::register_sweep(const SweepSpec& sweep) {
  const std::lock_guard lock(impl_->mutex);
  impl_->require_writable("register a sweep");
  if (sweep.id.empty()) impl_->fail("cannot register a sweep without an id");
  const std::string definition = canonical_definition(sweep);
  sqlite3* db = impl_->db.get();
  try {
    Transaction transaction(db);
    Statement existing(db, "SELECT definition FROM sweeps WHERE sweep_id = ?");
    existing.bind(1, sweep.id);
    if (existing.step()) {
      const std::string recorded = existing.text(0);
      if (recorded != definition) {
        impl_->fail(fmt::format(
            "sweep '{}' is already recorded with a different definition ({}); a changed sweep "
            "needs a new id",
            sweep.id, first_difference(recorded, definition)));
      }
      return;  // the same sweep again: resuming
    }
    Statement insert(db,
                     "INSERT INTO sweeps (sweep_id, file, base_path, definition, created_at) "
                     "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, sweep.id);
    insert.bind(2, sweep.file);
    insert.bind(3, sweep.base_path);
    insert.bind(4, definition);
    insert.bind(5, utc_now_iso8601());
    insert.run();
    transaction.commit();
  } catch (const SqlFailure& failure) {
    impl_->fail_sql(fmt::format("cannot register sweep '{}'", sweep.id), failure);
  }
}

std::set<RunKey> ResultsDb::finished_runs(const std::string& sweep_id) const {
  const std::lock_guard lock(impl_->mutex);
  std::set<RunKey> runs;
  try {
    Statement select(impl_->db.get(),
                     "SELECT point, rep, seed, scenario_hash FROM runs WHERE sweep_id = ?");
    select.bind(1, sweep_id);
    while (select.step()) runs.insert(impl_->read_key(select, 0));
  } catch (const SqlFailure& failure) {
    impl_->fail_sql(fmt::format("cannot read the runs of sweep '{}'", sweep_id), failure);
  }
  return runs;
}

void ResultsDb::record(const RunRecord& record) {
  const std::lock_guard lock(impl_->mutex);
  impl_->require_writable("record a run");
  const SweepRun& run = record.run;
  const std::string what = fmt::format("run (point {}, rep {}, seed {}) of sweep '{}'", run.point,
                                       run.rep, run.seed, record.sweep_id);
  // SQLite integers are signed 64-bit; the sweep runner keeps seeds below 2^63.
  if (run.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    impl_->fail(fmt::format("cannot record {}: seed is 2^63 or more", what));
  }
  const std::string hash = hash_hex(run.scenario_hash);
  const auto bind_key = [&](Statement& statement) {
    statement.bind(1, record.sweep_id);
    statement.bind(2, static_cast<std::int64_t>(run.point));
    statement.bind(3, static_cast<std::int64_t>(run.rep));
    statement.bind(4, static_cast<std::int64_t>(run.seed));
    statement.bind(5, hash);
  };

  // A failed run has no results: its scalar columns stay NULL whatever the record holds.
  const std::vector<std::pair<std::string, double>> no_scalars;
  const auto& scalars = record.ok ? record.scalars : no_scalars;
  std::string columns, placeholders;
  for (const std::string_view column : kRunFixedColumns) {
    columns += fmt::format("{}{}", columns.empty() ? "" : ", ", column);
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  for (const auto& [key, value] : scalars) {
    columns += ", " + sql_identifier(key);
    placeholders += ", ?";
  }

  sqlite3* db = impl_->db.get();
  try {
    Transaction transaction(db);
    Statement registered(db, "SELECT 1 FROM sweeps WHERE sweep_id = ?");
    registered.bind(1, record.sweep_id);
    if (!registered.step()) {
      impl_->fail(fmt::format("cannot record {}: the sweep is not registered", what));
    }

    // Scalars whose names depend on the scenario (per-zone figures: zones.<island>.*) get
    // their column the first time a run has them.
    const std::vector<std::string> present = run_columns(db);
    for (const auto& [key, value] : scalars) {
      if (std::find(present.begin(), present.end(), key) == present.end()) {
        execute(db, fmt::format("ALTER TABLE runs ADD COLUMN {} REAL", sql_identifier(key)));
      }
    }

    std::unique_ptr<Statement> insert_run;
    try {
      insert_run = std::make_unique<Statement>(
          db, fmt::format("INSERT INTO runs ({}) VALUES ({})", columns, placeholders));
    } catch (const SqlFailure& failure) {
      // The only statement text that varies is the scalar column list.
      impl_->fail(fmt::format("cannot record {}: {} (a summary scalar without a column?)", what,
                              failure.message));
    }
    bind_key(*insert_run);
    insert_run->bind(6, record.ok ? std::string_view("ok") : std::string_view("failed"));
    if (record.ok) {
      insert_run->bind_null(7);
    } else {
      insert_run->bind(7, record.error);
    }
    insert_run->bind(8, record.wall_s);
    insert_run->bind(9, utc_now_iso8601());
    insert_run->bind(10, params_json(record.settings));
    int index = 11;
    for (const auto& [key, value] : scalars) {
      // NaN (an undefined rate) is stored as NULL by SQLite itself.
      insert_run->bind(index++, value);
    }
    try {
      insert_run->run();
    } catch (const SqlFailure& failure) {
      if (failure.code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        throw RunAlreadyRecorded(
            fmt::format("{}: cannot record {}: it is already recorded", impl_->path, what));
      }
      throw;
    }

    Statement insert_param(db,
                           "INSERT INTO run_params (sweep_id, point, rep, seed, scenario_hash, "
                           "path, value) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const ScenarioOverride& setting : record.settings) {
      insert_param.reset();
      bind_key(insert_param);
      insert_param.bind(6, setting.path);
      insert_param.bind(7, setting.value);
      insert_param.run();
    }
    transaction.commit();
  } catch (const SqlFailure& failure) {
    impl_->fail_sql(fmt::format("cannot record {}", what), failure);
  }
}

std::size_t ResultsDb::forget_failed_runs(const std::string& sweep_id) {
  const std::lock_guard lock(impl_->mutex);
  impl_->require_writable("forget failed runs");
  sqlite3* db = impl_->db.get();
  try {
    Transaction transaction(db);
    // Parameter rows first: they are found through the failed runs' keys.
    Statement params(db,
                     "DELETE FROM run_params WHERE (sweep_id, point, rep, seed, scenario_hash) IN "
                     "(SELECT sweep_id, point, rep, seed, scenario_hash FROM runs "
                     "WHERE sweep_id = ? AND status = 'failed')");
    params.bind(1, sweep_id);
    params.run();
    Statement runs(db, "DELETE FROM runs WHERE sweep_id = ? AND status = 'failed'");
    runs.bind(1, sweep_id);
    runs.run();
    const auto deleted = static_cast<std::size_t>(sqlite3_changes(db));
    transaction.commit();
    return deleted;
  } catch (const SqlFailure& failure) {
    impl_->fail_sql(fmt::format("cannot forget the failed runs of sweep '{}'", sweep_id), failure);
  }
}

std::vector<StoredSweep> ResultsDb::sweeps() const {
  const std::lock_guard lock(impl_->mutex);
  std::vector<StoredSweep> sweeps;
  try {
    Statement select(impl_->db.get(),
                     "SELECT sweep_id, file, base_path, definition, created_at FROM sweeps "
                     "ORDER BY rowid");
    while (select.step()) {
      sweeps.push_back(StoredSweep{select.text(0), select.text(1), select.text(2), select.text(3),
                                   select.text(4)});
    }
  } catch (const SqlFailure& failure) {
    impl_->fail_sql("cannot read the sweeps", failure);
  }
  return sweeps;
}

std::vector<std::string> ResultsDb::scalar_keys() const {
  const std::lock_guard lock(impl_->mutex);
  try {
    return impl_->scalar_keys();
  } catch (const SqlFailure& failure) {
    impl_->fail_sql("cannot read the columns of runs", failure);
  }
}

std::vector<StoredRun> ResultsDb::runs(const std::string& sweep_id,
                                       const std::vector<std::string>& metrics) const {
  const std::lock_guard lock(impl_->mutex);
  std::vector<StoredRun> runs;
  try {
    const std::vector<std::string> keys = impl_->scalar_keys();
    std::string metric_columns;
    for (const std::string& metric : metrics) {
      if (std::find(keys.begin(), keys.end(), metric) == keys.end()) {
        impl_->fail(fmt::format("no metric '{}' in the runs table", metric));
      }
      metric_columns += ", " + sql_identifier(metric);
    }
    sqlite3* db = impl_->db.get();
    Statement select(db, fmt::format("SELECT point, rep, seed, scenario_hash, status, error, "
                                     "wall_s, finished_at{} FROM runs WHERE sweep_id = ? "
                                     "ORDER BY point, rep, seed, scenario_hash",
                                     metric_columns));
    select.bind(1, sweep_id);
    std::map<RunKey, std::size_t> index_of;
    while (select.step()) {
      StoredRun stored;
      const RunKey key = impl_->read_key(select, 0);
      stored.run = SweepRun{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key)};
      stored.ok = select.text(4) == "ok";
      stored.error = select.text(5);
      if (!select.is_null(6)) stored.wall_s = select.real(6);
      stored.finished_at = select.text(7);
      for (int i = 0; i < static_cast<int>(metrics.size()); ++i) {
        if (select.is_null(8 + i)) {
          stored.values.emplace_back();
        } else {
          stored.values.emplace_back(select.real(8 + i));
        }
      }
      index_of.emplace(key, runs.size());
      runs.push_back(std::move(stored));
    }

    // rowid order is insertion order: each run's parameters come back in the sweep's order.
    Statement params(db,
                     "SELECT point, rep, seed, scenario_hash, path, value FROM run_params "
                     "WHERE sweep_id = ? ORDER BY rowid");
    params.bind(1, sweep_id);
    while (params.step()) {
      const auto found = index_of.find(impl_->read_key(params, 0));
      if (found != index_of.end()) {
        runs[found->second].settings.push_back(ScenarioOverride{params.text(4), params.text(5)});
      }
    }
  } catch (const SqlFailure& failure) {
    impl_->fail_sql(fmt::format("cannot read the runs of sweep '{}'", sweep_id), failure);
  }
  return runs;
}

}  // namespace knightsim
