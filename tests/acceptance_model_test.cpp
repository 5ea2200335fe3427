// The acceptance model (DispatchSpec): riders refuse a share of offers, and the refused orders
// come back to dispatch after the response time; riders hand a share of accepted orders back
// before pickup, and those are dispatched again at once. Off by default, it must then change
// nothing. A watcher sits between the engine and each built-in strategy (to see offers and
// their answers) and observes the run (to see what happens to each order afterwards).
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "invariants.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// How long after its assignment a hand-back may come (the engine draws it in [0, 10 min)).
constexpr SimTime kGiveBackWithinMs = 10 * kMsPerMinute;

/// Wraps a built-in dispatcher: counts offers and refusals as the engine answers them, and
/// follows every refused or handed-back order until it is assigned again or cancelled.
class AcceptanceWatch final : public Dispatcher, public SimulationObserver {
 public:
  explicit AcceptanceWatch(const DispatchSpec& spec)
      : inner_(make_dispatcher(spec)), response_ms_(spec.offer_response_ms) {}

  // --- between the engine and the strategy ---
  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    if (awaiting_reply_[o] != kNever) {
      // A refused order comes back exactly one response time after the refusal.
      if (view.now() != awaiting_reply_[o] + response_ms_)
        problem("order " + std::to_string(o) + " came back at the wrong time");
      awaiting_reply_[o] = kNever;
      ++returned;
    }
    if (handed_back_at_[o] == view.now()) ++redispatched_at_once;
    Offers forward(*this, view, actions);
    inner_->order_needs_rider(o, view, forward);
  }
  void rider_has_room(RiderId r, const DispatchView& view, DispatchActions& actions) override {
    Offers forward(*this, view, actions);
    inner_->rider_has_room(r, view, forward);
  }
  void order_withdrawn(OrderId o) override { inner_->order_withdrawn(o); }
  std::size_t backlog() const override { return inner_->backlog(); }
  SimTime tick_interval_ms() const override { return inner_->tick_interval_ms(); }
  void on_tick(const DispatchView& view, DispatchActions& actions) override {
    Offers forward(*this, view, actions);
    inner_->on_tick(view, forward);
  }

  // --- watching the run ---
  void on_order_placed(const Order& order, SimTime) override {
    awaiting_reply_.resize(order.id + 1, kNever);
    last_refusal_.resize(order.id + 1, kNever);
    handed_back_at_.resize(order.id + 1, kNever);
    handed_back_by_.resize(order.id + 1, kNoId);
    last_assigned_.resize(order.id + 1, kNever);
  }
  void on_order_assigned(const Order& order, const Rider& rider, SimTime now) override {
    const OrderId o = order.id;
    ++assignments;
    if (awaiting_reply_[o] != kNever)
      problem("order " + std::to_string(o) + " assigned before its refusal came back");
    if (last_refusal_[o] != kNever && now < last_refusal_[o] + response_ms_)
      problem("order " + std::to_string(o) + " assigned within the response time");
    if (handed_back_at_[o] != kNever) {
      ++reassigned_after_hand_back;
      if (rider.id == handed_back_by_[o] && now == handed_back_at_[o]) ++straight_back;
      handed_back_at_[o] = kNever;
    }
    last_assigned_[o] = now;
  }
  void on_order_released(const Order& order, const Rider& rider, SimTime now) override {
    if (!rider.on_shift) return;  // a shift end, not a hand-back
    const OrderId o = order.id;
    ++hand_backs;
    if (order.picked_up_ms != kNever) problem("handed back after pickup");
    if (now - last_assigned_[o] >= kGiveBackWithinMs)
      problem("order " + std::to_string(o) + " handed back more than 10 min after assignment");
    handed_back_at_[o] = now;
    handed_back_by_[o] = rider.id;
  }
  void on_order_cancelled(const Order& order, SimTime) override {
    if (handed_back_at_[order.id] != kNever) ++cancelled_after_hand_back;
    handed_back_at_[order.id] = kNever;
    if (awaiting_reply_[order.id] != kNever) ++cancelled_awaiting_reply;
    awaiting_reply_[order.id] = kNever;  // its reply will find nothing to do
  }

  /// Handed-back orders neither assigned again nor cancelled by the end.
  std::size_t hand_backs_unresolved() const {
    std::size_t n = 0;
    for (const SimTime at : handed_back_at_) n += at != kNever ? 1 : 0;
    return n;
  }

  std::vector<std::string> problems;
  std::uint64_t offers = 0, refusals = 0, refused_orders = 0;
  std::uint64_t returned = 0, cancelled_awaiting_reply = 0;
  std::uint64_t assignments = 0;
  std::uint64_t hand_backs = 0, redispatched_at_once = 0, reassigned_after_hand_back = 0;
  std::uint64_t cancelled_after_hand_back = 0;
  std::uint64_t straight_back = 0;  ///< re-assigned at once to the rider who handed it back

 private:
  /// Forwards each offer and reads the answer from the orders' status straight after it.
  struct Offers final : DispatchActions {
    Offers(AcceptanceWatch& watch_in, const DispatchView& view_in, DispatchActions& real_in)
        : watch(watch_in), view(view_in), real(real_in) {}
    void assign(OrderId o, RiderId r) override {
      real.assign(o, r);
      answered(std::span<const OrderId>(&o, 1));
    }
    void assign_bundle(std::span<const OrderId> orders, RiderId r) override {
      real.assign_bundle(orders, r);
      answered(orders);
    }
    void assign_with_route(OrderId o, RiderId r, std::span<const Stop> route) override {
      real.assign_with_route(o, r, route);
      answered(std::span<const OrderId>(&o, 1));
    }
    void answered(std::span<const OrderId> orders) {
      ++watch.offers;
      const bool refused = view.order(orders[0]).status == OrderStatus::pending;
      for (OrderId o : orders) {
        if ((view.order(o).status == OrderStatus::pending) != refused)
          watch.problem("a bundle half accepted");
        if (refused) {
          ++watch.refused_orders;
          watch.awaiting_reply_[o] = view.now();
          watch.last_refusal_[o] = view.now();
        }
      }
      if (refused) ++watch.refusals;
    }
    AcceptanceWatch& watch;
    const DispatchView& view;
    DispatchActions& real;
  };

  void problem(const std::string& what) {
    if (problems.size() < 10) problems.push_back(what);
  }

  std::unique_ptr<Dispatcher> inner_;
  SimTime response_ms_;
  std::vector<SimTime> awaiting_reply_;  ///< per order: refused then, not back yet
  std::vector<SimTime> last_refusal_;    ///< per order: its latest refusal
  std::vector<SimTime> handed_back_at_;  ///< per order: handed back then, not resolved yet
  std::vector<RiderId> handed_back_by_;
  std::vector<SimTime> last_assigned_;
};

