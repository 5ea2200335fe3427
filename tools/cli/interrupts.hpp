#pragma once
// Ctrl-C and SIGTERM for long commands (sweeps): a first Ctrl-C asks to stop handing out work
// and finish what is running; a second one, or SIGTERM (what Slurm and mpirun send before
// SIGKILL), asks to abandon the runs in flight. The handlers only set flags; the command polls.

namespace knightsim::cli {

/// Installs the handlers for SIGINT and SIGTERM (once; later calls do nothing).
void install_interrupt_handlers();
/// True once SIGINT or SIGTERM has been received.
bool stop_requested();
/// True once a second SIGINT, or a SIGTERM, has been received.
bool abandon_requested();
/// The last signal received (SIGINT or SIGTERM), 0 if none.
int interrupt_signal();

}  // namespace knightsim::cli
