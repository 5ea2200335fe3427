#include "run_tracker.hpp"

#include <algorithm>
#include <cmath>

namespace knightsim::viz {

CellCounts::CellCounts(const WorldBounds& bounds, int cells_across) : origin_(bounds.min) {
  const double width_m = std::max(1.0, bounds.max.x_m - bounds.min.x_m);
  const double height_m = std::max(1.0, bounds.max.y_m - bounds.min.y_m);
  cell_m_ = std::max(width_m, height_m) / std::max(1, cells_across);
  columns_ = std::max(1, static_cast<int>(std::ceil(width_m / cell_m_)));
  rows_ = std::max(1, static_cast<int>(std::ceil(height_m / cell_m_)));
  counts_.assign(static_cast<std::size_t>(columns_ * rows_), 0);
}

void CellCounts::add(Point p) {
  const int column = std::clamp(static_cast<int>((p.x_m - origin_.x_m) / cell_m_), 0, columns_ - 1);
  const int row = std::clamp(static_cast<int>((p.y_m - origin_.y_m) / cell_m_), 0, rows_ - 1);
  const std::uint32_t count = ++counts_[static_cast<std::size_t>(row * columns_ + column)];
  max_ = std::max(max_, count);
}

namespace {
constexpr int kHeatmapCellsAcross = 64;
constexpr std::uint32_t kNotOpen = UINT32_MAX;
}  // namespace

RunTracker::RunTracker(const WorldBounds& bounds, std::size_t merchant_count)
    : placed_per_merchant_(merchant_count, 0),
      demand_(bounds, kHeatmapCellsAcross),
      lateness_(bounds, kHeatmapCellsAcross) {}

void RunTracker::on_order_placed(const Order& order, SimTime /*now*/) {
  ++placed_;
  if (order.merchant < placed_per_merchant_.size()) ++placed_per_merchant_[order.merchant];
  if (open_slot_.size() <= order.id) open_slot_.resize(order.id + 1, kNotOpen);
  open_slot_[order.id] = static_cast<std::uint32_t>(open_.size());
  open_.push_back(order.id);
  demand_.add(order.customer);
}

void RunTracker::on_order_delivered(const Order& order, const Rider& /*rider*/, SimTime now) {
  ++delivered_;
  if (now <= order.promised_ms) {
    ++on_time_;
  } else {
    lateness_.add(order.customer);
  }
  close(order.id);
}

void RunTracker::on_order_cancelled(const Order& order, SimTime /*now*/) {
  ++cancelled_;
  lateness_.add(order.customer);
  close(order.id);
}

std::uint64_t RunTracker::placed_at_merchant(MerchantId merchant) const {
  return merchant < placed_per_merchant_.size() ? placed_per_merchant_[merchant] : 0;
}

void RunTracker::close(OrderId order) {
  if (order >= open_slot_.size() || open_slot_[order] == kNotOpen) return;
  // Swap-remove keeps closing O(1); the draw order of markers does not matter.
  const std::uint32_t slot = open_slot_[order];
  const OrderId last = open_.back();
  open_[slot] = last;
  open_slot_[last] = slot;
  open_.pop_back();
  open_slot_[order] = kNotOpen;
}

}  // namespace knightsim::viz
