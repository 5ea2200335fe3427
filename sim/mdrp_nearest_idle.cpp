// nearest_idle: the MDRP baseline. Each order, when placed, goes to the idle on-shift courier
// who reaches its restaurant first, one order per trip. If no idle courier can pick it up
// before its off_time, the order waits; a courier who starts its shift or finishes its work
// takes the waiting order it can pick up earliest (ties: the earlier placed).
#include <limits>
#include <optional>

#include "mdrp_dispatch.hpp"

namespace knightsim::mdrp {
namespace {

class NearestIdlePolicy final : public Policy {
 public:
  explicit NearestIdlePolicy(DispatchState& state) : state_(state) {}

  void order_placed(std::size_t order, Halves now) override {
    const Place restaurant{Place::Kind::restaurant, state_.instance().orders[order].restaurant};
    std::optional<std::size_t> best;
    Halves best_arrival = std::numeric_limits<Halves>::max();
    for (std::size_t c = 0; c < state_.courier_count(); ++c) {
      if (!state_.on_shift(c, now) || !state_.idle(c, now)) continue;
      const Anchor from = state_.free_from(c, now);
      const Halves arrival = from.free + state_.geometry().travel(from.place, restaurant);
      if (arrival < best_arrival && pickup_of(order, from) < state_.off_time(c)) {
        best = c;
        best_arrival = arrival;
      }
    }
    if (best) commit(*best, order, now);
  }

  void courier_available(std::size_t courier, Halves now) override {
    if (!state_.on_shift(courier, now) || !state_.idle(courier, now)) return;
    const Anchor from = state_.free_from(courier, now);
    std::optional<std::size_t> best;
    Halves best_pickup = std::numeric_limits<Halves>::max();
    // waiting() is in placement order, so the strict comparison keeps the earlier placed.
    for (std::size_t o : state_.waiting()) {
      const Halves pickup = pickup_of(o, from);
      if (pickup < best_pickup && pickup < state_.off_time(courier)) {
        best = o;
        best_pickup = pickup;
      }
    }
    if (best) commit(courier, *best, now);
  }

 private:
  /// The pickup of `order` alone by a courier free at `from`.
  Halves pickup_of(std::size_t order, Anchor from) const {
    const MdrpOrder& o = state_.instance().orders[order];
    const Halves arrival =
        from.free +
        state_.geometry().travel(from.place, Place{Place::Kind::restaurant, o.restaurant});
    return std::max(arrival + state_.geometry().half_pickup(), halves(o.ready_min));
  }

  void commit(std::size_t courier, std::size_t order, Halves now) {
    Bundle bundle;
    bundle.restaurant = state_.instance().orders[order].restaurant;
    bundle.orders = {order};
    state_.append(courier, std::move(bundle), now);
  }

  DispatchState& state_;
};

}  // namespace

std::unique_ptr<Policy> make_nearest_idle_policy(DispatchState& state) {
  return std::make_unique<NearestIdlePolicy>(state);
}

}  // namespace knightsim::mdrp
