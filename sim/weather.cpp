// Piecewise-constant weather timeline.
#include "knightsim/weather.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim {

WeatherTimeline::WeatherTimeline(const WeatherSpec& spec) : spec_(spec) {
  assert(std::is_sorted(
      spec_.timeline.begin(), spec_.timeline.end(),
      [](const WeatherChange& a, const WeatherChange& b) { return a.at_ms < b.at_ms; }));
}

WeatherState WeatherTimeline::state_at(SimTime t) const {
  // Last change at or before t; timelines are short (a few entries a day).
  auto after =
      std::upper_bound(spec_.timeline.begin(), spec_.timeline.end(), t,
                       [](SimTime time, const WeatherChange& c) { return time < c.at_ms; });
  return after == spec_.timeline.begin() ? spec_.initial : std::prev(after)->state;
}

double WeatherTimeline::max_demand_factor() const {
  double result = effect_of(spec_.initial).demand_factor;
  for (const auto& change : spec_.timeline) {
    result = std::max(result, effect_of(change.state).demand_factor);
  }
  return result;
}

}  // namespace knightsim
