#pragma once
// A fleet's roster (weekly pattern, split and school-hours windows) unrolled into the shifts
// of one run, in absolute time.

#include <vector>

#include "knightsim/scenario.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

struct ShiftSpan {
  SimTime start_ms = 0;  ///< may be before 0: a shift already running at the start
  SimTime end_ms = 0;
};

/// The fleet's windows (RosterSpec::windows, or shift_start..shift_end) on every day of the
/// week its roster names, that overlap [0, horizon_ms); sorted by start. A window belongs to
/// the weekday it starts on.
std::vector<ShiftSpan> roster_shifts(const FleetSpec& fleet, const ScenarioClock& clock,
                                     SimTime horizon_ms);

/// True if the time of day `tod_ms` lies in [from_ms, to_ms), a window that wraps past
/// midnight when to_ms <= from_ms.
bool in_daily_window(SimTime tod_ms, SimTime from_ms, SimTime to_ms);

}  // namespace knightsim
