#pragma once
/// Running a sweep's runs: one run as a RunRecord (never an exception), the points' scenarios
/// loaded once and shared, and a pool of worker threads that hands every record back to the
/// calling thread, the only one that writes results. Front-end code (knightsim_io): no
/// console; the CLI draws progress and owns the database. docs/sweeps.md describes the rules.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "knightsim/results_db.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/sweep.hpp"

namespace knightsim {

/// The scenarios of a sweep's points, each loaded the first time a run needs it and then
/// shared read-only by every run of that point, on any thread.
class PointScenarios {
 public:
  /// `sweep` must outlive this.
  explicit PointScenarios(const SweepSpec& sweep);
  ~PointScenarios();
  PointScenarios(const PointScenarios&) = delete;
  PointScenarios& operator=(const PointScenarios&) = delete;

  const SweepSpec& sweep() const { return sweep_; }
  const std::vector<SweepPoint>& points() const { return points_; }
  /// The point's scenario; nullptr and the loader's problems in `error` if it does not load.
  std::shared_ptr<const ScenarioSpec> get(std::uint32_t point, std::string& error) const;
  /// Forgets the point's scenario (runs still holding it keep it alive); loaded again if a
  /// run needs it later. Keeps memory flat in sweeps of large (trace) scenarios.
  void release(std::uint32_t point) const;

 private:
  struct Slot;
  const SweepSpec& sweep_;
  std::vector<SweepPoint> points_;
  std::unique_ptr<Slot[]> slots_;
};

/// How a run is stopped early: polled between slices of simulated time.
using AbandonCheck = std::function<bool()>;

/// Test-only fault injection: runs of this point throw (see KNIGHTSIM_TEST_FAIL_POINT in
/// docs/sweeps.md), so tests can see a failed run recorded without a scenario that fails.
struct FaultInjection {
  std::optional<std::uint32_t> fail_point;
};

/// Runs one (point, rep) single-threaded and summarises it. A scenario that does not load or
/// an exception from the engine is a failed record with the reason, never an exception.
/// nullopt if `abandon` said to stop before the run finished (nothing to record).
std::optional<RunRecord> execute_sweep_run(const PointScenarios& scenarios, const SweepRun& run,
                                           const FaultInjection& faults = {},
                                           const AbandonCheck& abandon = {});

struct ThreadedSweepOptions {
  unsigned jobs = 1;  ///< worker threads
  FaultInjection faults;
  /// Called on the calling thread with each finished record, in completion order.
  std::function<void(const RunRecord&)> on_record;
  /// Called on the calling thread about ten times a second, and once at the end.
  std::function<void()> on_tick;
  /// Polled on the calling thread: true → hand out no more runs (in-flight ones finish).
  std::function<bool()> stop;
  /// Polled by the workers: true → drop the runs in flight unrecorded.
  std::function<bool()> abandon;
};

/// Runs `todo` (indices into a run list of the same sweep) on `jobs` threads. Returns the number
/// of runs not started or abandoned because of stop/abandon. An exception from on_record (a
/// database error) stops the workers and is rethrown here.
std::size_t run_sweep_threads(const PointScenarios& scenarios, const std::vector<SweepRun>& todo,
                              const ThreadedSweepOptions& options);

}  // namespace knightsim
