// knightsim compare: two scenarios over the same seeds (common random numbers), the paired
// differences of their key metrics with 95 % intervals, and compare.json / compare.csv. The
// runs go through the sweep runner's worker pool (docs/compare.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "knightsim/compare_report.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/sweep_runner.hpp"
#include "knightsim/text_file.hpp"
#include "options.hpp"
#include "progress_bar.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace knightsim::cli {
namespace {

constexpr int kDefaultReps = 10;
// The same bound as a sweep's replications: more is a typo.
constexpr int kMaxReps = 1'000'000;
// More threads than this is a typo, as for `knightsim sweep`.
constexpr unsigned kMaxJobs = 1024;

/// A side as given and checked: the file's text (read once, so the runs use exactly what was
/// checked), its overrides and the scenario they make.
struct LoadedSide {
  CompareSide side;
  std::string text;
  ScenarioSpec spec;
};

/// Reads and checks one side; prints its problems (one line each, as `validate` does, after
/// "scenario A: " since both sides may be the same file) and returns how many there were.
std::size_t load_side(const std::string& label, const std::string& path,
                      const std::vector<ScenarioOverride>& overrides, LoadedSide& loaded) {
  std::vector<ScenarioProblem> problems;
  std::string error;
  if (const std::optional<std::string> text = read_text_file(path, error)) {
    ScenarioLoadResult result = load_scenario_text(*text, path, overrides);
    if (result.ok()) {
      loaded.side = CompareSide{result.spec->name, path, overrides};
      loaded.text = *text;
      loaded.spec = std::move(*result.spec);
    }
    problems = std::move(result.problems);
  } else {
    // As load_scenario_file words it.
    problems.push_back(ScenarioProblem{path, 0, 0, "", "cannot read file: " + error});
  }
  for (const ScenarioProblem& problem : problems) {
    std::fprintf(stderr, "scenario %s: %s\n", label.c_str(), problem.format().c_str());
  }
  return problems.size();
}

/// A side as a one-point sweep, so that the sweep runner's pool runs its replications: the
/// point's settings are the side's overrides, applied to the file's text exactly as they were
/// when it was checked. A sweep needs at least one parameter; a side without overrides gets
/// `seed` set to its own value, which changes nothing (every run is given its seed).
SweepSpec side_as_sweep(const LoadedSide& loaded, const std::string& id, int reps) {
  SweepSpec sweep;
  sweep.id = id;
  sweep.file = loaded.side.file;
  sweep.base_path = loaded.side.file;
  sweep.base_file = loaded.side.file;
  sweep.base_text = loaded.text;
  sweep.mode = SweepMode::zip;
  sweep.replications = reps;
  for (const ScenarioOverride& setting : loaded.side.settings) {
    sweep.parameters.push_back(SweepParameter{setting.path, {setting.value}, 0});
  }
  if (sweep.parameters.empty()) {
    sweep.parameters.push_back(SweepParameter{"seed", {std::to_string(loaded.spec.seed)}, 0});
  }
  return sweep;
}

struct SideRuns {
  ReplicationScalars scalars;         ///< by replication
  std::vector<std::string> failures;  ///< "A replication 3 (seed 4): why"
};

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim compare A.yaml B.yaml [options]\n"
      "Runs both scenarios over the same REPS seeds (replication i uses seed S + i on both\n"
      "sides, S the seed of A), prints per metric each side's mean with its 95 % confidence\n"
      "interval and the paired difference B - A with its interval, marks the significant ones\n"
      "with *, and writes compare.json and compare.csv. docs/compare.md explains the figures.\n"
      "Exit code 0, 2 for a bad scenario, metric or option (nothing is run or written), 1 if\n"
      "a run fails or the files cannot be written.\n\nOptions");
  std::string a_path, b_path, out_dir, seed_text, metrics_text;
  std::vector<std::string> set_texts, set_a_texts, set_b_texts;
  int reps = kDefaultReps;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  unsigned jobs = hardware;
  options.add_options()("help,h", "show this help")(
      "reps", po::value(&reps)->value_name("N"),
      "replications (seeds) per side, at least 2 (default: 10)")(
      "jobs,j", po::value(&jobs)->value_name("J"),
      ("worker threads (default: " + std::to_string(hardware) + ", the hardware threads)").c_str())(
      "seed", po::value(&seed_text)->value_name("S"),
      "seed of replication 0 (default: A's `seed`)")(
      "metrics", po::value(&metrics_text)->value_name("KEY[,KEY...]"),
      "summary.json keys to compare (default: 11 on service, pay and cost; see\n"
      "docs/compare.md)")("set", po::value(&set_texts)->composing()->value_name("PATH=VALUE"),
                          "override a field of both scenarios (repeatable)")(
      "set-a", po::value(&set_a_texts)->composing()->value_name("PATH=VALUE"),
      "override a field of A only, after --set (repeatable)")(
      "set-b", po::value(&set_b_texts)->composing()->value_name("PATH=VALUE"),
      "override a field of B only, after --set (repeatable)")(
      "out", po::value(&out_dir)->value_name("DIR"), "output directory (default: out/compare)")(
      "quiet,q", "no progress bar and no table; errors only")(
      "a", po::value(&a_path), "scenario A, the baseline (positional)")(
      "b", po::value(&b_path), "scenario B, the alternative (positional)");
  po::positional_options_description positional;
  positional.add("a", 1).add("b", 1);
  const auto values = parse_options("compare", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const auto usage_error = [](const std::string& message) {
    std::fprintf(stderr, "knightsim compare: %s\nTry 'knightsim compare --help'.\n",
                 message.c_str());
    return kExitBadInput;
  };
  if (a_path.empty() || b_path.empty()) return usage_error("two scenario files are required");
  if (reps < 2 || reps > kMaxReps) {
    return usage_error(fmt::format(
        "--reps must be between 2 and {}: a confidence interval needs at least 2 replications",
        kMaxReps));
  }
  if (jobs < 1 || jobs > kMaxJobs) {
    return usage_error(fmt::format("--jobs must be between 1 and {}", kMaxJobs));
  }
  std::vector<std::string> metrics = default_compare_metrics();
  if (values->count("metrics")) metrics = split_list(metrics_text);
  if (std::find(metrics.begin(), metrics.end(), "") != metrics.end()) {
    return usage_error("--metrics takes comma-separated names, none empty");
  }
  // Per-zone metrics name the scenario's islands: checked once both sides are loaded.
  const bool zone_metrics = std::any_of(
      metrics.begin(), metrics.end(), [](const std::string& m) { return m.starts_with("zones."); });
  if (!zone_metrics) {
    try {
      check_compare_metrics(metrics);
    } catch (const CompareError& error) {
      std::fprintf(stderr, "knightsim compare: %s\n", error.what());
      return kExitBadInput;
    }
  }
  std::optional<std::uint64_t> seed_option;
  if (values->count("seed")) {
    std::uint64_t seed = 0;
    if (!parse_seed(seed_text, seed)) {
      return usage_error(
          fmt::format("--seed {}: must be a whole number from 0 to {}", seed_text, UINT64_MAX));
    }
    seed_option = seed;
  }
  const auto shared = parse_overrides(set_texts);
  const auto only_a = parse_overrides(set_a_texts);
  const auto only_b = parse_overrides(set_b_texts);
  if (!shared || !only_a || !only_b) return kExitBadInput;
  std::vector<ScenarioOverride> a_overrides = *shared, b_overrides = *shared;
  a_overrides.insert(a_overrides.end(), only_a->begin(), only_a->end());
  b_overrides.insert(b_overrides.end(), only_b->begin(), only_b->end());

  // Both sides are checked before anything runs, and every problem of both is reported.
  LoadedSide a, b;
  const std::size_t problems =
      load_side("A", a_path, a_overrides, a) + load_side("B", b_path, b_overrides, b);
  if (problems > 0) {
    std::fprintf(stderr, "%zu problem%s found; nothing was run.\n", problems,
                 problems == 1 ? "" : "s");
    return kExitBadInput;
  }
  if (zone_metrics) {
    // Zones both sides have (the same islands, or the same compass ninths).
    const std::vector<std::string> keys_a = zone_metric_keys(a.spec);
    std::vector<std::string> shared_keys;
    for (const std::string& key : zone_metric_keys(b.spec)) {
      if (std::find(keys_a.begin(), keys_a.end(), key) != keys_a.end()) shared_keys.push_back(key);
    }
    try {
      check_compare_metrics(metrics, shared_keys);
    } catch (const CompareError& error) {
      std::fprintf(stderr, "knightsim compare: %s\n", error.what());
      return kExitBadInput;
    }
  }
  const std::uint64_t first_seed = seed_option ? *seed_option : a.spec.seed;
  const fs::path out = out_dir.empty() ? fs::path("out") / "compare" : fs::path(out_dir);
  if (fs::exists(out) && !fs::is_directory(out)) {
    return usage_error(fmt::format("--out {} exists and is not a directory", out.string()));
  }

  // Replication i: seed first_seed + i on both sides (wrapping past 2^64 − 1).
  std::vector<std::uint64_t> seeds;
  std::vector<SweepRun> todo;
  for (int rep = 0; rep < reps; ++rep) {
    const auto r = static_cast<std::uint32_t>(rep);
    seeds.push_back(first_seed + r);
    todo.push_back(SweepRun{0, r, seeds.back(), 0});
  }

  const bool quiet = values->count("quiet") > 0;
  ProgressBar progress(stderr, !quiet);
  const std::size_t total_runs = 2 * todo.size();
  std::size_t runs_done = 0;
  const auto started = std::chrono::steady_clock::now();
  const auto run_side = [&](const LoadedSide& loaded, const std::string& label) {
    const SweepSpec sweep = side_as_sweep(loaded, "compare-" + label, reps);
    const PointScenarios scenarios(sweep);
    SideRuns runs;
    runs.scalars.resize(todo.size());
    ThreadedSweepOptions pool;
    pool.jobs = jobs;
    pool.on_record = [&](const RunRecord& record) {
      ++runs_done;
      if (record.ok) {
        runs.scalars[record.run.rep] = record.scalars;
      } else {
        runs.failures.push_back(fmt::format("{} replication {} (seed {}): {}", label,
                                            record.run.rep, record.run.seed, record.error));
      }
    };
    pool.on_tick = [&] {
      progress.update_status(static_cast<double>(runs_done) / static_cast<double>(total_runs),
                             fmt::format("{}/{} runs", runs_done, total_runs));
    };
    run_sweep_threads(scenarios, todo, pool);
    return runs;
  };
  const SideRuns a_runs = run_side(a, "A");
  const SideRuns b_runs = run_side(b, "B");
  progress.finish();
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!a_runs.failures.empty() || !b_runs.failures.empty()) {
    for (const auto* failures : {&a_runs.failures, &b_runs.failures}) {
      for (const std::string& failure : *failures) {
        std::fprintf(stderr, "knightsim compare: %s\n", failure.c_str());
      }
    }
    std::fprintf(stderr, "knightsim compare: %zu run%s failed; nothing was written\n",
                 a_runs.failures.size() + b_runs.failures.size(),
                 a_runs.failures.size() + b_runs.failures.size() == 1 ? "" : "s");
    return kExitFailure;
  }

  const CompareReport report =
      build_compare_report(a.side, b.side, seeds, metrics, a_runs.scalars, b_runs.scalars);
  try {
    fs::create_directories(out);
    write_file_atomically(out / "compare.csv",
                          [&](std::ostream& s) { write_compare_csv(s, report); });
    // Last, so that a compare.json on disk means the comparison's files are complete.
    write_file_atomically(out / "compare.json",
                          [&](std::ostream& s) { write_compare_json(s, report); });
  } catch (const fs::filesystem_error& error) {
    std::fprintf(stderr, "knightsim compare: cannot create %s: %s\n", out.c_str(),
                 error.code().message().c_str());
    return kExitFailure;
  } catch (const OutputError& error) {
    std::fprintf(stderr, "knightsim compare: %s\n", error.what());
    return kExitFailure;
  }
  if (!quiet) {
    const unsigned threads = std::min<unsigned>(jobs, static_cast<unsigned>(reps));
    std::cout << format_compare_table(report)
              << fmt::format(
                     "{} runs in {:.2f} s on {} thread{}. Outputs: {}/{{compare.json,"
                     "compare.csv}}\n",
                     total_runs, wall_s, threads, threads == 1 ? "" : "s", out.string());
  }
  return kExitOk;
}

}  // namespace knightsim::cli
