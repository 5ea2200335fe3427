#pragma once
// Engine invariants every run must keep, whatever the scenario, strategy or acceptance model:
// conservation, causality, capacity, shifts, and the observer's view of time. Shared by the
// invariant sweep (simulation_test.cpp) and the tests of each dispatcher and world kind.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

namespace knightsim::testing {

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
  void on_order_released(const Order& order, const Rider& rider, SimTime now) override {
    tick(now);
    --assigned_[rider.id];
    if (order.picked_up_ms != kNever) fail("order released after pickup");
    // Riders release orders when their shift ends; on shift only as a no-fault hand-back,
    // which the run's counter must match (run_and_check compares).
    if (rider.on_shift) ++released_on_shift;
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
    // Only an injured rider's carried orders are cancelled after pickup.
    if (order.picked_up_ms != kNever && !order.lost_in_incident) fail("cancelled after pickup");
    if (order.lost_in_incident) {
      if (order.picked_up_ms == kNever) fail("lost in an incident before pickup");
      --carried_[order.rider];
    }
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
  std::uint64_t released_on_shift = 0;

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
inline void check_world(const Simulation& sim) {
  std::size_t delivered = 0, cancelled = 0, open = 0;
  for (const Order& order : sim.orders()) {
    INFO("order " << order.id);
    REQUIRE(order.placed_ms != kNever);
    CHECK(order.placed_ms < sim.end_time());
    // Generated orders take time to prepare; a logged order may be ready when placed.
    if (sim.spec().trace.enabled()) {
      CHECK(order.ready_ms >= order.placed_ms);
    } else {
      CHECK(order.ready_ms > order.placed_ms);
    }
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
        CHECK(order.delivered_ms == kNever);
        if (order.lost_in_incident) {
          // Carried by a rider who was injured on the way.
          CHECK(order.picked_up_ms != kNever);
          CHECK(order.cancelled_ms >= order.picked_up_ms);
        } else {
          CHECK(order.picked_up_ms == kNever);
          CHECK(order.cancelled_ms == order.patience_deadline_ms);
        }
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
  CHECK(summary.dispatch_offers == sim.dispatch_offers());
  CHECK(summary.dispatch_offers_refused == sim.dispatch_offers_refused());
  CHECK(summary.dispatch_rider_give_backs == sim.dispatch_rider_give_backs());
  CHECK(sim.dispatch_offers_refused() <= sim.dispatch_offers());
}

/// Runs `spec` to the end under the invariant observer and checks the finished world. With a
/// dispatcher, runs that instead of the spec's strategy.
inline void run_and_check(const std::string& name, const ScenarioSpec& spec, std::uint64_t seed,
                          std::unique_ptr<Dispatcher> dispatcher = nullptr) {
  INFO("scenario kind: " << name << ", seed " << seed);
  Simulation sim =
      dispatcher ? Simulation(spec, seed, std::move(dispatcher)) : Simulation(spec, seed);
  InvariantObserver observer(sim.riders().size());
  sim.add_observer(&observer);
  sim.run();
  CHECK(sim.finished());
  CHECK(sim.now() == sim.end_time());
  for (const auto& problem : observer.problems) FAIL_CHECK(problem);
  CHECK(observer.problems.empty());
  CHECK(observer.released_on_shift == sim.dispatch_rider_give_backs());
  CHECK(!sim.orders().empty());
  check_world(sim);
}

}  // namespace knightsim::testing
