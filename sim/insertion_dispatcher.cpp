// Insertion: each order goes into the rider route where it costs least, every pickup and
// drop-off position tried, feasibility checked by the engine's own route timing.
#include <algorithm>
#include <optional>
#include <vector>

#include "dispatch_support.hpp"
#include "knightsim/dispatcher.hpp"

namespace knightsim {
namespace {

/// Riders evaluated per order: the nearest by where their routes end. Evaluating a rider costs
/// O(stops³) route timings, so the search is capped rather than exhaustive; a rider whose route
/// passes the merchant but ends far away may be missed (documented in docs/dispatchers.md).
constexpr int kCandidateRiders = 12;
/// Lateness weighs twice as much as time: a late order is a broken promise, a minute added to
/// an on-time order is not.
constexpr double kLatenessWeight = 2.0;

/// Per minute an order has waited, its insertions cost this much less (as in batch): a rider
/// drawing from the pool takes the order that has waited longest, other things equal.
constexpr double kAgePriority = 0.5;

/// The cheapest way to put one order into one rider's route.
struct Insertion {
  RiderId rider = kNoId;
  double cost = 0.0;
  std::vector<Stop> route;
};

class InsertionDispatcher final : public Dispatcher {
 public:
  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    const Order& order = view.order(o);
    const Point merchant_at = view.merchant(order.merchant).location;
    Insertion best;
    int evaluated = 0;
    for (RiderId r : nearest_roaming_riders(view, merchant_at, kCandidateRiders)) {
      consider(view, o, r, best);
    }
    view.riders_with_room().nearest_first(
        merchant_at,
        [&](double ring_lower_bound_m) {
          const SimTime earliest = view.now() + view.travel_time_lower_bound_ms(ring_lower_bound_m);
          if (earliest > order.patience_deadline_ms) return false;
          return evaluated < kCandidateRiders;
        },
        [&](RiderId r) {
          if (evaluated >= kCandidateRiders) return;
          ++evaluated;
          consider(view, o, r, best);
        });
    if (best.rider != kNoId) {
      actions.assign_with_route(o, best.rider, best.route);
      return;
    }
    pending(view).insert(o, merchant_at);
  }

  void rider_has_room(RiderId r, const DispatchView& view, DispatchActions& actions) override {
    // The rider draws from the pool while it has room: each time the pooled order (of the
    // nearest few) that it can fit in most cheaply.
    while (pending_ && pending_->size() > 0 && has_room(view.rider(r))) {
      const FreeFrom from = free_from(view.rider(r), view.now());
      OrderId best_order = kNoId;
      Insertion best;
      int evaluated = 0;
      pending_->nearest_first(
          from.location, [&](double) { return evaluated < kCandidateRiders; },
          [&](std::uint32_t o) {
            if (evaluated >= kCandidateRiders) return;
            ++evaluated;
            const RiderId before = best.rider;
            const double cost_before = best.cost;
            consider(view, o, r, best);
            if (best.rider != before || best.cost != cost_before) best_order = o;
          });
      if (best_order == kNoId) return;
      pending_->remove(best_order);
      actions.assign_with_route(best_order, r, best.route);
    }
  }

  void order_withdrawn(OrderId o) override {
    if (pending_) pending_->remove(o);
  }
  std::size_t backlog() const override { return pending_ ? pending_->size() : 0; }

 private:
  /// Tries every feasible placement of o in r's route; keeps it in `best` if cheaper.
  void consider(const DispatchView& view, OrderId o, RiderId r, Insertion& best) {
    const Rider& rider = view.rider(r);
    if (!has_room(rider)) return;
    const Order& order = view.order(o);
    const std::vector<Stop>& route = rider.route;
    const RoutePlan base = view.plan_route(r, route);
    // A route that already misses a deadline (the weather turned) has no cost to compare with.
    if (!base.feasible) return;
    const SimTime base_finish = route.empty() ? view.now() : base.finish_ms;
    const Stop pickup{o, StopKind::pickup, view.merchant(order.merchant).location};
    const Stop dropoff{o, StopKind::dropoff, order.customer};
    const std::size_t first = view.serving_first_stop(r) ? 1 : 0;
    const std::size_t n = route.size();
    for (std::size_t i = first; i <= n; ++i) {
      for (std::size_t j = i; j <= n; ++j) {
        // candidate = route[0..i) + pickup + route[i..j) + dropoff + route[j..n)
        candidate_.clear();
        candidate_.insert(candidate_.end(), route.begin(), route.begin() + static_cast<long>(i));
        candidate_.push_back(pickup);
        candidate_.insert(candidate_.end(), route.begin() + static_cast<long>(i),
                          route.begin() + static_cast<long>(j));
        candidate_.push_back(dropoff);
        candidate_.insert(candidate_.end(), route.begin() + static_cast<long>(j), route.end());
        const RoutePlan plan = view.plan_route(r, candidate_);
        if (!plan.feasible) continue;
        // Added cost: the new order's click-to-door, the delay it causes to every other
        // drop-off, extra lateness, and (a little) the rider's extra time on the road.
        // Counted from now: time already waited and lateness already run up are sunk (were
        // they counted, a rider drawing from the pool would take the newest order first and
        // old ones would wait for ever); instead waiting earns priority, as in batch.
        const SimTime now = view.now();
        const double added_dropoff_ms =
            static_cast<double>(plan.dropoff_sum_ms - base.dropoff_sum_ms - now);
        const double added_lateness_ms = static_cast<double>(
            plan.lateness_ms - base.lateness_ms - std::max<SimTime>(0, now - order.promised_ms));
        const double added_time_ms = static_cast<double>(plan.finish_ms - base_finish);
        const double cost = added_dropoff_ms + kLatenessWeight * added_lateness_ms +
                            0.25 * added_time_ms -
                            kAgePriority * static_cast<double>(now - order.placed_ms);
        if (best.rider == kNoId || cost < best.cost || (cost == best.cost && r < best.rider)) {
          best.rider = r;
          best.cost = cost;
          best.route = candidate_;
        }
      }
    }
  }

  SpatialGrid& pending(const DispatchView& view) {
    if (!pending_) pending_.emplace(view.make_grid());
    return *pending_;
  }

  std::optional<SpatialGrid> pending_;  ///< orders no rider could take, at their merchant
  std::vector<Stop> candidate_;         ///< scratch route, reused
};

}  // namespace

std::unique_ptr<Dispatcher> make_insertion_dispatcher() {
  return std::make_unique<InsertionDispatcher>();
}

}  // namespace knightsim
