// Periodic batch matching, as large platforms dispatch: orders wait for the next round; each
// round bundles the pending orders near riders with room and solves a min-cost assignment of
// bundles to riders.
#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

#include "dispatch_support.hpp"
#include "knightsim/assignment.hpp"
#include "knightsim/dispatcher.hpp"

namespace knightsim {
namespace {

/// Pending orders each rider looks at per round, nearest merchants first. This, not the
/// backlog, bounds a round's work: a round costs O(riders with room × kOrdersPerRider).
constexpr int kOrdersPerRider = 8;
/// Searching from an order: riders looked at per order, busy ones included.
constexpr int kBusyRidersCap = 4 * kOrdersPerRider;
/// Searching from an order: idle riders looked at per order. More than kOrdersPerRider because
/// orders of one busy street compete for the same nearest riders.
constexpr int kIdleRidersPerOrder = 16;
/// Items a candidate search looks at, whatever it finds: when everything near is out of reach
/// (a rider about to go home, a street of riders all full), the search gives up rather than
/// scan the city.
constexpr int kVisitCap = 128;
/// Per minute an order has waited, its arcs cost this much less: when riders are short, the
/// orders that have waited longest go first.
constexpr double kAgePriority = 0.5;
/// Orders ride together only if their food is ready within this window of the bundle's first
/// (orders are bundled in order of ready time).
constexpr SimTime kBundleReadyWindowMs = 10 * kMsPerMinute;
/// A drop-off is "along the way" to another when going through it makes the trip at most this
/// much longer (straight lines).
constexpr double kAlongTheWay = 1.2;
/// Lateness weighs twice as much as time (as for insertion).
constexpr double kLatenessWeight = 2.0;
/// Leaving a bundle for the next round costs this much per order: more than any sensible
/// match, so a bundle waits only when no rider can take it.
constexpr double kUnassignedMinutesPerOrder = 600.0;

struct Bundle {
  MerchantId merchant = kNoId;
  std::vector<OrderId> orders;  ///< in drop-off sequence
};

class BatchDispatcher final : public Dispatcher {
 public:
  explicit BatchDispatcher(const DispatchSpec& spec) : spec_(spec) {}

  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions&) override {
    pending(view).insert(o, view.merchant(view.order(o).merchant).location);
    pending_ids_.push_back(o);
  }
  void rider_has_room(RiderId r, const DispatchView&, DispatchActions&) override {
    if (r >= listed_.size()) listed_.resize(r + 1, false);
    if (!listed_[r]) {
      listed_[r] = true;
      riders_.push_back(r);
    }
  }
  void order_withdrawn(OrderId o) override {
    if (pending_) pending_->remove(o);
  }
  std::size_t backlog() const override { return pending_ ? pending_->size() : 0; }
  SimTime tick_interval_ms() const override { return spec_.batch_interval_ms; }

