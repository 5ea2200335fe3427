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
};

/// What a dispatcher may do.
class DispatchActions {
 public:
  virtual ~DispatchActions() = default;
  /// Appends the order's pickup and drop-off to the rider's route. The rider must have room
  /// and the order must be waiting for a rider.
  virtual void assign(OrderId order, RiderId rider) = 0;
};

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  /// An order needs a rider: a new order, or one released when its rider's shift ended.
  virtual void order_needs_rider(OrderId order, const DispatchView& view,
                                 DispatchActions& actions) = 0;
  /// A rider on shift has room for another order (shift start, delivery, cancellation).
  virtual void rider_has_room(RiderId rider, const DispatchView& view,
                              DispatchActions& actions) = 0;
  /// The order no longer needs a rider (cancelled by the customer); forget it.
  virtual void order_withdrawn(OrderId order) = 0;
  /// Orders the dispatcher holds without a rider.
  virtual std::size_t backlog() const = 0;
};

/// Each new order goes to the rider with the earliest feasible pickup (the order appended to
/// the rider's route); orders no rider can take wait in a pool that riders draw from, nearest
/// pickup first, whenever they have room.
std::unique_ptr<Dispatcher> make_earliest_pickup_dispatcher();

/// Nearest idle rider, immediately: each new order goes to the idle on-shift rider (no order
/// assigned) who can reach its merchant first, one order per trip; orders no idle rider can
/// take wait in a pool that riders draw from when they become idle. The classic baseline.
std::unique_ptr<Dispatcher> make_nearest_idle_dispatcher();

/// The dispatcher the spec names.
std::unique_ptr<Dispatcher> make_dispatcher(const DispatchSpec& spec);

}  // namespace knightsim
