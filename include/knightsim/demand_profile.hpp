#pragma once
/// The shape of demand over the day, shared by the demand generator and by tools that need to
/// know how many orders a scenario implies before running it.

#include <array>

#include "knightsim/scenario.hpp"

namespace knightsim {

/// Hourly profile value at a time of day, linear between hour midpoints (so the curve is
/// continuous and the peak hour's value is reached at its midpoint).
double hourly_profile_at(const std::array<double, 24>& profile, SimTime time_of_day_ms);

/// Expected orders over the whole run per unit of orders_per_hour: the integral of profile ×
/// weekend factor × growth over the run (one-minute steps), weather left out.
double expected_orders_per_unit_rate(const ScenarioSpec& spec);

}  // namespace knightsim
