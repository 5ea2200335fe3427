// The insertion dispatcher: each order goes into a rider's route at the pickup and drop-off
// positions where it adds the least cost (docs: added click-to-door and delay to the others'
// drop-offs, plus twice the added lateness, plus a quarter of the added route time). A checking
// decorator recomputes every choice with plan_route at the moment it is made, trying every
// position; a hand-made situation shows where a pickup on the way goes.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// The dispatcher evaluates this many riders from the grid per order (and every roaming
/// rider): with no more riders than this, its choice must be the best of all riders.
constexpr RiderId kCandidateRiders = 12;

/// The documented cost of `candidate` for rider r, which has `route` now (order o new).
/// The same arithmetic as the dispatcher's, so that equal costs compare equal.
double insertion_cost(const DispatchView& view, RiderId r, OrderId o,
                      std::span<const Stop> candidate, bool& feasible) {
  const Rider& rider = view.rider(r);
  const RoutePlan base = view.plan_route(r, rider.route);
  const RoutePlan plan = view.plan_route(r, candidate);
  feasible = base.feasible && plan.feasible;
  if (!feasible) return 0.0;
  const SimTime base_finish = rider.route.empty() ? view.now() : base.finish_ms;
  const double added_dropoff_ms =
      static_cast<double>(plan.dropoff_sum_ms - base.dropoff_sum_ms - view.order(o).placed_ms);
  const double added_lateness_ms = static_cast<double>(plan.lateness_ms - base.lateness_ms);
  const double added_time_ms = static_cast<double>(plan.finish_ms - base_finish);
  return added_dropoff_ms + 2.0 * added_lateness_ms + 0.25 * added_time_ms;
}

/// The cheapest insertion of o into r's route by trying every pickup and drop-off position
/// (after the stop being served), or none (infinite cost) when no position is feasible.
double cheapest_insertion(const DispatchView& view, RiderId r, OrderId o) {
  const Rider& rider = view.rider(r);
  double best = std::numeric_limits<double>::infinity();
  if (!rider.on_shift || rider.assigned_open >= rider.capacity) return best;
  const Order& order = view.order(o);
  const Stop pickup{o, StopKind::pickup, view.merchant(order.merchant).location};
  const Stop dropoff{o, StopKind::dropoff, order.customer};
  const std::size_t n = rider.route.size();
  for (std::size_t i = view.serving_first_stop(r) ? 1 : 0; i <= n; ++i) {
    for (std::size_t j = i; j <= n; ++j) {
      std::vector<Stop> candidate;
      for (std::size_t k = 0; k <= n; ++k) {
        if (k == i) candidate.push_back(pickup);
        if (k == j) candidate.push_back(dropoff);
        if (k < n) candidate.push_back(rider.route[k]);
      }
      bool feasible = false;
      const double cost = insertion_cost(view, r, o, candidate, feasible);
      if (feasible) best = std::min(best, cost);
    }
  }
  return best;
}

bool same_stop(const Stop& a, const Stop& b) {
  return a.order == b.order && a.kind == b.kind && a.location == b.location;
}

