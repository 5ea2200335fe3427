// Incidents: a hazard per km that rises with the weather (storms), night, fatigue and
// inexperience; an incident ends the shift, an injury loses the orders carried; injury insurance
// pays per injury; incidents come from their own streams.
#include <doctest/doctest.h>

#include <string>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// Incidents far more frequent than real ones (one per 100 km in clear weather), so a short
/// run has enough of them to count; only the weather changes the hazard.
ScenarioSpec hazardous(WeatherState weather) {
  ScenarioSpec spec = testing::small_city(16, 160);
  spec.duration_ms = 3 * kMsPerHour;
  spec.weather.initial = weather;
  spec.safety.incidents_per_million_km = 10000;
  spec.safety.novice_extra = 0.0;
  spec.safety.fatigue_factor_per_hour = 0.0;
  return spec;
}

struct Rate {
  double incidents = 0;
  double km = 0;
  double per_1000_km() const { return km > 0 ? incidents / km * 1000.0 : 0.0; }
};

Rate rate_over_seeds(const ScenarioSpec& spec) {
  Rate rate;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Simulation sim(spec, seed);
    sim.run();
    rate.incidents += static_cast<double>(sim.welfare_totals().incidents);
    rate.km += sim.welfare_totals().km_ridden;
  }
  return rate;
}

}  // namespace

TEST_CASE("incident rates rise in storms") {
  const Rate clear = rate_over_seeds(hazardous(WeatherState::clear));
  const Rate storm = rate_over_seeds(hazardous(WeatherState::storm));
  INFO("clear " << clear.incidents << " in " << clear.km << " km; storm " << storm.incidents
                << " in " << storm.km << " km");
  REQUIRE(clear.incidents >= 10);
  // 10 per 1000 km in clear weather, 30 in a storm (weather_factor 3): well apart.
  CHECK(clear.per_1000_km() == doctest::Approx(10.0).epsilon(0.5));
  CHECK(storm.per_1000_km() > 2.0 * clear.per_1000_km());
}

TEST_CASE("novices have more incidents than experienced riders, and the career ladder cuts that") {
  ScenarioSpec novices = hazardous(WeatherState::clear);
  novices.safety.novice_extra = 2.0;
  novices.riders.fleets[0].people.experience_days_mean = 0.0;
  ScenarioSpec veterans = novices;
  veterans.riders.fleets[0].people.experience_days_mean = 2000.0;
  veterans.riders.fleets[0].people.experience_days_sd = 10.0;
  ScenarioSpec trained = novices;
  trained.policies.career_ladder.enabled = true;
  trained.policies.career_ladder.risk_reduction = 0.75;
  const double novice_rate = rate_over_seeds(novices).per_1000_km();
  const double veteran_rate = rate_over_seeds(veterans).per_1000_km();
  const double trained_rate = rate_over_seeds(trained).per_1000_km();
  CHECK(novice_rate > 2.0 * veteran_rate);
  CHECK(trained_rate < 0.7 * novice_rate);
}

TEST_CASE("an incident ends the shift; an injury loses the orders carried and insurance pays") {
  ScenarioSpec spec = hazardous(WeatherState::clear);
  spec.safety.injury_share = 1.0;
  spec.policies.injury_insurance.enabled = true;
  spec.policies.injury_insurance.payout_per_injury = 5000;
  Simulation sim(spec, 4);
  testing::InvariantObserver invariants(sim.riders().size());
  sim.add_observer(&invariants);
  sim.run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  testing::check_world(sim);
  const WelfareTotals& totals = sim.welfare_totals();
  REQUIRE(totals.injuries > 0);
  CHECK(totals.injuries == totals.incidents);
  CHECK(totals.injury_payouts == doctest::Approx(5000.0 * static_cast<double>(totals.injuries)));
  CHECK(totals.orders_lost_in_incidents > 0);
  std::uint64_t lost = 0;
  for (const Order& order : sim.orders()) lost += order.lost_in_incident ? 1 : 0;
  CHECK(lost == totals.orders_lost_in_incidents);
  for (const Rider& rider : sim.riders()) {
    if (rider.injuries == 0) continue;
    // Off for the rest of the run (a week off) and never back on shift.
    CHECK(rider.state == RiderState::offline);
    CHECK_FALSE(rider.on_shift);
    CHECK(rider.last_shift_end_ms < sim.end_time());
  }
}

TEST_CASE("without any hazard nothing happens, and incidents leave the orders' draws alone") {
  ScenarioSpec none = hazardous(WeatherState::clear);
  none.safety.incidents_per_million_km = 0.0;
  Simulation sim(none, 2);
  sim.run();
  CHECK(sim.welfare_totals().incidents == 0);
  CHECK(sim.welfare_totals().km_ridden > 0.0);
  // Same seed with incidents: the orders placed are the same (their stream is untouched).
  Simulation risky(hazardous(WeatherState::clear), 2);
  risky.run();
  REQUIRE(risky.orders().size() == sim.orders().size());
  for (std::size_t i = 0; i < sim.orders().size(); ++i) {
    CHECK(risky.orders()[i].placed_ms == sim.orders()[i].placed_ms);
    CHECK(risky.orders()[i].weight_kg == sim.orders()[i].weight_kg);
  }
}

TEST_CASE("first-aid stations nearby make fewer incidents injuries") {
  // Stations with first aid every kilometre cover the whole 4 km city within 800 m.
  const auto with_stations = [](bool first_aid, double factor) {
    ScenarioSpec spec = hazardous(WeatherState::storm);
    for (int x = 500; x < 4000; x += 1000) {
      for (int y = 500; y < 4000; y += 1000) {
        StationSpec station;
        station.name = "aid-" + std::to_string(x) + "-" + std::to_string(y);
        station.x_m = x;
        station.y_m = y;
        station.first_aid = first_aid;
        spec.stations.push_back(station);
      }
    }
    spec.safety.first_aid_radius_m = 800;
    spec.safety.first_aid_injury_factor = factor;
    double incidents = 0, injuries = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      Simulation sim(spec, seed);
      sim.run();
      incidents += static_cast<double>(sim.welfare_totals().incidents);
      injuries += static_cast<double>(sim.welfare_totals().injuries);
    }
    REQUIRE(incidents >= 20);
    return injuries / incidents;
  };
  const double plain = with_stations(false, 0.2);   // no first aid: the factor does nothing
  const double neutral = with_stations(true, 1.0);  // first aid, but no effect configured
  const double helped = with_stations(true, 0.2);
  INFO("injuries per incident: plain " << plain << ", neutral " << neutral << ", helped "
                                       << helped);
  CHECK(plain > 0.15);
  CHECK(neutral > 0.15);
  CHECK(helped < 0.5 * plain);
  CHECK(helped < 0.5 * neutral);
}
