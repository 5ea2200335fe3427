// knightsim: command-line front end. Dispatches to subcommands; all real work is in them.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "knightsim - city-scale simulator of on-demand delivery\n"
    "\n"
    "Usage: knightsim <command> [options]\n"
    "\n"
    "Commands:\n"
    "  run [SCENARIO]      run a scenario (the built-in default if none) and write its outputs\n"
    "  validate SCENARIO   check a scenario file and report every problem, without running\n"
    "  mdrp INSTANCE_DIR --out DIR\n"
    "                      simulate dispatch on an MDRP instance; write and check the solution\n"
    "  mdrp-check INSTANCE_DIR SOLUTION_DIR\n"
    "                      verify an MDRP solution against its instance; print the measures\n"
    "  sweep SWEEP.yaml [--jobs N] [--db results.sqlite]\n"
    "                      run every point and replication of a sweep into a results database\n"
    "  results DB [--sweep ID] [--group-by PATH[,PATH...]] [--metrics KEY[,KEY...]]\n"
    "          [--csv FILE]\n"
    "                      report a sweep's results database: runs per point, means and\n"
    "                      95 % confidence intervals\n"
    "  import-osm FILE --out MAP.kmap [--mode bike|car|foot]\n"
    "                      import an OpenStreetMap extract's roads into a .kmap map file\n"
    "  compare A.yaml B.yaml [--reps N] [--jobs J] [--metrics KEY[,KEY...]] [--out DIR]\n"
    "                      run both over the same seeds; paired differences of key metrics\n"
    "                      with 95 % intervals, significant ones marked\n"
    "\n"
    "Run 'knightsim <command> --help' for the options of a command.\n"
    "Exit codes: 0 success, 2 bad input or usage, 1 anything else (for mdrp-check: the\n"
    "solution breaks a rule).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace knightsim::cli;
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty()) {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  const std::string& command = all.front();
  const std::vector<std::string> rest(all.begin() + 1, all.end());
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (command == "--version") {
      std::printf("knightsim %s\n", KNIGHTSIM_VERSION);
      return kExitOk;
    }
    if (command == "run") return run_command(rest);
    if (command == "validate") return validate_command(rest);
    if (command == "mdrp") return mdrp_command(rest);
    if (command == "mdrp-check") return mdrp_check_command(rest);
    if (command == "results") return results_command(rest);
    if (command == "sweep") return sweep_command(rest);
    if (command == "import-osm") return import_osm_command(rest);
    if (command == "compare") return compare_command(rest);
    std::fprintf(stderr, "knightsim: unknown command '%s'\n\n%s", command.c_str(), kUsage);
    return kExitBadInput;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "knightsim: %s\n", error.what());
    return kExitFailure;
  }
}
