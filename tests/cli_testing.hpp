#pragma once
// Running the knightsim binary from tests: arguments in, exit code and captured output out.

#include <doctest/doctest.h>

#include <string>

#include "process_testing.hpp"

namespace knightsim::testing {

using CliResult = ProcessResult;

/// Runs `knightsim ARGS` in `working_dir` with stdout and stderr captured to files there (so
/// never a terminal) and no standard input.
inline CliResult run_knightsim(const std::string& args, const std::filesystem::path& working_dir) {
  const std::string cli = KNIGHTSIM_CLI_PATH;
  REQUIRE_MESSAGE(!cli.empty(), "the knightsim CLI was not built");
  return run_program(cli, args, working_dir);
}

/// Runs `knightsim ARGS` in a scratch directory (anything with a `path`, e.g. ScratchDir).
template <class Dir>
CliResult run_cli(const std::string& args, const Dir& dir) {
  return run_knightsim(args, dir.path);
}

}  // namespace knightsim::testing
