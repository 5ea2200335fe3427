// Engine invariants (tests/invariants.hpp) on every scenario kind and dispatch strategy, and on
// the shipped scenario files (loader needed). The same sweep under the acceptance model is in
// acceptance_model_test.cpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

using testing::run_and_check;

TEST_CASE("invariants hold on every scenario kind, dispatch strategy and several seeds") {
  for (const auto& kind : testing::scenario_kinds()) {
    for (int strategy = 0; strategy < kDispatchStrategyCount; ++strategy) {
      ScenarioSpec spec = kind.spec;
      spec.dispatch.strategy = static_cast<DispatchStrategy>(strategy);
      for (std::uint64_t seed : {1u, 2u, 3u}) {
        run_and_check(kind.name + " / " + to_string(spec.dispatch.strategy), spec, seed);
      }
    }
  }
}

TEST_CASE("invariants hold on every shipped scenario") {
  for (const char* file : {"default.yaml", "day-24h.yaml", "rain.yaml", "clear.yaml"}) {
    const auto result =
        load_scenario_file(std::string(KNIGHTSIM_SOURCE_DIR) + "/scenarios/" + file);
    INFO(file);
    REQUIRE(result.ok());
    run_and_check(file, *result.spec, result.spec->seed);
  }
}

TEST_CASE("the kinds exercise what they claim") {
  const auto kinds = testing::scenario_kinds();
  auto find = [&](const std::string& name) {
    for (const auto& kind : kinds)
      if (kind.name == name) return kind.spec;
    FAIL("no kind " << name);
    return ScenarioSpec{};
  };
  SUBCASE("overloaded scenarios cancel orders") {
    Simulation sim(find("overloaded"), 1);
    sim.run();
    CHECK(summarize(sim).orders_cancelled > 0);
  }
  SUBCASE("shift ends release orders that are then delivered by others") {
    struct Counter : SimulationObserver {
      int released = 0;
      void on_order_released(const Order&, const Rider&, SimTime) override { ++released; }
    } counter;
    Simulation sim(find("shift-changes"), 1);
    sim.add_observer(&counter);
    sim.run();
    CHECK(counter.released > 0);
  }
  SUBCASE("overnight shifts work across midnight on both days") {
    Simulation sim(find("overnight-two-days"), 1);
    sim.run();
    bool delivered_after_midnight = false;
    for (const Order& order : sim.orders()) {
      const SimTime tod = sim.clock().time_of_day_ms(order.delivered_ms);
      if (order.delivered_ms != kNever && tod < 2 * kMsPerHour) delivered_after_midnight = true;
    }
    CHECK(delivered_after_midnight);
  }
  SUBCASE("riders far from home ride back") {
    struct Counter : SimulationObserver {
      int returning = 0;
      void on_rider_state_changed(const Rider& rider, RiderState, SimTime) override {
        if (rider.state == RiderState::returning) ++returning;
      }
    } counter;
    Simulation sim(find("far-station"), 1);
    sim.add_observer(&counter);
    sim.run();
    CHECK(counter.returning > 0);
  }
}

TEST_CASE("run_until in slices gives the same run as run()") {
  const ScenarioSpec spec = testing::small_city();
  Simulation whole(spec, 7);
  whole.run();
  Simulation sliced(spec, 7);
  while (!sliced.finished()) sliced.run_until(sliced.now() + 7 * kMsPerMinute + 13);
  REQUIRE(whole.orders().size() == sliced.orders().size());
  for (std::size_t i = 0; i < whole.orders().size(); ++i) {
    CHECK(whole.orders()[i].delivered_ms == sliced.orders()[i].delivered_ms);
    CHECK(whole.orders()[i].rider == sliced.orders()[i].rider);
  }
  CHECK(whole.events_processed() == sliced.events_processed());
}

TEST_CASE("time on shift so far counts the stretch under way, and equals the total at the end") {
  const ScenarioSpec spec = testing::small_city();
  Simulation simulation(spec, 3);
  simulation.run_until(simulation.end_time() / 2);
  int working = 0;
  for (const Rider& rider : simulation.riders()) {
    const SimTime so_far = simulation.on_shift_ms_so_far(rider.id);
    CHECK(so_far >= rider.on_shift_ms);
    if (rider.state != RiderState::offline) {
      ++working;
      CHECK(so_far > rider.on_shift_ms);  // the stretch under way counts
    }
  }
  CHECK(working > 0);
  simulation.run();
  for (const Rider& rider : simulation.riders()) {
    CHECK(simulation.on_shift_ms_so_far(rider.id) == rider.on_shift_ms);
  }
}

TEST_CASE("no rider means no delivery, and every order is cancelled or open") {
  ScenarioSpec spec = testing::small_city(1, 120);
  spec.riders.fleets[0].shift_start_ms = 20 * kMsPerHour;  // never on shift during the run
  spec.riders.fleets[0].shift_end_ms = 22 * kMsPerHour;
  Simulation sim(spec, 1);
  sim.run();
  const RunSummary summary = summarize(sim);
  CHECK(summary.orders_created > 100);
  CHECK(summary.orders_delivered == 0);
  CHECK(summary.orders_cancelled + summary.orders_open_at_end == summary.orders_created);
  CHECK(summary.orders_cancelled_unassigned == summary.orders_cancelled);
  CHECK(summary.rider_hours == 0.0);
}

TEST_CASE("a pickup that would land exactly on the customer's deadline is never planned") {
  // Deterministic preparation: every order is ready exactly 10 min after placement and handed
  // over 2 min later, which is exactly when the customer's patience ends. At equal times the
  // cancellation comes first, so dispatch must not send anyone (riders would stand at the
  // counter holding food for a cancelled order).
  ScenarioSpec spec = testing::small_city(30, 60);
  for (auto& group : spec.merchants) {
    group.prep_time_mean_ms = 10 * kMsPerMinute;
    group.prep_time_sd_ms = 0;
  }
  spec.riders.pickup_service_ms = 2 * kMsPerMinute;
  for (auto& category : spec.demand.categories) category.patience_ms = 12 * kMsPerMinute;
  Simulation sim(spec, 1);
  sim.run();
  const RunSummary summary = summarize(sim);
  CHECK(summary.orders_created > 50);
  CHECK(summary.orders_delivered == 0);
  CHECK(summary.orders_cancelled == summary.orders_cancelled_unassigned);

  // One minute more patience and they are all served.
  for (auto& category : spec.demand.categories) category.patience_ms = 13 * kMsPerMinute;
  Simulation patient(spec, 1);
  patient.run();
  const RunSummary served = summarize(patient);
  CHECK(served.orders_cancelled == 0);
  CHECK(served.orders_delivered > 50);
}

TEST_CASE("orders pooled in a storm are dispatched as soon as it clears") {
  ScenarioSpec spec = testing::small_city(2, 30);
  spec.weather.initial = WeatherState::storm;
  spec.weather.effects[static_cast<std::size_t>(WeatherState::storm)].speed_factor = 0.01;
  const SimTime clears_at = 30 * kMsPerMinute;
  spec.weather.timeline = {{clears_at, WeatherState::clear}};
  Simulation sim(spec, 1);
  sim.run();
  int pooled_then_sent = 0;
  for (const Order& order : sim.orders()) {
    if (order.placed_ms < clears_at && order.assigned_ms == clears_at) ++pooled_then_sent;
  }
  CHECK(pooled_then_sent > 0);
}
