// The example dispatcher of docs/examples/ (compiled into this test binary) plugs into the
// engine and keeps its invariants: a researcher's dispatcher is held to the same rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "fixtures.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

namespace example {
std::unique_ptr<knightsim::Dispatcher> make_oldest_first_dispatcher();
}

using namespace knightsim;

TEST_CASE("the documented example dispatcher runs every scenario kind within the rules") {
  for (const auto& kind : testing::scenario_kinds()) {
    INFO(kind.name);
    Simulation sim(kind.spec, 1, example::make_oldest_first_dispatcher());
    sim.run();
    const RunSummary summary = summarize(sim);
    CHECK(summary.orders_delivered > 0);
    CHECK(summary.orders_created ==
          summary.orders_delivered + summary.orders_cancelled + summary.orders_open_at_end);
    for (const Order& order : sim.orders()) {
      if (order.picked_up_ms != kNever) CHECK(order.picked_up_ms >= order.ready_ms);
      // Only an injured rider's carried orders are cancelled after pickup.
      if (order.status == OrderStatus::cancelled && !order.lost_in_incident)
        CHECK(order.picked_up_ms == kNever);
    }
    for (const Rider& rider : sim.riders()) CHECK(rider.assigned_open <= rider.capacity);
  }
}

TEST_CASE("the example serves waiting orders oldest first") {
  // One rider carrying one order at a time, customers who never give up: every order waits
  // its turn, so the example must assign them in exactly the order they were placed, where
  // earliest_pickup (nearest pickup first) jumps the queue.
  ScenarioSpec spec = testing::small_city(1, 40);
  spec.riders.fleets[0].capacity = 1;
  spec.duration_ms = 6 * kMsPerHour;
  spec.riders.fleets[0].shift_end_ms = 18 * kMsPerHour;
  for (auto& category : spec.demand.categories) category.patience_ms = 10 * kMsPerHour;
  struct Assignments : SimulationObserver {
    std::vector<OrderId> in_assignment_order;
    void on_order_assigned(const Order& order, const Rider&, SimTime) override {
      in_assignment_order.push_back(order.id);
    }
  };
  Assignments example_run, builtin_run;
  Simulation with_example(spec, 2, example::make_oldest_first_dispatcher());
  with_example.add_observer(&example_run);
  with_example.run();
  Simulation with_builtin(spec, 2);
  with_builtin.add_observer(&builtin_run);
  with_builtin.run();

  REQUIRE(example_run.in_assignment_order.size() > 10);
  CHECK(std::is_sorted(example_run.in_assignment_order.begin(),
                       example_run.in_assignment_order.end()));
  CHECK(!std::is_sorted(builtin_run.in_assignment_order.begin(),
                        builtin_run.in_assignment_order.end()));
}
