// Uniform bucket grid with O(1) insert/remove (swap-remove within a cell).
#include "knightsim/spatial_grid.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace knightsim {

SpatialGrid::SpatialGrid(double width_m, double height_m, double cell_m)
    : width_m_(width_m), height_m_(height_m), cell_m_(cell_m) {
  assert(width_m > 0 && height_m > 0 && cell_m > 0);
  columns_ = std::max(1, static_cast<int>(std::ceil(width_m / cell_m)));
  rows_ = std::max(1, static_cast<int>(std::ceil(height_m / cell_m)));
  cells_.resize(static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_));
}

int SpatialGrid::cell_x(double x_m) const {
  const int x = static_cast<int>(std::floor(x_m / cell_m_));
  return std::clamp(x, 0, columns_ - 1);
}

int SpatialGrid::cell_y(double y_m) const {
  const int y = static_cast<int>(std::floor(y_m / cell_m_));
  return std::clamp(y, 0, rows_ - 1);
}

double SpatialGrid::ring_lower_bound_m(Point p, int cx, int cy, int ring) const {
  if (ring == 0) return 0.0;
  // Everything in ring k or beyond lies outside the square of cells of ring k-1 around (cx, cy);
  // its nearest edge bounds the distance. Border cells of the grid extend to infinity (points
  // are clamped into them), so edges beyond the grid do not count.
  const double px = std::clamp(p.x_m, 0.0, width_m_);
  const double py = std::clamp(p.y_m, 0.0, height_m_);
  double bound = std::numeric_limits<double>::infinity();
  if (cx - ring >= 0) bound = std::min(bound, px - (cx - ring + 1) * cell_m_);
  if (cx + ring < columns_) bound = std::min(bound, (cx + ring) * cell_m_ - px);
  if (cy - ring >= 0) bound = std::min(bound, py - (cy - ring + 1) * cell_m_);
  if (cy + ring < rows_) bound = std::min(bound, (cy + ring) * cell_m_ - py);
  return std::max(0.0, bound);
}

void SpatialGrid::insert(std::uint32_t id, Point p) {
  if (id >= slot_of_.size()) slot_of_.resize(static_cast<std::size_t>(id) + 1);
  assert(slot_of_[id].cell == kAbsent);
  const auto cell = static_cast<std::uint32_t>(cell_y(p.y_m) * columns_ + cell_x(p.x_m));
  auto& bucket = cells_[cell];
  slot_of_[id] = Slot{cell, static_cast<std::uint32_t>(bucket.size())};
  bucket.push_back(id);
  ++size_;
}

void SpatialGrid::remove(std::uint32_t id) {
  if (!contains(id)) return;
  const Slot slot = slot_of_[id];
  auto& bucket = cells_[slot.cell];
  const std::uint32_t last = bucket.back();
  bucket[slot.index] = last;
  slot_of_[last].index = slot.index;
  bucket.pop_back();
  slot_of_[id].cell = kAbsent;
  --size_;
}

void SpatialGrid::move(std::uint32_t id, Point p) {
  const auto cell = static_cast<std::uint32_t>(cell_y(p.y_m) * columns_ + cell_x(p.x_m));
  if (contains(id) && slot_of_[id].cell == cell) return;
  remove(id);
  insert(id, p);
}

}  // namespace knightsim
