#pragma once
// Courier plans of the MDRP simulation (internal to sim/): places, exact half-minute times, and
// the timing of a bundle under the MDRP rules of docs/mdrp.md.
//
// A courier's plan is the list of bundles it has been committed, in the order it serves them.
// A bundle is timed from the place and time where the previous one leaves the courier (its
// anchor). The courier leaves the anchor as late as it can without delaying the pickup, so it
// waits where it is rather than at the restaurant: the pickup time is the same as leaving at
// once, and a bundle the courier has not yet left for can still change (insertion dispatch adds
// orders to it).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "knightsim/mdrp.hpp"

namespace knightsim::mdrp {

/// Time in half-minutes since the instance's time zero. Instance and travel times are whole
/// minutes and services are split in halves, so every event time of the simulation is a whole
/// number of half-minutes: integers keep it exact.
using Halves = std::int64_t;
inline constexpr Halves halves(std::int64_t minutes) {
  return 2 * minutes;
}
inline constexpr double to_minutes(Halves time) {
  return static_cast<double>(time) / 2.0;
}

/// A place a courier can be: its start position, a restaurant or an order's customer.
struct Place {
  enum class Kind : std::uint8_t { start, restaurant, customer };
  Kind kind = Kind::start;
  std::size_t index = 0;  ///< courier (start), restaurant or order index
};

/// Positions and travel times of an instance's places, and its service halves.
class Geometry {
 public:
  explicit Geometry(const MdrpInstance& instance);

  const MdrpInstance& instance() const { return instance_; }
  MdrpPoint position(Place place) const;
  /// travel_minutes between the places, in half-minutes.
  Halves travel(Place from, Place to) const;
  /// Half the pickup service: pickup_service_min minutes / 2 = pickup_service_min half-minutes.
  Halves half_pickup() const { return half_pickup_; }
  Halves half_dropoff() const { return half_dropoff_; }

 private:
  const MdrpInstance& instance_;
  Halves half_pickup_;
  Halves half_dropoff_;
};

/// Where a courier is and from when it may leave: the start of a bundle's timing.
struct Anchor {
  Place place;
  Halves free = 0;
};

/// Orders of one restaurant given to one courier, with their timing.
struct Bundle {
  std::size_t restaurant = 0;
  std::vector<std::size_t> orders;  ///< order indices in drop-off sequence
  Halves assigned = 0;              ///< when the dispatcher committed it (its latest change)

  // Set by schedule():
  Halves depart = 0;             ///< the courier leaves its anchor for the restaurant
  Halves pickup = 0;             ///< the pickup (mid-service)
  std::vector<Halves> dropoffs;  ///< per order of `orders`, the drop-off (mid-service)
  Halves end = 0;                ///< the courier leaves the last customer
};

/// Latest ready time of the bundle's orders.
Halves latest_ready(const Geometry& geometry, const Bundle& bundle);

/// Times `bundle` (keeping its drop-off sequence) for a courier at `from`: it departs no earlier
/// than from.free and bundle.assigned, as late as it can without delaying the pickup; the pickup
/// is max(arrival + half pickup service, latest ready); each drop-off is half the drop-off
/// service after arriving at the customer.
void schedule(const Geometry& geometry, Anchor from, Bundle& bundle);

/// Sorts bundle.orders into the drop-off sequence with the least sum of drop-off times (every
/// permutation up to kExhaustiveSequenceSize orders, nearest-neighbour beyond), then schedules.
/// The best sequence does not depend on the pickup time, only on the restaurant and customers.
void sequence_and_schedule(const Geometry& geometry, Anchor from, Bundle& bundle);
inline constexpr std::size_t kExhaustiveSequenceSize = 5;

/// Where and when `bundle` leaves its courier: the last customer, at bundle.end.
Anchor anchor_after(const Bundle& bundle);

/// One courier's committed work.
struct CourierPlan {
  std::vector<Bundle> bundles;  ///< in service order
  /// Bundles before this one have been departed for: their timing is final.
  std::size_t first_open = 0;

  /// The anchor of bundles[k]: the start position at on_time for the first bundle.
  Anchor anchor_before(const Geometry& geometry, std::size_t courier, std::size_t k) const;
  /// Where and when the courier is free of everything committed.
  Anchor end(const Geometry& geometry, std::size_t courier) const {
    return anchor_before(geometry, courier, bundles.size());
  }
  /// Marks bundles departed for before `now` as final.
  void freeze_departed(Halves now);
};

}  // namespace knightsim::mdrp
