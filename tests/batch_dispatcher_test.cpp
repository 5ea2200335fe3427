// The batch dispatcher: orders wait for the next round (every batch_interval_ms); each round
// bundles pending orders of one merchant with close customers and matches bundles to riders
// by a min-cost assignment. Hand-made trace worlds show what is bundled and who gets what;
// generated cities show the rounds' timing, that nothing is starved, and the service level.
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// Records each order's rider route at the moment the order is assigned.
struct RouteAtAssignment final : SimulationObserver {
  std::vector<std::vector<Stop>> route;
  void on_order_assigned(const Order& order, const Rider& rider, SimTime) override {
    if (route.size() <= order.id) route.resize(order.id + 1);
    route[order.id] = rider.route;
  }
};

/// A trace world with batch dispatch: rounds every 30 s, the first at 30 s.
ScenarioSpec batch_world() {
  ScenarioSpec spec = testing::trace_world();
  spec.dispatch.strategy = DispatchStrategy::batch;
  spec.dispatch.batch_interval_ms = 30 * kMsPerSecond;
  return spec;
}

constexpr SimTime kSecond = kMsPerSecond;

}  // namespace

TEST_CASE("every assignment happens at a round, one interval after another") {
  for (const SimTime interval : {37 * kSecond, 90 * kSecond}) {
    INFO("interval " << interval << " ms");
    ScenarioSpec spec = testing::small_city(24, 60);  // riders to spare
    spec.dispatch.strategy = DispatchStrategy::batch;
    spec.dispatch.batch_interval_ms = interval;  // 37 s: off every minute-based timer
    struct Rounds final : SimulationObserver {
      SimTime interval = 0;
      int off_round = 0;
      void on_order_assigned(const Order&, const Rider&, SimTime now) override {
        if (now % interval != 0 || now == 0) ++off_round;
      }
    } rounds;
    rounds.interval = interval;
    Simulation sim(spec, 1);
    sim.add_observer(&rounds);
    sim.run();
    CHECK(rounds.off_round == 0);
    // Rounds really come every interval, not every few: with riders to spare, nearly every
    // order is assigned in the first round after it was placed.
    int assigned = 0, first_round = 0;
    for (const Order& order : sim.orders()) {
      if (order.assigned_ms == kNever) continue;
      ++assigned;
      CHECK(order.assigned_ms % interval == 0);
      CHECK(order.assigned_ms >= order.placed_ms);
      if (order.assigned_ms - order.placed_ms < interval) ++first_round;
    }
    REQUIRE(assigned > 80);
    CHECK(first_round > assigned * 9 / 10);
  }
}

TEST_CASE("two orders of one merchant with close customers ride together") {
  // One rider for two orders: the fleet is short, so the round bundles (bundles are only as
  // large as orders per idle rider).
  ScenarioSpec spec = batch_world();
  spec.trace.couriers = {{"near", "bike", {1400, 1500}, 0, 3 * kMsPerHour}};
  // Both placed between the first round (30 s) and the second (60 s).
  spec.trace.orders = {testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond),
                       testing::trace_order("b", {1500, 1500}, {2700, 2400}, 50 * kSecond)};
  RouteAtAssignment routes;
  Simulation sim(spec, 1);
  sim.add_observer(&routes);
  sim.run();
  const Order& a = sim.orders()[0];
  const Order& b = sim.orders()[1];
  CHECK(sim.dispatch_offers() == 1);  // one bundle, one offer
  CHECK(a.rider == b.rider);
  CHECK(a.assigned_ms == 60 * kSecond);
  CHECK(b.assigned_ms == 60 * kSecond);
  REQUIRE(routes.route.size() == 2);
  const std::vector<Stop>& route = routes.route[1];
  REQUIRE(route.size() == 4);
  CHECK(route[0].kind == StopKind::pickup);
  CHECK(route[1].kind == StopKind::pickup);
  CHECK(route[2].kind == StopKind::dropoff);
  CHECK(route[3].kind == StopKind::dropoff);
  REQUIRE(a.status == OrderStatus::delivered);
  REQUIRE(b.status == OrderStatus::delivered);
  CHECK(std::max(a.picked_up_ms, b.picked_up_ms) < std::min(a.delivered_ms, b.delivered_ms));
}

