// WeatherTimeline: the piecewise-constant state, its effects, and the demand envelope.
#include "knightsim/weather.hpp"

#include <doctest/doctest.h>

namespace {

using knightsim::kMsPerHour;
using knightsim::WeatherChange;
using knightsim::WeatherSpec;
using knightsim::WeatherState;
using knightsim::WeatherTimeline;

/// Clear, rain from 1 h, storm from 3 h, clear again from 5 h.
WeatherSpec rain_then_storm() {
  WeatherSpec spec;
  spec.initial = WeatherState::clear;
  spec.timeline = {WeatherChange{1 * kMsPerHour, WeatherState::rain},
                   WeatherChange{3 * kMsPerHour, WeatherState::storm},
                   WeatherChange{5 * kMsPerHour, WeatherState::clear}};
  return spec;
}

}  // namespace

TEST_CASE("state_at before, at and after each change") {
  const WeatherTimeline weather(rain_then_storm());
  CHECK(weather.state_at(-1) == WeatherState::clear);  // before the run: the initial state
  CHECK(weather.state_at(0) == WeatherState::clear);
  CHECK(weather.state_at(kMsPerHour - 1) == WeatherState::clear);
  CHECK(weather.state_at(kMsPerHour) == WeatherState::rain);  // a change applies at its time
  CHECK(weather.state_at(2 * kMsPerHour) == WeatherState::rain);
  CHECK(weather.state_at(3 * kMsPerHour - 1) == WeatherState::rain);
  CHECK(weather.state_at(3 * kMsPerHour) == WeatherState::storm);
  CHECK(weather.state_at(5 * kMsPerHour - 1) == WeatherState::storm);
  CHECK(weather.state_at(5 * kMsPerHour) == WeatherState::clear);
  CHECK(weather.state_at(100 * kMsPerHour) == WeatherState::clear);  // the last change lasts

  CHECK(weather.initial() == WeatherState::clear);
  REQUIRE(weather.changes().size() == 3);
  CHECK(weather.changes()[1].state == WeatherState::storm);
}

TEST_CASE("a change at time 0 replaces the initial state from the start") {
  WeatherSpec spec;
  spec.initial = WeatherState::snow;
  spec.timeline = {WeatherChange{0, WeatherState::heat}};
  const WeatherTimeline weather(spec);
  CHECK(weather.state_at(-1) == WeatherState::snow);
  CHECK(weather.state_at(0) == WeatherState::heat);
}

TEST_CASE("effect_of and effect_at read the scenario's effects") {
  WeatherSpec spec = rain_then_storm();
  // Not the defaults, so the effects cannot come from anywhere but the spec.
  spec.effects[static_cast<std::size_t>(WeatherState::rain)] = {0.5, 2.5};
  spec.effects[static_cast<std::size_t>(WeatherState::storm)] = {0.25, 0.75};
  const WeatherTimeline weather(spec);

  CHECK(weather.effect_of(WeatherState::rain).speed_factor == 0.5);
  CHECK(weather.effect_of(WeatherState::rain).demand_factor == 2.5);
  CHECK(weather.effect_of(WeatherState::clear).speed_factor == 1.0);
  CHECK(weather.effect_at(2 * kMsPerHour).demand_factor == 2.5);
  CHECK(weather.effect_at(4 * kMsPerHour).speed_factor == 0.25);
  CHECK(weather.effect_at(6 * kMsPerHour).demand_factor == 1.0);
}

TEST_CASE("max_demand_factor considers only the states that occur") {
  WeatherSpec spec = rain_then_storm();
  spec.effects[static_cast<std::size_t>(WeatherState::rain)].demand_factor = 1.5;
  spec.effects[static_cast<std::size_t>(WeatherState::storm)].demand_factor = 0.5;
  // Never occurs in this timeline, so it must not raise the envelope.
  spec.effects[static_cast<std::size_t>(WeatherState::heavy_rain)].demand_factor = 9.0;
  CHECK(WeatherTimeline(spec).max_demand_factor() == 1.5);

  // Once it occurs, it does.
  spec.timeline.push_back(WeatherChange{8 * kMsPerHour, WeatherState::heavy_rain});
  CHECK(WeatherTimeline(spec).max_demand_factor() == 9.0);

  // The initial state counts too, even if every later state has less demand.
  WeatherSpec heat;
  heat.initial = WeatherState::heat;
  heat.effects[static_cast<std::size_t>(WeatherState::heat)].demand_factor = 1.75;
  heat.timeline = {WeatherChange{kMsPerHour, WeatherState::clear}};
  CHECK(WeatherTimeline(heat).max_demand_factor() == 1.75);

  // A factor below 1 everywhere gives an envelope below 1.
  WeatherSpec calm;
  calm.initial = WeatherState::storm;
  calm.effects[static_cast<std::size_t>(WeatherState::storm)].demand_factor = 0.6;
  CHECK(WeatherTimeline(calm).max_demand_factor() == 0.6);
}

TEST_CASE("an empty timeline is the initial state forever") {
  WeatherSpec spec;
  spec.initial = WeatherState::rain;
  spec.effects[static_cast<std::size_t>(WeatherState::rain)] = {0.8, 1.3};
  spec.effects[static_cast<std::size_t>(WeatherState::clear)].demand_factor = 2.0;  // unused
  const WeatherTimeline weather(spec);
  CHECK(weather.changes().empty());
  for (const auto t : {knightsim::SimTime{-5}, knightsim::SimTime{0}, 1000 * kMsPerHour}) {
    CHECK(weather.state_at(t) == WeatherState::rain);
    CHECK(weather.effect_at(t).speed_factor == 0.8);
  }
  CHECK(weather.max_demand_factor() == 1.3);
}