  void on_tick(const DispatchView& view, DispatchActions& actions) override {
    if (!pending_ || pending_->size() == 0) return;
    // Riders with room, in id order (the list only grows between rounds; stale entries go).
    std::erase_if(riders_, [&](RiderId r) {
      const bool keep = has_room(view.rider(r));
      if (!keep) listed_[r] = false;
      return !keep;
    });
    std::sort(riders_.begin(), riders_.end());
    if (riders_.empty()) return;
    // Ids of orders that left the pool are dropped when they are at least half the list, so
    // the clean-up is amortised over the departures rather than paid every round.
    if (pending_ids_.size() >= 2 * pending_->size()) {
      std::erase_if(pending_ids_, [&](OrderId o) { return !pending_->contains(o); });
    }
    if (column_of_rider_.size() < static_cast<std::size_t>(riders_.back()) + 1) {
      column_of_rider_.resize(static_cast<std::size_t>(riders_.back()) + 1, kUnassigned);
    }
    for (std::uint32_t k = 0; k < riders_.size(); ++k) column_of_rider_[riders_[k]] = k;

    // 1. Candidate pairs, searched from whichever side is smaller, so a round costs
    //    O(min(riders with room, pending orders) × kOrdersPerRider): a large backlog with few
    //    free riders, or a large idle fleet with few orders, are both cheap.
    near_.assign(riders_.size(), {});
    std::vector<OrderId> candidates;
    if (pending_ids_.size() < riders_.size()) {
      // (An order that left and came back, e.g. refused, is listed twice until now.)
      std::erase_if(pending_ids_, [&](OrderId o) { return !pending_->contains(o); });
      std::sort(pending_ids_.begin(), pending_ids_.end());
      pending_ids_.erase(std::unique(pending_ids_.begin(), pending_ids_.end()), pending_ids_.end());
      find_riders_near_orders(view, candidates);
    } else {
      find_orders_near_riders(view, candidates);
    }
    for (RiderId r : riders_) column_of_rider_[r] = kUnassigned;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    // 2. Bundles: per merchant, by ready time; drop-offs close to the bundle's first.
    // Bundle only as much as the fleet is short (Reyes et al. 2018's target bundle size):
    // with a free rider for every order, a bundle only makes its second customer wait.
    std::size_t idle = 0;
    for (RiderId r : riders_) idle += view.rider(r).route.empty() ? 1U : 0U;
    const std::size_t target =
        (candidates.size() + std::max<std::size_t>(idle, 1) - 1) / std::max<std::size_t>(idle, 1);
    const int bundle_size = static_cast<int>(
        std::clamp<std::size_t>(target, 1, static_cast<std::size_t>(spec_.max_bundle_size)));
    std::vector<Bundle> bundles = make_bundles(view, candidates, bundle_size);
    std::unordered_map<OrderId, std::uint32_t> bundle_of;
    for (std::uint32_t b = 0; b < bundles.size(); ++b) {
      for (OrderId o : bundles[b].orders) bundle_of[o] = b;
    }

    // 3. Arcs: a rider and each bundle holding one of its nearest orders, costed by the
    //    engine's timing of the rider's route with the bundle appended.
    std::vector<std::vector<std::uint32_t>> columns_of(bundles.size());
    for (std::uint32_t k = 0; k < riders_.size(); ++k) {
      for (OrderId o : near_[k]) columns_of[bundle_of.at(o)].push_back(k);
    }
    AssignmentProblem problem;
    problem.columns = static_cast<std::uint32_t>(riders_.size());
    const std::size_t formed = bundles.size();
    for (std::uint32_t b = 0; b < bundles.size(); ++b) {
      std::vector<std::uint32_t> columns =
          b < formed ? std::move(columns_of[b]) : std::vector<std::uint32_t>{};
      if (b >= formed) columns = split_columns_[b - formed];
      std::sort(columns.begin(), columns.end());
      columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
      const std::size_t arcs_before = problem.arcs.size();
      for (std::uint32_t k : columns) {
        if (const auto cost = arc_cost_min(view, riders_[k], bundles[b]))
          problem.arcs.push_back({b, k, *cost});
      }
      if (problem.arcs.size() == arcs_before && bundles[b].orders.size() > 1) {
        // Nobody near can take the whole bundle (capacity, shift end): its orders compete
        // alone instead, or the bundle would wait for ever for a rider who never comes.
        // (Moved out first: push_back may reallocate `bundles` under a loop over it.)
        const std::vector<OrderId> split = std::move(bundles[b].orders);
        const MerchantId merchant = bundles[b].merchant;
        bundles[b].orders.clear();
        for (OrderId o : split) {
          bundles.push_back({merchant, {o}});
          split_columns_.push_back(columns);
        }
      }
    }
    split_columns_.clear();
    problem.rows = static_cast<std::uint32_t>(bundles.size());
    for (const Bundle& bundle : bundles) {
      // An emptied (split) bundle has no arcs and costs nothing to leave.
      problem.unassigned_cost.push_back(kUnassignedMinutesPerOrder *
                                        static_cast<double>(bundle.orders.size()));
    }
    if (problem.arcs.empty()) return;

    // 4. Solve and hand out.
    const AssignmentSolution solution = solve_assignment(problem);
    for (std::uint32_t b = 0; b < bundles.size(); ++b) {
      const std::uint32_t k = solution.column_of_row[b];
      if (k == kUnassigned) continue;
      for (OrderId o : bundles[b].orders) pending_->remove(o);
      // A refused offer comes back through order_needs_rider, into the pool again.
      actions.assign_bundle(bundles[b].orders, riders_[k]);
    }
  }

 private:
  /// Each rider's nearest pending orders, by merchant: those within the radius, and at least
  /// the nearest two wherever they are (so an order no rider is near is still seen).
  void find_orders_near_riders(const DispatchView& view, std::vector<OrderId>& candidates) {
    for (std::size_t k = 0; k < riders_.size(); ++k) {
      const Rider& rider = view.rider(riders_[k]);
      const FreeFrom from = free_from(rider, view.now());
      int found = 0;
      int visited = 0;
      pending_->nearest_first(
          from.location,
          [&](double lower_bound_m) {
            // Nobody further out can be picked up before this rider's shift ends.
            if (from.at_ms + view.travel_time_lower_bound_ms(lower_bound_m) >= rider.shift_end_ms)
              return false;
            return found < kOrdersPerRider && visited < kVisitCap &&
                   (lower_bound_m <= spec_.batch_radius_m || found < 2);
          },
          [&](std::uint32_t o) {
            if (found >= kOrdersPerRider || visited++ >= kVisitCap) return;
            const double d =
                euclidean_m(from.location, view.merchant(view.order(o).merchant).location);
            if (d > spec_.batch_radius_m && found >= 2) return;
            if (!may_pick_up(view, view.rider(riders_[k]), from, d, view.order(o))) return;
            ++found;
            near_[k].push_back(o);
            candidates.push_back(o);
          });
    }
  }

