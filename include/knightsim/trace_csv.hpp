#pragma once
/// Reading the logs of a trace-driven world (orders.csv and couriers.csv, the Colombian logs'
/// columns) into TraceSpec data: times of day become simulated time, latitude/longitude become
/// metres on a local projection. Front-end code in knightsim_io; the scenario loader calls it
/// for the `trace:` section. Formats and rules: docs/scenario-format.md, "trace".

#include <optional>
#include <string>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "knightsim/sim_time.hpp"
#include "knightsim/text_file.hpp"
#include "knightsim/trace.hpp"

namespace knightsim {

/// The exact header lines the two files must start with.
inline constexpr const char* kTraceOrdersHeader =
    "order_id,pick_up_lat,pick_up_lng,drop_off_lat,drop_off_lng,placement_time,preparation_time,"
    "ready_time,expected_drop_off_time";
inline constexpr const char* kTraceCouriersHeader =
    "courier_id,vehicle,on_lat,on_lng,on_time,off_time";

/// One log file's content, and the name problems give it.
struct TraceCsvText {
  std::string file;
  std::string text;
};

struct TraceReadOptions {
  /// The scenario start's time of day: a log time t is at SimTime t - this, on the start's day.
  SimTime start_time_of_day_ms = 0;
  /// Vehicle names couriers.csv may use; unknown ones are problems with a hint.
  std::vector<std::string> vehicle_names;
  /// False when the vehicles themselves were bad: then vehicle names are not checked.
  bool check_vehicles = true;
  /// Room between the outermost points and the city's edges, metres.
  double margin_m = 500.0;
  /// The largest city side the scenario accepts, metres; a trace needing more is a problem.
  double max_side_m = 200000.0;
  /// Problems reported per file before the rest are only counted.
  int max_problems_per_file = 20;
};

struct TraceReadResult {
  std::vector<TraceOrder> orders;      ///< sorted by placed_ms, then id (numerically if both are)
  std::vector<TraceCourier> couriers;  ///< in file order, without zero-length shifts
  int zero_length_shifts = 0;          ///< couriers left out because off_time == on_time
  double origin_lat_deg = 0.0;         ///< the projection's origin: (0, 0) in metres
  double origin_lng_deg = 0.0;
  double width_m = 0.0;   ///< a city [0, width_m] × [0, height_m] holding every point with
  double height_m = 0.0;  ///< margin_m to spare on each side; whole metres, rounded up
  std::vector<ScenarioProblem> problems;  ///< file: the CSV's name; field: the column
  bool ok() const { return problems.empty(); }
};

/// Parses both logs, checks every row, projects the points and converts the times. Every
/// problem is collected (up to max_problems_per_file per file, then a count).
TraceReadResult parse_trace(const TraceCsvText& orders, const TraceCsvText& couriers,
                            const TraceReadOptions& options);

}  // namespace knightsim
