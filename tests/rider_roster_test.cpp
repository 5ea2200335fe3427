// Riders as people: attributes drawn from the fleet's shares, weekly rosters, split windows,
// breaks at stations within their capacity, and pay bonuses.
#include <doctest/doctest.h>

#include <map>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

TEST_CASE("riders' attributes follow the fleet's shares and leave the run unchanged") {
  ScenarioSpec spec = testing::small_city(400, 100);
  spec.duration_ms = kMsPerHour;
  spec.riders.fleets[0].people.women_share = 0.4;
  spec.riders.fleets[0].people.disabled_share = 0.1;
  spec.riders.fleets[0].people.age_band_shares = {0.2, 0.5, 0.3};
  spec.riders.fleets[0].people.experience_days_mean = 200;
  spec.riders.fleets[0].people.experience_days_sd = 100;
  Simulation sim(spec, 1);
  int women = 0, disabled = 0;
  std::map<AgeBand, int> bands;
  double experience = 0;
  for (const Rider& rider : sim.riders()) {
    women += rider.woman;
    disabled += rider.disabled;
    ++bands[rider.age_band];
    experience += rider.experience_days;
  }
  CHECK(women == doctest::Approx(160).epsilon(0.2));
  CHECK(disabled == doctest::Approx(40).epsilon(0.35));
  CHECK(bands[AgeBand::from_30_to_44] == doctest::Approx(200).epsilon(0.2));
  CHECK(experience / 400 == doctest::Approx(200).epsilon(0.15));

  // Without policies, who the riders are changes nothing of what happens.
  ScenarioSpec plain = testing::small_city(12, 120);
  ScenarioSpec people = plain;
  people.riders.fleets[0].people.women_share = 0.7;
  people.riders.fleets[0].people.disabled_share = 0.3;
  Simulation a(plain, 3), b(people, 3);
  a.run();
  b.run();
  REQUIRE(a.orders().size() == b.orders().size());
  for (std::size_t i = 0; i < a.orders().size(); ++i) {
    CHECK(a.orders()[i].rider == b.orders()[i].rider);
    CHECK(a.orders()[i].delivered_ms == b.orders()[i].delivered_ms);
  }
}

namespace {

struct ShiftWatch final : SimulationObserver {
  explicit ShiftWatch(const ScenarioClock& clock_in) : clock(clock_in) {}
  void on_rider_state_changed(const Rider& rider, RiderState previous, SimTime now) override {
    if (previous == RiderState::offline) {
      starts.push_back({clock.weekday(now), clock.time_of_day_ms(now)});
      (void)rider;
    }
    if (rider.state == RiderState::resting)
      ++resting_now, max_resting = std::max(max_resting, resting_now);
    if (previous == RiderState::resting) --resting_now;
  }
  const ScenarioClock& clock;
  std::vector<std::pair<int, SimTime>> starts;  ///< weekday, time of day
  int resting_now = 0, max_resting = 0;
};

}  // namespace

TEST_CASE("split windows on the roster's weekdays only") {
  ScenarioSpec spec = testing::small_city(4, 60);
  spec.start = {2026, 6, 19, 0, 0};  // Friday
  spec.duration_ms = 3 * kMsPerDay;  // Friday to Sunday
  spec.riders.fleets[0].roster.windows = {{8 * kMsPerHour, 11 * kMsPerHour},
                                          {17 * kMsPerHour, 20 * kMsPerHour}};
  spec.riders.fleets[0].roster.work_days_mask = 0b0100001;  // Monday and Saturday
  Simulation sim(spec, 1);
  ShiftWatch watch(sim.clock());
  sim.add_observer(&watch);
  sim.run();
  REQUIRE(watch.starts.size() == 4 * 2);  // two windows on Saturday, four riders
  for (const auto& [weekday, tod] : watch.starts) {
    CHECK(weekday == 5);
    CHECK((tod == 8 * kMsPerHour || tod == 17 * kMsPerHour));
  }
  for (const Rider& rider : sim.riders()) {
    CHECK(rider.on_shift_ms >= 6 * kMsPerHour);
    CHECK(rider.on_shift_ms < 7 * kMsPerHour);  // a little over: finishing carried orders
    CHECK(rider.days_worked == 1);
  }
}