  /// The mirror image: each pending order's nearest riders with room (by where their routes
  /// end; riders riding home are checked one by one), same radius rule. Only idle riders count
  /// towards the quota — busy riders whose routes end nearby are taken along (up to a cap) but
  /// must not crowd out the idle rider round the corner.
  void find_riders_near_orders(const DispatchView& view, std::vector<OrderId>& candidates) {
    for (OrderId o : pending_ids_) {
      const Point merchant_at = view.merchant(view.order(o).merchant).location;
      int found = 0;
      int busy_taken = 0;
      int visited = 0;
      const auto take = [&](RiderId r) {
        if (r >= column_of_rider_.size() || column_of_rider_[r] == kUnassigned) return;
        const Rider& rider = view.rider(r);
        const FreeFrom from = free_from(rider, view.now());
        const double d = euclidean_m(from.location, merchant_at);
        if (d > spec_.batch_radius_m && found >= 2) return;
        // Riders who cannot make the pickup before their shift ends do not count: an order
        // whose nearest riders are all going home must still find one who is not.
        if (!may_pick_up(view, rider, from, d, view.order(o))) return;
        if (rider.route.empty()) {
          ++found;
        } else if (busy_taken++ >= kBusyRidersCap) {
          return;
        }
        near_[column_of_rider_[r]].push_back(o);
        candidates.push_back(o);
      };
      for (RiderId r : nearest_roaming_riders(view, merchant_at, kIdleRidersPerOrder)) take(r);
      view.riders_with_room().nearest_first(
          merchant_at,
          [&](double lower_bound_m) {
            if (view.now() + view.travel_time_lower_bound_ms(lower_bound_m) >=
                view.order(o).patience_deadline_ms)
              return false;  // nobody further out reaches the merchant in time
            return found < kIdleRidersPerOrder && visited < kVisitCap &&
                   (lower_bound_m <= spec_.batch_radius_m || found < 2);
          },
          [&](RiderId r) {
            if (found < kIdleRidersPerOrder && visited++ < kVisitCap) take(r);
          });
    }
  }

  /// A necessary condition for a feasible pickup, from straight-line bounds: cheap enough to
  /// filter candidates before the engine times a route.
  static bool may_pick_up(const DispatchView& view, const Rider& rider, const FreeFrom& from,
                          double straight_m, const Order& order) {
    const SimTime earliest =
        std::max(from.at_ms + view.travel_time_lower_bound_ms(straight_m), order.ready_ms);
    return earliest < rider.shift_end_ms && earliest < order.patience_deadline_ms;
  }

  std::vector<Bundle> make_bundles(const DispatchView& view, std::vector<OrderId> orders,
                                   int bundle_size) const {
    std::sort(orders.begin(), orders.end(), [&](OrderId a, OrderId b) {
      const Order& x = view.order(a);
      const Order& y = view.order(b);
      if (x.merchant != y.merchant) return x.merchant < y.merchant;
      return x.ready_ms != y.ready_ms ? x.ready_ms < y.ready_ms : a < b;
    });
    std::vector<Bundle> bundles;
    std::vector<bool> taken(orders.size(), false);
    for (std::size_t i = 0; i < orders.size(); ++i) {
      if (taken[i]) continue;
      taken[i] = true;
      Bundle bundle;
      const Order& seed = view.order(orders[i]);
      bundle.merchant = seed.merchant;
      bundle.orders.push_back(orders[i]);
      for (std::size_t j = i + 1;
           j < orders.size() && view.order(orders[j]).merchant == seed.merchant; ++j) {
        if (static_cast<int>(bundle.orders.size()) >= bundle_size) break;
        if (taken[j]) continue;
        // Food ready much later would keep the first order waiting in the bag.
        if (view.order(orders[j]).ready_ms - seed.ready_ms > kBundleReadyWindowMs) break;
        if (!ride_together(view.merchant(seed.merchant).location, seed.customer,
                           view.order(orders[j]).customer))
          continue;
        taken[j] = true;
        bundle.orders.push_back(orders[j]);
      }
      sequence_dropoffs(view, bundle);
      bundles.push_back(std::move(bundle));
    }
    return bundles;
  }

