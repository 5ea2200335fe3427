#pragma once
/// Observers watch a run: metrics, writers, progress, the viewer. The engine calls them after
/// each change; they get const views and must never mutate the world.

#include "knightsim/order.hpp"
#include "knightsim/rider.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

class SimulationObserver {
 public:
  virtual ~SimulationObserver() = default;
  virtual void on_order_placed(const Order& /*order*/, SimTime /*now*/) {}
  virtual void on_order_assigned(const Order& /*order*/, const Rider& /*rider*/, SimTime /*now*/) {}
  /// The order went back to the pool (its rider's shift ended before pickup).
  virtual void on_order_released(const Order& /*order*/, const Rider& /*rider*/, SimTime /*now*/) {}
  virtual void on_order_picked_up(const Order& /*order*/, const Rider& /*rider*/, SimTime /*now*/) {
  }
  virtual void on_order_delivered(const Order& /*order*/, const Rider& /*rider*/, SimTime /*now*/) {
  }
  virtual void on_order_cancelled(const Order& /*order*/, SimTime /*now*/) {}
  virtual void on_rider_state_changed(const Rider& /*rider*/, RiderState /*previous*/,
                                      SimTime /*now*/) {}
  virtual void on_weather_changed(WeatherState /*previous*/, WeatherState /*current*/,
                                  SimTime /*now*/) {}
};

}  // namespace knightsim
