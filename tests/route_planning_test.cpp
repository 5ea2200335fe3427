// DispatchView::plan_route predicts the ride: a test dispatcher plans a route, hands it to a
// rider (assign_with_route / assign_bundle) and, with nothing else going on (one rider, clear
// sky, a trace world where customers never give up), the run must deliver exactly when the plan
// said. Also: which plans are infeasible, when a rider counts as serving its first stop, and
// that a new first stop turns a moving rider round.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include "fixtures.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// A dispatcher whose every callback runs a function the test supplies.
class ScriptedDispatcher final : public Dispatcher {
 public:
  std::function<void(OrderId, const DispatchView&, DispatchActions&)> on_order;
  std::function<void(const DispatchView&)> on_probe;  ///< every probe_interval_ms
  SimTime probe_interval_ms = 0;

  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    if (on_order) on_order(o, view, actions);
  }
  void rider_has_room(RiderId, const DispatchView&, DispatchActions&) override {}
  void order_withdrawn(OrderId) override {}
  std::size_t backlog() const override { return 0; }
  SimTime tick_interval_ms() const override { return probe_interval_ms; }
  void on_tick(const DispatchView& view, DispatchActions&) override {
    if (on_probe) on_probe(view);
  }
};

Stop pickup_of(const DispatchView& view, OrderId o) {
  return {o, StopKind::pickup, view.merchant(view.order(o).merchant).location};
}
Stop dropoff_of(const DispatchView& view, OrderId o) {
  return {o, StopKind::dropoff, view.order(o).customer};
}

/// A plan as made, and the route it was made for.
struct Planned {
  RoutePlan plan;
  std::vector<Stop> route;
};

/// The ride's actual drop-off times against the plan: finish, sum, count and lateness.
void check_plan_was_ridden(const Planned& planned, const Simulation& sim) {
  SimTime last = 0, sum = 0, lateness = 0;
  std::uint32_t dropoffs = 0;
  for (const Stop& stop : planned.route) {
    const Order& order = sim.orders()[stop.order];
    if (stop.kind == StopKind::pickup) continue;
    INFO("order " << order.id);
    REQUIRE(order.status == OrderStatus::delivered);
    last = std::max(last, order.delivered_ms);
    sum += order.delivered_ms;
    lateness += std::max<SimTime>(0, order.delivered_ms - order.promised_ms);
    ++dropoffs;
  }
  CHECK(planned.plan.feasible);
  CHECK(planned.plan.dropoffs == dropoffs);
  CHECK(planned.plan.finish_ms == last);
  CHECK(planned.plan.dropoff_sum_ms == sum);
  CHECK(planned.plan.lateness_ms == lateness);
}

/// Service times are whole minutes; rider speeds bike-like.
ScenarioSpec one_courier_world(Point start, SimTime off_ms = 3 * kMsPerHour) {
  ScenarioSpec spec = testing::trace_world();
  spec.trace.couriers = {{"c", "bike", start, 0, off_ms}};
  return spec;
}

}  // namespace

TEST_CASE("an idle rider rides a planned route exactly as planned") {
  ScenarioSpec spec = one_courier_world({1000, 1000});
  // The first pickup waits for the food (ready well after the rider arrives); the second is
  // ready at once (the ride decides), and is promised too soon, so it is late.
  spec.trace.orders = {
      testing::trace_order("food-late", {1500, 1300}, {2600, 2100}, 5 * kMsPerMinute,
                           10 * kMsPerMinute),
      testing::trace_order("ride-late", {2000, 2600}, {800, 3500}, 60 * kMsPerMinute)};
  spec.trace.orders[1].promised_ms = spec.trace.orders[1].placed_ms + 5 * kMsPerMinute;

  std::vector<Planned> plans;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    REQUIRE(view.rider(0).route.empty());
    CHECK(!view.serving_first_stop(0));
    Planned planned;
    planned.route = {pickup_of(view, o), dropoff_of(view, o)};
    planned.plan = view.plan_route(0, planned.route);
    REQUIRE(planned.plan.feasible);
    actions.assign_with_route(o, 0, planned.route);
    plans.push_back(planned);
  };
  Simulation sim(spec, 1, std::move(script));
  sim.run();
  REQUIRE(plans.size() == 2);
  for (const Planned& planned : plans) check_plan_was_ridden(planned, sim);
  CHECK(plans[0].plan.lateness_ms == 0);
  CHECK(plans[1].plan.lateness_ms > 0);
  // The first pickup was limited by the kitchen, as intended.
  CHECK(sim.orders()[0].picked_up_ms == sim.orders()[0].ready_ms + spec.riders.pickup_service_ms);
}

