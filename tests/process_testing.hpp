#pragma once
// Running a program built by this project from tests (the knightsim CLI, knightsim-view):
// arguments in, exit code and captured output out.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace knightsim::testing {

struct ProcessResult {
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

/// Runs `PREFIX 'PROGRAM' ARGS` in `working_dir` with stdout and stderr captured to files there
/// (so never a terminal) and no standard input. `prefix` sets the environment, e.g.
/// "env -u DISPLAY" or "ASAN_OPTIONS=detect_leaks=0".
inline ProcessResult run_program(const std::string& program, const std::string& args,
                                 const std::filesystem::path& working_dir,
                                 const std::string& prefix = "") {
  const auto out = working_dir / "stdout.txt", err = working_dir / "stderr.txt";
  const std::string command = "cd '" + working_dir.string() + "' && " + prefix + " '" + program +
                              "' " + args + " >'" + out.string() + "' 2>'" + err.string() +
                              "' </dev/null";
  const int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

}  // namespace knightsim::testing