class InsertionCheck final : public Dispatcher {
 public:
  explicit InsertionCheck(RiderId riders) : riders_(riders) {}

  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    // The best of every rider, by brute force (ties: the lower id, as the dispatcher).
    RiderId expected = kNoId;
    double expected_cost = std::numeric_limits<double>::infinity();
    for (RiderId r = 0; r < riders_; ++r) {
      const double cost = cheapest_insertion(view, r, o);
      if (cost < expected_cost) {
        expected = r;
        expected_cost = cost;
      }
    }
    Watch watch(*this, view, actions);
    inner_->order_needs_rider(o, view, watch);
    ++orders_offered;
    const bool exhaustive = riders_ <= kCandidateRiders;
    if (watch.chosen == kNoId) {
      pool_.insert(o);
      if (exhaustive && expected != kNoId)
        mismatch("order " + std::to_string(o) + " pooled but rider " + std::to_string(expected) +
                 " could take it");
    } else if (exhaustive && (watch.chosen != expected || watch.cost != expected_cost)) {
      mismatch("order " + std::to_string(o) + " went to rider " + std::to_string(watch.chosen) +
               " at cost " + std::to_string(watch.cost) + ", brute force says rider " +
               std::to_string(expected) + " at " + std::to_string(expected_cost));
    }
  }

  void rider_has_room(RiderId r, const DispatchView& view, DispatchActions& actions) override {
    Watch watch(*this, view, actions);
    // Each draw is checked by Watch. The dispatcher looks at the nearest kCandidateRiders
    // pooled orders: with no more than that in the pool, it must leave none it could take.
    inner_->rider_has_room(r, view, watch);
    const Rider& rider = view.rider(r);
    if (pool_.size() <= kCandidateRiders && rider.on_shift &&
        rider.assigned_open < rider.capacity) {
      for (OrderId o : pool_) {
        if (cheapest_insertion(view, r, o) < std::numeric_limits<double>::infinity()) {
          mismatch("rider " + std::to_string(r) + " left pooled order " + std::to_string(o));
          break;
        }
      }
    }
  }

  void order_withdrawn(OrderId o) override {
    pool_.erase(o);
    inner_->order_withdrawn(o);
  }
  std::size_t backlog() const override { return inner_->backlog(); }

  std::vector<std::string> mismatches;
  std::size_t orders_offered = 0;
  std::size_t pool_draws = 0;
  std::size_t into_routes = 0;   ///< assignments to riders who already had stops
  std::size_t not_appended = 0;  ///< of those, the new stops not simply at the end

 private:
  /// Checks each route handed out, at the moment it is handed out, then forwards it.
  struct Watch final : DispatchActions {
    Watch(InsertionCheck& check_in, const DispatchView& view_in, DispatchActions& real_in)
        : check(check_in), view(view_in), real(real_in) {}

    void assign_with_route(OrderId o, RiderId r, std::span<const Stop> route) override {
      const Rider& rider = view.rider(r);
      const std::string what = "order " + std::to_string(o) + " to rider " + std::to_string(r);
      // A real insertion: the rider's stops in their order, the new pickup before its drop-off,
      // the stop being served still first.
      std::vector<Stop> others;
      int pickup_at = -1, dropoff_at = -1;
      for (std::size_t k = 0; k < route.size(); ++k) {
        if (route[k].order != o) {
          others.push_back(route[k]);
        } else if (route[k].kind == StopKind::pickup) {
          pickup_at = static_cast<int>(k);
        } else {
          dropoff_at = static_cast<int>(k);
        }
      }
      const bool same_others =
          others.size() == rider.route.size() &&
          std::equal(others.begin(), others.end(), rider.route.begin(), same_stop);
      if (!same_others || pickup_at < 0 || dropoff_at < pickup_at)
        check.mismatch(what + ": not an insertion into the rider's route");
      if (view.serving_first_stop(r) && pickup_at == 0)
        check.mismatch(what + ": displaced the stop being served");
      if (rider.assigned_open >= rider.capacity) check.mismatch(what + ": rider full");

      bool feasible = false;
      cost = insertion_cost(view, r, o, route, feasible);
      if (!feasible) check.mismatch(what + ": infeasible route");
      const double best = cheapest_insertion(view, r, o);
      if (cost != best) {
        check.mismatch(what + " at cost " + std::to_string(cost) +
                       ", the cheapest position costs " + std::to_string(best));
      }
      if (!rider.route.empty()) {
        ++check.into_routes;
        if (dropoff_at != static_cast<int>(route.size()) - 1) ++check.not_appended;
      }
      if (check.pool_.erase(o) > 0) ++check.pool_draws;
      if (chosen == kNoId) chosen = r;
      real.assign_with_route(o, r, route);
    }
    void assign(OrderId, RiderId) override { check.mismatch("insertion used plain assign"); }
    void assign_bundle(std::span<const OrderId>, RiderId) override {
      check.mismatch("insertion offered a bundle");
    }

    InsertionCheck& check;
    const DispatchView& view;
    DispatchActions& real;
    RiderId chosen = kNoId;  ///< the first assignment's rider
    double cost = 0.0;       ///< and its cost
  };

  void mismatch(const std::string& what) {
    if (mismatches.size() < 10) mismatches.push_back(what);
  }

  RiderId riders_;
  std::unique_ptr<Dispatcher> inner_ = make_insertion_dispatcher();
  std::set<OrderId> pool_;
};

RiderId rider_count(const ScenarioSpec& spec) {
  int count = 0;
  for (const auto& fleet : spec.riders.fleets) count += fleet.count;
  return static_cast<RiderId>(count);
}

}  // namespace

TEST_CASE("every insertion is the cheapest a brute-force scan of positions finds") {
  std::size_t into_routes = 0, not_appended = 0, pool_draws = 0;
  for (const auto& kind : testing::scenario_kinds()) {
    INFO(kind.name);
    auto check = std::make_unique<InsertionCheck>(rider_count(kind.spec));
    InsertionCheck* checker = check.get();
    Simulation sim(kind.spec, 1, std::move(check));
    sim.run();
    for (const auto& what : checker->mismatches) FAIL_CHECK(what);
    CHECK(checker->mismatches.empty());
    CHECK(checker->orders_offered >= sim.orders().size());
    into_routes += checker->into_routes;
    not_appended += checker->not_appended;
    pool_draws += checker->pool_draws;
  }
  // The checks saw the interesting cases: orders put into routes that already had stops,
  // some of them not at the end, and riders drawing from the pool.
  CHECK(into_routes > 100);
  CHECK(not_appended > 10);
  CHECK(pool_draws > 10);
}