TEST_CASE("a bundle's plan predicts each drop-off") {
  ScenarioSpec spec = one_courier_world({1000, 1000});
  spec.trace.orders = {
      testing::trace_order("a", {1800, 1400}, {2600, 2300}, 5 * kMsPerMinute, 8 * kMsPerMinute),
      testing::trace_order("b", {1800, 1400}, {3100, 1900}, 6 * kMsPerMinute, 4 * kMsPerMinute)};
  spec.trace.orders[1].promised_ms = spec.trace.orders[1].placed_ms + 20 * kMsPerMinute;

  Planned planned;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    if (o == 0) return;  // held until its companion arrives
    planned.route = {pickup_of(view, 0), pickup_of(view, 1), dropoff_of(view, 0),
                     dropoff_of(view, 1)};
    planned.plan = view.plan_route(0, planned.route);
    REQUIRE(planned.plan.feasible);
    const OrderId bundle[] = {0, 1};
    actions.assign_bundle(bundle, 0);
    // assign_bundle: pickups in the given order, then drop-offs in the same order.
    REQUIRE(view.rider(0).route.size() == planned.route.size());
    for (std::size_t i = 0; i < planned.route.size(); ++i) {
      CHECK(view.rider(0).route[i].order == planned.route[i].order);
      CHECK(view.rider(0).route[i].kind == planned.route[i].kind);
    }
  };
  Simulation sim(spec, 1, std::move(script));
  sim.run();
  REQUIRE(planned.plan.dropoffs == 2);
  check_plan_was_ridden(planned, sim);
  CHECK(planned.plan.lateness_ms > 0);  // b's promise is too tight for the second drop-off
}

TEST_CASE("a plan made while the rider waits at a merchant starts from the end of that wait") {
  ScenarioSpec spec = one_courier_world({1000, 1000});
  spec.trace.orders = {
      testing::trace_order("slow", {1500, 1000}, {3000, 1000}, 1 * kMsPerMinute, 20 * kMsPerMinute),
      testing::trace_order("same-shop", {1500, 1000}, {3000, 1300}, 10 * kMsPerMinute)};
  Planned planned;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    if (o == 0) {
      actions.assign(o, 0);
      return;
    }
    const Rider& rider = view.rider(0);
    REQUIRE(rider.state == RiderState::waiting_at_merchant);
    CHECK(view.serving_first_stop(0));
    planned.route = {rider.route[0], pickup_of(view, 1), dropoff_of(view, 0), dropoff_of(view, 1)};
    planned.plan = view.plan_route(0, planned.route);
    actions.assign_with_route(o, 0, planned.route);
  };
  Simulation sim(spec, 1, std::move(script));
  sim.run();
  check_plan_was_ridden(planned, sim);
  // The wait for the slow order is part of the plan: nothing leaves before it is ready.
  CHECK(sim.orders()[0].picked_up_ms == sim.orders()[0].ready_ms + spec.riders.pickup_service_ms);
  CHECK(sim.orders()[1].picked_up_ms ==
        sim.orders()[0].picked_up_ms + spec.riders.pickup_service_ms);
}