/// A busy small city whose demand stops an hour before the end, so that every order's fate
/// (delivered or cancelled) is settled by then.
ScenarioSpec settling_city(DispatchStrategy strategy) {
  ScenarioSpec spec = testing::small_city(12, 90);
  spec.duration_ms = 3 * kMsPerHour;
  spec.demand.hourly_profile.fill(0.0);
  spec.demand.hourly_profile[11] = 1.0;
  spec.demand.hourly_profile[12] = 1.0;  // 11:00–13:00, tailing off to 13:30
  spec.dispatch.strategy = strategy;
  return spec;
}

/// A finished run, its dispatcher under the watch, and the invariant observer (declared
/// before the run, so that it outlives it).
struct WatchedRun {
  std::unique_ptr<testing::InvariantObserver> invariants;
  std::unique_ptr<Simulation> sim;
  AcceptanceWatch* watch = nullptr;
};

/// Runs under the watch and the invariant observer, and checks what both saw.
WatchedRun run_watched(const ScenarioSpec& spec, std::uint64_t seed) {
  WatchedRun run;
  auto owned = std::make_unique<AcceptanceWatch>(spec.dispatch);
  run.watch = owned.get();
  run.sim = std::make_unique<Simulation>(spec, seed, std::move(owned));
  run.invariants = std::make_unique<testing::InvariantObserver>(run.sim->riders().size());
  run.sim->add_observer(run.watch);
  run.sim->add_observer(run.invariants.get());
  run.sim->run();
  for (const auto& what : run.invariants->problems) FAIL_CHECK(what);
  for (const auto& what : run.watch->problems) FAIL_CHECK(what);
  CHECK(run.invariants->released_on_shift == run.sim->dispatch_rider_give_backs());
  testing::check_world(*run.sim);
  // The watch counted the same offers and refusals as the engine.
  CHECK(run.watch->offers == run.sim->dispatch_offers());
  CHECK(run.watch->refusals == run.sim->dispatch_offers_refused());
  return run;
}

std::string orders_csv(const Simulation& sim) {
  std::ostringstream out;
  write_orders_csv(out, sim);
  return out.str();
}
std::string riders_csv(const Simulation& sim) {
  std::ostringstream out;
  write_riders_csv(out, sim);
  return out.str();
}

constexpr DispatchStrategy kStrategies[] = {DispatchStrategy::earliest_pickup,
                                            DispatchStrategy::nearest_idle,
                                            DispatchStrategy::insertion, DispatchStrategy::batch};

}  // namespace

TEST_CASE("with no refusals and no hand-backs the acceptance model changes nothing") {
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    ScenarioSpec spec = testing::small_city();
    spec.dispatch.strategy = strategy;
    Simulation plain(spec, 3);
    plain.run();
    // Shares at zero (the default) and an unusual response time, which must then not matter.
    spec.dispatch.refusal_share = 0.0;
    spec.dispatch.rider_cancel_share = 0.0;
    spec.dispatch.offer_response_ms = 7 * kMsPerSecond;
    Simulation zero(spec, 3);
    zero.run();
    CHECK(orders_csv(plain) == orders_csv(zero));
    CHECK(riders_csv(plain) == riders_csv(zero));
    CHECK(zero.dispatch_offers_refused() == 0);
    CHECK(zero.dispatch_rider_give_backs() == 0);
    CHECK(zero.dispatch_offers() > 100);
  }
}

