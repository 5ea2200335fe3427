#pragma once
// A careless plug-in dispatcher for tests of limits the engine enforces whatever the strategy
// (disabled riders' limits, battery charge): it offers each new order to the lowest-numbered
// rider on shift with room, asking the view nothing else, and keeps nothing (a declined order
// comes back later).

#include <memory>

#include "knightsim/dispatcher.hpp"

namespace knightsim::testing {

class CarelessDispatcher final : public Dispatcher {
 public:
  /// Considers riders 0 .. rider_count - 1.
  explicit CarelessDispatcher(RiderId rider_count) : rider_count_(rider_count) {}
  void order_needs_rider(OrderId o, const DispatchView& view, DispatchActions& actions) override {
    for (RiderId r = 0; r < rider_count_; ++r) {
      const Rider& rider = view.rider(r);
      if (rider.on_shift && !rider.paused && rider.assigned_open < rider.capacity) {
        actions.assign(o, r);
        return;
      }
    }
  }
  void rider_has_room(RiderId, const DispatchView&, DispatchActions&) override {}
  void order_withdrawn(OrderId) override {}
  std::size_t backlog() const override { return 0; }

 private:
  RiderId rider_count_;
};

}  // namespace knightsim::testing
