// The earliest-pickup dispatcher prunes its search with distance and time bounds; whatever it
// prunes, its choices must equal a brute-force scan of every rider (for a new order) and of
// every pooled order (for a rider with room). A checking decorator compares each assignment,
// at the moment it is made, with the scan.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "fixtures.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/scenario_loader.hpp"
#include "knightsim/simulation.hpp"

using namespace knightsim;

namespace {

/// (pickup, arrival, id): the dispatcher's documented order of preference.
template <class Id>
struct Choice {
  Id id = kNoId;
  PickupEstimate estimate;
  void offer(Id candidate, const PickupEstimate& e) {
    if (!e.feasible()) return;
    if (id == kNoId || e.better_than(estimate) ||
        (e.pickup_ms == estimate.pickup_ms && e.arrive_ms == estimate.arrive_ms &&
         candidate < id)) {
      id = candidate;
      estimate = e;
    }
  }
};

class BruteForceCheck final : public Dispatcher {
 public:
  /// idle_only: the reference for nearest_idle (riders with no order, one order per trip).
  explicit BruteForceCheck(RiderId riders, bool idle_only = false)
      : riders_(riders),
        idle_only_(idle_only),
        inner_(idle_only ? make_nearest_idle_dispatcher() : make_earliest_pickup_dispatcher()) {}

  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    Choice<RiderId> expected;
    for (RiderId r = 0; r < riders_; ++r) {
      if (idle_only_ && view.rider(r).assigned_open > 0) continue;
      expected.offer(r, view.appended_pickup(r, o));
    }
    Watch watch(*this, view, actions, /*for_rider=*/kNoId);
    inner_->order_needs_rider(o, view, watch);
    ++orders_offered;
    if (watch.assigned == 0) {
      pool_.insert(o);
      if (expected.id != kNoId)
        mismatch("order " + std::to_string(o) + " pooled but rider " + std::to_string(expected.id) +
                 " could take it");
    } else if (watch.first_rider != expected.id) {
      mismatch("order " + std::to_string(o) + " went to rider " +
               std::to_string(watch.first_rider) + ", brute force says " +
               std::to_string(expected.id));
    }
  }

