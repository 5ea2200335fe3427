#pragma once
// A static bucket grid over a fixed set of road nodes, for the travel oracle's nearest-node
// queries and the estimate table's preprocessing. Unlike SpatialGrid (items that move), the
// nodes never change, so buckets are one CSR array with each node's position stored next to its
// id: a query touches contiguous memory only.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/road_graph.hpp"

namespace knightsim {

class NodeGrid {
 public:
  NodeGrid() = default;
  /// Buckets `nodes` (ids into `positions`), about two per bucket on average.
  NodeGrid(std::span<const Point> positions, std::span<const NodeId> nodes);

  bool empty() const { return entries_.empty(); }
  std::size_t memory_bytes() const {
    return first_.capacity() * sizeof(std::uint32_t) + entries_.capacity() * sizeof(Entry);
  }

  /// The nearest node for which accept(node) holds, ties to the smallest id; kNoNode if none.
  /// Searches rings of buckets outward until a ring's lower bound exceeds the best distance.
  template <class Accept>
  NodeId nearest(Point p, Accept&& accept) const;
  NodeId nearest(Point p) const {
    return nearest(p, [](NodeId) { return true; });
  }

  /// Calls visit(node, position) for every node within `radius_m` of the box [lo, hi].
  template <class Visit>
  void for_each_near_box(Point lo, Point hi, double radius_m, Visit&& visit) const;

 private:
  struct Entry {
    Point position;
    NodeId node;
  };
  int column_of(double x_m) const {
    const double c = std::floor((x_m - origin_.x_m) * inverse_bucket_m_);
    return static_cast<int>(std::clamp(c, 0.0, static_cast<double>(columns_ - 1)));
  }
  int row_of(double y_m) const {
    const double r = std::floor((y_m - origin_.y_m) * inverse_bucket_m_);
    return static_cast<int>(std::clamp(r, 0.0, static_cast<double>(rows_ - 1)));
  }
  std::span<const Entry> bucket(int column, int row) const {
    const auto b = static_cast<std::size_t>(row) * static_cast<std::size_t>(columns_) +
                   static_cast<std::size_t>(column);
    return std::span<const Entry>(entries_).subspan(first_[b], first_[b + 1] - first_[b]);
  }
  double ring_lower_bound_m(Point p, int cx, int cy, int ring) const;

  Point origin_{};
  double bucket_m_ = 1.0, inverse_bucket_m_ = 1.0;
  int columns_ = 1, rows_ = 1;
  std::vector<std::uint32_t> first_;  ///< CSR: bucket b holds entries_[first_[b], first_[b+1])
  std::vector<Entry> entries_;
};

template <class Accept>
NodeId NodeGrid::nearest(Point p, Accept&& accept) const {
  if (entries_.empty()) return kNoNode;
  const int cx = column_of(p.x_m), cy = row_of(p.y_m);
  const int max_ring = std::max(std::max(cx, columns_ - 1 - cx), std::max(cy, rows_ - 1 - cy));
  double best_d2 = std::numeric_limits<double>::infinity();
  NodeId best = kNoNode;
  const auto consider = [&](int column, int row) {
    for (const Entry& entry : bucket(column, row)) {
      const double dx = entry.position.x_m - p.x_m, dy = entry.position.y_m - p.y_m;
      const double d2 = dx * dx + dy * dy;
      if ((d2 < best_d2 || (d2 == best_d2 && entry.node < best)) && accept(entry.node)) {
        best_d2 = d2;
        best = entry.node;
      }
    }
  };
  for (int ring = 0; ring <= max_ring; ++ring) {
    const double bound_m = ring_lower_bound_m(p, cx, cy, ring);
    // Strictly greater: a node at exactly the best distance may still win the tie by id.
    if (bound_m * bound_m > best_d2) break;
    for (int row = std::max(0, cy - ring); row <= std::min(rows_ - 1, cy + ring); ++row) {
      if (row == cy - ring || row == cy + ring) {
        for (int column = std::max(0, cx - ring); column <= std::min(columns_ - 1, cx + ring);
             ++column)
          consider(column, row);
      } else {
        if (cx - ring >= 0) consider(cx - ring, row);
        if (cx + ring < columns_) consider(cx + ring, row);
      }
    }
  }
  return best;
}

template <class Visit>
void NodeGrid::for_each_near_box(Point lo, Point hi, double radius_m, Visit&& visit) const {
  if (entries_.empty()) return;
  const int c0 = column_of(lo.x_m - radius_m), c1 = column_of(hi.x_m + radius_m);
  const int r0 = row_of(lo.y_m - radius_m), r1 = row_of(hi.y_m + radius_m);
  const double radius2 = radius_m * radius_m;
  for (int row = r0; row <= r1; ++row) {
    for (int column = c0; column <= c1; ++column) {
      for (const Entry& entry : bucket(column, row)) {
        const double dx = std::max({lo.x_m - entry.position.x_m, 0.0, entry.position.x_m - hi.x_m});
        const double dy = std::max({lo.y_m - entry.position.y_m, 0.0, entry.position.y_m - hi.y_m});
        if (dx * dx + dy * dy <= radius2) visit(entry.node, entry.position);
      }
    }
  }
}

}  // namespace knightsim