TEST_CASE("insertion fills riders up to their capacity and never beyond") {
  for (const int capacity : {2, 3}) {
    ScenarioSpec spec = testing::small_city(6, 200);  // busy: routes fill up
    spec.riders.fleets[0].capacity = capacity;
    spec.dispatch.strategy = DispatchStrategy::insertion;
    struct MaxLoad final : SimulationObserver {
      int max_assigned = 0, max_carried = 0;
      void on_order_assigned(const Order&, const Rider& rider, SimTime) override {
        max_assigned = std::max(max_assigned, rider.assigned_open);
      }
      void on_order_picked_up(const Order&, const Rider& rider, SimTime) override {
        max_carried = std::max(max_carried, rider.carried);
      }
    } load;
    Simulation sim(spec, 1);
    testing::InvariantObserver invariants(sim.riders().size());
    sim.add_observer(&load);
    sim.add_observer(&invariants);
    sim.run();
    INFO("capacity " << capacity);
    CHECK(load.max_assigned == capacity);
    CHECK(load.max_carried <= capacity);
    CHECK(load.max_carried >= 2);  // orders really ride together
    for (const auto& problem : invariants.problems) FAIL_CHECK(problem);
    testing::check_world(sim);
  }
}

TEST_CASE("an order whose merchant is on the rider's way is picked up on the way") {
  // One rider carries A east along an arterial to A's customer. B's merchant lies on that
  // street ahead of it and B's customer a little further on: B goes in before A's drop-off.
  // An order C whose merchant is next to A's customer goes after it.
  ScenarioSpec spec = testing::trace_world();
  spec.trace.couriers = {{"c", "bike", {500, 2000}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("A", {700, 2000}, {3500, 2000}, 1 * kMsPerMinute),
                       testing::trace_order("B", {2000, 2000}, {2600, 2000}, 5 * kMsPerMinute),
                       testing::trace_order("C", {3600, 2100}, {3600, 3000}, 6 * kMsPerMinute)};
  spec.dispatch.strategy = DispatchStrategy::insertion;
  struct Routes final : SimulationObserver {
    std::vector<std::vector<Stop>> after_assignment;  ///< per order, the rider's route then
    std::vector<RiderState> state;
    void on_order_assigned(const Order& order, const Rider& rider, SimTime) override {
      after_assignment.resize(order.id + 1);
      after_assignment[order.id] = rider.route;
      state.resize(order.id + 1);
      state[order.id] = rider.state;
    }
  } routes;
  Simulation sim(spec, 1);
  sim.add_observer(&routes);
  sim.run();
  REQUIRE(routes.after_assignment.size() == 3);
  // B arrived while the rider carried A east, short of B's merchant.
  CHECK(routes.state[1] == RiderState::to_customer);
  CHECK(sim.orders()[0].picked_up_ms < sim.orders()[1].placed_ms);
  const std::vector<Stop>& with_b = routes.after_assignment[1];
  REQUIRE(with_b.size() == 3);
  CHECK((with_b[0].order == 1 && with_b[0].kind == StopKind::pickup));
  CHECK((with_b[1].order == 1 && with_b[1].kind == StopKind::dropoff));
  CHECK((with_b[2].order == 0 && with_b[2].kind == StopKind::dropoff));
  // C: A's drop-off, then C's pickup and drop-off, at the end.
  const std::vector<Stop>& with_c = routes.after_assignment[2];
  REQUIRE(with_c.size() >= 3);
  const std::size_t n = with_c.size();
  CHECK((with_c[n - 3].order == 0 && with_c[n - 3].kind == StopKind::dropoff));
  CHECK((with_c[n - 2].order == 2 && with_c[n - 2].kind == StopKind::pickup));
  CHECK((with_c[n - 1].order == 2 && with_c[n - 1].kind == StopKind::dropoff));
  for (const Order& order : sim.orders()) CHECK(order.status == OrderStatus::delivered);
  CHECK(sim.orders()[1].picked_up_ms < sim.orders()[0].delivered_ms);
  CHECK(sim.orders()[1].delivered_ms < sim.orders()[0].delivered_ms);
  CHECK(sim.orders()[2].picked_up_ms > sim.orders()[0].delivered_ms);
}

TEST_CASE("a rider drawing from the pool takes the order that has waited longest") {
  // One rider who carries one order at a time, busy with x; a and b wait in the pool for the
  // same merchant and the same door, a placed four minutes before b. Time already waited is
  // sunk, and waiting earns priority: a goes first.
  ScenarioSpec spec = testing::trace_world();
  spec.dispatch.strategy = DispatchStrategy::insertion;
  spec.trace.vehicles = {{"bike", 15.0, 1}};
  spec.trace.couriers = {{"c", "bike", {1000, 1000}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("x", {1000, 1000}, {3000, 3000}, 0),
                       testing::trace_order("a", {2000, 2000}, {1500, 2500}, kMsPerMinute),
                       testing::trace_order("b", {2000, 2000}, {1500, 2500}, 5 * kMsPerMinute)};
  Simulation sim(spec, 1);
  sim.run();
  REQUIRE(sim.orders()[1].status == OrderStatus::delivered);
  REQUIRE(sim.orders()[2].status == OrderStatus::delivered);
  CHECK(sim.orders()[1].picked_up_ms < sim.orders()[2].picked_up_ms);
}
