// E-bike batteries and charging stations: without a charger riders low on charge end their
// shifts early and the service suffers; a charging station restores it; no rider's charge goes
// below zero and no strategy (built in or plugged in) gets an order past a rider's charge; the
// engine's invariants hold, on the analytic grid and on a road graph.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "careless_dispatcher.hpp"
#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

enum class Charger { no_battery, none, at_hub };

/// Five hours of lunch and afternoon in the small city (shifts 10:00–18:00), with packs of
/// 15 km: riders run low in an hour or two of work. The reserve, 35% of a pack (5.25 km), takes
/// a rider from anywhere in the 4 km × 4 km city to the hub in its centre.
ScenarioSpec battery_city(Charger charger, ScenarioSpec spec = testing::small_city(12, 110)) {
  spec.duration_ms = 5 * kMsPerHour;
  spec.riders.fleets[0].shift_end_ms = 18 * kMsPerHour;
  spec.safety.incidents_per_million_km = 0.0;
  if (charger != Charger::no_battery) {
    spec.riders.fleets[0].battery.range_km = 15.0;
    spec.riders.fleets[0].battery.recharge_below_share = 0.35;
    spec.riders.fleets[0].battery.swap_ms = 5 * kMsPerMinute;
  }
  spec.stations[0].charging = charger == Charger::at_hub;
  return spec;
}

/// Watches every rider's charge: never below zero, never above a full pack, and no order
/// assigned to a rider low on charge.
struct ChargeWatch final : SimulationObserver {
  explicit ChargeWatch(double range_km_in) : range_km(range_km_in) {}
  void look(const Rider& rider) {
    if (rider.battery_km < 0.0) ++below_zero;
    if (rider.battery_km > range_km + 1e-9) ++above_full;
  }
  void on_rider_state_changed(const Rider& rider, RiderState, SimTime) override { look(rider); }
  void on_order_assigned(const Order&, const Rider& rider, SimTime) override {
    look(rider);
    if (range_km > 0.0 && rider.battery_km < 0.35 * range_km) ++assigned_when_low;
  }
  void on_order_delivered(const Order&, const Rider& rider, SimTime) override { look(rider); }
  double range_km;
  int below_zero = 0, above_full = 0, assigned_when_low = 0;
};

struct Outcome {
  std::uint64_t delivered = 0;
  WelfareTotals totals;
  int charging_visits_in_days = 0, battery_ends_in_days = 0;
};

Outcome run_checked(const ScenarioSpec& spec, std::uint64_t seed,
                    std::unique_ptr<Dispatcher> plug_in = nullptr) {
  auto sim = plug_in ? std::make_unique<Simulation>(spec, seed, std::move(plug_in))
                     : std::make_unique<Simulation>(spec, seed);
  testing::InvariantObserver invariants(sim->riders().size());
  ChargeWatch charge(spec.riders.fleets[0].battery.range_km);
  sim->add_observer(&invariants);
  sim->add_observer(&charge);
  sim->run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  testing::check_world(*sim);
  CHECK(charge.below_zero == 0);
  CHECK(charge.above_full == 0);
  CHECK(charge.assigned_when_low == 0);  // low riders take no new orders
  CHECK(sim->welfare_totals().battery_short_km == 0.0);
  Outcome outcome;
  outcome.delivered = summarize(*sim).orders_delivered;
  outcome.totals = sim->welfare_totals();
  for (const RiderDay& day : sim->rider_days()) {
    outcome.charging_visits_in_days += day.charging_visits;
    outcome.battery_ends_in_days += day.battery_shift_ends;
  }
  CHECK(static_cast<std::uint64_t>(outcome.charging_visits_in_days) ==
        outcome.totals.charging_visits);
  CHECK(static_cast<std::uint64_t>(outcome.battery_ends_in_days) ==
        outcome.totals.battery_shift_ends);
  return outcome;
}

}  // namespace

TEST_CASE("without a charger riders end shifts early; a charging station restores service") {
  const Outcome unlimited = run_checked(battery_city(Charger::no_battery), 4);
  const Outcome stranded = run_checked(battery_city(Charger::none), 4);
  const Outcome charged = run_checked(battery_city(Charger::at_hub), 4);
  INFO("delivered: no battery model " << unlimited.delivered << ", no charger "
                                      << stranded.delivered << ", charger at the hub "
                                      << charged.delivered);
  // The model is off by default: nothing happens without it.
  CHECK(unlimited.totals.charging_visits == 0);
  CHECK(unlimited.totals.battery_shift_ends == 0);
  CHECK(unlimited.totals.offers_declined_by_battery == 0);
  // No charger: most riders run low and go home.
  CHECK(stranded.totals.battery_shift_ends >= 6);
  CHECK(stranded.totals.charging_visits == 0);
  CHECK(stranded.delivered < 0.8 * static_cast<double>(unlimited.delivered));
  // A charger at the hub: riders swap packs and carry on.
  CHECK(charged.totals.charging_visits >= 6);
  CHECK(charged.totals.battery_shift_ends == 0);
  CHECK(charged.delivered > stranded.delivered);
  CHECK(charged.delivered >= 0.9 * static_cast<double>(unlimited.delivered));
}

