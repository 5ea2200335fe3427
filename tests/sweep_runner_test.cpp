// Running a sweep's runs in-process: one shared scenario per point, one RunRecord per run
// (failures included), and a thread pool whose records do not depend on the number of threads
// and all reach the calling thread.
#include "knightsim/sweep_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace knightsim;

namespace {

constexpr const char* kSweep = R"(sweep: runner-test
replications: 2
seed: 3
parameters:
  duration: 20min
  demand.orders_per_hour: [300, 400, 500]
)";

SweepSpec load_sweep() {
  const SweepLoadResult result = load_sweep_text(kSweep, "runner.yaml", "");
  REQUIRE(result.ok());
  return *result.sweep;
}

/// A record without its wall time, comparable.
using RecordKey = std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t, bool,
                             std::string, std::vector<std::pair<std::string, double>>>;

RecordKey key_of(const RunRecord& record) {
  return {record.run.point, record.run.rep, record.run.seed, record.run.scenario_hash,
          record.ok,        record.error,   record.scalars};
}

std::vector<RecordKey> run_all(const SweepSpec& sweep, unsigned jobs) {
  const PointScenarios scenarios(sweep);
  std::vector<RecordKey> keys;
  const std::thread::id caller = std::this_thread::get_id();
  ThreadedSweepOptions options;
  options.jobs = jobs;
  options.on_record = [&](const RunRecord& record) {
    CHECK(std::this_thread::get_id() == caller);  // the one writer
    keys.push_back(key_of(record));
  };
  CHECK(run_sweep_threads(scenarios, sweep_runs(sweep), options) == 0);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("sweep runner: a point's scenario is loaded once and shared") {
  const SweepSpec sweep = load_sweep();
  const PointScenarios scenarios(sweep);
  REQUIRE(scenarios.points().size() == 3);
  std::string error;
  const auto first = scenarios.get(1, error);
  REQUIRE(first != nullptr);
  CHECK(error.empty());
  CHECK(first->demand.orders_per_hour == 400.0);
  CHECK(first->duration_ms == 20 * kMsPerMinute);
  CHECK(scenarios.get(1, error) == first);
  scenarios.release(1);
  const auto again = scenarios.get(1, error);
  REQUIRE(again != nullptr);
  CHECK(again != first);  // loaded anew; the old one lives on while a run holds it
  CHECK(again->demand.orders_per_hour == first->demand.orders_per_hour);
}

TEST_CASE("sweep runner: one run is a record, and a failure is a record too") {
  const SweepSpec sweep = load_sweep();
  const PointScenarios scenarios(sweep);
  const std::vector<SweepRun> runs = sweep_runs(sweep);

  const std::optional<RunRecord> ok = execute_sweep_run(scenarios, runs[2]);
  REQUIRE(ok.has_value());
  CHECK(ok->ok);
  CHECK(ok->sweep_id == "runner-test");
  CHECK(ok->run.point == 1);
  CHECK(ok->run.seed == runs[2].seed);
  REQUIRE(ok->settings.size() == 2);
  CHECK(ok->settings[1].value == "400");
  CHECK_FALSE(ok->scalars.empty());
  CHECK(ok->wall_s > 0.0);
  const std::optional<RunRecord> same = execute_sweep_run(scenarios, runs[2]);
  CHECK(key_of(*same) == key_of(*ok));  // deterministic

  FaultInjection faults;
  faults.fail_point = 1;
  const std::optional<RunRecord> failed = execute_sweep_run(scenarios, runs[2], faults);
  REQUIRE(failed.has_value());
  CHECK_FALSE(failed->ok);
  CHECK(failed->error.find("injected failure at point 1") != std::string::npos);
  CHECK(failed->scalars.empty());
  CHECK(execute_sweep_run(scenarios, runs[0], faults)->ok);  // other points run

  const std::optional<RunRecord> abandoned =
      execute_sweep_run(scenarios, runs[0], {}, [] { return true; });
  CHECK_FALSE(abandoned.has_value());
}

TEST_CASE("sweep runner: the records do not depend on the number of threads") {
  const SweepSpec sweep = load_sweep();
  const std::vector<RecordKey> serial = run_all(sweep, 1);
  CHECK(serial.size() == 6);
  CHECK(run_all(sweep, 3) == serial);
  CHECK(run_all(sweep, 64) == serial);  // more threads than runs
}

TEST_CASE("sweep runner: stop hands out no more runs; a writer error stops and is rethrown") {
  SweepSpec sweep = load_sweep();
  sweep.replications = 100;  // far more runs than a worker can finish before stop is seen
  const PointScenarios scenarios(sweep);
  const std::vector<SweepRun> runs = sweep_runs(sweep);

  std::size_t recorded = 0;
  ThreadedSweepOptions options;
  options.jobs = 1;
  options.on_record = [&](const RunRecord&) { ++recorded; };
  options.stop = [&] { return recorded >= 1; };
  const std::size_t not_run = run_sweep_threads(scenarios, runs, options);
  CHECK(recorded >= 1);
  CHECK(recorded < runs.size());
  CHECK(not_run == runs.size() - recorded);

  ThreadedSweepOptions failing;
  failing.jobs = 2;
  failing.on_record = [](const RunRecord&) { throw std::runtime_error("disk full"); };
  CHECK_THROWS_WITH(run_sweep_threads(scenarios, runs, failing), "disk full");

  ThreadedSweepOptions nothing;
  int ticks = 0;
  nothing.on_tick = [&] { ++ticks; };
  CHECK(run_sweep_threads(scenarios, {}, nothing) == 0);
  CHECK(ticks == 1);
}
