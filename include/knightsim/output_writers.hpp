#pragma once
/// Writers for a finished run: orders.csv, riders.csv, rider_days.csv, zones.csv, summary.json and
/// the console report. Front-end code (the engine does no I/O). Formats are documented in
/// docs/outputs.md.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>

#include "knightsim/sim_time.hpp"
#include "knightsim/summary.hpp"

namespace knightsim {

class Simulation;

/// Seconds with up to three decimals, exact and minimal: 0 → "0", 1 → "0.001", 1500 → "1.5",
/// 754200 → "754.2" (integer arithmetic: no floating-point rounding in outputs).
std::string format_ms_as_seconds(SimTime ms);

/// One row per order, in id order.
void write_orders_csv(std::ostream& out, const Simulation& simulation);
/// One row per rider, in id order.
void write_riders_csv(std::ostream& out, const Simulation& simulation);
/// One row per rider and day worked (Simulation::rider_days), in (day, rider id) order.
void write_rider_days_csv(std::ostream& out, const Simulation& simulation);
/// One row per zone (island, or compass zone of the city): orders, on-time rate, click-to-door.
void write_zones_csv(std::ostream& out, const RunSummary& summary);
/// The summary as nested JSON objects (keys documented in docs/outputs.md).
void write_summary_json(std::ostream& out, const RunSummary& summary);
/// The operations report printed at the end of `knightsim run`.
std::string format_summary_table(const RunSummary& summary);

/// A file could not be written; the message names the file and the reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `path` by calling `write` on a stream to a temporary file next to it, then renames it
/// into place, so a crash never leaves a half-written file under the final name. Throws
/// OutputError (and removes the temporary) on failure.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace knightsim
