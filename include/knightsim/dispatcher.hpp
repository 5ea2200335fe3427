#pragma once
/// Dispatch: the strategy that matches orders to riders. The engine tells a dispatcher when an
/// order needs a rider and when a rider has room for more; the dispatcher answers through
/// DispatchActions. It reads the world only through DispatchView and keeps its own pool of
/// orders it could not place yet.

#include <memory>
#include <span>

#include "knightsim/ids.hpp"
#include "knightsim/merchant.hpp"
#include "knightsim/order.hpp"
#include "knightsim/rider.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/spatial_grid.hpp"

namespace knightsim {

/// When a rider could reach an order's merchant and pick the order up.
struct PickupEstimate {
  SimTime arrive_ms = kNever;  ///< at the merchant
  SimTime pickup_ms = kNever;  ///< order in hand (service done, not before it is ready)
  bool feasible() const { return pickup_ms != kNever; }
  /// Earlier pickup first; at equal pickup (the food is the bottleneck) the rider who gets
  /// there sooner, i.e. rides fewer empty kilometres.
  bool better_than(const PickupEstimate& other) const {
    return pickup_ms != other.pickup_ms ? pickup_ms < other.pickup_ms : arrive_ms < other.arrive_ms;
  }
};

/// The times of a candidate route, as the engine would ride it from now at today's speed.
struct RoutePlan {
  /// False when a pickup would come at or after the rider's shift end or the customer's
  /// patience deadline.
  bool feasible = false;
  SimTime finish_ms = kNever;  ///< when the last stop's service ends
  SimTime lateness_ms = 0;     ///< sum over drop-offs of the time past the promise
  SimTime dropoff_sum_ms = 0;  ///< sum of drop-off times: minus placements, click-to-door
  std::uint32_t dropoffs = 0;
};

/// Read-only view of the world for dispatchers, implemented by the engine.
class DispatchView {
 public:
  virtual ~DispatchView() = default;
  virtual SimTime now() const = 0;
  virtual const Order& order(OrderId id) const = 0;
  virtual const Rider& rider(RiderId id) const = 0;
  virtual const Merchant& merchant(MerchantId id) const = 0;
  /// Riders on shift with spare capacity and a fixed free_location (where their route ends,
  /// or where they stand idle), indexed there.
  virtual const SpatialGrid& riders_with_room() const = 0;
  /// Riders on shift with room whose position changes while they wait for work (riding back
  /// to their station): not in riders_with_room(), because no fixed point bounds their
  /// distance; check each (position_at(rider, now) says where it is). Sorted by id.
  virtual std::span<const RiderId> roaming_riders_with_room() const = 0;
  /// When `rider` would reach and pick up `order` if the order were appended to the rider's
  /// route; infeasible (kNever) when the rider has no room or the pickup would come after the
  /// rider's shift end or after the customer's patience runs out.
  virtual PickupEstimate appended_pickup(RiderId rider, OrderId order) const = 0;
  /// Lower bound on any rider's travel time over a straight-line distance, now.
  virtual SimTime travel_time_lower_bound_ms(double straight_m) const = 0;
  /// A grid shaped like the city, for dispatchers' own indexes.
  virtual SpatialGrid make_grid() const = 0;
  /// Travel time on the city's roads at the rider's speed now.
  virtual SimTime travel_time_ms(RiderId rider, Point from, Point to) const = 0;
  /// True while the rider is serving route[0] (waiting at the merchant, or at the door): a
  /// re-planned route must keep that stop first. Otherwise any order of stops may be planned
  /// from where the rider is now (riders turn round mid-street).
  virtual bool serving_first_stop(RiderId rider) const = 0;
  /// Evaluates `stops` as the rider's whole remaining route: from where the rider is now, or,
  /// when serving_first_stop, from the end of that service (stops[0] must then be route[0]).
  /// Pickups must precede their drop-offs; orders already carried have only a drop-off.
  virtual RoutePlan plan_route(RiderId rider, std::span<const Stop> stops) const = 0;
};

/// What a dispatcher may do.
class DispatchActions {
 public:
  virtual ~DispatchActions() = default;
  /// Appends the order's pickup and drop-off to the rider's route. The rider must have room
  /// and the order must be waiting for a rider.
  virtual void assign(OrderId order, RiderId rider) = 0;
  /// Appends a bundle: the orders' pickups in the given order, then their drop-offs in the same
  /// order. The rider must have room for all of them.
  virtual void assign_bundle(std::span<const OrderId> orders, RiderId rider) = 0;
  /// Gives the order to the rider with a new route: the rider's current stops in any feasible
  /// order plus the order's pickup and drop-off (see DispatchView::plan_route for the rules).
  virtual void assign_with_route(OrderId order, RiderId rider, std::span<const Stop> route) = 0;
  // Every offer may be refused (DispatchSpec::refusal_share): the orders then stay unassigned
  // and come back through order_needs_rider after DispatchSpec::offer_response_ms — do not
  // keep a refused order yourself. Check order status after the call rather than assuming the
  // assignment happened. A broken offer (an order not waiting, a rider without room, a route
  // that is not the old stops plus the new order's) throws std::logic_error.
};

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  /// An order needs a rider: a new order, one released when its rider's shift ended or handed
  /// back by its rider, or one whose offer was refused (after the response time).
  virtual void order_needs_rider(OrderId order, const DispatchView& view,
                                 DispatchActions& actions) = 0;
  /// A rider on shift has room for another order (shift start, delivery, cancellation, back at
  /// its station, the pause after a hand-back over).
  virtual void rider_has_room(RiderId rider, const DispatchView& view,
                              DispatchActions& actions) = 0;
  /// The order no longer needs a rider (cancelled by the customer); forget it.
  virtual void order_withdrawn(OrderId order) = 0;
  /// Orders the dispatcher holds without a rider.
  virtual std::size_t backlog() const = 0;
  /// Periodic dispatchers (batch matching) return their round interval; the engine then calls
  /// on_tick every interval from that time on. 0 = event-driven only.
  virtual SimTime tick_interval_ms() const { return 0; }
  virtual void on_tick(const DispatchView& view, DispatchActions& actions) {
    (void)view;
    (void)actions;
  }
};

/// Each new order goes to the rider with the earliest feasible pickup (the order appended to
/// the rider's route); orders no rider can take wait in a pool that riders draw from, nearest
/// pickup first, whenever they have room.
std::unique_ptr<Dispatcher> make_earliest_pickup_dispatcher();

/// Nearest idle rider, immediately: each new order goes to the idle on-shift rider (no order
/// assigned) who can reach its merchant first, one order per trip; orders no idle rider can
/// take wait in a pool that riders draw from when they become idle. The classic baseline.
std::unique_ptr<Dispatcher> make_nearest_idle_dispatcher();

/// Insertion: each new order goes into the route (pickup and drop-off anywhere after the stop
/// being served) of the rider where it adds the least lateness, then the least time; pool as
/// for earliest pickup.
std::unique_ptr<Dispatcher> make_insertion_dispatcher();

/// Periodic batch matching: every spec.batch_interval_ms, pending orders near riders with
/// room are grouped into bundles (same merchant, drop-offs close together) and matched to
/// riders by a min-cost assignment (docs/dispatchers.md).
std::unique_ptr<Dispatcher> make_batch_dispatcher(const DispatchSpec& spec);

/// The dispatcher the spec names.
std::unique_ptr<Dispatcher> make_dispatcher(const DispatchSpec& spec);

}  // namespace knightsim
