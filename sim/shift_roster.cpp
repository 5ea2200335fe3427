// Unrolling a fleet's weekly roster into the shifts of a run.
#include "shift_roster.hpp"

#include <algorithm>

namespace knightsim {

std::vector<ShiftSpan> roster_shifts(const FleetSpec& fleet, const ScenarioClock& clock,
                                     SimTime horizon_ms) {
  std::vector<ShiftWindow> windows = fleet.roster.windows;
  if (windows.empty()) windows.push_back({fleet.shift_start_ms, fleet.shift_end_ms});
  std::vector<ShiftSpan> shifts;
  for (const ShiftWindow& window : windows) {
    SimTime length = window.end_ms - window.start_ms;
    if (length <= 0) length += kMsPerDay;
    // Day -1: a night shift that began the evening before the start is already running.
    for (std::int64_t day = -1;; ++day) {
      const SimTime midnight = clock.midnight_of_day(day);
      const SimTime start = midnight + window.start_ms;
      if (start >= horizon_ms) break;
      if (start + length <= 0) continue;
      const int weekday = clock.weekday(midnight);
      if ((fleet.roster.work_days_mask >> weekday & 1U) == 0) continue;
      shifts.push_back({start, start + length});
    }
  }
  std::stable_sort(shifts.begin(), shifts.end(),
                   [](const ShiftSpan& a, const ShiftSpan& b) { return a.start_ms < b.start_ms; });
  return shifts;
}

bool in_daily_window(SimTime tod_ms, SimTime from_ms, SimTime to_ms) {
  if (from_ms == to_ms) return false;
  if (from_ms < to_ms) return tod_ms >= from_ms && tod_ms < to_ms;
  return tod_ms >= from_ms || tod_ms < to_ms;
}

}  // namespace knightsim
