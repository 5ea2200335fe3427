// knightsim mdrp-check: verify an MDRP solution against its instance (rules in docs/mdrp.md).
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "knightsim/mdrp.hpp"
#include "knightsim/output_writers.hpp"
#include "options.hpp"

namespace po = boost::program_options;

namespace knightsim::cli {
namespace {

/// Prints every problem to stderr; true if there were none.
bool report_problems(const std::vector<MdrpProblem>& problems) {
  for (const MdrpProblem& problem : problems)
    std::fprintf(stderr, "%s\n", problem.format().c_str());
  if (!problems.empty()) {
    std::fprintf(stderr, "%zu problem%s found.\n", problems.size(),
                 problems.size() == 1 ? "" : "s");
  }
  return problems.empty();
}

}  // namespace

int mdrp_check_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim mdrp-check INSTANCE_DIR SOLUTION_DIR [options]\n"
      "Checks the MDRP solution in SOLUTION_DIR (solution_info_assignments.txt,\n"
      "solution_info_orders.txt, solution_info_couriers.txt) against the instance in\n"
      "INSTANCE_DIR under the MDRP rules, and prints 'valid' and the MDRP measures, or every\n"
      "violation, one per line.\n"
      "Exit code 0 if valid, 1 if the solution breaks a rule, 2 if a file cannot be read or is\n"
      "ill-formed (every problem as FILE:LINE:COLUMN: FIELD: MESSAGE).\n\nOptions");
  std::string instance_dir, solution_dir, json_path;
  options.add_options()("help,h", "show this help")(
      "json", po::value(&json_path)->value_name("FILE"),
      "also write the measures of a valid solution as JSON")("instance", po::value(&instance_dir),
                                                             "instance directory (positional)")(
      "solution", po::value(&solution_dir), "solution directory (positional)");
  po::positional_options_description positional;
  positional.add("instance", 1).add("solution", 1);
  const auto values = parse_options("mdrp-check", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (instance_dir.empty() || solution_dir.empty()) {
    std::fprintf(stderr,
                 "knightsim mdrp-check: INSTANCE_DIR and SOLUTION_DIR are required\n"
                 "Try 'knightsim mdrp-check --help'.\n");
    return kExitBadInput;
  }
  const MdrpLoadResult instance = load_mdrp_instance(instance_dir);
  const MdrpSolutionLoadResult solution = load_mdrp_solution(solution_dir);
  const bool instance_ok = report_problems(instance.problems);
  const bool solution_ok = report_problems(solution.problems);
  if (!instance_ok || !solution_ok) return kExitBadInput;

  const MdrpCheckReport report = check_mdrp_solution(*instance.instance, *solution.solution);
  if (!report.valid()) {
    for (const MdrpViolation& v : report.violations) {
      std::printf("%s [%s]\n", v.message.c_str(), v.rule.c_str());
    }
    std::printf("invalid: %zu violation%s\n", report.violations.size(),
                report.violations.size() == 1 ? "" : "s");
    return kExitFailure;
  }
  const MdrpMeasures measures = compute_mdrp_measures(*instance.instance, *solution.solution);
  std::printf("valid\n\n%s", format_mdrp_measures_table(measures).c_str());
  if (!json_path.empty()) {
    write_file_atomically(json_path,
                          [&](std::ostream& out) { write_mdrp_measures_json(out, measures); });
    std::printf("Measures: %s\n", json_path.c_str());
  }
  return kExitOk;
}

}  // namespace knightsim::cli
