// Trace-driven worlds (ScenarioSpec::trace): merchants at the logged pickup points, one fleet
// per vehicle, each courier one shift from its logged position, orders placed at their logged
// times with the logged ready and promised times and customers who never give up. A hand-made
// trace checks each of these; a random one runs every strategy under the engine invariants.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

constexpr Point kShopA{1200, 1100};
constexpr Point kShopB{2900, 2800};

/// Two couriers on different vehicles, five orders from two pickup points, one of them ready
/// 45 minutes after it was placed.
ScenarioSpec hand_made_trace() {
  ScenarioSpec spec = testing::trace_world();
  spec.trace.vehicles = {{"bike", 15.0, 2}, {"motorbike", 30.0, 4}};
  spec.trace.couriers = {
      {"ana", "bike", {1000, 1000}, 0, 2 * kMsPerHour},
      {"ben", "motorbike", {3000, 3000}, 10 * kMsPerMinute, 2 * kMsPerHour + 50 * kMsPerMinute}};
  spec.trace.orders = {
      testing::trace_order("o0", kShopA, {1800, 1500}, 5 * kMsPerMinute, 8 * kMsPerMinute),
      testing::trace_order("o1", kShopA, {700, 2000}, 6 * kMsPerMinute, 10 * kMsPerMinute),
      testing::trace_order("o2", kShopB, {3500, 3600}, 12 * kMsPerMinute, 5 * kMsPerMinute),
      testing::trace_order("o3", kShopB, {2200, 3300}, 20 * kMsPerMinute, 45 * kMsPerMinute),
      testing::trace_order("o4", kShopA, {1500, 500}, 30 * kMsPerMinute, 6 * kMsPerMinute)};
  spec.trace.orders[3].promised_ms = spec.trace.orders[3].placed_ms + 80 * kMsPerMinute;
  return spec;
}

/// What riders did that a trace world forbids or fixes: where they were at shift start and
/// where their first leg started, pickups outside their logged shift, riding to a station.
struct TraceWatch final : SimulationObserver {
  explicit TraceWatch(const TraceSpec& trace_in) : trace(trace_in) {
    shift_start_at.assign(trace.couriers.size(), {-1, -1});
    first_leg_from.assign(trace.couriers.size(), {-1, -1});
    shift_started_ms.assign(trace.couriers.size(), kNever);
  }
  void on_rider_state_changed(const Rider& rider, RiderState previous, SimTime now) override {
    if (previous == RiderState::offline && rider.state == RiderState::idle) {
      shift_start_at[rider.id] = rider.position;
      shift_started_ms[rider.id] = now;
    }
    if (rider.leg.moving && first_leg_from[rider.id].x_m < 0)
      first_leg_from[rider.id] = rider.leg.path.waypoints[0];
    if (rider.state == RiderState::returning) ++returning;
  }
  void on_order_assigned(const Order&, const Rider& rider, SimTime now) override {
    if (now < trace.couriers[rider.id].on_ms) ++before_shift;
  }
  void on_order_picked_up(const Order& order, const Rider& rider, SimTime now) override {
    if (now >= trace.couriers[rider.id].off_ms) ++pickups_at_or_after_off;
    if (now < order.ready_ms) ++pickups_before_ready;
  }
  const TraceSpec& trace;
  std::vector<Point> shift_start_at, first_leg_from;
  std::vector<SimTime> shift_started_ms;
  int returning = 0, before_shift = 0, pickups_at_or_after_off = 0, pickups_before_ready = 0;
};

/// Orders placed exactly as logged: times, pickup point, customer, no patience limit.
void check_orders_as_logged(const Simulation& sim) {
  const TraceSpec& trace = sim.spec().trace;
  REQUIRE(sim.orders().size() == trace.orders.size());
  for (std::size_t i = 0; i < trace.orders.size(); ++i) {
    const TraceOrder& logged = trace.orders[i];
    const Order& order = sim.orders()[i];
    INFO("order " << logged.id);
    CHECK(order.placed_ms == logged.placed_ms);
    CHECK(order.ready_ms == logged.ready_ms);
    CHECK(order.promised_ms == logged.promised_ms);
    CHECK(order.patience_deadline_ms == kNoDeadline);
    CHECK(order.customer == logged.dropoff);
    CHECK(sim.merchants()[order.merchant].location == logged.pickup);
  }
}

