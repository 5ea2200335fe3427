#pragma once
// The writer's side of `knightsim sweep`, shared by the threaded and the MPI drivers: the
// results database (opened only after the sweep file checked out), which runs are left to do,
// recording finished runs, progress, and the closing summary and exit code.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "knightsim/results_db.hpp"
#include "knightsim/sweep.hpp"
#include "progress_bar.hpp"

namespace knightsim::cli {

/// The command line of `knightsim sweep`.
struct SweepArgs {
  std::string sweep_path;
  std::string db_path = "results.sqlite";
  unsigned jobs = 1;
  bool quiet = false;
  bool retry_failed = false;
  bool mpi = false;
  std::optional<std::uint32_t> test_fail_point;  ///< KNIGHTSIM_TEST_FAIL_POINT, tests only
};

class SweepSession {
 public:
  /// Opens the database and registers the sweep. Prints why and returns nullptr if the
  /// database cannot be used (not ours, corrupt, or the sweep's id names another sweep).
  static std::unique_ptr<SweepSession> open(const SweepSpec& sweep, const SweepArgs& args,
                                            const std::string& workers_label);

  /// Every run of the sweep, point-major (indices of todo() refer to it).
  const std::vector<SweepRun>& runs() const { return runs_; }
  /// Runs not yet recorded (and failed ones with --retry-failed), in the order of runs().
  const std::vector<SweepRun>& todo() const { return todo_; }

  /// Writes one finished run and counts it. Throws ResultsDbError if the write fails.
  void record(const RunRecord& record);
  /// Redraws the progress bar and says once that an interrupt was received; `workers` is how
  /// many runs can be in flight at once.
  void tick(std::size_t workers);
  /// Prints the summary; the exit code: 0 every run of the sweep ok, 1 a run failed (now or
  /// recorded earlier), 130/143 interrupted.
  int finish(std::size_t not_run);

 private:
  SweepSession(const SweepSpec& sweep, const SweepArgs& args, std::unique_ptr<ResultsDb> db);
  void print_failure(const RunRecord& record);

  const SweepSpec& sweep_;
  SweepArgs args_;
  std::unique_ptr<ResultsDb> db_;
  std::vector<SweepRun> runs_;
  std::vector<SweepRun> todo_;
  std::size_t skipped_ = 0;
  std::size_t skipped_failed_ = 0;  ///< of the skipped runs, those recorded as failed
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  bool told_interrupt_ = false;
  bool told_other_writer_ = false;  ///< warned that another process records this sweep
  ProgressBar progress_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace knightsim::cli
