#pragma once
// What the MDRP dispatch policies share (internal to sim/): the couriers' plans, the orders
// placed and not yet committed, and the policy interface the event loop drives.

#include <cstddef>
#include <memory>
#include <vector>

#include "knightsim/mdrp_simulation.hpp"
#include "mdrp_plan.hpp"

namespace knightsim::mdrp {

/// The dispatcher's world: plans per courier and the waiting orders.
class DispatchState {
 public:
  DispatchState(const MdrpInstance& instance, const MdrpSimulationOptions& options);

  const Geometry& geometry() const { return geometry_; }
  const MdrpInstance& instance() const { return geometry_.instance(); }
  const MdrpSimulationOptions& options() const { return options_; }
  std::size_t courier_count() const { return plans_.size(); }

  Halves on_time(std::size_t courier) const { return halves(instance().couriers[courier].on_min); }
  Halves off_time(std::size_t courier) const {
    return halves(instance().couriers[courier].off_min);
  }
  /// May be committed work at `now`: on_time <= now < off_time.
  bool on_shift(std::size_t courier, Halves now) const {
    return on_time(courier) <= now && now < off_time(courier);
  }
  /// Has nothing left to do at `now` (its committed work, if any, is over).
  bool idle(std::size_t courier, Halves now) const {
    return plans_[courier].bundles.empty() || plans_[courier].bundles.back().end <= now;
  }
  /// Where and from when the courier is free of its committed work, no earlier than `now`.
  Anchor free_from(std::size_t courier, Halves now) const;

  const CourierPlan& plan(std::size_t courier) const { return plans_[courier]; }
  /// A plan to change in place; the caller reschedules it and the event loop learns that its
  /// end moved.
  CourierPlan& plan_to_change(std::size_t courier);
  /// Marks the courier's bundles departed for before `now` as final (their end does not move).
  void freeze_departed(std::size_t courier, Halves now) { plans_[courier].freeze_departed(now); }

  /// Commits `bundle` (orders in drop-off sequence, all waiting) to the end of the courier's plan
  /// at `now` and times it; the orders stop waiting.
  void append(std::size_t courier, Bundle bundle, Halves now);

  /// Orders placed and not committed to any courier, in placement order.
  const std::vector<std::size_t>& waiting() const { return waiting_; }
  void add_waiting(std::size_t order) { waiting_.push_back(order); }
  void remove_waiting(const std::vector<std::size_t>& orders);

  /// Couriers whose plan changed since the last call (each once, in index order).
  std::vector<std::size_t> take_changed_couriers();

 private:
  Geometry geometry_;
  MdrpSimulationOptions options_;
  std::vector<CourierPlan> plans_;
  std::vector<std::size_t> waiting_;
  std::vector<bool> changed_;
  std::vector<std::size_t> changed_list_;
};

/// A dispatch policy: the event loop calls it; it changes plans through the state.
class Policy {
 public:
  virtual ~Policy() = default;
  /// Order `order` has just been placed (it is already waiting).
  virtual void order_placed(std::size_t order, Halves now) = 0;
  /// `courier` has just started its shift, or just finished its committed work.
  virtual void courier_available(std::size_t courier, Halves now) = 0;
  /// A batch matching round (only scheduled when uses_rounds()).
  virtual void round(Halves /*now*/) {}
  virtual bool uses_rounds() const { return false; }
};

std::unique_ptr<Policy> make_nearest_idle_policy(DispatchState& state);
std::unique_ptr<Policy> make_insertion_policy(DispatchState& state);
std::unique_ptr<Policy> make_batch_policy(DispatchState& state);

}  // namespace knightsim::mdrp
