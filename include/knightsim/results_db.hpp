#pragma once
/// The results database of sweeps (SQLite, WAL mode): one row per finished run, written in one
/// transaction when the run finishes, so a killed sweep loses only the runs in flight and never
/// leaves a partial row. Front-end code (knightsim_io); the schema is documented in
/// docs/results-database.md.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "knightsim/summary.hpp"
#include "knightsim/sweep.hpp"

namespace knightsim {

/// A database that cannot be used: not SQLite, corrupt, another program's, or a newer
/// format. The message names the file and says why; the file is left untouched.
class ResultsDbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// record() found the run already there: another process running the same sweep on the same
/// database recorded it first. Nothing was written; the run is done either way.
class RunAlreadyRecorded : public ResultsDbError {
 public:
  using ResultsDbError::ResultsDbError;
};

/// Every scalar of summary.json as (dotted key, value), in summary.json's order
/// ("orders.delivered", "click_to_door_min.mean", …); the wall-clock fields are left out
/// (they measure the machine, not the run), and so are text fields, the seed (a column of its
/// own) and the hourly series.
std::vector<std::pair<std::string, double>> summary_scalars(const RunSummary& summary);

/// A finished run, successful or not.
struct RunRecord {
  std::string sweep_id;
  SweepRun run;
  std::vector<ScenarioOverride> settings;  ///< the point's parameter values
  bool ok = true;
  std::string error;  ///< why it failed, when !ok
  /// summary_scalars, when ok (a failed run's columns stay NULL whatever this holds); a key
  /// left out is NULL too.
  std::vector<std::pair<std::string, double>> scalars;
  double wall_s = 0.0;
};

/// A sweep as registered.
struct StoredSweep {
  std::string id;
  std::string file;
  std::string base_path;
  std::string definition;  ///< canonical text (docs/results-database.md)
  std::string created_at;  ///< UTC, ISO 8601
};

/// A run as read back, with the values of the metrics asked for.
struct StoredRun {
  SweepRun run;
  std::vector<ScenarioOverride> settings;  ///< in the sweep's parameter order
  bool ok = true;
  std::string error;                          ///< when !ok
  std::optional<double> wall_s;               ///< s
  std::string finished_at;                    ///< UTC, ISO 8601
  std::vector<std::optional<double>> values;  ///< one per metric asked for; none when NULL
};

class ResultsDb {
 public:
  enum class Access : std::uint8_t {
    read_write,  ///< create the file if absent; add summary columns an older version lacks
    read_only,   ///< the file must exist; nothing is ever written
  };

  /// Opens (creating if absent, for read_write) a results database; throws ResultsDbError if
  /// the file is missing (read_only) or exists but is not a knightsim results database.
  explicit ResultsDb(const std::string& path, Access access = Access::read_write);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  /// Records the sweep (id, file, text). The same id with a different definition is an
  /// error: a changed sweep must get a new id.
  void register_sweep(const SweepSpec& sweep);
  /// Runs of the sweep already recorded (ok or failed), as (point, rep, seed, scenario hash).
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t>> finished_runs(
      const std::string& sweep_id) const;
  /// Writes one run in one transaction. An unregistered sweep, a run already recorded
  /// (RunAlreadyRecorded: another process running the same sweep wrote it first; nothing is
  /// written) or a seed of 2^63 or more is an error. Calls from several threads take turns.
  void record(const RunRecord& record);
  /// Deletes the sweep's failed runs (their rows and parameter rows, in one transaction), so
  /// that running the sweep again runs them again (`knightsim sweep --retry-failed`). Returns
  /// how many were deleted.
  std::size_t forget_failed_runs(const std::string& sweep_id);

  /// The registered sweeps, oldest first.
  std::vector<StoredSweep> sweeps() const;
  /// The keys of the scalar columns, in column order (summary_scalars' keys, plus any a newer
  /// knightsim added to this file; a read-only older file may lack recent ones).
  std::vector<std::string> scalar_keys() const;
  /// The sweep's runs ordered by (point, rep, seed, scenario hash), with `metrics` (scalar keys;
  /// an unknown one throws) read for each.
  std::vector<StoredRun> runs(const std::string& sweep_id,
                              const std::vector<std::string>& metrics) const;

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace knightsim
