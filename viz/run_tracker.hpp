#pragma once
/// What the viewer knows about the run so far, kept up to date through the engine's observer
/// interface (never by scanning every order each frame): counts for the HUD, the set of open
/// orders to draw, orders per merchant for the inspector, and where demand and lateness fell
/// for the heatmap.

#include <cstdint>
#include <vector>

#include "camera.hpp"
#include "knightsim/observer.hpp"

namespace knightsim::viz {

/// Counts of orders over a grid of square cells covering the city.
class CellCounts {
 public:
  CellCounts(const WorldBounds& bounds, int cells_across);
  void add(Point p);
  int columns() const { return columns_; }
  int rows() const { return rows_; }
  double cell_m() const { return cell_m_; }
  Point origin() const { return origin_; }
  std::uint32_t at(int column, int row) const {
    return counts_[static_cast<std::size_t>(row * columns_ + column)];
  }
  std::uint32_t max() const { return max_; }

 private:
  Point origin_;
  double cell_m_;
  int columns_;
  int rows_;
  std::vector<std::uint32_t> counts_;
  std::uint32_t max_ = 0;
};

class RunTracker : public SimulationObserver {
 public:
  RunTracker(const WorldBounds& bounds, std::size_t merchant_count);

  void on_order_placed(const Order& order, SimTime now) override;
  void on_order_delivered(const Order& order, const Rider& rider, SimTime now) override;
  void on_order_cancelled(const Order& order, SimTime now) override;

  std::uint64_t placed() const { return placed_; }
  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t delivered_on_time() const { return on_time_; }
  std::uint64_t cancelled() const { return cancelled_; }
  /// Orders placed and neither delivered nor cancelled, in no particular order.
  const std::vector<OrderId>& open_orders() const { return open_; }
  std::uint64_t placed_at_merchant(MerchantId merchant) const;
  /// Orders placed per cell (by the customer's door).
  const CellCounts& demand() const { return demand_; }
  /// Late deliveries and cancellations per cell (by the customer's door).
  const CellCounts& lateness() const { return lateness_; }

 private:
  void close(OrderId order);

  std::uint64_t placed_ = 0;
  std::uint64_t delivered_ = 0;
  std::uint64_t on_time_ = 0;
  std::uint64_t cancelled_ = 0;
  std::vector<OrderId> open_;
  /// Position of each order in open_ (order ids are dense: they index Simulation::orders()).
  std::vector<std::uint32_t> open_slot_;
  std::vector<std::uint64_t> placed_per_merchant_;
  CellCounts demand_;
  CellCounts lateness_;
};

}  // namespace knightsim::viz