TEST_CASE("orders are not bundled across merchants, far customers, or beyond the bundle size") {
  // One rider, so the round would bundle whatever it may: each order rides alone, one round
  // after the other, unless it may share.
  ScenarioSpec spec = batch_world();
  spec.trace.couriers = {{"one", "bike", {1400, 1500}, 0, 3 * kMsPerHour}};
  SUBCASE("customers far apart") {
    spec.trace.orders = {testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond),
                         testing::trace_order("b", {1500, 1500}, {300, 200}, 50 * kSecond)};
    Simulation sim(spec, 1);
    sim.run();
    CHECK(sim.dispatch_offers() == 2);
    CHECK(sim.orders()[0].assigned_ms != sim.orders()[1].assigned_ms);
  }
  SUBCASE("two merchants") {
    spec.trace.orders = {testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond),
                         testing::trace_order("b", {1700, 1500}, {2600, 2500}, 50 * kSecond)};
    Simulation sim(spec, 1);
    sim.run();
    CHECK(sim.dispatch_offers() == 2);
    CHECK(sim.orders()[0].assigned_ms != sim.orders()[1].assigned_ms);
  }
  SUBCASE("three close orders, bundles of at most two") {
    spec.dispatch.max_bundle_size = 2;
    spec.trace.orders = {testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond),
                         testing::trace_order("b", {1500, 1500}, {2600, 2500}, 45 * kSecond),
                         testing::trace_order("c", {1500, 1500}, {2500, 2600}, 50 * kSecond)};
    Simulation sim(spec, 1);
    sim.run();
    CHECK(sim.dispatch_offers() == 2);  // a bundle of two, then the third alone
    const auto& orders = sim.orders();
    CHECK(orders[0].assigned_ms == 60 * kSecond);
    CHECK(orders[1].assigned_ms == 60 * kSecond);
    CHECK(orders[2].assigned_ms > 60 * kSecond);
    for (const Order& order : orders) CHECK(order.status == OrderStatus::delivered);
  }
}

TEST_CASE("one rider, two bundles: the cheaper match is taken first") {
  ScenarioSpec spec = batch_world();
  spec.trace.couriers = {{"only", "bike", {1000, 1000}, 0, 3 * kMsPerHour}};
  // The far order is older (lower id), so neither age nor id decides.
  spec.trace.orders = {testing::trace_order("far", {3000, 3000}, {3200, 3300}, 35 * kSecond),
                       testing::trace_order("near", {1100, 1000}, {1300, 1200}, 40 * kSecond)};
  Simulation sim(spec, 1);
  sim.run();
  const Order& far = sim.orders()[0];
  const Order& near = sim.orders()[1];
  CHECK(near.assigned_ms == 60 * kSecond);
  // The rider still has room: the far order follows in the next round.
  CHECK(far.assigned_ms == 90 * kSecond);
  CHECK(far.rider == near.rider);
  CHECK(near.delivered_ms < far.picked_up_ms);
}

