// DisabledSupport: a disabled rider is never offered an order outside the configured limits
// (radius from home, weight, stairs), by any built-in strategy or a plugged-in one.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "careless_dispatcher.hpp"
#include "fixtures.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

ScenarioSpec disabled_city(DispatchStrategy strategy, int riders = 14,
                           double orders_per_hour = 140) {
  ScenarioSpec spec = testing::small_city(riders, orders_per_hour);
  spec.riders.fleets[0].people.disabled_share = 0.5;
  spec.dispatch.strategy = strategy;
  spec.policies.disabled_support.enabled = true;
  spec.policies.disabled_support.max_radius_m = 1200;
  spec.policies.disabled_support.max_weight_kg = 1.5;
  spec.policies.disabled_support.stairs_free = true;
  return spec;
}

struct LimitWatch final : SimulationObserver {
  explicit LimitWatch(const Simulation& sim_in) : sim(sim_in) {}
  void on_order_assigned(const Order& order, const Rider& rider, SimTime) override {
    if (!rider.disabled) {
      if (order.weight_kg > 1.5 || order.needs_stairs) ++outside_to_others;
      return;
    }
    ++to_disabled;
    const Point home = sim.stations()[rider.home].location;
    const Point shop = sim.merchants()[order.merchant].location;
    if (order.weight_kg > 1.5 || order.needs_stairs || euclidean_m(home, shop) > 1200 ||
        euclidean_m(home, order.customer) > 1200) {
      ++outside_limits;
    }
  }
  const Simulation& sim;
  int to_disabled = 0, outside_limits = 0, outside_to_others = 0;
};

}  // namespace

TEST_CASE("a disabled rider is never offered an order outside the configured limits") {
  for (const DispatchStrategy strategy :
       {DispatchStrategy::earliest_pickup, DispatchStrategy::nearest_idle,
        DispatchStrategy::insertion, DispatchStrategy::batch}) {
    INFO(std::string(to_string(strategy)));
    Simulation sim(disabled_city(strategy), 7);
    LimitWatch watch(sim);
    sim.add_observer(&watch);
    sim.run();
    CHECK(watch.to_disabled > 0);
    CHECK(watch.outside_limits == 0);
    CHECK(watch.outside_to_others > 0);  // such orders exist and go to the others
    CHECK(sim.welfare_totals().offers_declined_by_policy == 0);
    CHECK(sim.welfare_totals().disabled_subsidies > 0.0);
  }
}

TEST_CASE(
    "a plugged-in dispatcher's offer outside the limits is declined, and the order comes back") {
  Simulation sim(disabled_city(DispatchStrategy::earliest_pickup), 7,
                 std::make_unique<testing::CarelessDispatcher>(14));
  LimitWatch watch(sim);
  sim.add_observer(&watch);
  sim.run();
  CHECK(watch.outside_limits == 0);
  CHECK(sim.welfare_totals().offers_declined_by_policy > 0);
  CHECK(watch.to_disabled > 0);
}

TEST_CASE("priority for suitable orders gives disabled riders more of them, within the limits") {
  for (const DispatchStrategy strategy :
       {DispatchStrategy::earliest_pickup, DispatchStrategy::insertion, DispatchStrategy::batch}) {
    INFO(std::string(to_string(strategy)));
    const auto run = [&](SimTime priority_ms) {
      // Few orders for many riders: several could take each one, so dispatch has a choice.
      ScenarioSpec spec = disabled_city(strategy, 30, 60);
      spec.policies.disabled_support.priority_ms = priority_ms;
      Simulation sim(spec, 7);
      LimitWatch watch(sim);
      sim.add_observer(&watch);
      sim.run();
      CHECK(watch.outside_limits == 0);
      return watch.to_disabled;
    };
    const int without = run(0);
    const int with = run(10 * kMsPerMinute);
    CHECK(with > without);
  }
}
