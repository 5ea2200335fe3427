// knightsim run: load, simulate with a progress bar, report, write outputs atomically.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"
#include "options.hpp"
#include "progress_bar.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace knightsim::cli {
namespace {

/// Scenario names become directory names: keep them to a safe alphabet.
std::string safe_directory_name(const std::string& name) {
  std::string result;
  for (char c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    result += safe ? c : '_';
  }
  if (result.empty() || result == "." || result == "..") result = "scenario";
  return result;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim run [SCENARIO] [options]\n"
      "Runs SCENARIO (a YAML file; the built-in default scenario if omitted), prints an\n"
      "operations report and writes summary.json, orders.csv, riders.csv, rider_days.csv and "
      "zones.csv.\n\nOptions");
  std::string scenario_path, out_dir;
  std::string seed_text;
  std::vector<std::string> set_texts;
  options.add_options()("help,h", "show this help")("scenario", po::value(&scenario_path),
                                                    "scenario file (positional)")(
      "seed", po::value(&seed_text), "random seed, 0 to 2^64-1 (default: the scenario's `seed`)")(
      "out", po::value(&out_dir), "output directory (default: out/<scenario name>)")(
      "set", po::value(&set_texts)->composing(),
      "override a scenario field, e.g. --set riders.fleets[0].count=80 (repeatable)")(
      "quiet,q", "no progress bar and no report; errors only");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto values = parse_options("run", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const bool quiet = values->count("quiet") > 0;
  const auto overrides = parse_overrides(set_texts);
  if (!overrides) return kExitBadInput;
  const auto spec = load_scenario_or_report(scenario_path, *overrides);
  if (!spec) return kExitBadInput;
  std::uint64_t seed = spec->seed;
  if (values->count("seed") && !parse_seed(seed_text, seed)) {
    std::fprintf(stderr, "knightsim run: --seed %s: must be a whole number from 0 to %llu\n",
                 seed_text.c_str(), static_cast<unsigned long long>(UINT64_MAX));
    return kExitBadInput;
  }
  const fs::path out =
      out_dir.empty() ? fs::path("out") / safe_directory_name(spec->name) : fs::path(out_dir);
  if (fs::exists(out) && !fs::is_directory(out)) {
    std::fprintf(stderr, "knightsim run: --out %s exists and is not a directory\n", out.c_str());
    return kExitBadInput;
  }

  Simulation simulation(*spec, seed);
  ProgressBar progress(stderr, !quiet);
  const auto started = std::chrono::steady_clock::now();
  if (progress.active()) {
    // Advance in slices of simulated time so the bar moves; the result is identical to run().
    const SimTime slice = std::max<SimTime>(kMsPerMinute, simulation.end_time() / 400);
    while (!simulation.finished()) {
      simulation.run_until(simulation.now() + slice);
      progress.update(
          static_cast<double>(simulation.now()) / static_cast<double>(simulation.end_time()),
          simulation.clock().format(simulation.now()).substr(0, 16));
    }
    progress.finish();
  } else {
    simulation.run();
  }
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  RunSummary summary = summarize(simulation);
  summary.engine_wall_s = wall_s;
  summary.engine_events_per_s =
      wall_s > 0 ? static_cast<double>(summary.engine_events) / wall_s : 0.0;

  try {
    fs::create_directories(out);
    write_file_atomically(out / "orders.csv",
                          [&](std::ostream& s) { write_orders_csv(s, simulation); });
    write_file_atomically(out / "riders.csv",
                          [&](std::ostream& s) { write_riders_csv(s, simulation); });
    write_file_atomically(out / "rider_days.csv",
                          [&](std::ostream& s) { write_rider_days_csv(s, simulation); });
    write_file_atomically(out / "zones.csv", [&](std::ostream& s) { write_zones_csv(s, summary); });
    // Last, so that a summary.json on disk means the run's outputs are complete.
    write_file_atomically(out / "summary.json",
                          [&](std::ostream& s) { write_summary_json(s, summary); });
  } catch (const fs::filesystem_error& error) {
    std::fprintf(stderr, "knightsim run: cannot create %s: %s\n", out.c_str(),
                 error.code().message().c_str());
    return kExitFailure;
  } catch (const OutputError& error) {
    std::fprintf(stderr, "knightsim run: %s\n", error.what());
    return kExitFailure;
  }
  if (!quiet) {
    std::cout << format_summary_table(summary) << "Outputs: " << out.string()
              << "/{summary.json,orders.csv,riders.csv,rider_days.csv,zones.csv}\n";
  }
  return kExitOk;
}

}  // namespace knightsim::cli
