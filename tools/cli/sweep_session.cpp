#include "sweep_session.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>

#include "commands.hpp"
#include "interrupts.hpp"

namespace knightsim::cli {
namespace {

// Failures past this many are counted, not printed: a sweep whose every run fails would
// otherwise bury the summary under the same message.
constexpr std::size_t kFailuresShown = 10;

std::string plural(std::size_t count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

SweepSession::SweepSession(const SweepSpec& sweep, const SweepArgs& args,
                           std::unique_ptr<ResultsDb> db)
    : sweep_(sweep),
      args_(args),
      db_(std::move(db)),
      runs_(sweep_runs(sweep)),
      progress_(stderr, !args.quiet),
      started_(std::chrono::steady_clock::now()) {}

std::unique_ptr<SweepSession> SweepSession::open(const SweepSpec& sweep, const SweepArgs& args,
                                                 const std::string& workers_label) {
  std::unique_ptr<ResultsDb> db;
  std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t>> finished;
  std::size_t retried = 0, failed_before = 0;
  try {
    db = std::make_unique<ResultsDb>(args.db_path);
    db->register_sweep(sweep);
    // Forgotten failures are simply not finished: if this sweep is killed too, they are still
    // run next time.
    if (args.retry_failed) retried = db->forget_failed_runs(sweep.id);
    finished = db->finished_runs(sweep.id);
    for (const StoredRun& stored : db->runs(sweep.id, {})) failed_before += stored.ok ? 0 : 1;
  } catch (const ResultsDbError& error) {
    std::fprintf(stderr, "knightsim sweep: %s\n", error.what());
    return nullptr;
  }
  std::unique_ptr<SweepSession> session(new SweepSession(sweep, args, std::move(db)));
  session->skipped_failed_ = failed_before;
  for (const SweepRun& run : session->runs_) {
    if (finished.contains({run.point, run.rep, run.seed, run.scenario_hash})) {
      ++session->skipped_;
    } else {
      session->todo_.push_back(run);
    }
  }
  if (!args.quiet) {
    const std::size_t points = session->runs_.size() / static_cast<std::size_t>(sweep.replications);
    std::printf("Sweep %s: %s (%s x %s)", sweep.id.c_str(),
                plural(session->runs_.size(), "run").c_str(), plural(points, "point").c_str(),
                plural(static_cast<std::size_t>(sweep.replications), "replication").c_str());
    if (session->skipped_ > 0) {
      std::printf(", %zu already in %s", session->skipped_, args.db_path.c_str());
    }
    if (retried > 0) std::printf(", %s to retry", plural(retried, "failed run").c_str());
    if (!session->todo_.empty()) {
      std::printf("; running %zu %s", session->todo_.size(), workers_label.c_str());
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return session;
}

void SweepSession::record(const RunRecord& record) {
  try {
    db_->record(record);
  } catch (const RunAlreadyRecorded&) {
    // A second process is running this sweep on the same database and got there first: the
    // run is done, with its row intact; say so once rather than stop.
    ++done_;
    if (!told_other_writer_) {
      told_other_writer_ = true;
      progress_.clear();
      std::fprintf(stderr,
                   "knightsim sweep: another process is recording this sweep too (run point "
                   "%u, rep %u was already recorded); its rows are kept — one process per "
                   "sweep is the intended use\n",
                   record.run.point, record.run.rep);
    }
    return;
  }
  ++done_;
  if (!record.ok) {
    ++failed_;
    print_failure(record);
  }
}

void SweepSession::print_failure(const RunRecord& record) {
  if (failed_ > kFailuresShown) return;
  progress_.clear();
  std::fprintf(stderr, "knightsim sweep: run failed (point %u, rep %u): %s\n", record.run.point,
               record.run.rep, record.error.c_str());
  if (failed_ == kFailuresShown) {
    std::fprintf(stderr, "knightsim sweep: further failures are recorded but not shown\n");
  }
}

void SweepSession::tick(std::size_t workers) {
  if (stop_requested() && !told_interrupt_) {
    const std::size_t in_flight = std::min(workers, todo_.size() - done_);
    told_interrupt_ = true;
    progress_.clear();
    if (abandon_requested()) {
      std::fprintf(stderr, "\nknightsim sweep: stopping now; the runs in flight are abandoned\n");
    } else {
      std::fprintf(stderr,
                   "\nknightsim sweep: interrupted; finishing the %zu run%s in flight (Ctrl-C "
                   "again to abandon them)\n",
                   in_flight, in_flight == 1 ? "" : "s");
    }
  }
  if (todo_.empty()) return;
  std::string status = fmt::format("{}/{} runs, {} failed", done_, todo_.size(), failed_);
  if (skipped_ > 0) status += fmt::format(" ({} skipped)", skipped_);
  progress_.update_status(static_cast<double>(done_) / static_cast<double>(todo_.size()), status);
}

int SweepSession::finish(std::size_t not_run) {
  progress_.finish();
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const bool interrupted = not_run > 0 && stop_requested();
  if (!args_.quiet || interrupted || failed_ + skipped_failed_ > 0) {
    std::FILE* out = args_.quiet ? stderr : stdout;
    const std::string skipped_failed =
        skipped_failed_ > 0
            ? fmt::format(" ({} of them failed; --retry-failed runs them again)", skipped_failed_)
            : "";
    const std::string left = not_run > 0 ? fmt::format(", {} not run", not_run) : "";
    std::fprintf(out,
                 "%s: ran %zu (%zu failed), skipped %zu already finished%s%s; wall time %.1f s\n",
                 interrupted ? "Interrupted" : "Done", done_, failed_, skipped_,
                 skipped_failed.c_str(), left.c_str(), wall_s);
    if (interrupted) {
      std::fprintf(out, "The finished runs are in %s; run the same command again to do the rest.\n",
                   args_.db_path.c_str());
    } else if (!args_.quiet) {
      std::fprintf(out, "Results: %s (see them with `knightsim results %s`)\n",
                   args_.db_path.c_str(), args_.db_path.c_str());
    }
  }
  if (interrupted) return interrupt_signal() == SIGTERM ? 128 + SIGTERM : 128 + SIGINT;
  // Every run of the sweep must have succeeded, including those recorded by an earlier call.
  return failed_ + skipped_failed_ > 0 ? kExitFailure : kExitOk;
}

}  // namespace knightsim::cli