TEST_CASE("breaks are taken at the nearest open rest station, within its capacity") {
  ScenarioSpec spec = testing::small_city(12, 100);
  spec.duration_ms = 3 * kMsPerHour;
  spec.stations = {{"hub", 2000, 2000}, {"rest", 2600, 2000}};
  spec.stations[0].rest = false;  // no rest room at the hub: breaks at "rest"
  spec.stations[1].capacity = 2;
  spec.riders.fleets[0].roster.break_after_ms = 40 * kMsPerMinute;
  spec.riders.fleets[0].roster.break_ms = 10 * kMsPerMinute;
  Simulation sim(spec, 1);
  ShiftWatch watch(sim.clock());
  sim.add_observer(&watch);
  testing::InvariantObserver invariants(sim.riders().size());
  sim.add_observer(&invariants);
  sim.run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  testing::check_world(sim);
  int breaks = 0;
  for (const Rider& rider : sim.riders()) breaks += rider.breaks_taken;
  CHECK(breaks >= 12);
  // When "rest" is full, riders rest at home (the hub): never more than 2 at "rest", but
  // some breaks overlap, so more than 2 may rest at once in all.
  CHECK(watch.max_resting >= 2);
}

TEST_CASE("weather and peak bonuses are paid per order") {
  ScenarioSpec spec = testing::small_city(10, 100);
  spec.weather.initial = WeatherState::rain;
  spec.riders.fleets[0].pay.weather_bonus_per_order[static_cast<std::size_t>(WeatherState::rain)] =
      2.0;
  spec.riders.fleets[0].pay.peak_bonus_per_order = 1.0;
  spec.riders.fleets[0].pay.peak_hours[12] = true;
  Simulation sim(spec, 1);
  int delivered = 0, delivered_at_noon = 0;
  struct NoonWatch final : SimulationObserver {
    explicit NoonWatch(const ScenarioClock& c, int& n) : clock(c), noon(n) {}
    void on_order_delivered(const Order&, const Rider&, SimTime now) override {
      if (clock.time_of_day_ms(now) / kMsPerHour == 12) ++noon;
    }
    const ScenarioClock& clock;
    int& noon;
  } watch(sim.clock(), delivered_at_noon);
  sim.add_observer(&watch);
  sim.run();
  double bonuses = 0;
  for (const Rider& rider : sim.riders()) {
    bonuses += rider.bonus_earnings;
    delivered += rider.orders_delivered;
  }
  REQUIRE(delivered_at_noon > 0);
  CHECK(bonuses == doctest::Approx(2.0 * delivered + 1.0 * delivered_at_noon));
  CHECK(sim.welfare_totals().bonuses == doctest::Approx(bonuses));
}

TEST_CASE("the riders-as-people scenario kind exercises what it is for") {
  const ScenarioSpec spec = testing::riders_as_people();
  Simulation sim(spec, 1);
  sim.run();
  const WelfareTotals& totals = sim.welfare_totals();
  int breaks = 0, women = 0, disabled = 0;
  for (const Rider& rider : sim.riders()) {
    breaks += rider.breaks_taken;
    women += rider.opted_out;
    disabled += rider.disabled;
  }
  CHECK(breaks > 0);
  CHECK(women > 0);
  CHECK(disabled > 0);
  CHECK(totals.incidents > 0);
  CHECK(totals.injuries > 0);
  CHECK(totals.heat_cold_payout_days > 0);
  CHECK(totals.covered_rider_days > 0);
  CHECK(totals.policy_cancellations > 0);
}