  void rider_has_room(RiderId r, const DispatchView& view, DispatchActions& actions) override {
    Watch watch(*this, view, actions, r);
    inner_->rider_has_room(r, view, watch);
    // After the inner dispatcher stops, no pooled order may still be feasible for a rider
    // with room.
    const Rider& rider = view.rider(r);
    const bool may_take_more =
        idle_only_ ? rider.assigned_open == 0 : rider.assigned_open < rider.capacity;
    if (rider.on_shift && may_take_more) {
      for (OrderId o : pool_) {
        if (view.appended_pickup(r, o).feasible()) {
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
  std::size_t pool_assignments = 0;

 private:
  /// Forwards assignments, checking pool draws against a scan as they happen.
  struct Watch final : DispatchActions {
    Watch(BruteForceCheck& check_in, const DispatchView& view_in, DispatchActions& real_in,
          RiderId for_rider_in)
        : check(check_in), view(view_in), real(real_in), for_rider(for_rider_in) {}
    void assign(OrderId o, RiderId r) override {
      if (for_rider != kNoId) {
        Choice<OrderId> expected;
        for (OrderId pooled : check.pool_) expected.offer(pooled, view.appended_pickup(r, pooled));
        if (expected.id != o) {
          check.mismatch("rider " + std::to_string(r) + " drew order " + std::to_string(o) +
                         ", brute force says " + std::to_string(expected.id));
        }
        check.pool_.erase(o);
        ++check.pool_assignments;
      }
      if (assigned++ == 0) first_rider = r;
      real.assign(o, r);
    }
    // Earliest pickup only appends single orders; the other two actions must stay unused.
    void assign_bundle(std::span<const OrderId>, RiderId) override {
      check.mismatch("earliest pickup offered a bundle");
    }
    void assign_with_route(OrderId, RiderId, std::span<const Stop>) override {
      check.mismatch("earliest pickup re-planned a route");
    }
    BruteForceCheck& check;
    const DispatchView& view;
    DispatchActions& real;
    RiderId for_rider;
    int assigned = 0;
    RiderId first_rider = kNoId;
  };

  void mismatch(const std::string& what) {
    if (mismatches.size() < 10) mismatches.push_back(what);
  }

  RiderId riders_;
  bool idle_only_;
  std::unique_ptr<Dispatcher> inner_;
  std::set<OrderId> pool_;
};

RiderId rider_count(const ScenarioSpec& spec) {
  int count = 0;
  for (const auto& fleet : spec.riders.fleets) count += fleet.count;
  return static_cast<RiderId>(count);
}

void check_against_brute_force(const std::string& name, const ScenarioSpec& spec,
                               std::uint64_t seed, bool idle_only = false) {
  INFO(name << ", seed " << seed << (idle_only ? ", nearest idle" : ", earliest pickup"));
  auto check = std::make_unique<BruteForceCheck>(rider_count(spec), idle_only);
  BruteForceCheck* checker = check.get();
  Simulation sim(spec, seed, std::move(check));
  sim.run();
  for (const auto& what : checker->mismatches) FAIL_CHECK(what);
  CHECK(checker->mismatches.empty());
  CHECK(checker->orders_offered >= sim.orders().size());
}

}  // namespace

TEST_CASE("every choice equals a brute-force scan, on every scenario kind") {
  std::size_t pool_draws = 0;
  for (const auto& kind : testing::scenario_kinds()) {
    for (std::uint64_t seed : {1u, 2u}) check_against_brute_force(kind.name, kind.spec, seed);
  }
  // The overloaded kind must exercise the pool (riders drawing waiting orders).
  auto check = std::make_unique<BruteForceCheck>(3);
  BruteForceCheck* checker = check.get();
  Simulation sim(testing::scenario_kinds()[1].spec, 1, std::move(check));
  sim.run();
  pool_draws = checker->pool_assignments;
  CHECK(pool_draws > 0);
}

TEST_CASE("every choice equals a brute-force scan on the default scenario") {
  const auto loaded =
      load_scenario_file(std::string(KNIGHTSIM_SOURCE_DIR) + "/scenarios/default.yaml");
  REQUIRE(loaded.ok());
  check_against_brute_force("default.yaml", *loaded.spec, 1);
}

TEST_CASE("riders riding home are found where they are, not where they set off") {
  // One order far from the station, two riders: one idle near the merchant's side of town,
  // one riding home past it. Checked through the same brute-force comparison.
  ScenarioSpec spec = testing::scenario_kinds()[6].spec;  // far-station: riders ride home
  REQUIRE(testing::scenario_kinds()[6].name == "far-station");
  check_against_brute_force("far-station, many seeds", spec, 3);
  check_against_brute_force("far-station, many seeds", spec, 4);
}

TEST_CASE("nearest idle: every choice equals a brute-force scan of the idle riders") {
  for (const auto& kind : testing::scenario_kinds()) {
    check_against_brute_force(kind.name, kind.spec, 1, /*idle_only=*/true);
  }
}

TEST_CASE("nearest idle sends one order per trip") {
  struct MaxLoad : SimulationObserver {
    int max_assigned = 0;
    void on_order_assigned(const Order&, const Rider& rider, SimTime) override {
      max_assigned = std::max(max_assigned, rider.assigned_open);
    }
  } observer;
  ScenarioSpec spec = testing::small_city(6, 200);  // busy: riders with capacity 2 would stack
  spec.dispatch.strategy = DispatchStrategy::nearest_idle;
  Simulation sim(spec, 1);
  sim.add_observer(&observer);
  sim.run();
  CHECK(observer.max_assigned == 1);
  // The same city under earliest_pickup does use the second place.
  spec.dispatch.strategy = DispatchStrategy::earliest_pickup;
  MaxLoad stacked;
  Simulation other(spec, 1);
  other.add_observer(&stacked);
  other.run();
  CHECK(stacked.max_assigned == 2);
}