  /// Two drop-offs from one merchant ride together when they are close (bundle_radius_m) or
  /// one lies along the way to the other: reaching the far one through the near one is at
  /// most kAlongTheWay times the direct distance.
  bool ride_together(Point merchant, Point a, Point b) const {
    if (euclidean_m(a, b) <= spec_.bundle_radius_m) return true;
    const double to_a = euclidean_m(merchant, a), to_b = euclidean_m(merchant, b);
    const double via = std::min(to_a, to_b) + euclidean_m(a, b);
    return via <= kAlongTheWay * std::max(to_a, to_b);
  }

  /// Nearest neighbour from the merchant: good enough for three stops, and cheap.
  static void sequence_dropoffs(const DispatchView& view, Bundle& bundle) {
    Point at = view.merchant(bundle.merchant).location;
    for (std::size_t i = 0; i < bundle.orders.size(); ++i) {
      std::size_t nearest = i;
      for (std::size_t j = i + 1; j < bundle.orders.size(); ++j) {
        if (euclidean_m(at, view.order(bundle.orders[j]).customer) <
            euclidean_m(at, view.order(bundle.orders[nearest]).customer))
          nearest = j;
      }
      std::swap(bundle.orders[i], bundle.orders[nearest]);
      at = view.order(bundle.orders[i]).customer;
    }
  }

  /// Minutes, all counted from now: what has already been waited is sunk and must not make
  /// an old order dearer to serve than to leave (it would then wait for ever): the bundle's
  /// time to the door, the delay to the rider's other drop-offs, lateness still to come
  /// (twice), a tenth of the rider's extra time (a quarter, as insertion uses, made
  /// click-to-door worse on every test scenario), less a priority for orders that have
  /// waited. Nothing when the rider lacks room or a pickup would miss a deadline.
  std::optional<double> arc_cost_min(const DispatchView& view, RiderId r, const Bundle& bundle) {
    const Rider& rider = view.rider(r);
    if (rider.assigned_open + static_cast<int>(bundle.orders.size()) > rider.capacity)
      return std::nullopt;
    const RoutePlan base = view.plan_route(r, rider.route);
    if (!base.feasible) return std::nullopt;
    route_.assign(rider.route.begin(), rider.route.end());
    const Point merchant_at = view.merchant(bundle.merchant).location;
    const SimTime now = view.now();
    SimTime waited = 0;
    SimTime late_already = 0;  // lateness the bundle's orders have run up by now
    for (OrderId o : bundle.orders) {
      route_.push_back({o, StopKind::pickup, merchant_at});
      waited += now - view.order(o).placed_ms;
      late_already += std::max<SimTime>(0, now - view.order(o).promised_ms);
    }
    for (OrderId o : bundle.orders)
      route_.push_back({o, StopKind::dropoff, view.order(o).customer});
    const RoutePlan plan = view.plan_route(r, route_);
    if (!plan.feasible) return std::nullopt;
    const SimTime base_finish = rider.route.empty() ? view.now() : base.finish_ms;
    const auto orders = static_cast<SimTime>(bundle.orders.size());
    const double ms =
        static_cast<double>(plan.dropoff_sum_ms - base.dropoff_sum_ms - orders * now) +
        kLatenessWeight * static_cast<double>(plan.lateness_ms - base.lateness_ms - late_already) +
        0.1 * static_cast<double>(plan.finish_ms - base_finish) -
        kAgePriority * static_cast<double>(waited);
    return ms / static_cast<double>(kMsPerMinute);
  }

  SpatialGrid& pending(const DispatchView& view) {
    if (!pending_) pending_.emplace(view.make_grid());
    return *pending_;
  }

  DispatchSpec spec_;
  std::optional<SpatialGrid> pending_;      ///< orders waiting for a round, at their merchant
  std::vector<RiderId> riders_;             ///< riders who said they have room (some may not now)
  std::vector<bool> listed_;                ///< per rider: in riders_
  std::vector<std::vector<OrderId>> near_;  ///< per rider this round: nearest pending orders
  std::vector<OrderId> pending_ids_;        ///< pending_'s orders (some may have left it)
  std::vector<std::uint32_t> column_of_rider_;             ///< per rider id, during a round
  std::vector<std::vector<std::uint32_t>> split_columns_;  ///< candidates of split bundles
  std::vector<Stop> route_;                                ///< scratch route, reused
};

}  // namespace

std::unique_ptr<Dispatcher> make_batch_dispatcher(const DispatchSpec& spec) {
  return std::make_unique<BatchDispatcher>(spec);
}

}  // namespace knightsim
