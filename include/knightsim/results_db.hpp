#pragma once
/// The results database of sweeps (SQLite, WAL mode): one row per finished run, written in one
/// transaction when the run finishes, so a killed sweep loses only the runs in flight and never
/// leaves a partial row. Front-end code (knightsim_io); the schema is documented in
/// docs/sweeps.md.

#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
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

/// Every scalar of summary.json as (dotted key, value), in summary.json's order
/// ("orders.delivered", "click_to_door_min.mean", …); the wall-clock fields are left out
/// (they measure the machine, not the run).
std::vector<std::pair<std::string, double>> summary_scalars(const RunSummary& summary);

/// A finished run, successful or not.
struct RunRecord {
  std::string sweep_id;
  SweepRun run;
  std::vector<ScenarioOverride> settings;  ///< the point's parameter values
  bool ok = true;
  std::string error;  ///< why it failed, when !ok
  std::vector<std::pair<std::string, double>> scalars;  ///< summary_scalars, when ok
  double wall_s = 0.0;
};

class ResultsDb {
 public:
  /// Opens (creating if absent) a results database; throws ResultsDbError if the file exists
  /// but is not a knightsim results database.
  explicit ResultsDb(const std::string& path);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  /// Records the sweep (id, file, text). The same id with a different definition is an
  /// error: a changed sweep must get a new id.
  void register_sweep(const SweepSpec& sweep);
  /// Runs of the sweep already recorded (ok or failed), as (point, rep, seed, scenario hash).
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t>> finished_runs(
      const std::string& sweep_id) const;
  /// Writes one run in one transaction.
  void record(const RunRecord& record);

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace knightsim
