// knightsim sweep --mpi: the runs spread over MPI ranks. Rank 0 hands out runs one at a time
// and is the only writer of the results database; every other rank runs what it is given,
// single-threaded, and sends back the finished RunRecord (run_record_wire.hpp). Built only when
// CMake finds MPI (KNIGHTSIM_HAVE_MPI); MPI_Init happens only here, so plain `knightsim sweep`
// never touches MPI.
//
// The conversation, per worker rank:
//   worker → 0  kTagReady            (empty: "give me work")
//   0 → worker  kTagWork             (the SweepRun to do: point, rep, seed, scenario hash)
//   worker → 0  kTagResult           (the encoded RunRecord; also asks for the next run)
//   0 → worker  kTagStop             (empty: nothing left, or the sweep is stopping)
// so a worker has at most one run in flight and a rank that dies loses only that run.
#include <mpi.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <thread>

#include "commands.hpp"
#include "interrupts.hpp"
#include "knightsim/run_record_wire.hpp"
#include "knightsim/sweep_runner.hpp"
#include "sweep_command.hpp"

namespace knightsim::cli {
namespace {

constexpr int kCoordinator = 0;
constexpr int kTagReady = 1;
constexpr int kTagWork = 2;
constexpr int kTagResult = 3;
constexpr int kTagStop = 4;
// Rank 0 polls rather than blocks, so it can draw progress and notice Ctrl-C; a short sleep
// between polls keeps it from taking a core away from the workers it coordinates.
constexpr auto kPollSleep = std::chrono::milliseconds(2);
constexpr auto kTickInterval = std::chrono::milliseconds(100);

/// MPI_Init on construction and MPI_Finalize on destruction, whatever path the command takes.
class MpiRuntime {
 public:
  MpiRuntime(int& argc_dummy, char**& argv_dummy) {
    int provided = 0;
    // FUNNELED: only this thread calls MPI; a one-rank job runs worker threads that never do.
    MPI_Init_thread(&argc_dummy, &argv_dummy, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiRuntime() { MPI_Finalize(); }
  MpiRuntime(const MpiRuntime&) = delete;
  MpiRuntime& operator=(const MpiRuntime&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

using RunWire = std::array<std::uint64_t, 4>;  // point, rep, seed, scenario hash

RunWire to_wire(const SweepRun& run) {
  return {run.point, run.rep, run.seed, run.scenario_hash};
}

bool same_run(const RunWire& wire, const SweepRun& run) {
  return wire == to_wire(run);
}

void send_empty(int rank, int tag) {
  MPI_Send(nullptr, 0, MPI_BYTE, rank, tag, MPI_COMM_WORLD);
}

/// Receives the message `status` announced, as bytes.
std::string receive_bytes(const MPI_Status& status) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string bytes(static_cast<std::size_t>(count), '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return bytes;
}

/// Rank 0: hands out the runs left to do and records what comes back. The exit code.
int coordinate(const SweepSpec& sweep, const SweepArgs& args, int size) {
  const int workers = size - 1;
  std::unique_ptr<SweepSession> session = SweepSession::open(
      sweep, args,
      "on " + std::to_string(workers) + " MPI worker rank" + (workers == 1 ? "" : "s"));
  // A database we cannot use: every worker is still told to stop, so the job ends cleanly.
  bool halt = session == nullptr;
  const std::vector<SweepRun> no_runs;
  const std::vector<SweepRun>& todo = session ? session->todo() : no_runs;
  install_interrupt_handlers();

  std::size_t next = 0, received = 0;
  int active = workers;
  bool write_failed = false;
  auto last_tick = std::chrono::steady_clock::now();
  while (active > 0) {
    if (session && abandon_requested()) {
      // SIGTERM (a batch system's time limit, or mpirun passing on Ctrl-C) or a second
      // Ctrl-C: what is recorded stays; the runs in flight die with their ranks.
      session->tick(static_cast<std::size_t>(workers));
      const int code = session->finish(todo.size() - received);
      session.reset();  // closes the database cleanly (its write-ahead log folded in)
      std::fflush(nullptr);
      MPI_Abort(MPI_COMM_WORLD, code);
    }
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    const auto now = std::chrono::steady_clock::now();
    if (session && now - last_tick >= kTickInterval) {
      session->tick(static_cast<std::size_t>(workers));
      last_tick = now;
    }
    if (!arrived) {
      std::this_thread::sleep_for(kPollSleep);
      continue;
    }
    const std::string bytes = receive_bytes(status);
    if (status.MPI_TAG == kTagResult && !write_failed) {
      ++received;
      try {
        session->record(decode_run_record(bytes));
      } catch (const std::exception& error) {  // ResultsDbError, WireFormatError
        std::fprintf(stderr, "\nknightsim sweep: cannot record a run from rank %d: %s\n",
                     status.MPI_SOURCE, error.what());
        write_failed = halt = true;
      }
    }
    if (!halt && !stop_requested() && next < todo.size()) {
      const RunWire wire = to_wire(todo[next++]);
      MPI_Send(wire.data(), static_cast<int>(wire.size()), MPI_UINT64_T, status.MPI_SOURCE,
               kTagWork, MPI_COMM_WORLD);
    } else {
      send_empty(status.MPI_SOURCE, kTagStop);
      --active;
    }
  }
  if (!session) return kExitBadInput;
  if (write_failed) return kExitFailure;
  session->tick(static_cast<std::size_t>(workers));
  return session->finish(todo.size() - received);
}

/// Ranks 1…: run what rank 0 sends until it says stop.
void work(const SweepSpec& sweep, const SweepArgs& args, int rank) {
  const PointScenarios scenarios(sweep);
  const std::vector<SweepRun> runs = sweep_runs(sweep);
  FaultInjection faults;
  faults.fail_point = args.test_fail_point;
  send_empty(kCoordinator, kTagReady);
  while (true) {
    MPI_Status status;
    MPI_Probe(kCoordinator, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG != kTagWork) {
      MPI_Recv(nullptr, 0, MPI_BYTE, kCoordinator, status.MPI_TAG, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      return;
    }
    RunWire wire{};
    MPI_Recv(wire.data(), static_cast<int>(wire.size()), MPI_UINT64_T, kCoordinator, kTagWork,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const std::uint64_t index = wire[0] * static_cast<std::uint64_t>(sweep.replications) + wire[1];
    std::optional<RunRecord> record;
    if (index < runs.size() && same_run(wire, runs[index])) {
      record = execute_sweep_run(scenarios, runs[index], faults);
    } else {
      // The sweep or base file differs on this node (a stale copy): say so in the run's row
      // rather than record results of another scenario under this one's name.
      record.emplace();
      record->sweep_id = sweep.id;
      record->run = SweepRun{static_cast<std::uint32_t>(wire[0]),
                             static_cast<std::uint32_t>(wire[1]), wire[2], wire[3]};
      record->ok = false;
      record->error = "rank " + std::to_string(rank) +
                      " read a different sweep or base file than rank 0 (is every node's copy "
                      "the same?)";
    }
    const std::string bytes = encode_run_record(*record);
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, kCoordinator, kTagResult,
             MPI_COMM_WORLD);
  }
}

}  // namespace

int sweep_mpi_command(const std::vector<std::string>& args) {
  int argc = 0;
  char** argv = nullptr;
  const MpiRuntime mpi(argc, argv);
  const bool speak = mpi.rank() == kCoordinator;  // one copy of every message, not one per rank
  const auto parsed = parse_sweep_args(args, speak);
  if (const int* exit_code = std::get_if<int>(&parsed)) return speak ? *exit_code : kExitOk;
  const SweepArgs& sweep_args = std::get<SweepArgs>(parsed);
  const std::optional<SweepSpec> sweep = load_sweep_or_report(sweep_args.sweep_path, speak);
  // Every rank must have the sweep: on a cluster a node may not see the file rank 0 sees.
  int loaded = sweep ? 1 : 0;
  MPI_Allreduce(MPI_IN_PLACE, &loaded, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (loaded == 0) {
    if (sweep) {
      std::fprintf(stderr,
                   "knightsim sweep: rank %d: %s does not load on every rank; is it on a "
                   "file system every node sees?\n",
                   mpi.rank(), sweep_args.sweep_path.c_str());
    }
    return speak ? kExitBadInput : kExitOk;
  }
  if (mpi.size() == 1) {
    // No worker ranks: rank 0 runs the sweep on its own threads, like a plain sweep.
    return run_sweep_threaded(*sweep, sweep_args);
  }
  if (mpi.rank() == kCoordinator) return coordinate(*sweep, sweep_args, mpi.size());
  work(*sweep, sweep_args, mpi.rank());
  return kExitOk;
}

}  // namespace knightsim::cli
