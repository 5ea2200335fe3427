#pragma once
// Running the knightsim binary from tests: arguments in, exit code and captured output out.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace knightsim::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs `knightsim ARGS` in `working_dir` with stdout and stderr captured to files there (so
/// never a terminal) and no standard input.
inline CliResult run_knightsim(const std::string& args, const std::filesystem::path& working_dir) {
  const std::string cli = KNIGHTSIM_CLI_PATH;
  REQUIRE_MESSAGE(!cli.empty(), "the knightsim CLI was not built");
  const auto out = working_dir / "stdout.txt", err = working_dir / "stderr.txt";
  const std::string command = "cd '" + working_dir.string() + "' && '" + cli + "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "' </dev/null";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

/// Runs `knightsim ARGS` in a scratch directory (anything with a `path`, e.g. ScratchDir).
template <class Dir>
CliResult run_cli(const std::string& args, const Dir& dir) {
  return run_knightsim(args, dir.path);
}

}  // namespace knightsim::testing
