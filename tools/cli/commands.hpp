#pragma once
// Subcommands of the knightsim CLI. Each takes the arguments after its name and returns the
// process exit code.

#include <string>
#include <vector>

namespace knightsim::cli {

/// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   ///< anything that is not the user's input
inline constexpr int kExitBadInput = 2;  ///< bad scenario, bad option, bad usage

int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int mdrp_check_command(const std::vector<std::string>& args);
int mdrp_command(const std::vector<std::string>& args);
int results_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int import_osm_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);

}  // namespace knightsim::cli
