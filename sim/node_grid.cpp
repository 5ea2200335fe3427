// NodeGrid: bucket sizing, the CSR fill, and the lower bound of a ring of buckets.
#include "node_grid.hpp"

#include <cassert>

namespace knightsim {

NodeGrid::NodeGrid(std::span<const Point> positions, std::span<const NodeId> nodes) {
  if (nodes.empty()) return;
  Point lo = positions[nodes.front()], hi = lo;
  for (NodeId node : nodes) {
    const Point p = positions[node];
    lo = {std::min(lo.x_m, p.x_m), std::min(lo.y_m, p.y_m)};
    hi = {std::max(hi.x_m, p.x_m), std::max(hi.y_m, p.y_m)};
  }
  origin_ = lo;
  const double width_m = std::max(hi.x_m - lo.x_m, 1.0), height_m = std::max(hi.y_m - lo.y_m, 1.0);
  // About two nodes per bucket if they were spread evenly over the box; never more buckets
  // than four per node (a long thin map would otherwise get a huge, empty grid).
  const auto count = static_cast<double>(nodes.size());
  bucket_m_ = std::max(std::sqrt(2.0 * width_m * height_m / count), 1.0);
  for (;;) {
    const double columns = std::floor(width_m / bucket_m_) + 1.0;
    const double rows = std::floor(height_m / bucket_m_) + 1.0;
    if (columns * rows <= 4.0 * count + 16.0) {
      columns_ = static_cast<int>(columns);
      rows_ = static_cast<int>(rows);
      break;
    }
    bucket_m_ *= 1.5;
  }
  inverse_bucket_m_ = 1.0 / bucket_m_;

  const auto bucket_count = static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_);
  first_.assign(bucket_count + 1, 0);
  std::vector<std::uint32_t> bucket_of(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Point p = positions[nodes[i]];
    bucket_of[i] = static_cast<std::uint32_t>(row_of(p.y_m) * columns_ + column_of(p.x_m));
    ++first_[bucket_of[i] + 1];
  }
  for (std::size_t b = 0; b < bucket_count; ++b) first_[b + 1] += first_[b];
  entries_.resize(nodes.size());
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    entries_[fill[bucket_of[i]]++] = Entry{positions[nodes[i]], nodes[i]};
}

double NodeGrid::ring_lower_bound_m(Point p, int cx, int cy, int ring) const {
  if (ring == 0) return 0.0;
  // A bucket of ring k lies in column cx ± k or row cy ± k; its distance from p is at least the
  // gap along that axis. Columns and rows beyond the grid hold no bucket and do not count. The
  // actual p is used (not clamped), so points off the grid get useful bounds too. A millimetre
  // less, for the rounding between a node's bucket and the bucket's edges.
  double bound = std::numeric_limits<double>::infinity();
  if (cx - ring >= 0) bound = std::min(bound, p.x_m - (origin_.x_m + (cx - ring + 1) * bucket_m_));
  if (cx + ring < columns_) bound = std::min(bound, origin_.x_m + (cx + ring) * bucket_m_ - p.x_m);
  if (cy - ring >= 0) bound = std::min(bound, p.y_m - (origin_.y_m + (cy - ring + 1) * bucket_m_));
  if (cy + ring < rows_) bound = std::min(bound, origin_.y_m + (cy + ring) * bucket_m_ - p.y_m);
  return std::max(0.0, bound - 1e-3);
}

}  // namespace knightsim