TEST_CASE("serving_first_stop is true exactly while the rider waits at a merchant or a door") {
  ScenarioSpec spec = one_courier_world({1000, 1000});
  spec.trace.orders = {
      testing::trace_order("a", {1500, 1000}, {3000, 1000}, 1 * kMsPerMinute, 12 * kMsPerMinute),
      testing::trace_order("b", {2200, 2700}, {1200, 3300}, 50 * kMsPerMinute, 3 * kMsPerMinute)};
  struct Sample {
    SimTime at_ms;
    bool serving;
    RiderState state;
    bool moving;
  };
  std::vector<Sample> samples;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [](OrderId o, const DispatchView&, DispatchActions& actions) {
    actions.assign(o, 0);
  };
  script->probe_interval_ms = 5 * kMsPerSecond + 7;  // off the minute grid of the log
  script->on_probe = [&](const DispatchView& view) {
    const Rider& rider = view.rider(0);
    samples.push_back({view.now(), view.serving_first_stop(0), rider.state, rider.leg.moving});
  };
  // Where the rider was serving a stop, from what happened: [arrival, service end).
  struct Timeline final : SimulationObserver {
    SimTime dropoff_service_ms = 0;
    SimTime waiting_since = kNever;
    std::vector<std::pair<SimTime, SimTime>> serving;
    void on_rider_state_changed(const Rider& rider, RiderState, SimTime now) override {
      if (rider.state == RiderState::waiting_at_merchant) waiting_since = now;
    }
    void on_order_picked_up(const Order&, const Rider&, SimTime now) override {
      serving.push_back({waiting_since, now});
    }
    void on_order_delivered(const Order&, const Rider&, SimTime now) override {
      serving.push_back({now - dropoff_service_ms, now});
    }
  } timeline;
  timeline.dropoff_service_ms = spec.riders.dropoff_service_ms;
  Simulation sim(spec, 1, std::move(script));
  sim.add_observer(&timeline);
  sim.run();
  REQUIRE(timeline.serving.size() == 4);

  int at_merchant = 0, at_door = 0, riding = 0, idle = 0;
  for (const Sample& sample : samples) {
    bool expected = false, on_boundary = false;
    for (const auto& [from, to] : timeline.serving) {
      expected = expected || (sample.at_ms >= from && sample.at_ms < to);
      on_boundary = on_boundary || sample.at_ms == from || sample.at_ms == to;
    }
    if (on_boundary) continue;  // same-time events: either answer is honest
    INFO("at " << sample.at_ms << " ms, state " << to_string(sample.state));
    CHECK(sample.serving == expected);
    if (sample.serving && sample.state == RiderState::waiting_at_merchant) ++at_merchant;
    if (sample.serving && sample.state == RiderState::to_customer) ++at_door;
    if (!sample.serving && sample.moving) ++riding;
    if (!sample.serving && sample.state == RiderState::idle) ++idle;
  }
  // Every situation was sampled many times.
  CHECK(at_merchant > 20);
  CHECK(at_door > 20);
  CHECK(riding > 20);
  CHECK(idle > 20);
}

TEST_CASE("a plan whose pickup would end at or after the shift end is infeasible") {
  // First learn when the pickup completes with a long shift, then end the shift right then.
  const auto run_with_shift_end = [](SimTime off_ms, RoutePlan& plan) {
    ScenarioSpec spec = one_courier_world({1000, 1000}, off_ms);
    spec.trace.orders = {
        testing::trace_order("o", {1600, 1400}, {2600, 2400}, 5 * kMsPerMinute, 15 * kMsPerMinute)};
    auto script = std::make_unique<ScriptedDispatcher>();
    script->on_order = [&plan](OrderId o, const DispatchView& view, DispatchActions& actions) {
      const Stop route[] = {pickup_of(view, o), dropoff_of(view, o)};
      plan = view.plan_route(0, route);
      if (plan.feasible) actions.assign_with_route(o, 0, route);
    };
    auto sim = std::make_unique<Simulation>(spec, 1, std::move(script));
    sim->run();
    return sim;
  };
  RoutePlan plan;
  const SimTime picked_up = run_with_shift_end(3 * kMsPerHour, plan)->orders()[0].picked_up_ms;
  REQUIRE(picked_up != kNever);
  REQUIRE(plan.feasible);

  SUBCASE("ending exactly at the pickup") {
    const auto sim = run_with_shift_end(picked_up, plan);
    CHECK(!plan.feasible);
    CHECK(sim->orders()[0].status == OrderStatus::pending);
  }
  SUBCASE("ending a millisecond later: the pickup happens, the drop-off after the shift") {
    const auto sim = run_with_shift_end(picked_up + 1, plan);
    CHECK(plan.feasible);
    const Order& order = sim->orders()[0];
    CHECK(order.status == OrderStatus::delivered);
    CHECK(order.picked_up_ms == picked_up);
    CHECK(order.delivered_ms == plan.finish_ms);
    CHECK(order.delivered_ms > picked_up + 1);
    CHECK(sim->riders()[0].state == RiderState::offline);
  }
}

TEST_CASE("a plan whose served first pickup ends at or after the shift end is infeasible") {
  // The rider is assigned (plain assign: the engine does not check feasibility for it) an
  // order whose food is ready only after the shift ends, and waits at the merchant. A plan
  // keeping that pickup first still has the pickup at or after the shift end.
  ScenarioSpec spec = one_courier_world({1000, 1000}, 30 * kMsPerMinute);
  spec.trace.orders = {
      testing::trace_order("too-late", {1500, 1000}, {2500, 1000}, 1 * kMsPerMinute,
                           40 * kMsPerMinute),
      testing::trace_order("probe", {1500, 1000}, {2500, 1300}, 10 * kMsPerMinute)};
  RoutePlan plan;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    if (o == 0) {
      // (It comes back when the shift end releases it: then there is nobody to give it to.)
      if (view.rider(0).on_shift) actions.assign(o, 0);
      return;
    }
    const Rider& rider = view.rider(0);
    REQUIRE(view.serving_first_stop(0));
    REQUIRE(rider.route[0].kind == StopKind::pickup);
    const Stop route[] = {rider.route[0], dropoff_of(view, 0)};
    plan = view.plan_route(0, route);
  };
  Simulation sim(spec, 1, std::move(script));
  sim.run();
  CHECK(sim.orders()[0].picked_up_ms == kNever);  // the shift end released it
  CHECK(!plan.feasible);
}