constexpr DispatchStrategy kStrategies[] = {DispatchStrategy::earliest_pickup,
                                            DispatchStrategy::nearest_idle,
                                            DispatchStrategy::insertion, DispatchStrategy::batch};

}  // namespace

TEST_CASE("a trace world has one merchant per distinct pickup point, in order of appearance") {
  Simulation sim(hand_made_trace(), 1);
  REQUIRE(sim.merchants().size() == 2);
  CHECK(sim.merchants()[0].location == kShopA);
  CHECK(sim.merchants()[1].location == kShopB);
  REQUIRE(sim.spec().merchants.size() == 1);  // one group, open around the clock
  CHECK(sim.spec().merchants[0].count == 2);
  sim.run();
  const std::vector<MerchantId> expected = {0, 0, 1, 1, 0};
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(sim.orders()[i].merchant == expected[i]);
}

TEST_CASE("a trace world has one fleet per vehicle, each courier in its vehicle's fleet") {
  Simulation sim(hand_made_trace(), 1);
  const std::vector<FleetSpec>& fleets = sim.spec().riders.fleets;
  REQUIRE(fleets.size() == 2);
  CHECK(fleets[0].name == "bike");
  CHECK(fleets[0].count == 1);
  CHECK(fleets[0].speed_kmh == 15.0);
  CHECK(fleets[0].capacity == 2);
  CHECK(fleets[1].name == "motorbike");
  CHECK(fleets[1].count == 1);
  CHECK(fleets[1].speed_kmh == 30.0);
  CHECK(fleets[1].capacity == 4);
  REQUIRE(sim.riders().size() == 2);
  CHECK(sim.riders()[0].fleet == 0);
  CHECK(sim.riders()[0].speed_kmh == 15.0);
  CHECK(sim.riders()[0].capacity == 2);
  CHECK(sim.riders()[1].fleet == 1);
  CHECK(sim.riders()[1].speed_kmh == 30.0);
  CHECK(sim.riders()[1].capacity == 4);
}

TEST_CASE("a hand-made trace is replayed as logged, by every strategy") {
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    ScenarioSpec spec = hand_made_trace();
    spec.dispatch.strategy = strategy;
    Simulation sim(spec, 1);
    TraceWatch watch(spec.trace);
    testing::InvariantObserver invariants(sim.riders().size());
    sim.add_observer(&watch);
    sim.add_observer(&invariants);
    sim.run();
    for (const auto& what : invariants.problems) FAIL_CHECK(what);
    testing::check_world(sim);
    check_orders_as_logged(sim);
    for (std::size_t c = 0; c < spec.trace.couriers.size(); ++c) {
      const TraceCourier& courier = spec.trace.couriers[c];
      INFO("courier " << courier.id);
      CHECK(watch.shift_started_ms[c] == courier.on_ms);
      CHECK(watch.shift_start_at[c] == courier.start);
      CHECK(watch.first_leg_from[c] == courier.start);  // the first ride starts there
      CHECK(sim.riders()[c].first_shift_start_ms == courier.on_ms);
    }
    CHECK(watch.before_shift == 0);
    CHECK(watch.pickups_at_or_after_off == 0);
    CHECK(watch.pickups_before_ready == 0);
    CHECK(watch.returning == 0);  // no station to ride back to
    for (const Order& order : sim.orders()) {
      INFO("order " << order.id);
      CHECK(order.status == OrderStatus::delivered);
      CHECK(order.picked_up_ms >= order.ready_ms + spec.riders.pickup_service_ms);
    }
    // The bike's shift ended within the run: it is off, having ended exactly as logged.
    CHECK(sim.riders()[0].state == RiderState::offline);
    CHECK(sim.riders()[0].last_shift_end_ms == spec.trace.couriers[0].off_ms);
  }
}

TEST_CASE("an order no courier can pick up before going off stays undelivered, not cancelled") {
  // The only courier goes off at 30 min; one order is ready at 40 min. Another, ready at once,
  // shows the courier works.
  ScenarioSpec spec = testing::trace_world();
  spec.trace.couriers = {{"short", "bike", {1000, 1000}, 0, 30 * kMsPerMinute}};
  spec.trace.orders = {
      testing::trace_order("fine", kShopA, {1500, 1500}, 2 * kMsPerMinute, 2 * kMsPerMinute),
      testing::trace_order("too-late", kShopA, {1500, 1800}, 20 * kMsPerMinute, 20 * kMsPerMinute)};
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    spec.dispatch.strategy = strategy;
    Simulation sim(spec, 1);
    sim.run();
    CHECK(sim.orders()[0].status == OrderStatus::delivered);
    const Order& late = sim.orders()[1];
    CHECK(late.status == OrderStatus::pending);
    CHECK(late.picked_up_ms == kNever);
    CHECK(late.cancelled_ms == kNever);
    const RunSummary summary = summarize(sim);
    CHECK(summary.orders_open_at_end == 1);
    CHECK(summary.orders_cancelled == 0);
    CHECK(sim.riders()[0].state == RiderState::offline);
  }
}

