#pragma once
/// An order's life: placed → (assigned) → picked up → delivered, or cancelled.
/// Times are kNever until the event happens.

#include <limits>

#include "knightsim/geometry.hpp"
#include "knightsim/ids.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

inline constexpr SimTime kNever = -1;
/// A deadline that never comes (customers of a replayed log wait as long as it takes); far
/// enough from the top of the range that adding a day cannot overflow.
inline constexpr SimTime kNoDeadline = std::numeric_limits<SimTime>::max() / 4;

enum class OrderStatus : std::uint8_t { pending, assigned, picked_up, delivered, cancelled };
const char* to_string(OrderStatus status);

struct Order {
  OrderId id = kNoId;
  MerchantCategory category = MerchantCategory::restaurant;
  MerchantId merchant = kNoId;
  Point customer;
  double weight_kg = 0.0;
  double distance_m = 0.0;  ///< merchant → customer along the road model
  SimTime placed_ms = kNever;
  SimTime ready_ms = kNever;              ///< when the merchant has it packed
  SimTime promised_ms = kNever;           ///< delivery promised to the customer by then
  SimTime patience_deadline_ms = kNever;  ///< cancelled if not picked up by then
  SimTime assigned_ms = kNever;           ///< first assignment to a rider
  SimTime picked_up_ms = kNever;
  SimTime delivered_ms = kNever;
  SimTime cancelled_ms = kNever;
  RiderId rider = kNoId;  ///< current (or last) rider
  OrderStatus status = OrderStatus::pending;
  bool needs_stairs = false;      ///< the customer's door is up stairs (no lift)
  bool lost_in_incident = false;  ///< cancelled after pickup: its rider was injured

  bool is_open() const {
    return status != OrderStatus::delivered && status != OrderStatus::cancelled;
  }
};

}  // namespace knightsim
