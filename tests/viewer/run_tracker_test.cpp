// RunTracker: the viewer's running counts, kept by the observer, agree with a scan of the
// engine's orders at any moment of the run.
#include "run_tracker.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "city_layer.hpp"
#include "knightsim/simulation.hpp"
#include "viewer_testing.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;

namespace {

/// The town with too few riders and impatient customers: orders are delivered on time, late,
/// cancelled, and left open at any moment.
ScenarioSpec strained_town() {
  std::string yaml =
      town_with("restaurant: {share: 0.8}",
                "restaurant: {share: 0.8, promise: 8min, promise_per_km: 0min, patience: 15min}");
  const std::string fleet = "count: 30";
  yaml.replace(yaml.find(fleet), fleet.size(), "count: 7");
  return load_spec(yaml);
}

std::uint64_t cell_total(const CellCounts& cells) {
  std::uint64_t total = 0;
  for (int row = 0; row < cells.rows(); ++row) {
    for (int column = 0; column < cells.columns(); ++column) total += cells.at(column, row);
  }
  return total;
}

/// Every count of the tracker equals the same count scanned from Simulation::orders().
void check_against_scan(const Simulation& sim, const RunTracker& tracker) {
  std::uint64_t placed = 0, delivered = 0, on_time = 0, cancelled = 0, late = 0;
  std::set<OrderId> open;
  std::vector<std::uint64_t> per_merchant(sim.merchants().size(), 0);
  for (const Order& order : sim.orders()) {
    if (order.placed_ms > sim.now()) continue;
    ++placed;
    ++per_merchant[order.merchant];
    if (order.status == OrderStatus::delivered) {
      ++delivered;
      if (order.delivered_ms <= order.promised_ms) {
        ++on_time;
      } else {
        ++late;
      }
    } else if (order.status == OrderStatus::cancelled) {
      ++cancelled;
    }
    if (order.is_open()) open.insert(order.id);
  }
  CHECK(tracker.placed() == placed);
  CHECK(tracker.delivered() == delivered);
  CHECK(tracker.delivered_on_time() == on_time);
  CHECK(tracker.cancelled() == cancelled);
  const std::vector<OrderId>& tracked_open = tracker.open_orders();
  const std::set<OrderId> tracked_set(tracked_open.begin(), tracked_open.end());
  CHECK(tracked_set.size() == tracked_open.size());  // no order twice
  CHECK(tracked_set == open);
  CHECK(placed == delivered + cancelled + open.size());
  for (MerchantId m = 0; m < per_merchant.size(); ++m) {
    CAPTURE(m);
    CHECK(tracker.placed_at_merchant(m) == per_merchant[m]);
  }
  CHECK(tracker.placed_at_merchant(static_cast<MerchantId>(per_merchant.size() + 5)) == 0);
  CHECK(cell_total(tracker.demand()) == placed);
  CHECK(cell_total(tracker.lateness()) == late + cancelled);
}

}  // namespace

TEST_CASE("the tracker's counts equal a scan of the orders, during and after the run") {
  Simulation sim(strained_town(), 11);
  RunTracker tracker(world_bounds(sim), sim.merchants().size());
  sim.add_observer(&tracker);
  for (SimTime t : {20 * kMsPerMinute, 47 * kMsPerMinute, 75 * kMsPerMinute}) {
    sim.run_until(t);
    CAPTURE(t);
    check_against_scan(sim, tracker);
    CHECK_FALSE(tracker.open_orders().empty());
  }
  sim.run();
  check_against_scan(sim, tracker);
  // The scenario does what it is for: every outcome happened.
  CHECK(tracker.placed() > 200);
  CHECK(tracker.delivered_on_time() > 0);
  CHECK(tracker.delivered_on_time() < tracker.delivered());
  CHECK(tracker.cancelled() > 0);
}

TEST_CASE("cell counts: each point in the cell it falls in, the edges clamped inside") {
  CellCounts cells({{0, 0}, {4000, 2000}}, 8);
  CHECK(cells.cell_m() == doctest::Approx(500));
  CHECK(cells.columns() == 8);
  CHECK(cells.rows() == 4);
  cells.add({10, 10});
  cells.add({499, 10});
  cells.add({501, 1999});
  cells.add({4000, 2000});  // the far corner belongs to the last cell
  cells.add({-300, 5000});  // outside: clamped to the nearest edge cell
  CHECK(cells.at(0, 0) == 2);
  CHECK(cells.at(1, 3) == 1);
  CHECK(cells.at(7, 3) == 1);
  CHECK(cells.at(0, 3) == 1);
  CHECK(cells.max() == 2);
  CHECK(cell_total(cells) == 5);
}
