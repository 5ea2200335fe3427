// Earliest feasible pickup (and its idle-riders-only variant, nearest idle), searched
// nearest-first over the spatial index.
#include <cassert>
#include <limits>
#include <optional>

#include "dispatch_support.hpp"
#include "knightsim/dispatcher.hpp"

namespace knightsim {
namespace {

/// Best candidate so far in a nearest-first search.
template <class Id>
struct BestPickup {
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

class EarliestPickupDispatcher final : public Dispatcher {
 public:
  /// idle_riders_only: consider only riders with no order (one order per trip) — nearest idle.
  explicit EarliestPickupDispatcher(bool idle_riders_only) : idle_riders_only_(idle_riders_only) {}

  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    const Order& order = view.order(o);
    const Point merchant_at = view.merchant(order.merchant).location;
    BestPickup<RiderId> best;
    // For one order, pickup = max(arrival, ready) + service grows with arrival, so "earliest
    // pickup, then earliest arrival" is simply "earliest arrival".
    const auto consider = [&](RiderId r) {
      const Rider& rider = view.rider(r);
      if (idle_riders_only_ && rider.assigned_open > 0) return;
      // A straight-line bound first: it rules most candidates out for less than a route.
      const FreeFrom from = free_from(rider, view.now());
      const SimTime earliest =
          from.at_ms + view.travel_time_lower_bound_ms(euclidean_m(from.location, merchant_at));
      if (earliest > rider.shift_end_ms || earliest > order.patience_deadline_ms) return;
      if (best.id != kNoId && earliest > best.estimate.arrive_ms) return;
      best.offer(r, view.appended_pickup(r, o));
    };
    // Riders riding home are few and on the move: check each.
    for (RiderId r : view.roaming_riders_with_room()) consider(r);
    // The others, ring by ring out from the merchant. They are indexed where their route ends
    // and get there no earlier than now, so a ring's distance bound gives the earliest arrival
    // of anyone in it or beyond.
    view.riders_with_room().nearest_first(
        merchant_at,
        [&](double ring_lower_bound_m) {
          const SimTime earliest = view.now() + view.travel_time_lower_bound_ms(ring_lower_bound_m);
          if (earliest > order.patience_deadline_ms) return false;  // nobody further makes it
          return best.id == kNoId || earliest <= best.estimate.arrive_ms;
        },
        consider);
    if (best.id != kNoId) {
      actions.assign(o, best.id);
      return;
    }
    pending(view).insert(o, merchant_at);
  }

  void rider_has_room(RiderId r, const DispatchView& view, DispatchActions& actions) override {
    while (pending_ && pending_->size() > 0) {
      const Rider& rider = view.rider(r);
      if (!rider.on_shift || rider.assigned_open >= rider.capacity) return;
      if (idle_riders_only_ && rider.assigned_open > 0) return;  // one order per trip
      const FreeFrom from = free_from(rider, view.now());
      BestPickup<OrderId> best;
      pending_->nearest_first(
          from.location,
          [&](double ring_lower_bound_m) {
            // Orders differ in ready time, so only the pickup bound is safe here: nobody
            // picks up before arriving.
            const SimTime earliest =
                from.at_ms + view.travel_time_lower_bound_ms(ring_lower_bound_m);
            if (earliest > rider.shift_end_ms) return false;  // too far to pick up on shift
            return best.id == kNoId || earliest <= best.estimate.pickup_ms;
          },
          [&](std::uint32_t o) {
            // Straight-line bound first: most of a large pool is out of this rider's reach in
            // time, and saying so must cost less than routing to it.
            const Order& order = view.order(o);
            const SimTime earliest =
                from.at_ms + view.travel_time_lower_bound_ms(euclidean_m(
                                 from.location, view.merchant(order.merchant).location));
            if (earliest > order.patience_deadline_ms || earliest > rider.shift_end_ms) return;
            if (best.id != kNoId && std::max(earliest, order.ready_ms) > best.estimate.pickup_ms) {
              return;
            }
            best.offer(o, view.appended_pickup(r, o));
          });
      if (best.id == kNoId) return;
      pending_->remove(best.id);
      actions.assign(best.id, r);
    }
  }

  void order_withdrawn(OrderId o) override {
    if (pending_) pending_->remove(o);
  }

  std::size_t backlog() const override { return pending_ ? pending_->size() : 0; }

 private:
  SpatialGrid& pending(const DispatchView& view) {
    if (!pending_) pending_.emplace(view.make_grid());
    return *pending_;
  }

  /// Orders no rider could take when they needed one, at their merchant's location.
  std::optional<SpatialGrid> pending_;
  bool idle_riders_only_;
};

}  // namespace

std::unique_ptr<Dispatcher> make_earliest_pickup_dispatcher() {
  return std::make_unique<EarliestPickupDispatcher>(false);
}

std::unique_ptr<Dispatcher> make_nearest_idle_dispatcher() {
  return std::make_unique<EarliestPickupDispatcher>(true);
}

std::unique_ptr<Dispatcher> make_dispatcher(const DispatchSpec& spec) {
  switch (spec.strategy) {
    case DispatchStrategy::earliest_pickup:
      return make_earliest_pickup_dispatcher();
    case DispatchStrategy::nearest_idle:
      return make_nearest_idle_dispatcher();
    case DispatchStrategy::insertion:
      return make_insertion_dispatcher();
    case DispatchStrategy::batch:
      return make_batch_dispatcher(spec);
  }
  return make_earliest_pickup_dispatcher();
}

}  // namespace knightsim
