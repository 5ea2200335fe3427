// insertion: each order, when placed, goes where it adds the least cost to a courier's plan.
//
// Options, for every on-shift courier:
//   - append it as a new single-order bundle after the courier's committed work;
//   - add it to a committed bundle of the same restaurant that the courier has not yet left
//     for (at most max_bundle_size orders), re-sequencing that bundle's drop-offs; the bundles
//     after it shift.
// An option is feasible if every pickup it times stays before the courier's off_time and no
// order already planned gets its drop-off more than kInsertionMaxDelay later. Its cost, in
// minutes, is
//     Σ over the orders whose drop-off it moves (the new one included) of
//         (drop-off later by) + kInsertionLatenessWeight × (overage beyond the target later by)
// where the new order's drop-off counts from its placement (its click-to-door). The cheapest
// option wins (ties: lower courier index, then append before add, then the earlier bundle).
// An order with no feasible option waits and is offered again whenever a courier starts its
// shift or finishes its work: a plan's end only gets later, but it may move nearer to the
// waiting order's restaurant.
#include <algorithm>
#include <limits>
#include <optional>

#include "mdrp_dispatch.hpp"

namespace knightsim::mdrp {
namespace {

/// A planned order's drop-off may get at most this much later to make room for a new order.
constexpr Halves kInsertionMaxDelay = halves(10);
/// Minutes beyond the click-to-door target count this much extra.
constexpr Halves kInsertionLatenessWeight = 1;

class InsertionPolicy final : public Policy {
 public:
  explicit InsertionPolicy(DispatchState& state) : state_(state) {}

  void order_placed(std::size_t order, Halves now) override { offer(order, now); }

  void courier_available(std::size_t courier, Halves now) override {
    if (!state_.on_shift(courier, now)) return;
    const std::vector<std::size_t> waiting = state_.waiting();
    for (std::size_t o : waiting) offer(o, now);
  }

 private:
  struct Option {
    Halves cost = std::numeric_limits<Halves>::max();
    std::size_t courier = 0;
    std::size_t first_changed = 0;  ///< index of the first bundle replaced by `bundles`
    std::vector<Bundle> bundles;    ///< the courier's bundles from first_changed on
  };

  Halves overage(std::size_t order, Halves dropoff) const {
    const MdrpOrder& o = state_.instance().orders[order];
    const Halves target =
        halves(o.placement_min + state_.instance().parameters.target_click_to_door_min);
    return std::max<Halves>(0, dropoff - target);
  }

  void offer(std::size_t order, Halves now) {
    Option best;
    for (std::size_t c = 0; c < state_.courier_count(); ++c) {
      if (!state_.on_shift(c, now)) continue;
      state_.freeze_departed(c, now);
      consider_append(order, c, now, best);
      const CourierPlan& plan = state_.plan(c);
      for (std::size_t k = plan.first_open; k < plan.bundles.size(); ++k) {
        consider_add(order, c, k, now, best);
      }
    }
    if (best.bundles.empty()) return;  // nothing feasible: it keeps waiting
    CourierPlan& plan = state_.plan_to_change(best.courier);
    plan.bundles.resize(best.first_changed);
    for (Bundle& bundle : best.bundles) plan.bundles.push_back(std::move(bundle));
    state_.remove_waiting({order});
  }

  void consider_append(std::size_t order, std::size_t c, Halves now, Option& best) const {
    const MdrpOrder& o = state_.instance().orders[order];
    Bundle bundle;
    bundle.restaurant = o.restaurant;
    bundle.orders = {order};
    bundle.assigned = now;
    schedule(state_.geometry(), state_.plan(c).end(state_.geometry(), c), bundle);
    if (bundle.pickup >= state_.off_time(c)) return;
    const Halves cost = bundle.dropoffs[0] - halves(o.placement_min) +
                        kInsertionLatenessWeight * overage(order, bundle.dropoffs[0]);
    if (cost < best.cost) {
      const CourierPlan& plan = state_.plan(c);
      best = Option{cost, c, plan.bundles.size(), {std::move(bundle)}};
    }
  }

  void consider_add(std::size_t order, std::size_t c, std::size_t k, Halves now,
                    Option& best) const {
    const CourierPlan& plan = state_.plan(c);
    const Bundle& target = plan.bundles[k];
    if (target.restaurant != state_.instance().orders[order].restaurant ||
        target.orders.size() >= static_cast<std::size_t>(state_.options().max_bundle_size)) {
      return;
    }
    std::vector<Bundle> trial(plan.bundles.begin() + static_cast<std::ptrdiff_t>(k),
                              plan.bundles.end());
    trial[0].orders.push_back(order);
    trial[0].assigned = now;
    sequence_and_schedule(state_.geometry(), plan.anchor_before(state_.geometry(), c, k), trial[0]);
    for (std::size_t j = 1; j < trial.size(); ++j) {
      schedule(state_.geometry(), anchor_after(trial[j - 1]), trial[j]);
    }
    Halves cost = 0;
    for (std::size_t j = 0; j < trial.size(); ++j) {
      if (trial[j].pickup >= state_.off_time(c)) return;
      const Bundle& before = plan.bundles[k + j];
      for (std::size_t i = 0; i < trial[j].orders.size(); ++i) {
        const std::size_t o = trial[j].orders[i];
        const Halves dropoff = trial[j].dropoffs[i];
        if (o == order) {
          cost += dropoff - halves(state_.instance().orders[o].placement_min) +
                  kInsertionLatenessWeight * overage(o, dropoff);
          continue;
        }
        const auto at = std::find(before.orders.begin(), before.orders.end(), o);
        const Halves old_dropoff =
            before.dropoffs[static_cast<std::size_t>(at - before.orders.begin())];
        if (dropoff - old_dropoff > kInsertionMaxDelay) return;
        cost += dropoff - old_dropoff +
                kInsertionLatenessWeight * (overage(o, dropoff) - overage(o, old_dropoff));
      }
    }
    if (cost < best.cost) best = Option{cost, c, k, std::move(trial)};
  }

  DispatchState& state_;
};

}  // namespace

std::unique_ptr<Policy> make_insertion_policy(DispatchState& state) {
  return std::make_unique<InsertionPolicy>(state);
}

}  // namespace knightsim::mdrp
