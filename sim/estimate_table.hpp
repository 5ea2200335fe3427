#pragma once
// The travel oracle's fast estimate: a table of exact costs between one representative node per
// cell of a square grid, with per-cell error radii that make the error provably bounded.
//
// Cells. The grid covers the usable nodes' bounding box grown by one cell on every side (the
// oracle's "area"). For each cell g, its *candidates* are the usable nodes that can be the
// nearest usable node of some point in g. They are found without computing Voronoi regions: g is
// split into sub-squares; for a sub-square with centre c and half-diagonal h, and any point p in
// it, the nearest node n(p) satisfies |p − n(p)| ≤ |p − n(c)| ≤ h + |c − n(c)|, so every
// candidate lies within h + |c − n(c)| of the sub-square.
//
// Representatives. The cell's component X is the largest component among its candidates. Its
// representative r is an X-node: the one nearest the centroid of the cell's own X-nodes if it
// has any, else the representative of the cell holding the X-node nearest the cell's centre (so
// many empty cells share one table row). Each component has its own dense table of exact costs
// between its representatives (one PHAST sweep each way per representative).
//
// Interval. Radii over the cell's X-candidates: out(g) = max cost(n → r), in(g) = max
// cost(r → n). For points a, b in cells ga, gb of component X with representatives ra, rb,
// and na, nb their nearest usable nodes, both in X, the triangle inequality gives
//   cost(na → nb) ≤ out(ga) + cost(ra → rb) + in(gb)
//   cost(ra → rb) ≤ in(ga)  + cost(na → nb) + out(gb)
// so cost(na → nb) lies in [T − in(ga) − out(gb), T + out(ga) + in(gb)] (and ≥ 0), T the table
// entry (0 within one representative's cells).
//
// Estimate. T, corrected for where a and b lie relative to their representatives: their offsets
// from ra and rb projected on the direction ra → rb (or, within one representative's cells,
// the straight line a → b), times the map's typical detour; then clamped into the interval.
// The error bound is the distance from the estimate to the interval's far end. The correction
// halves the mean error against T alone, for a bound ~15 % wider (bench on a grid city).
//
// No guarantee (bound +inf): points off the area; cells of different components (the estimate
// is then +inf too); and cells that share a candidate component other than X (a sliver or a
// facing island whose nodes may be nearest to both points: the interval says nothing of it).
// Radii are rounded up and carry an allowance for rounding (float table, summation order).

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "contraction_hierarchy.hpp"
#include "knightsim/geometry.hpp"
#include "knightsim/road_graph.hpp"
#include "node_grid.hpp"

namespace knightsim {

class EstimateTable {
 public:
  /// Largest table (entries over all components) before cells are coarsened: 32 MB of floats.
  static constexpr std::size_t kMaxTableEntries = std::size_t{8} << 20;
  /// Largest grid (cells) before cells are coarsened.
  static constexpr std::size_t kMaxGridCells = std::size_t{4} << 20;

  EstimateTable() = default;
  /// `component`: per node, kNoNode if unusable; `usable`: the grid of usable nodes. Cells
  /// grow by a quarter at a time until the tables fit in `max_table_entries`.
  EstimateTable(const RoadGraph& graph, std::span<const std::uint32_t> component,
                const NodeGrid& usable, const ContractionHierarchy& hierarchy,
                double requested_cell_m, std::size_t max_table_entries = kMaxTableEntries);

  double estimate(Point a, Point b) const {
    if (cells_.empty()) return kInfinity;
    const Cell& ca = cells_[cell_index(a)];
    const Cell& cb = cells_[cell_index(b)];
    if (ca.component != cb.component) return kInfinity;
    return read(a, b, ca, cb).estimate;
  }
  double error_bound(Point a, Point b) const;

  /// The cell side used: the requested one, or coarser if the table would have been too big.
  double cell_m() const { return cell_m_; }
  std::size_t memory_bytes() const {
    return cells_.capacity() * sizeof(Cell) + components_.capacity() * sizeof(ComponentTable) +
           table_.capacity() * sizeof(float) + representative_position_.capacity() * sizeof(Point) +
           (other_first_.capacity() + other_components_.capacity()) * sizeof(std::uint32_t);
  }

 private:
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  struct Cell {
    std::uint32_t component;  ///< X: the component whose table the cell reads
    std::uint32_t local;      ///< its representative's row in that table
    float out_m;              ///< max cost candidate → representative; +inf: no bound
    float in_m;               ///< max cost representative → candidate; +inf: no bound
  };
  struct ComponentTable {
    std::size_t offset = 0;        ///< of its first entry in table_
    std::uint32_t size = 0;        ///< representatives (the table is size × size)
    std::uint32_t first_pair = 0;  ///< its first representative in representative_position_
  };
  /// What the table says about a → b: the interval the exact cost lies in, and the estimate.
  struct Reading {
    double estimate, lowest, highest;
  };
  Reading read(Point a, Point b, const Cell& ca, const Cell& cb) const {
    const ComponentTable& table = components_[ca.component];
    double between = 0.0, shift;
    if (ca.local != cb.local) {
      between = table_[table.offset + static_cast<std::size_t>(ca.local) * table.size + cb.local];
      const Point ra = representative_position_[table.first_pair + ca.local];
      const Point rb = representative_position_[table.first_pair + cb.local];
      const double dx = rb.x_m - ra.x_m, dy = rb.y_m - ra.y_m;
      const double offset_x = a.x_m - ra.x_m + rb.x_m - b.x_m;
      const double offset_y = a.y_m - ra.y_m + rb.y_m - b.y_m;
      shift = -detour_ * (offset_x * dx + offset_y * dy) / std::sqrt(dx * dx + dy * dy);
    } else {
      shift = detour_ * euclidean_m(a, b);
    }
    const double lowest = std::max(0.0, between - (static_cast<double>(ca.in_m) + cb.out_m));
    const double highest = between + (static_cast<double>(ca.out_m) + cb.in_m);
    return {std::clamp(between + shift, lowest, highest), lowest, highest};
  }
  std::size_t cell_index(Point p) const {
    const double x = std::clamp((p.x_m - origin_.x_m) * inverse_cell_m_, 0.0, last_column_);
    const double y = std::clamp((p.y_m - origin_.y_m) * inverse_cell_m_, 0.0, last_row_);
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(columns_) +
           static_cast<std::size_t>(x);
  }
  bool inside(Point p) const;
  /// Whether some component other than the cells' own has candidates in both.
  bool share_other_component(std::size_t ga, std::size_t gb) const;

  Point origin_{};
  double cell_m_ = 0.0, inverse_cell_m_ = 0.0;
  /// Effective metres per straight-line metre, for placing the points within their cells: the
  /// median of table cost / distance between representatives at least two cells apart.
  double detour_ = 1.0;
  double last_column_ = 0.0, last_row_ = 0.0;  ///< columns_ - 1 and rows_ - 1, for clamping
  std::uint32_t columns_ = 0, rows_ = 0;
  std::vector<Cell> cells_;
  std::vector<ComponentTable> components_;
  std::vector<float> table_;
  std::vector<Point> representative_position_;
  /// CSR by cell: the other components among a cell's candidates, sorted.
  std::vector<std::uint32_t> other_first_, other_components_;
};

}  // namespace knightsim
