#pragma once
/// The weather over a run: a piecewise-constant timeline of states, each with its effect on
/// rider speed and on demand.

#include <vector>

#include "knightsim/scenario.hpp"

namespace knightsim {

class WeatherTimeline {
 public:
  explicit WeatherTimeline(const WeatherSpec& spec);

  WeatherState state_at(SimTime t) const;
  const WeatherEffect& effect_at(SimTime t) const { return effect_of(state_at(t)); }
  const WeatherEffect& effect_of(WeatherState s) const {
    return spec_.effects[static_cast<std::size_t>(s)];
  }
  /// Largest demand factor of the initial state and of every change (an upper bound on the
  /// demand factor at any time, for thinning; changes after the run's end count too).
  double max_demand_factor() const;
  /// The changes in time order (initial state excluded).
  const std::vector<WeatherChange>& changes() const { return spec_.timeline; }
  WeatherState initial() const { return spec_.initial; }

 private:
  WeatherSpec spec_;
};

}  // namespace knightsim
