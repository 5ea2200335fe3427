// DispatchActions are checked on every call, not only by asserts: a plug-in dispatcher's
// mistake must throw (in Release builds too) rather than corrupt the world.
#include <doctest/doctest.h>

#include <functional>
#include <stdexcept>
#include <vector>

#include "fixtures.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// Calls `act` for each new order; the first order is assigned normally so the rider has a
/// route to re-plan.
class MistakenDispatcher final : public Dispatcher {
 public:
  explicit MistakenDispatcher(
      std::function<void(OrderId, const DispatchView&, DispatchActions&)> act)
      : act_(std::move(act)) {}
  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    if (o == 0) {
      actions.assign(0, 0);
      return;
    }
    act_(o, view, actions);
  }
  void rider_has_room(RiderId, const DispatchView&, DispatchActions&) override {}
  void order_withdrawn(OrderId) override {}
  std::size_t backlog() const override { return 0; }

 private:
  std::function<void(OrderId, const DispatchView&, DispatchActions&)> act_;
};

/// One courier (capacity 3) and two orders, the second placed while the first is carried.
ScenarioSpec two_orders() {
  ScenarioSpec spec = testing::trace_world();
  spec.trace.couriers = {{"c", "bike", {1000, 1000}, 0, 3 * kMsPerHour}};
  spec.trace.orders = {testing::trace_order("a", {1200, 1000}, {3000, 1000}, kMsPerMinute),
                       testing::trace_order("b", {2000, 1200}, {2500, 1500}, 4 * kMsPerMinute)};
  return spec;
}

void run_expecting_logic_error(
    std::function<void(OrderId, const DispatchView&, DispatchActions&)> act) {
  Simulation sim(two_orders(), 1, std::make_unique<MistakenDispatcher>(std::move(act)));
  CHECK_THROWS_AS(sim.run(), std::logic_error);
}

Stop stop(const DispatchView& view, OrderId o, StopKind kind) {
  const Order& order = view.order(o);
  return {o, kind,
          kind == StopKind::pickup ? view.merchant(order.merchant).location : order.customer};
}

}  // namespace

TEST_CASE("a correct re-planned route is accepted and ridden") {
  Simulation sim(two_orders(), 1,
                 std::make_unique<MistakenDispatcher>(
                     [](OrderId o, const DispatchView& view, DispatchActions& actions) {
                       std::vector<Stop> route = view.rider(0).route;
                       route.push_back(stop(view, o, StopKind::pickup));
                       route.push_back(stop(view, o, StopKind::dropoff));
                       actions.assign_with_route(o, 0, route);
                     }));
  sim.run();
  for (const Order& order : sim.orders()) CHECK(order.status == OrderStatus::delivered);
}

TEST_CASE("a re-planned route that loses a stop is refused") {
  run_expecting_logic_error([](OrderId o, const DispatchView& view, DispatchActions& actions) {
    std::vector<Stop> route = {stop(view, o, StopKind::pickup), stop(view, o, StopKind::dropoff),
                               stop(view, o, StopKind::dropoff)};  // order 0's drop-off lost
    route.resize(view.rider(0).route.size() + 2, stop(view, o, StopKind::dropoff));
    actions.assign_with_route(o, 0, route);
  });
}

TEST_CASE("a re-planned route with a drop-off before its pickup is refused") {
  run_expecting_logic_error([](OrderId o, const DispatchView& view, DispatchActions& actions) {
    std::vector<Stop> route = view.rider(0).route;
    route.push_back(stop(view, o, StopKind::dropoff));
    route.push_back(stop(view, o, StopKind::pickup));
    actions.assign_with_route(o, 0, route);
  });
}

TEST_CASE("offering an order that is not waiting, or to a rider without room, is refused") {
  SUBCASE("the same order twice in a bundle") {
    run_expecting_logic_error([](OrderId o, const DispatchView&, DispatchActions& actions) {
      const std::vector<OrderId> twice = {o, o};
      actions.assign_bundle(twice, 0);
    });
  }
  SUBCASE("an order already assigned") {
    run_expecting_logic_error(
        [](OrderId, const DispatchView&, DispatchActions& actions) { actions.assign(0, 0); });
  }
  SUBCASE("more orders than the rider carries") {
    ScenarioSpec spec = two_orders();
    spec.trace.vehicles = {{"bike", 15.0, 1}};
    Simulation sim(spec, 1,
                   std::make_unique<MistakenDispatcher>(
                       [](OrderId o, const DispatchView&, DispatchActions& actions) {
                         actions.assign(o, 0);  // the rider already has its one order
                       }));
    CHECK_THROWS_AS(sim.run(), std::logic_error);
  }
  SUBCASE("an unknown rider") {
    run_expecting_logic_error(
        [](OrderId o, const DispatchView&, DispatchActions& actions) { actions.assign(o, 99); });
  }
}