TEST_CASE("the round's matching minimises the total, where nearest-first would not") {
  // On one street: rider 0 at x=2000, rider 1 at x=1000; merchant P at x=1800, Q at x=2400.
  // Rider 0 is nearest to both, nearer to P. Greedy (P to rider 0, then Q to rider 1) rides
  // 200 + 1400 m to the merchants; the optimum (Q to rider 0, P to rider 1) 400 + 800 m.
  ScenarioSpec spec = batch_world();
  spec.trace.couriers = {{"east", "bike", {2000, 2000}, 0, 3 * kMsPerHour},
                         {"west", "bike", {1000, 2000}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("P", {1800, 2000}, {1800, 2300}, 40 * kSecond),
                       testing::trace_order("Q", {2400, 2000}, {2400, 2300}, 45 * kSecond)};
  Simulation sim(spec, 1);
  sim.run();
  CHECK(sim.orders()[0].assigned_ms == 60 * kSecond);
  CHECK(sim.orders()[1].assigned_ms == 60 * kSecond);
  CHECK(sim.orders()[0].rider == 1);
  CHECK(sim.orders()[1].rider == 0);
}

TEST_CASE("a bundle no rider can carry is split, not left waiting") {
  // Three close orders of one merchant, bundles of up to three, riders who carry two: a
  // bundle of three has no rider to take it, so its orders compete alone.
  ScenarioSpec spec = batch_world();
  spec.trace.vehicles = {{"bike", 15.0, 2}};
  spec.trace.couriers = {{"one", "bike", {1400, 1500}, 0, 3 * kMsPerHour},
                         {"two", "bike", {1600, 1600}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond),
                       testing::trace_order("b", {1500, 1500}, {2600, 2500}, 45 * kSecond),
                       testing::trace_order("c", {1500, 1500}, {2500, 2600}, 50 * kSecond)};
  REQUIRE(spec.dispatch.max_bundle_size == 3);
  Simulation sim(spec, 1);
  sim.run();
  for (const Order& order : sim.orders()) {
    INFO("order " << order.id);
    CHECK(order.status == OrderStatus::delivered);
  }
}

TEST_CASE("an order that has waited for hours is still given to an idle rider") {
  // The only courier starts five hours after the order was placed; the customer waits (a
  // replayed log has no patience limit). The rider is idle with nothing else to do.
  ScenarioSpec spec = batch_world();
  spec.duration_ms = 7 * kMsPerHour;
  spec.trace.couriers = {{"late", "bike", {1000, 1000}, 5 * kMsPerHour, 7 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("old", {1500, 1500}, {2000, 2000}, kMsPerMinute)};
  for (const DispatchStrategy strategy :
       {DispatchStrategy::earliest_pickup, DispatchStrategy::batch}) {
    spec.dispatch.strategy = strategy;
    Simulation sim(spec, 1);
    sim.run();
    INFO(std::string(to_string(strategy)));
    CHECK(sim.orders()[0].status == OrderStatus::delivered);
  }
}

TEST_CASE("after a rush, every order is delivered once it quietens") {
  // An hour and a half of more orders than the riders can carry, then quiet; customers never
  // give up. Nothing may be left behind in the batch pool (neither bundles too big for the
  // riders nor orders that have waited long).
  ScenarioSpec spec = testing::small_city(4, 90);
  spec.duration_ms = 6 * kMsPerHour;
  spec.demand.hourly_profile.fill(0.0);
  spec.demand.hourly_profile[11] = 1.0;  // 11:00–12:30, peaking at 11:30
  for (auto& category : spec.demand.categories) category.patience_ms = 10 * kMsPerHour;
  spec.riders.fleets[0].shift_end_ms = 20 * kMsPerHour;
  spec.dispatch.strategy = DispatchStrategy::batch;
  Simulation sim(spec, 1);
  testing::InvariantObserver invariants(sim.riders().size());
  sim.add_observer(&invariants);
  sim.run();
  for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
  std::uint32_t most_open = 0;
  for (const LoadSample& sample : sim.load_samples())
    most_open = std::max(most_open, sample.orders_open);
  const RunSummary summary = summarize(sim);
  CHECK(summary.orders_created > 40);
  CHECK(most_open > 15);  // it was a rush: more open orders than 4 riders × 2 places
  CHECK(summary.orders_delivered == summary.orders_created);
}

TEST_CASE("batch matching is at least as fast to the door as nearest idle") {
  // The small city at moderate load (riders about three quarters busy), a few seeds: mean
  // click-to-door of delivered orders (nobody cancels at this load). Orders wait up to a
  // round (30 s) for batch; its matching and bundling must more than make up for that.
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    ScenarioSpec spec = testing::small_city(12, 30);
    spec.dispatch.strategy = DispatchStrategy::batch;
    Simulation batch(spec, seed);
    batch.run();
    spec.dispatch.strategy = DispatchStrategy::nearest_idle;
    Simulation nearest(spec, seed);
    nearest.run();
    const RunSummary b = summarize(batch), n = summarize(nearest);
    INFO("seed " << seed << ": batch " << b.click_to_door_min.mean << " min, nearest idle "
                 << n.click_to_door_min.mean << " min");
    REQUIRE(b.orders_cancelled == 0);
    REQUIRE(n.orders_cancelled == 0);
    CHECK(b.click_to_door_min.mean <= n.click_to_door_min.mean);
  }
}

TEST_CASE("orders whose food is ready far apart do not ride together") {
  // One rider (the fleet is short, so the round would bundle two): a is ready now, b in an
  // hour, same merchant, neighbouring doors. Bundled, a would ride in the bag for an hour.
  ScenarioSpec spec = batch_world();
  spec.trace.couriers = {{"c", "bike", {1400, 1500}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {
      testing::trace_order("a", {1500, 1500}, {2500, 2500}, 40 * kSecond, 0),
      testing::trace_order("b", {1500, 1500}, {2600, 2500}, 50 * kSecond, 60 * kMsPerMinute)};
  Simulation sim(spec, 1);
  sim.run();
  const Order& a = sim.orders()[0];
  const Order& b = sim.orders()[1];
  REQUIRE(a.status == OrderStatus::delivered);
  REQUIRE(b.status == OrderStatus::delivered);
  CHECK(a.delivered_ms < b.ready_ms);
  CHECK(a.delivered_ms - a.placed_ms < 30 * kMsPerMinute);
}