TEST_CASE("a new first stop turns a moving rider round towards it") {
  // The rider rides east to A; a new order comes in at B, behind it. Putting B's pickup first
  // must send the rider to B from where it is, and the plan must predict the whole ride.
  ScenarioSpec spec = one_courier_world({500, 2100});
  spec.trace.orders = {testing::trace_order("A", {3600, 2150}, {3500, 3100}, 1 * kMsPerMinute),
                       testing::trace_order("B", {1100, 2300}, {1500, 2600}, 4 * kMsPerMinute)};
  Planned planned;
  const Point b_merchant = {1100, 2300};
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    if (o == 0) {
      actions.assign(o, 0);
      return;
    }
    const Rider& rider = view.rider(0);
    REQUIRE(rider.state == RiderState::to_merchant);
    REQUIRE(rider.leg.moving);
    CHECK(!view.serving_first_stop(0));
    const Point here = position_at(rider, view.now());
    CHECK(here.x_m > 500);  // on its way, past its start
    planned.route = {pickup_of(view, 1), dropoff_of(view, 1), rider.route[0], rider.route[1]};
    planned.plan = view.plan_route(0, planned.route);
    actions.assign_with_route(o, 0, planned.route);
    // At once: a new leg from here to B.
    const Rider& after = view.rider(0);
    CHECK(after.route[0].order == 1);
    CHECK(after.state == RiderState::to_merchant);
    CHECK(after.leg.moving);
    CHECK(after.leg.depart_ms == view.now());
    CHECK(after.leg.path.waypoints[0] == here);
    CHECK(after.leg.path.waypoints[after.leg.path.waypoint_count - 1] == b_merchant);
  };
  struct FirstArrival final : SimulationObserver {
    Point at{-1, -1};
    void on_rider_state_changed(const Rider& rider, RiderState, SimTime) override {
      if (rider.state == RiderState::waiting_at_merchant && at.x_m < 0) at = rider.position;
    }
  } first_arrival;
  Simulation sim(spec, 1, std::move(script));
  sim.add_observer(&first_arrival);
  sim.run();
  CHECK(first_arrival.at == b_merchant);
  CHECK(sim.orders()[1].delivered_ms < sim.orders()[0].picked_up_ms);
  check_plan_was_ridden(planned, sim);
}

TEST_CASE("a moving rider that keeps its first stop arrives when the plan said") {
  // A ride to A that is mostly on an arterial, where riders go faster than on the streets at
  // either end; the new order is appended, so the rider rides on. The ride continues the leg
  // already begun (arriving at leg.arrive_ms), so the plan must predict that arrival too.
  ScenarioSpec spec = one_courier_world({700, 2250});
  spec.trace.orders = {testing::trace_order("A", {3600, 2250}, {3500, 3100}, 1 * kMsPerMinute),
                       testing::trace_order("C", {3300, 3300}, {3000, 3600}, 4 * kMsPerMinute)};
  Planned planned;
  SimTime leg_arrival = kNever;
  auto script = std::make_unique<ScriptedDispatcher>();
  script->on_order = [&](OrderId o, const DispatchView& view, DispatchActions& actions) {
    if (o == 0) {
      actions.assign(o, 0);
      return;
    }
    const Rider& rider = view.rider(0);
    REQUIRE(rider.leg.moving);
    leg_arrival = rider.leg.arrive_ms;
    planned.route = {rider.route[0], rider.route[1], pickup_of(view, 1), dropoff_of(view, 1)};
    planned.plan = view.plan_route(0, planned.route);
    actions.assign_with_route(o, 0, planned.route);
    CHECK(view.rider(0).leg.arrive_ms == leg_arrival);  // no turn: the same leg
  };
  Simulation sim(spec, 1, std::move(script));
  sim.run();
  // A's pickup ends a pickup service after the leg's arrival (A was ready long before).
  CHECK(sim.orders()[0].picked_up_ms == leg_arrival + spec.riders.pickup_service_ms);
  check_plan_was_ridden(planned, sim);
}
