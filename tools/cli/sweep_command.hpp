#pragma once
// Pieces of `knightsim sweep` shared by its threaded driver (sweep_command.cpp) and its MPI
// driver (sweep_mpi.cpp, built only when MPI is found).

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "knightsim/sweep.hpp"
#include "sweep_session.hpp"

namespace knightsim::cli {

/// Parses the command line; the exit code instead if it is bad or asks for --help. Only
/// `speak` prints (in an MPI job, rank 0).
std::variant<SweepArgs, int> parse_sweep_args(const std::vector<std::string>& args, bool speak);

/// Loads and checks the sweep file; prints every problem if `speak`.
std::optional<SweepSpec> load_sweep_or_report(const std::string& path, bool speak);

/// Runs the sweep's unfinished runs on --jobs threads; the exit code.
int run_sweep_threaded(const SweepSpec& sweep, const SweepArgs& args);

/// `knightsim sweep ... --mpi`: the exit code (2 with a clear message if built without MPI).
int sweep_mpi_command(const std::vector<std::string>& args);

}  // namespace knightsim::cli
