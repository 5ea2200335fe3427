// The hourly demand profile and the expected order count a scenario implies.
#include <doctest/doctest.h>

#include "knightsim/demand_profile.hpp"

using namespace knightsim;

TEST_CASE("hourly_profile_at is the hour's value at its midpoint, linear in between, wrapping") {
  std::array<double, 24> profile{};
  for (std::size_t h = 0; h < 24; ++h) profile[h] = static_cast<double>(h);
  CHECK(hourly_profile_at(profile, 12 * kMsPerHour + 30 * kMsPerMinute) == doctest::Approx(12.0));
  CHECK(hourly_profile_at(profile, 13 * kMsPerHour) == doctest::Approx(12.5));
  CHECK(hourly_profile_at(profile, 13 * kMsPerHour + 15 * kMsPerMinute) == doctest::Approx(12.75));
  // Around midnight the curve runs from 23 (at 23:30) to 0 (at 00:30).
  CHECK(hourly_profile_at(profile, 0) == doctest::Approx(11.5));
  CHECK(hourly_profile_at(profile, 23 * kMsPerHour + 45 * kMsPerMinute) ==
        doctest::Approx(23.0 * 0.75));
}

TEST_CASE("expected_orders_per_unit_rate integrates profile, weekend and growth over the run") {
  ScenarioSpec spec;
  spec.demand.hourly_profile.fill(1.0);
  spec.start = {2026, 6, 17, 10, 0};  // Wednesday
  spec.duration_ms = 3 * kMsPerHour;
  CHECK(expected_orders_per_unit_rate(spec) == doctest::Approx(3.0));

  spec.demand.growth_factor = 2.0;
  CHECK(expected_orders_per_unit_rate(spec) == doctest::Approx(6.0));

  // Friday 22:00 for four hours: two weekday hours, two Saturday hours at the weekend factor.
  spec.demand.growth_factor = 1.0;
  spec.demand.weekend_factor = 1.5;
  spec.start = {2026, 6, 19, 22, 0};
  spec.duration_ms = 4 * kMsPerHour;
  CHECK(expected_orders_per_unit_rate(spec) == doctest::Approx(2.0 + 2.0 * 1.5));

  // A profile that is zero at night and one by day: a whole day gives the day's hours.
  spec.start = {2026, 6, 17, 0, 0};
  spec.duration_ms = kMsPerDay;
  spec.demand.hourly_profile = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
                                1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
  // Twelve ones; linear interpolation between midpoints keeps the integral of a step profile.
  CHECK(expected_orders_per_unit_rate(spec) == doctest::Approx(12.0).epsilon(0.001));
}
