#pragma once
/// A uniform grid of buckets over the city, holding ids at points, searched nearest-ring-first.
/// Used for riders with spare capacity (dispatch), pending orders and merchants, so that the
/// cost of a query depends on how many items are near the point, not on how many exist.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/ids.hpp"

namespace knightsim {

class SpatialGrid {
 public:
  /// Covers [0, width_m] × [0, height_m]; points outside are clamped to the border cells.
  SpatialGrid(double width_m, double height_m, double cell_m);

  /// Inserts id (which must not be present) at p. Ids are dense small integers.
  void insert(std::uint32_t id, Point p);
  /// Removes id if present.
  void remove(std::uint32_t id);
  /// Moves id (inserting it if absent).
  void move(std::uint32_t id, Point p);
  bool contains(std::uint32_t id) const {
    return id < slot_of_.size() && slot_of_[id].cell != kAbsent;
  }
  std::size_t size() const { return size_; }
  double cell_m() const { return cell_m_; }

  /// Visits items ring by ring around p (ring k = cells at Chebyshev cell distance k).
  /// Before each ring, on_ring(lower_bound_m) is called with a lower bound on the straight-line
  /// distance from p to any item in that ring or beyond; returning false stops the search.
  /// Then on_item(id) is called for each item in the ring (in a deterministic order).
  template <class OnRing, class OnItem>
  void nearest_first(Point p, OnRing&& on_ring, OnItem&& on_item) const {
    if (size_ == 0) return;
    const int cx = cell_x(p.x_m);
    const int cy = cell_y(p.y_m);
    const int max_ring = std::max(std::max(cx, columns_ - 1 - cx), std::max(cy, rows_ - 1 - cy));
    std::size_t seen = 0;
    for (int ring = 0; ring <= max_ring && seen < size_; ++ring) {
      const double lower_bound_m = ring_lower_bound_m(p, cx, cy, ring);
      if (!on_ring(lower_bound_m)) return;
      for (int y = cy - ring; y <= cy + ring; ++y) {
        if (y < 0 || y >= rows_) continue;
        const bool edge_row = (y == cy - ring || y == cy + ring);
        const int step = edge_row ? 1 : 2 * ring;
        for (int x = cx - ring; x <= cx + ring; x += (step == 0 ? 1 : step)) {
          if (x < 0 || x >= columns_) continue;
          for (std::uint32_t id : cells_[static_cast<std::size_t>(y * columns_ + x)]) {
            ++seen;
            on_item(id);
          }
        }
      }
    }
  }

 private:
  static constexpr std::uint32_t kAbsent = kNoId;
  struct Slot {
    std::uint32_t cell = kAbsent;
    std::uint32_t index = 0;
  };
  int cell_x(double x_m) const;
  int cell_y(double y_m) const;
  double ring_lower_bound_m(Point p, int cx, int cy, int ring) const;

  double width_m_, height_m_, cell_m_;
  int columns_, rows_;
  std::vector<std::vector<std::uint32_t>> cells_;
  std::vector<Slot> slot_of_;
  std::size_t size_ = 0;
};

}  // namespace knightsim