TEST_CASE("every strategy keeps the invariants on a random trace") {
  // 200 orders over 2.5 hours from 40 pickup points (so points are shared), 20 couriers on
  // three vehicles with shifts of 30 min to 3 h starting anywhere in the first two hours.
  Rng rng(20260617);
  ScenarioSpec spec = testing::trace_world();
  spec.trace.vehicles = {{"bike", 15.0, 2}, {"motorbike", 28.0, 3}, {"walker", 5.0, 1}};
  std::vector<Point> shops;
  auto anywhere = [&rng] { return Point{rng.uniform(0, 4000), rng.uniform(0, 4000)}; };
  for (int i = 0; i < 40; ++i) shops.push_back(anywhere());
  for (int i = 0; i < 200; ++i) {
    const auto placed = static_cast<SimTime>(rng.uniform(0, 150 * kMsPerMinute));
    const auto ready_after = static_cast<SimTime>(rng.uniform(0, 20 * kMsPerMinute));
    TraceOrder order = testing::trace_order("o" + std::to_string(i), shops[rng.below(40)],
                                            anywhere(), placed, ready_after);
    order.promised_ms = placed + static_cast<SimTime>(rng.uniform(20, 60) * kMsPerMinute);
    spec.trace.orders.push_back(order);
  }
  std::sort(spec.trace.orders.begin(), spec.trace.orders.end(),
            [](const TraceOrder& a, const TraceOrder& b) {
              return a.placed_ms != b.placed_ms ? a.placed_ms < b.placed_ms : a.id < b.id;
            });
  for (int i = 0; i < 20; ++i) {
    const auto on = static_cast<SimTime>(rng.uniform(0, 120 * kMsPerMinute));
    const auto length = static_cast<SimTime>(rng.uniform(30, 180) * kMsPerMinute);
    spec.trace.couriers.push_back({"c" + std::to_string(i), spec.trace.vehicles[rng.below(3)].name,
                                   anywhere(), on, on + length});
  }
  std::set<std::pair<double, double>> distinct;
  for (const TraceOrder& order : spec.trace.orders)
    distinct.insert({order.pickup.x_m, order.pickup.y_m});

  for (const bool acceptance : {false, true}) {
    for (const DispatchStrategy strategy : kStrategies) {
      const std::string run_name =
          std::string(to_string(strategy)) + (acceptance ? " with the acceptance model" : "");
      INFO(run_name);
      spec.dispatch.strategy = strategy;
      spec.dispatch.refusal_share = acceptance ? 0.3 : 0.0;
      spec.dispatch.rider_cancel_share = acceptance ? 0.1 : 0.0;
      Simulation sim(spec, 1);
      TraceWatch watch(spec.trace);
      testing::InvariantObserver invariants(sim.riders().size());
      sim.add_observer(&watch);
      sim.add_observer(&invariants);
      sim.run();
      for (const auto& what : invariants.problems) FAIL_CHECK(what);
      CHECK(invariants.released_on_shift == sim.dispatch_rider_give_backs());
      testing::check_world(sim);
      check_orders_as_logged(sim);
      CHECK(sim.merchants().size() == distinct.size());
      CHECK(watch.before_shift == 0);
      CHECK(watch.pickups_at_or_after_off == 0);
      CHECK(watch.pickups_before_ready == 0);
      CHECK(watch.returning == 0);
      for (std::size_t c = 0; c < spec.trace.couriers.size(); ++c) {
        if (watch.shift_started_ms[c] == kNever) continue;
        CHECK(watch.shift_start_at[c] == spec.trace.couriers[c].start);
      }
      const RunSummary summary = summarize(sim);
      CHECK(summary.orders_cancelled == 0);  // nobody gives up in a replayed log
      CHECK(summary.orders_delivered > 60);  // the couriers (slow walkers among them) did work
    }
  }
}
