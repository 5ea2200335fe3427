// An example dispatcher, written as a researcher would write one (see docs/dispatchers.md).
// It is compiled into the test suite and run through the engine's invariant checks, so it
// stays correct as the interface evolves.
//
// Policy, "oldest first": orders are served strictly in the order customers placed them. A new
// order goes to the rider who can pick it up earliest, but only if no older order is waiting;
// a rider who gets room takes the oldest waiting order it can still reach in time.
// It is simple on purpose. Its pool is a plain list, scanned from the oldest: fine for an
// example, but the cost of a rider's search grows with the backlog, which the built-in
// dispatchers avoid with a spatial index.

#include <deque>
#include <limits>
#include <memory>

#include "knightsim/dispatcher.hpp"

namespace example {

using namespace knightsim;

class OldestFirstDispatcher final : public Dispatcher {
 public:
  void order_needs_rider(OrderId order, const DispatchView& view,
                         DispatchActions& actions) override {
    // Fairness first: while older orders wait, a new one joins the queue behind them.
    if (waiting_.empty()) {
      const RiderId rider = earliest_pickup_rider(order, view);
      if (rider != kNoId) {
        actions.assign(order, rider);  // the engine appends pickup and drop-off to its route
        return;
      }
    }
    waiting_.push_back(order);
  }

  void rider_has_room(RiderId rider, const DispatchView& view, DispatchActions& actions) override {
    // Take the oldest orders this rider can still pick up in time, while it has room.
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      const Rider& r = view.rider(rider);
      if (!r.on_shift || r.assigned_open >= r.capacity) return;
      if (view.appended_pickup(rider, *it).feasible()) {
        const OrderId order = *it;
        it = waiting_.erase(it);
        actions.assign(order, rider);
      } else {
        ++it;
      }
    }
  }

  void order_withdrawn(OrderId order) override {
    // The customer cancelled: the order must never be assigned again.
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
      if (*it == order) {
        waiting_.erase(it);
        return;
      }
    }
  }

  std::size_t backlog() const override { return waiting_.size(); }

 private:
  /// Riders with room are indexed by where their route ends (the grid) or listed apart when
  /// riding home; appended_pickup() says when each could pick the order up, if at all.
  static RiderId earliest_pickup_rider(OrderId order, const DispatchView& view) {
    RiderId best = kNoId;
    SimTime best_pickup = std::numeric_limits<SimTime>::max();
    auto consider = [&](std::uint32_t rider) {
      const PickupEstimate estimate = view.appended_pickup(rider, order);
      if (estimate.feasible() && estimate.pickup_ms < best_pickup) {
        best = rider;
        best_pickup = estimate.pickup_ms;
      }
    };
    for (RiderId rider : view.roaming_riders_with_room()) consider(rider);
    // Visit every rider with room (an example need not prune; see the built-in dispatchers
    // for a search that stops when no further ring can win).
    const Point merchant = view.merchant(view.order(order).merchant).location;
    view.riders_with_room().nearest_first(
        merchant, [](double /*ring_lower_bound_m*/) { return true; }, consider);
    return best;
  }

  std::deque<OrderId> waiting_;  ///< in the order customers placed them
};

std::unique_ptr<Dispatcher> make_oldest_first_dispatcher() {
  return std::make_unique<OldestFirstDispatcher>();
}

}  // namespace example