TEST_CASE("no strategy gets an order past a rider's charge") {
  for (const DispatchStrategy strategy :
       {DispatchStrategy::earliest_pickup, DispatchStrategy::nearest_idle,
        DispatchStrategy::insertion, DispatchStrategy::batch}) {
    INFO("strategy " << std::string(to_string(strategy)));
    ScenarioSpec spec = battery_city(Charger::none);
    spec.dispatch.strategy = strategy;
    const Outcome outcome = run_checked(spec, 7);
    CHECK(outcome.delivered > 20);
    CHECK(outcome.totals.battery_shift_ends > 0);
    // The built-in strategies ask the view first, so the engine never has to decline.
    CHECK(outcome.totals.offers_declined_by_battery == 0);
  }
}

TEST_CASE("a plugged-in dispatcher's offer past a rider's charge is declined") {
  // The careless plug-in offers orders to riders with little charge left; the engine declines
  // those offers like refusals (the order comes back), and no charge goes below zero.
  const Outcome outcome = run_checked(battery_city(Charger::none), 2,
                                      std::make_unique<testing::CarelessDispatcher>(12));
  CHECK(outcome.totals.offers_declined_by_battery > 0);
  CHECK(outcome.delivered > 0);
}

TEST_CASE("the battery model on a road graph: chargers restore service there too") {
  const ScenarioSpec graph = testing::road_graph_city();
  const Outcome unlimited = run_checked(battery_city(Charger::no_battery, graph), 3);
  const Outcome stranded = run_checked(battery_city(Charger::none, graph), 3);
  const Outcome charged = run_checked(battery_city(Charger::at_hub, graph), 3);
  INFO("delivered: no battery model " << unlimited.delivered << ", no charger "
                                      << stranded.delivered << ", charger at the hub "
                                      << charged.delivered);
  CHECK(stranded.totals.battery_shift_ends > 0);
  CHECK(stranded.delivered < unlimited.delivered);
  CHECK(charged.totals.charging_visits > 0);
  CHECK(charged.delivered > stranded.delivered);
}

TEST_CASE("at a full charging station riders queue for a place, or ride to a free one") {
  // The hub's charger has one place: riders who find it taken wait there for it (none is
  // stranded). With a second charger 1.5 km east with room for all, they ride there instead.
  ScenarioSpec spec = battery_city(Charger::at_hub);
  spec.stations[0].capacity = 1;
  const Outcome queueing = run_checked(spec, 4);
  CHECK(queueing.totals.charging_visits >= 6);
  CHECK(queueing.totals.battery_shift_ends == 0);

  StationSpec east{"east", 3500, 2000};
  east.rest = false;
  east.charging = true;
  spec.stations.push_back(east);
  const Outcome two_chargers = run_checked(spec, 4);
  INFO("delivered: one place " << queueing.delivered << ", and a second charger "
                               << two_chargers.delivered);
  CHECK(two_chargers.totals.charging_visits >= 6);
  CHECK(two_chargers.totals.battery_shift_ends == 0);
  CHECK(two_chargers.delivered >= queueing.delivered);
}

TEST_CASE("batteries with breaks, incidents, hand-backs and turnover over three days") {
  // Everything that pauses or stops a rider at once: the invariants hold, charge stays within
  // the pack, and the days' charging visits add up (run_checked).
  ScenarioSpec spec = battery_city(Charger::at_hub, testing::small_city(10, 90));
  spec.start = {2026, 6, 15, 0, 0};
  spec.duration_ms = 3 * kMsPerDay;
  FleetSpec& fleet = spec.riders.fleets[0];
  fleet.shift_start_ms = 10 * kMsPerHour;
  fleet.shift_end_ms = 20 * kMsPerHour;
  fleet.roster.break_after_ms = 2 * kMsPerHour;
  fleet.roster.break_ms = 20 * kMsPerMinute;
  spec.stations[0].capacity = 2;
  spec.safety.incidents_per_million_km = 5000.0;
  spec.dispatch.rider_cancel_share = 0.05;
  spec.turnover.enabled = true;
  spec.turnover.base_daily_quit = 0.1;
  spec.turnover.reserve_per_rider = 2.0;
  const Outcome outcome = run_checked(spec, 8);
  CHECK(outcome.totals.charging_visits >= 10);
  CHECK(outcome.totals.incidents > 0);
  CHECK(outcome.delivered > 300);
}

TEST_CASE("batteries on islands: ferry crossings cost no charge and charge stays within the pack") {
  ScenarioSpec spec = testing::island_world();
  spec.duration_ms = 4 * kMsPerHour;
  spec.safety.incidents_per_million_km = 0.0;
  for (FleetSpec& fleet : spec.riders.fleets) {
    fleet.shift_end_ms = 18 * kMsPerHour;
    fleet.battery.range_km = 15.0;
    fleet.battery.recharge_below_share = 0.35;
  }
  for (StationSpec& station : spec.stations) station.charging = true;
  const Outcome outcome = run_checked(spec, 5);
  CHECK(outcome.delivered > 0);
  CHECK(outcome.totals.charging_visits > 0);
}
