// Heat and cold exposure and insurance: nothing on a mild day, payouts on a heat-wave day;
// rest at a station recovers fatigue and stops exposure.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

ScenarioSpec insured_day(WeatherState weather) {
  ScenarioSpec spec = testing::small_city(10, 100);
  spec.duration_ms = 5 * kMsPerHour;
  spec.riders.fleets[0].shift_start_ms = 11 * kMsPerHour;
  spec.riders.fleets[0].shift_end_ms = 16 * kMsPerHour;
  spec.weather.initial = weather;
  spec.policies.heat_cold_insurance.enabled = true;
  spec.policies.heat_cold_insurance.min_exposure_ms = 2 * kMsPerHour;
  spec.policies.heat_cold_insurance.payout_per_day = 30.0;
  return spec;
}

}  // namespace

TEST_CASE("heat insurance pays nothing on a mild day and pays on a heat-wave day") {
  Simulation mild(insured_day(WeatherState::clear), 1);
  mild.run();
  CHECK(mild.welfare_totals().heat_cold_payouts == 0.0);
  for (const Rider& rider : mild.riders()) CHECK(rider.heat_exposure_ms == 0);

  Simulation heat_wave(insured_day(WeatherState::heat), 1);
  heat_wave.run();
  const WelfareTotals& totals = heat_wave.welfare_totals();
  // Every rider is outside in 37 °C for five hours: each is paid once for the day.
  CHECK(totals.heat_cold_payout_days == heat_wave.riders().size());
  CHECK(totals.heat_cold_payouts == doctest::Approx(30.0 * 10));
  for (const Rider& rider : heat_wave.riders()) {
    CHECK(rider.heat_exposure_ms >= 2 * kMsPerHour);
    CHECK(rider.insurance_payout == doctest::Approx(30.0));
  }
  CHECK(totals.heat_cold_premiums > 0.0);
}

TEST_CASE("cold insurance pays in a cold snap, and the threshold temperature is the scenario's") {
  Simulation cold(insured_day(WeatherState::cold), 1);
  cold.run();
  CHECK(cold.welfare_totals().heat_cold_payout_days == cold.riders().size());

  // A heat state at 33 °C is below the 35 °C threshold: no exposure, no payout.
  ScenarioSpec warm = insured_day(WeatherState::heat);
  warm.weather.effects[static_cast<std::size_t>(WeatherState::heat)].temperature_c = 33.0;
  Simulation mild_heat(warm, 1);
  mild_heat.run();
  CHECK(mild_heat.welfare_totals().heat_cold_payouts == 0.0);
}

TEST_CASE("breaks at a station recover fatigue and stop heat exposure") {
  ScenarioSpec spec = insured_day(WeatherState::heat);
  ScenarioSpec with_breaks = spec;
  with_breaks.riders.fleets[0].roster.break_after_ms = 90 * kMsPerMinute;
  with_breaks.riders.fleets[0].roster.break_ms = 30 * kMsPerMinute;
  Simulation plain(spec, 2), rested(with_breaks, 2);
  plain.run();
  rested.run();
  SimTime plain_exposure = 0, rested_exposure = 0, rest = 0;
  double plain_peak = 0, rested_peak = 0;
  int breaks = 0;
  for (const Rider& rider : plain.riders()) {
    plain_exposure += rider.heat_exposure_ms;
    plain_peak += rider.peak_fatigue_h;
  }
  for (const Rider& rider : rested.riders()) {
    rested_exposure += rider.heat_exposure_ms;
    rested_peak += rider.peak_fatigue_h;
    rest += rider.rest_ms;
    breaks += rider.breaks_taken;
  }
  CHECK(breaks >= 10);  // at least one each
  CHECK(rest >= 10 * 30 * kMsPerMinute);
  CHECK(rested_exposure < plain_exposure);
  CHECK(rested_peak < plain_peak);
}