TEST_CASE("refusals and hand-backs do not reshuffle demand") {
  // Named random streams: the acceptance draws come from their own, so the same orders are
  // placed (time, merchant, customer, preparation, promise) whatever riders answer.
  ScenarioSpec spec = settling_city(DispatchStrategy::earliest_pickup);
  Simulation plain(spec, 5);
  plain.run();
  spec.dispatch.refusal_share = 0.5;
  spec.dispatch.rider_cancel_share = 0.3;
  Simulation choosy(spec, 5);
  choosy.run();
  REQUIRE(plain.orders().size() == choosy.orders().size());
  for (std::size_t i = 0; i < plain.orders().size(); ++i) {
    const Order& a = plain.orders()[i];
    const Order& b = choosy.orders()[i];
    INFO("order " << i);
    CHECK(a.placed_ms == b.placed_ms);
    CHECK(a.merchant == b.merchant);
    CHECK(a.customer == b.customer);
    CHECK(a.ready_ms == b.ready_ms);
    CHECK(a.promised_ms == b.promised_ms);
  }
  CHECK(orders_csv(plain) != orders_csv(choosy));  // but dispatch did change
}

TEST_CASE("half the offers are refused, and refused orders come back after the response time") {
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    ScenarioSpec spec = settling_city(strategy);
    spec.dispatch.refusal_share = 0.5;
    spec.dispatch.offer_response_ms = 45 * kMsPerSecond;
    const WatchedRun run = run_watched(spec, 2);
    const Simulation* sim = run.sim.get();
    const AcceptanceWatch* watch = run.watch;
    const double n = static_cast<double>(sim->dispatch_offers());
    const double refused = static_cast<double>(sim->dispatch_offers_refused());
    REQUIRE(n > 200);
    // Binomial(n, 1/2): within five standard deviations of n/2.
    CHECK(std::abs(refused - n / 2) <= 5 * std::sqrt(n / 4));
    // Every refused order came back, unless its customer gave up meanwhile; accepted offers
    // are exactly the assignments (bundles: at least one each).
    CHECK(watch->returned > 0);
    CHECK(watch->returned + watch->cancelled_awaiting_reply == watch->refused_orders);
    if (strategy == DispatchStrategy::batch) {
      CHECK(watch->assignments >= watch->offers - watch->refusals);
    } else {
      CHECK(watch->assignments == watch->offers - watch->refusals);
    }
    const RunSummary summary = summarize(*sim);
    CHECK(summary.dispatch_offers_refused == sim->dispatch_offers_refused());
    CHECK(summary.orders_delivered > 50);
  }
}

TEST_CASE("handed-back orders are dispatched again at once and end assigned or cancelled") {
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    ScenarioSpec spec = settling_city(strategy);
    spec.dispatch.rider_cancel_share = 0.3;
    const WatchedRun run = run_watched(spec, 4);
    const Simulation* sim = run.sim.get();
    const AcceptanceWatch* watch = run.watch;
    CHECK(watch->hand_backs > 10);
    CHECK(watch->hand_backs == sim->dispatch_rider_give_backs());
    CHECK(summarize(*sim).dispatch_rider_give_backs == watch->hand_backs);
    // No more hand-backs than draws could give: Binomial(assignments, 0.3), five sd above.
    const double a = static_cast<double>(watch->assignments);
    CHECK(static_cast<double>(watch->hand_backs) <= 0.3 * a + 5 * std::sqrt(a * 0.21));
    CHECK(watch->redispatched_at_once == watch->hand_backs);
    CHECK(watch->hand_backs_unresolved() == 0);
    CHECK(watch->reassigned_after_hand_back + watch->cancelled_after_hand_back ==
          watch->hand_backs);
    CHECK(watch->reassigned_after_hand_back > 0);
  }
}

TEST_CASE("a rider who hands an order back is not given it again at once") {
  // A hand-back models a breakdown or an emergency: the rider cannot do the job. Dispatching
  // the order again at once must not offer it to the same rider, who is usually the nearest
  // one with room (it just lost an order).
  for (const DispatchStrategy strategy : kStrategies) {
    INFO(std::string(to_string(strategy)));
    ScenarioSpec spec = settling_city(strategy);
    spec.dispatch.rider_cancel_share = 0.3;
    const WatchedRun run = run_watched(spec, 4);
    const AcceptanceWatch* watch = run.watch;
    REQUIRE(watch->hand_backs > 10);
    INFO(watch->straight_back << " of " << watch->hand_backs << " hand-backs");
    CHECK(watch->straight_back == 0);
  }
}

TEST_CASE("invariants hold on every scenario kind and strategy with refusals and hand-backs") {
  for (const auto& kind : testing::scenario_kinds()) {
    for (const DispatchStrategy strategy : kStrategies) {
      ScenarioSpec spec = kind.spec;
      spec.dispatch.strategy = strategy;
      spec.dispatch.refusal_share = 0.3;
      spec.dispatch.rider_cancel_share = 0.1;
      testing::run_and_check(kind.name + " / " + to_string(strategy) + " / acceptance", spec, 1);
    }
  }
}
