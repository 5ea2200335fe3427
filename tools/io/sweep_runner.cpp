// Running sweep runs: one run → one RunRecord, and the worker-thread pool of `knightsim sweep`.
#include "knightsim/sweep_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

namespace knightsim {
namespace {

// How often a run checks whether it should be abandoned, in simulated time: often enough that
// a second Ctrl-C is obeyed within a fraction of a second, rarely enough to cost nothing.
constexpr SimTime kAbandonCheckEveryMs = 5 * kMsPerMinute;
// How often the writer thread wakes for progress and stop requests when no run finishes.
constexpr auto kTickInterval = std::chrono::milliseconds(100);

}  // namespace

struct PointScenarios::Slot {
  std::mutex mutex;
  bool loaded = false;
  std::shared_ptr<const ScenarioSpec> spec;
  std::string error;
};

PointScenarios::PointScenarios(const SweepSpec& sweep)
    : sweep_(sweep), points_(sweep_points(sweep)), slots_(new Slot[points_.size()]) {}

PointScenarios::~PointScenarios() = default;

std::shared_ptr<const ScenarioSpec> PointScenarios::get(std::uint32_t point,
                                                        std::string& error) const {
  Slot& slot = slots_[point];
  // Held while loading: the other runs of this point wait for the one load rather than each
  // loading the same scenario again.
  const std::lock_guard lock(slot.mutex);
  if (!slot.loaded) {
    ScenarioLoadResult result = load_point_scenario(sweep_, points_.at(point));
    if (result.ok()) {
      slot.spec = std::make_shared<const ScenarioSpec>(std::move(*result.spec));
      slot.error.clear();
    } else {
      std::vector<std::string> lines;
      for (const ScenarioProblem& problem : result.problems) lines.push_back(problem.format());
      slot.error = fmt::format("the scenario does not load: {}", fmt::join(lines, "; "));
    }
    slot.loaded = true;
  }
  error = slot.error;
  return slot.spec;
}

void PointScenarios::release(std::uint32_t point) const {
  Slot& slot = slots_[point];
  const std::lock_guard lock(slot.mutex);
  slot.spec.reset();
  slot.loaded = false;
}

std::optional<RunRecord> execute_sweep_run(const PointScenarios& scenarios, const SweepRun& run,
                                           const FaultInjection& faults,
                                           const AbandonCheck& abandon) {
  RunRecord record;
  record.sweep_id = scenarios.sweep().id;
  record.run = run;
  record.settings = scenarios.points().at(run.point).settings;
  const auto started = std::chrono::steady_clock::now();
  try {
    if (faults.fail_point == run.point) {
      throw std::runtime_error(fmt::format(
          "injected failure at point {} (KNIGHTSIM_TEST_FAIL_POINT, for tests only)", run.point));
    }
    std::string error;
    const std::shared_ptr<const ScenarioSpec> spec = scenarios.get(run.point, error);
    if (spec == nullptr) {
      record.ok = false;
      record.error = error;
    } else {
      Simulation simulation(*spec, run.seed);
      if (abandon) {
        // Slices of simulated time give the same run as run() (the queue is the same).
        while (!simulation.finished()) {
          if (abandon()) return std::nullopt;
          simulation.run_until(simulation.now() + kAbandonCheckEveryMs);
        }
      } else {
        simulation.run();
      }
      record.scalars = summary_scalars(summarize(simulation));
    }
  } catch (const std::exception& error) {
    // Any failure of one run (a bad_alloc, an engine invariant that throws) is that run's
    // result: the sweep goes on.
    record.ok = false;
    record.scalars.clear();
    record.error = error.what();
  }
  record.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return record;
}

std::size_t run_sweep_threads(const PointScenarios& scenarios, const std::vector<SweepRun>& todo,
                              const ThreadedSweepOptions& options) {
  if (todo.empty()) {
    if (options.on_tick) options.on_tick();
    return 0;
  }
  const unsigned jobs =
      std::clamp<unsigned>(options.jobs, 1u,
                           static_cast<unsigned>(std::min<std::size_t>(
                               todo.size(), std::numeric_limits<unsigned>::max())));

  // Runs left per point, to release a point's scenario once its last run has finished.
  std::vector<std::size_t> left_of_point(scenarios.points().size(), 0);
  for (const SweepRun& run : todo) ++left_of_point.at(run.point);

  std::atomic<std::size_t> next{0};
  std::atomic<bool> halt{false};           // hand out no more runs
  std::atomic<bool> writer_failed{false};  // drop the runs in flight too
  std::mutex mutex;                        // guards everything below it
  std::condition_variable finished_one;
  std::deque<RunRecord> ready;
  unsigned workers_done = 0;

  const AbandonCheck abandon = [&] {
    return writer_failed.load(std::memory_order_relaxed) || (options.abandon && options.abandon());
  };
  const auto work = [&] {
    while (!halt.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1);
      if (i >= todo.size()) break;
      std::optional<RunRecord> record =
          execute_sweep_run(scenarios, todo[i], options.faults, abandon);
      const std::lock_guard lock(mutex);
      if (--left_of_point[todo[i].point] == 0) scenarios.release(todo[i].point);
      if (record) ready.push_back(std::move(*record));
      finished_one.notify_one();
    }
    const std::lock_guard lock(mutex);
    ++workers_done;
    finished_one.notify_one();
  };

  std::vector<std::thread> workers;
  workers.reserve(jobs);
  try {
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  } catch (...) {
    // Fewer threads than asked (a process limit): stop the ones started, then report, rather
    // than let a joinable thread's destructor terminate the program.
    halt = true;
    for (std::thread& worker : workers) worker.join();
    throw;
  }

  // This thread is the writer: records are handed to on_record here and nowhere else.
  std::size_t recorded = 0;
  std::exception_ptr writer_error;
  while (true) {
    std::deque<RunRecord> batch;
    bool all_done = false;
    {
      std::unique_lock lock(mutex);
      finished_one.wait_for(lock, kTickInterval,
                            [&] { return !ready.empty() || workers_done == jobs; });
      batch.swap(ready);
      all_done = workers_done == jobs;
    }
    for (RunRecord& record : batch) {
      if (writer_error) break;
      try {
        if (options.on_record) options.on_record(record);
        ++recorded;
      } catch (...) {
        writer_error = std::current_exception();
        halt = true;
        writer_failed = true;
      }
    }
    if (options.stop && options.stop()) halt = true;
    if (options.on_tick) options.on_tick();
    if (all_done && batch.empty()) break;
  }
  for (std::thread& worker : workers) worker.join();
  if (writer_error) std::rethrow_exception(writer_error);
  return todo.size() - recorded;
}

}  // namespace knightsim
