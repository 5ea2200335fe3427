// Weather must matter: the same scenario under heavy rain has slower riders and (by its
// multiplier) more orders than under clear sky.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// Mean speed over all completed legs from merchant to customer: delivery distance / ride time
/// is not observable directly, so use distance ridden per busy hour instead.
double km_per_busy_hour(const Simulation& sim) {
  double km = 0.0, hours = 0.0;
  for (const Rider& rider : sim.riders()) {
    km += rider.distance_m / 1000.0;
    hours += static_cast<double>(rider.busy_ms) / static_cast<double>(kMsPerHour);
  }
  return km / hours;
}

}  // namespace

TEST_CASE("heavy rain slows riders and raises demand, as its multipliers say") {
  ScenarioSpec clear = testing::small_city(14, 150);
  clear.duration_ms = 3 * kMsPerHour;
  ScenarioSpec rain = clear;
  rain.weather.initial = WeatherState::heavy_rain;
  const auto& effect = rain.weather.effects[static_cast<std::size_t>(WeatherState::heavy_rain)];
  REQUIRE(effect.speed_factor < 1.0);
  REQUIRE(effect.demand_factor > 1.0);

  Simulation clear_run(clear, 5), rain_run(rain, 5);
  clear_run.run();
  rain_run.run();
  const RunSummary clear_summary = summarize(clear_run);
  const RunSummary rain_summary = summarize(rain_run);

  // Demand: the expected ratio is the multiplier; allow a few standard errors of Poisson noise.
  const double ratio = static_cast<double>(rain_summary.orders_created) /
                       static_cast<double>(clear_summary.orders_created);
  CHECK(ratio > 1.0 + 0.5 * (effect.demand_factor - 1.0));
  CHECK(ratio < 1.0 + 1.5 * (effect.demand_factor - 1.0));

  // Speed: riders cover fewer km per busy hour, close to the speed factor.
  const double speed_ratio = km_per_busy_hour(rain_run) / km_per_busy_hour(clear_run);
  CHECK(speed_ratio < 1.0 - 0.5 * (1.0 - effect.speed_factor));
  CHECK(speed_ratio > effect.speed_factor * 0.8);

  // And so service suffers.
  CHECK(rain_summary.click_to_door_min.mean > clear_summary.click_to_door_min.mean);
  CHECK(rain_summary.weather_hours[static_cast<std::size_t>(WeatherState::heavy_rain)] ==
        doctest::Approx(3.0));
}
