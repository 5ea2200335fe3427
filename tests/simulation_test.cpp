// Engine invariants on every scenario kind: conservation, causality, capacity, shifts, and the
// observer's view of time. The same checks run on the shipped scenario files (loader needed).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// Watches a run and records every rule broken while it happens.
class InvariantObserver final : public SimulationObserver {
 public:
  explicit InvariantObserver(std::size_t riders) : carried_(riders, 0), assigned_(riders, 0) {}

  void on_order_placed(const Order& order, SimTime now) override {
    tick(now);
    if (order.placed_ms != now) fail("placed_ms differs from the event time");
  }
  void on_order_assigned(const Order& order, const Rider& rider, SimTime now) override {
    tick(now);
    if (!rider.on_shift) fail("order assigned to a rider off shift");
    if (++assigned_[rider.id] > rider.capacity) fail("more orders assigned than capacity");
    if (order.rider != rider.id) fail("assigned order does not name its rider");
  }
  void on_order_released(const Order&, const Rider& rider, SimTime now) override {
    tick(now);
    --assigned_[rider.id];
    if (rider.on_shift) fail("order released by a rider still on shift");
  }
  void on_order_picked_up(const Order& order, const Rider& rider, SimTime now) override {
    tick(now);
    if (!rider.on_shift) fail("pickup outside the rider's shift");
    if (now < order.ready_ms) fail("picked up before ready");
    if (++carried_[rider.id] > rider.capacity) fail("carrying more than capacity");
  }
  void on_order_delivered(const Order&, const Rider& rider, SimTime now) override {
    tick(now);
    --carried_[rider.id];
    --assigned_[rider.id];
  }
  void on_order_cancelled(const Order& order, SimTime now) override {
    tick(now);
    if (order.picked_up_ms != kNever) fail("cancelled after pickup");
    // An order still held by a rider frees its place (released orders no longer name one).
    if (order.rider != kNoId) --assigned_[order.rider];
  }
  void on_rider_state_changed(const Rider& rider, RiderState, SimTime now) override {
    tick(now);
    const bool fetching =
        rider.state == RiderState::to_merchant || rider.state == RiderState::waiting_at_merchant;
    if (!rider.on_shift && fetching) fail("heading for a pickup while off shift");
    if (rider.state == RiderState::offline && carried_[rider.id] != 0)
      fail("went offline carrying orders");
  }

  std::vector<std::string> problems;

 private:
  void tick(SimTime now) {
    if (now < last_) fail("observer saw time go backwards");
    last_ = now;
  }
  void fail(const std::string& what) {
    if (problems.size() < 20) problems.push_back(what);
  }
  SimTime last_ = 0;
  std::vector<int> carried_;
  std::vector<int> assigned_;
};

/// Post-run checks on the finished world.
void check_world(const Simulation& sim) {
  std::size_t delivered = 0, cancelled = 0, open = 0;
  for (const Order& order : sim.orders()) {
    INFO("order " << order.id);
    REQUIRE(order.placed_ms != kNever);
    CHECK(order.placed_ms < sim.end_time());
    CHECK(order.ready_ms > order.placed_ms);
    if (order.assigned_ms != kNever) CHECK(order.assigned_ms >= order.placed_ms);
    if (order.picked_up_ms != kNever) {
      CHECK(order.assigned_ms != kNever);
      CHECK(order.picked_up_ms >= order.assigned_ms);
      CHECK(order.picked_up_ms >= order.ready_ms);
      CHECK(order.picked_up_ms <= order.patience_deadline_ms);
    }
    switch (order.status) {
      case OrderStatus::delivered:
        ++delivered;
        CHECK(order.picked_up_ms != kNever);
        CHECK(order.delivered_ms >= order.picked_up_ms);
        CHECK(order.cancelled_ms == kNever);
        break;
      case OrderStatus::cancelled:
        ++cancelled;
        CHECK(order.picked_up_ms == kNever);
        CHECK(order.delivered_ms == kNever);
        CHECK(order.cancelled_ms == order.patience_deadline_ms);
        break;
      default:
        ++open;
        CHECK(order.delivered_ms == kNever);
        CHECK(order.cancelled_ms == kNever);
        break;
    }
  }
  const RunSummary summary = summarize(sim);
  CHECK(summary.orders_created == sim.orders().size());
  CHECK(summary.orders_created == delivered + cancelled + open);
  CHECK(summary.orders_created ==
        summary.orders_delivered + summary.orders_cancelled + summary.orders_open_at_end);
  std::uint64_t delivered_by_riders = 0;
  for (const Rider& rider : sim.riders()) {
    INFO("rider " << rider.id);
    CHECK(rider.busy_ms <= rider.on_shift_ms);
    CHECK(rider.busy_ms >= 0);
    CHECK(rider.carried <= rider.capacity);
    CHECK(rider.assigned_open <= rider.capacity);
    CHECK(rider.earnings >= rider.order_earnings);
    delivered_by_riders += static_cast<std::uint64_t>(rider.orders_delivered);
  }
  CHECK(delivered_by_riders == delivered);
  CHECK(summary.riders_utilization >= 0.0);
  CHECK(summary.riders_utilization <= 1.0);
}

void run_and_check(const std::string& name, const ScenarioSpec& spec, std::uint64_t seed) {
  INFO("scenario kind: " << name << ", seed " << seed);
  Simulation sim(spec, seed);
  InvariantObserver observer(sim.riders().size());
  sim.add_observer(&observer);
  sim.run();
  CHECK(sim.finished());
  CHECK(sim.now() == sim.end_time());
  for (const auto& problem : observer.problems) FAIL_CHECK(problem);
  CHECK(observer.problems.empty());
  CHECK(!sim.orders().empty());
  check_world(sim);
}

}  // namespace

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
