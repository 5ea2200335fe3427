#include "knightsim/demand_profile.hpp"

#include <cmath>

namespace knightsim {

double hourly_profile_at(const std::array<double, 24>& profile, SimTime time_of_day_ms) {
  const double hours = static_cast<double>(time_of_day_ms) / static_cast<double>(kMsPerHour) - 0.5;
  const double floor_hours = std::floor(hours);
  const double fraction = hours - floor_hours;
  const auto index = static_cast<int>(floor_hours);
  const auto wrap = [](int i) { return static_cast<std::size_t>(((i % 24) + 24) % 24); };
  return profile[wrap(index)] * (1.0 - fraction) + profile[wrap(index + 1)] * fraction;
}

double expected_orders_per_unit_rate(const ScenarioSpec& spec) {
  const ScenarioClock clock(spec.start);
  double units = 0.0;
  for (SimTime t = 0; t < spec.duration_ms; t += kMsPerMinute) {
    double value = hourly_profile_at(spec.demand.hourly_profile, clock.time_of_day_ms(t));
    if (clock.is_weekend(t)) value *= spec.demand.weekend_factor;
    units += value / 60.0;
  }
  return units * spec.demand.growth_factor;
}

}  // namespace knightsim
