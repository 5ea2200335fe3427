#pragma once
/// Times given on the viewer's command line (--at, --from, --to): "HH:MM" on the run's first
/// day, or "YYYY-MM-DD HH:MM" (also with a T) for any day of a multi-day run.

#include <optional>
#include <string>
#include <string_view>

#include "knightsim/sim_time.hpp"

namespace knightsim::viz {

/// The SimTime of `text` in the run that starts at `clock`'s start and lasts `duration_ms`, or
/// nullopt with a message in `error` when the text is malformed or outside [0, duration_ms].
std::optional<SimTime> parse_view_time(std::string_view text, const ScenarioClock& clock,
                                       SimTime duration_ms, std::string* error);

}  // namespace knightsim::viz
