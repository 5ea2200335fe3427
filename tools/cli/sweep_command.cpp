// knightsim sweep: every (point, replication) of a sweep file, on worker threads, into the
// results database; finished runs are skipped, so a killed sweep resumes where it stopped.
#include "sweep_command.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "interrupts.hpp"
#include "knightsim/sweep_runner.hpp"

namespace po = boost::program_options;

namespace knightsim::cli {
namespace {

// More threads than this is a typo (or a cluster job that wants --mpi).
constexpr unsigned kMaxJobs = 1024;

/// The test-only failure injection (docs/sweeps.md): runs of point N throw.
std::optional<std::uint32_t> test_fail_point() {
  const char* text = std::getenv("KNIGHTSIM_TEST_FAIL_POINT");
  if (text == nullptr || *text == '\0') return std::nullopt;
  std::uint32_t point = 0;
  const char* end = text + std::char_traits<char>::length(text);
  if (std::from_chars(text, end, point).ptr != end) return std::nullopt;
  return point;
}

}  // namespace

std::variant<SweepArgs, int> parse_sweep_args(const std::vector<std::string>& args, bool speak) {
  po::options_description options(
      "Usage: knightsim sweep SWEEP.yaml [options]\n"
      "Runs every point and replication of the sweep file and records each finished run in a\n"
      "SQLite results database. Runs already recorded are skipped, so the same command resumes\n"
      "an interrupted sweep. Exit code 0 if every run succeeded, 1 if a run failed (it is\n"
      "recorded with its error), 2 for a bad sweep file, option or database. docs/sweeps.md\n"
      "describes the format.\n\nOptions");
  SweepArgs parsed;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  parsed.jobs = hardware;
  options.add_options()("help,h", "show this help")("sweep", po::value(&parsed.sweep_path),
                                                    "sweep file (positional)")(
      "jobs,j", po::value(&parsed.jobs),
      ("worker threads, each running one run at a time (default: " + std::to_string(hardware) +
       ", the hardware threads)")
          .c_str())("db", po::value(&parsed.db_path),
                    "results database, created if absent (default: results.sqlite)")(
      "retry-failed", "run again the runs recorded as failed")(
      "mpi", "spread the runs over MPI ranks (start with mpirun; rank 0 writes the database)")(
      "quiet,q", "no progress bar and no summary; errors only");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    if (speak) {
      std::fprintf(stderr, "knightsim sweep: %s\nTry 'knightsim sweep --help'.\n", error.what());
    }
    return kExitBadInput;
  }
  if (values.count("help")) {
    if (speak) std::cout << options << "\n";
    return kExitOk;
  }
  const auto fail = [&](const std::string& message) {
    if (speak) {
      std::fprintf(stderr, "knightsim sweep: %s\nTry 'knightsim sweep --help'.\n", message.c_str());
    }
    return kExitBadInput;
  };
  if (parsed.sweep_path.empty()) return fail("a SWEEP file is required");
  if (parsed.jobs < 1 || parsed.jobs > kMaxJobs) {
    return fail("--jobs must be between 1 and " + std::to_string(kMaxJobs));
  }
  if (parsed.db_path.empty()) return fail("--db must name a file");
  parsed.quiet = values.count("quiet") > 0;
  parsed.retry_failed = values.count("retry-failed") > 0;
  parsed.mpi = values.count("mpi") > 0;
  parsed.test_fail_point = test_fail_point();
  return parsed;
}

std::optional<SweepSpec> load_sweep_or_report(const std::string& path, bool speak) {
  SweepLoadResult result = load_sweep_file(path);
  if (result.ok()) return std::move(result.sweep);
  if (speak) {
    for (const ScenarioProblem& problem : result.problems) {
      std::fprintf(stderr, "%s\n", problem.format().c_str());
    }
    std::fprintf(stderr, "%zu problem%s found; nothing was run.\n", result.problems.size(),
                 result.problems.size() == 1 ? "" : "s");
  }
  return std::nullopt;
}

int run_sweep_threaded(const SweepSpec& sweep, const SweepArgs& args) {
  const std::unique_ptr<SweepSession> session = SweepSession::open(
      sweep, args, args.jobs == 1 ? "on 1 thread" : "on " + std::to_string(args.jobs) + " threads");
  if (!session) return kExitBadInput;
  install_interrupt_handlers();
  const PointScenarios scenarios(sweep);
  ThreadedSweepOptions options;
  options.jobs = args.jobs;
  options.faults.fail_point = args.test_fail_point;
  options.on_record = [&](const RunRecord& record) { session->record(record); };
  options.stop = [] { return stop_requested(); };
  options.abandon = [] { return abandon_requested(); };
  options.on_tick = [&] { session->tick(args.jobs); };
  std::size_t not_run = 0;
  try {
    not_run = run_sweep_threads(scenarios, session->todo(), options);
  } catch (const ResultsDbError& error) {
    std::fprintf(stderr, "\nknightsim sweep: cannot record a run: %s\n", error.what());
    return kExitFailure;
  }
  return session->finish(not_run);
}

#ifndef KNIGHTSIM_HAVE_MPI
int sweep_mpi_command(const std::vector<std::string>& args) {
  (void)args;
  std::fprintf(stderr,
               "knightsim sweep: --mpi: this knightsim was built without MPI (install OpenMPI, "
               "e.g. Debian's libopenmpi-dev, and configure again), so it cannot spread runs "
               "over ranks; without --mpi it runs them on this machine's threads\n");
  return kExitBadInput;
}
#endif

int sweep_command(const std::vector<std::string>& args) {
  // Before parsing, so that under mpirun only rank 0 reports a bad command line.
  for (const std::string& arg : args) {
    if (arg == "--mpi") return sweep_mpi_command(args);
  }
  const auto parsed = parse_sweep_args(args, true);
  if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
  const SweepArgs& sweep_args = std::get<SweepArgs>(parsed);
  if (sweep_args.mpi) return sweep_mpi_command(args);  // spelt as an abbreviation ("--mp")
  const std::optional<SweepSpec> sweep = load_sweep_or_report(sweep_args.sweep_path, true);
  if (!sweep) return kExitBadInput;
  return run_sweep_threaded(*sweep, sweep_args);
}

}  // namespace knightsim::cli
