// knightsim mdrp: simulate dispatch on an MDRP instance, check the solution, write it and its
// measures (rules and policies in docs/mdrp.md).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "knightsim/mdrp.hpp"
#include "knightsim/mdrp_simulation.hpp"
#include "knightsim/output_writers.hpp"
#include "options.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace knightsim::cli {
namespace {

constexpr const char* kMeasuresFile = "measures.json";

std::string policy_names() {
  std::string names;
  for (int i = 0; i < kMdrpPolicyCount; ++i) {
    if (i > 0) names += "|";
    names += to_string(static_cast<MdrpPolicy>(i));
  }
  return names;
}

/// Prints a usage error with the --help hint; returns the exit code for it.
int usage_error(const std::string& message) {
  std::fprintf(stderr, "knightsim mdrp: %s\nTry 'knightsim mdrp --help'.\n", message.c_str());
  return kExitBadInput;
}

}  // namespace

int mdrp_command(const std::vector<std::string>& args) {
  const MdrpSimulationOptions defaults;
  const std::string usage =
      "Usage: knightsim mdrp INSTANCE_DIR --out DIR [options]\n"
      "Simulates dispatch on the MDRP instance in INSTANCE_DIR under the MDRP rules, checks the\n"
      "solution with the rules of mdrp-check, writes it (solution_info_assignments.txt,\n"
      "solution_info_orders.txt, solution_info_couriers.txt) and measures.json into DIR, and\n"
      "prints the measures.\n"
      "Exit code 0 on success, 2 for a bad instance or usage (every problem as\n"
      "FILE:LINE:COLUMN: FIELD: MESSAGE; nothing is written), 1 if the simulated solution\n"
      "breaks a rule (an internal error; the violations are printed, nothing is written).\n\n"
      "Options";
  po::options_description options(usage);
  std::string instance_dir, out_dir, policy_name = to_string(defaults.policy);
  int batch_interval_min = defaults.batch_interval_min;
  int max_bundle_size = defaults.max_bundle_size;
  options.add_options()("help,h", "show this help")(
      "dispatch", po::value(&policy_name)->value_name("POLICY"),
      ("dispatch policy: " + policy_names() + " (default " + policy_name + ")").c_str())(
      "batch-interval", po::value(&batch_interval_min)->value_name("MIN"),
      ("batch: whole minutes between matching rounds (default " +
       std::to_string(defaults.batch_interval_min) + ")")
          .c_str())("max-bundle", po::value(&max_bundle_size)->value_name("N"),
                    ("insertion and batch: most orders per assignment (default " +
                     std::to_string(defaults.max_bundle_size) + ")")
                        .c_str())("out", po::value(&out_dir)->value_name("DIR"),
                                  "output directory (required)")(
      "json", "print the measures as JSON on stdout instead of the table")(
      "instance", po::value(&instance_dir), "instance directory (positional)");
  po::positional_options_description positional;
  positional.add("instance", 1);
  const auto values = parse_options("mdrp", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (instance_dir.empty()) return usage_error("INSTANCE_DIR is required");
  if (out_dir.empty()) return usage_error("--out DIR is required");
  MdrpSimulationOptions simulation_options;
  if (!parse_mdrp_policy(policy_name, simulation_options.policy)) {
    return usage_error("--dispatch " + policy_name + ": must be one of " + policy_names());
  }
  if (batch_interval_min < 1) {
    return usage_error("--batch-interval " + std::to_string(batch_interval_min) +
                       ": must be a whole number of minutes >= 1");
  }
  if (max_bundle_size < 1) {
    return usage_error("--max-bundle " + std::to_string(max_bundle_size) + ": must be >= 1");
  }
  simulation_options.batch_interval_min = batch_interval_min;
  simulation_options.max_bundle_size = max_bundle_size;
  const fs::path out = out_dir;
  if (fs::exists(out) && !fs::is_directory(out)) {
    return usage_error("--out " + out_dir + " exists and is not a directory");
  }

  const MdrpLoadResult instance = load_mdrp_instance(instance_dir);
  if (!instance.ok()) {
    for (const MdrpProblem& problem : instance.problems) {
      std::fprintf(stderr, "%s\n", problem.format().c_str());
    }
    std::fprintf(stderr, "%zu problem%s found; nothing simulated.\n", instance.problems.size(),
                 instance.problems.size() == 1 ? "" : "s");
    return kExitBadInput;
  }

  const auto started = std::chrono::steady_clock::now();
  const MdrpSimulationResult result = simulate_mdrp(*instance.instance, simulation_options);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // The simulation promises a valid solution; a violation is our bug, not the user's input.
  const MdrpCheckReport report = check_mdrp_solution(*instance.instance, result.solution);
  if (!report.valid()) {
    for (const MdrpViolation& v : report.violations) {
      std::fprintf(stderr, "%s [%s]\n", v.message.c_str(), v.rule.c_str());
    }
    std::fprintf(stderr,
                 "knightsim mdrp: internal error: the simulated solution breaks %zu rule%s; "
                 "nothing written\n",
                 report.violations.size(), report.violations.size() == 1 ? "" : "s");
    return kExitFailure;
  }
  const MdrpMeasures measures = compute_mdrp_measures(*instance.instance, result.solution);

  try {
    write_mdrp_solution(out, result.solution);
    // Last, so that a measures.json on disk means the solution files are complete.
    write_file_atomically(out / kMeasuresFile,
                          [&](std::ostream& s) { write_mdrp_measures_json(s, measures); });
  } catch (const OutputError& error) {
    std::fprintf(stderr, "knightsim mdrp: %s\n", error.what());
    return kExitFailure;
  }

  if (values->count("json")) {
    write_mdrp_measures_json(std::cout, measures);
    return kExitOk;
  }
  std::printf("MDRP simulation of %s\n", instance_dir.c_str());
  std::printf("  policy %s", to_string(simulation_options.policy));
  if (simulation_options.policy == MdrpPolicy::batch) {
    std::printf(", interval %d min", simulation_options.batch_interval_min);
  }
  if (simulation_options.policy != MdrpPolicy::nearest_idle) {
    std::printf(", bundles of at most %d", simulation_options.max_bundle_size);
  }
  std::printf("\n  %llu events", static_cast<unsigned long long>(result.events));
  if (simulation_options.policy == MdrpPolicy::batch) {
    std::printf(", %llu matching rounds", static_cast<unsigned long long>(result.matching_rounds));
  }
  std::printf(", %.3f s wall\n\n%s", wall_s, format_mdrp_measures_table(measures).c_str());
  std::printf("Outputs: %s/{%s,%s,%s,%s}\n", out.string().c_str(), kMdrpAssignmentsFile,
              kMdrpOrdersFile, kMdrpCouriersFile, kMeasuresFile);
  return kExitOk;
}

}  // namespace knightsim::cli
