// EstimateTable: choosing the grid (coarsened to fit), each cell's component and
// representative, the tables by PHAST sweeps, and the radii over each cell's candidates.
#include "estimate_table.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace knightsim {
namespace {

constexpr std::uint32_t kNone = kNoNode;

std::uint64_t pair_key(std::uint32_t component, std::size_t cell) {
  return (std::uint64_t{component} << 32) | static_cast<std::uint64_t>(cell);
}
std::uint32_t key_component(std::uint64_t key) {
  return static_cast<std::uint32_t>(key >> 32);
}

/// Rounds up to a float (the radii must not shrink when stored).
float float_at_least(double value) {
  auto rounded = static_cast<float>(value);
  if (static_cast<double>(rounded) < value)
    rounded = std::nextafter(rounded, std::numeric_limits<float>::infinity());
  return rounded;
}

/// Enumerates a cell's candidates: every usable node that can be the nearest usable node of a
/// point of the cell (and maybe a few that cannot), each once. See estimate_table.hpp.
class CandidateFinder {
 public:
  CandidateFinder(const NodeGrid& usable, std::span<const Point> positions)
      : usable_(usable), positions_(positions), stamp_(positions.size(), 0) {}

  template <class Visit>
  void for_each(Point lo, double cell_m, Visit&& visit) {
    if (++epoch_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
    const Point centre{lo.x_m + 0.5 * cell_m, lo.y_m + 0.5 * cell_m};
    const double centre_gap_m = euclidean_m(centre, positions_[usable_.nearest(centre)]);
    // Sub-squares small next to the gap to the nearest node keep the candidate ring thin; far
    // from any road the gaps are large anyway and fewer sub-squares do.
    const int split = centre_gap_m <= cell_m ? 8 : centre_gap_m <= 4.0 * cell_m ? 4 : 2;
    const double sub_m = cell_m / split;
    const double half_diagonal_m = sub_m * std::sqrt(0.5);
    // For rounding between a point's cell index and the cell's edges computed here.
    const double slack_m = 1e-6 * cell_m + 1e-3;
    for (int j = 0; j < split; ++j) {
      for (int i = 0; i < split; ++i) {
        const Point sub_lo{lo.x_m + i * sub_m, lo.y_m + j * sub_m};
        const Point sub_hi{lo.x_m + (i + 1) * sub_m, lo.y_m + (j + 1) * sub_m};
        const Point sub_centre{0.5 * (sub_lo.x_m + sub_hi.x_m), 0.5 * (sub_lo.y_m + sub_hi.y_m)};
        const double radius_m = euclidean_m(sub_centre, positions_[usable_.nearest(sub_centre)]) +
                                half_diagonal_m + slack_m;
        usable_.for_each_near_box(sub_lo, sub_hi, radius_m, [&](NodeId node, Point) {
          if (stamp_[node] == epoch_) return;
          stamp_[node] = epoch_;
          visit(node);
        });
      }
    }
  }

 private:
  const NodeGrid& usable_;
  std::span<const Point> positions_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t epoch_ = 0;
};

}  // namespace

EstimateTable::EstimateTable(const RoadGraph& graph, std::span<const std::uint32_t> component,
                             const NodeGrid& usable, const ContractionHierarchy& hierarchy,
                             double requested_cell_m, std::size_t max_table_entries) {
  const std::span<const Point> positions = graph.positions();
  cell_m_ = std::max(requested_cell_m, 1.0);
  std::vector<NodeId> nodes;
  std::uint32_t component_count = 0;
  for (NodeId n = 0; n < graph.node_count(); ++n) {
    if (component[n] == kNoNode) continue;
    nodes.push_back(n);
    component_count = std::max(component_count, component[n] + 1);
  }
  if (nodes.empty()) return;
  Point lo = positions[nodes.front()], hi = lo;
  for (NodeId n : nodes) {
    lo = {std::min(lo.x_m, positions[n].x_m), std::min(lo.y_m, positions[n].y_m)};
    hi = {std::max(hi.x_m, positions[n].x_m), std::max(hi.y_m, positions[n].y_m)};
  }

  CandidateFinder candidates(usable, positions);
  // Per usable node, its (component, cell) key, sorted: which cells hold nodes of which
  // components, and each such pair's nodes as one range.
  std::vector<std::pair<std::uint64_t, NodeId>> node_keys(nodes.size());
  std::vector<std::uint64_t> cell_keys;  // per grid cell: the pair whose row it reads
  std::vector<std::uint64_t> pairs;      // sorted, unique
  const auto cell_lo = [&](std::size_t g) {
    return Point{origin_.x_m + static_cast<double>(g % columns_) * cell_m_,
                 origin_.y_m + static_cast<double>(g / columns_) * cell_m_};
  };

  for (;; cell_m_ *= 1.25) {
    // One cell of margin around the nodes, so points just off the network are inside.
    origin_ = {lo.x_m - cell_m_, lo.y_m - cell_m_};
    inverse_cell_m_ = 1.0 / cell_m_;
    const double columns = std::floor((hi.x_m - lo.x_m) / cell_m_) + 3.0;
    const double rows = std::floor((hi.y_m - lo.y_m) / cell_m_) + 3.0;
    if (columns * rows > static_cast<double>(kMaxGridCells)) continue;
    columns_ = static_cast<std::uint32_t>(columns);
    rows_ = static_cast<std::uint32_t>(rows);
    last_column_ = columns - 1.0;
    last_row_ = rows - 1.0;
    const std::size_t cell_count = std::size_t{columns_} * rows_;

    for (std::size_t i = 0; i < nodes.size(); ++i)
      node_keys[i] = {pair_key(component[nodes[i]], cell_index(positions[nodes[i]])), nodes[i]};
    std::sort(node_keys.begin(), node_keys.end());

    cell_keys.assign(cell_count, 0);
    for (std::size_t g = 0; g < cell_count; ++g) {
      std::uint32_t cell_component = kNone;
      candidates.for_each(cell_lo(g), cell_m_, [&](NodeId node) {
        cell_component = std::min(cell_component, component[node]);
      });
      const Point centre{cell_lo(g).x_m + 0.5 * cell_m_, cell_lo(g).y_m + 0.5 * cell_m_};
      std::size_t row_cell = g;
      const auto holds = std::lower_bound(node_keys.begin(), node_keys.end(),
                                          std::pair{pair_key(cell_component, g), NodeId{0}});
      if (holds == node_keys.end() || holds->first != pair_key(cell_component, g)) {
        const NodeId anchor =
            usable.nearest(centre, [&](NodeId n) { return component[n] == cell_component; });
        row_cell = cell_index(positions[anchor]);
      }
      cell_keys[g] = pair_key(cell_component, row_cell);
    }
    pairs = cell_keys;
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

    components_.assign(component_count, ComponentTable{});
    for (std::uint64_t key : pairs) ++components_[key_component(key)].size;
    std::size_t entries = 0;
    for (ComponentTable& table : components_) {
      table.offset = entries;
      entries += std::size_t{table.size} * table.size;
    }
    // (A grid of 3 × 3 cells, the margin round one, cannot shrink further.)
    if (entries <= max_table_entries || (columns_ <= 3 && rows_ <= 3)) {
      table_.assign(entries, 0.0f);
      break;
    }
  }

  // Representatives: per pair, the node of its range nearest the range's centroid.
  std::vector<NodeId> representative(pairs.size());
  std::vector<std::uint32_t> first_pair(component_count + 1, 0);
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    ++first_pair[key_component(pairs[p]) + 1];
    auto it = std::lower_bound(node_keys.begin(), node_keys.end(), std::pair{pairs[p], NodeId{0}});
    const auto begin = it;
    Point centroid{0.0, 0.0};
    for (; it != node_keys.end() && it->first == pairs[p]; ++it) {
      centroid.x_m += positions[it->second].x_m;
      centroid.y_m += positions[it->second].y_m;
    }
    const auto count = static_cast<double>(it - begin);
    centroid = {centroid.x_m / count, centroid.y_m / count};
    double best = std::numeric_limits<double>::infinity();
    for (auto node = begin; node != it; ++node) {
      const double distance = euclidean_m(centroid, positions[node->second]);
      if (distance < best) {
        best = distance;
        representative[p] = node->second;
      }
    }
  }
  for (std::uint32_t c = 0; c < component_count; ++c) {
    first_pair[c + 1] += first_pair[c];
    components_[c].first_pair = first_pair[c];
  }
  representative_position_.resize(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p)
    representative_position_[p] = positions[representative[p]];

  // Grid cells grouped by the pair they read, so each pair's sweeps are run once.
  const std::size_t cell_count = cell_keys.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells_by_pair(cell_count);
  cells_.assign(cell_count, Cell{});
  for (std::size_t g = 0; g < cell_count; ++g) {
    const auto p = static_cast<std::uint32_t>(
        std::lower_bound(pairs.begin(), pairs.end(), cell_keys[g]) - pairs.begin());
    cells_by_pair[g] = {p, static_cast<std::uint32_t>(g)};
    cells_[g].component = key_component(cell_keys[g]);
    cells_[g].local = p - first_pair[cells_[g].component];
  }
  std::sort(cells_by_pair.begin(), cells_by_pair.end());

  ChSearch search(hierarchy.node_count());
  std::vector<double> from_representative, to_representative;
  std::vector<double> out_m(cell_count), in_m(cell_count);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> others;  // (cell, other component)
  double largest_cost = 0.0;
  std::size_t next = 0;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const std::uint32_t x = key_component(pairs[p]);
    hierarchy.costs_from_all_ranks(representative[p], search, from_representative);
    hierarchy.costs_to_all_ranks(representative[p], search, to_representative);
    const ComponentTable& table = components_[x];
    const std::size_t row = table.offset + std::size_t{p - first_pair[x]} * table.size;
    for (std::uint32_t q = first_pair[x]; q < first_pair[x + 1]; ++q) {
      const double cost = from_representative[hierarchy.rank_of(representative[q])];
      assert(cost < std::numeric_limits<double>::infinity());  // one strong component
      table_[row + (q - first_pair[x])] = static_cast<float>(cost);
      largest_cost = std::max(largest_cost, cost);
    }
    for (; next < cell_count && cells_by_pair[next].first == p; ++next) {
      const std::uint32_t g = cells_by_pair[next].second;
      double out = 0.0, in = 0.0;
      candidates.for_each(cell_lo(g), cell_m_, [&](NodeId node) {
        if (component[node] != x) {
          others.emplace_back(g, component[node]);
          return;
        }
        const std::uint32_t rank = hierarchy.rank_of(node);
        out = std::max(out, to_representative[rank]);
        in = std::max(in, from_representative[rank]);
      });
      out_m[g] = out;
      in_m[g] = in;
      largest_cost = std::max({largest_cost, out, in});
    }
  }
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  other_first_.assign(cell_count + 1, 0);
  for (const auto& [g, c] : others) ++other_first_[g + 1];
  for (std::size_t g = 0; g < cell_count; ++g) other_first_[g + 1] += other_first_[g];
  other_components_.reserve(others.size());
  for (const auto& [g, c] : others) other_components_.push_back(c);
  // The typical detour, from a sample of at most ~64k table entries.
  std::vector<double> ratios;
  const std::size_t stride = std::max<std::size_t>(1, table_.size() / 65536) | 1;
  for (std::uint32_t c = 0; c < component_count; ++c) {
    const ComponentTable& table = components_[c];
    for (std::size_t i = 0; i < std::size_t{table.size} * table.size; i += stride) {
      const std::size_t from = i / table.size, to = i % table.size;
      const double straight_m = euclidean_m(representative_position_[table.first_pair + from],
                                            representative_position_[table.first_pair + to]);
      if (straight_m >= 2.0 * cell_m_) ratios.push_back(table_[table.offset + i] / straight_m);
    }
  }
  if (!ratios.empty()) {
    const auto middle = ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2);
    std::nth_element(ratios.begin(), middle, ratios.end());
    detour_ = *middle;
  }
  // The allowance for rounding: float table entries (relative error 2^-24) and sums taken in a
  // different order by the sweeps and the exact queries.
  const double allowance = 1e-6 * largest_cost + 1e-6;
  for (std::size_t g = 0; g < cell_count; ++g) {
    cells_[g].out_m = float_at_least(out_m[g] + allowance);
    cells_[g].in_m = float_at_least(in_m[g] + allowance);
  }
}

bool EstimateTable::inside(Point p) const {
  const double x = (p.x_m - origin_.x_m) * inverse_cell_m_;
  const double y = (p.y_m - origin_.y_m) * inverse_cell_m_;
  return x >= 0.0 && x < last_column_ + 1.0 && y >= 0.0 && y < last_row_ + 1.0;
}

double EstimateTable::error_bound(Point a, Point b) const {
  if (cells_.empty() || !inside(a) || !inside(b)) return kInfinity;
  const std::size_t ga = cell_index(a), gb = cell_index(b);
  const Cell& ca = cells_[ga];
  const Cell& cb = cells_[gb];
  if (ca.component != cb.component || share_other_component(ga, gb)) return kInfinity;
  const Reading reading = read(a, b, ca, cb);
  return std::max(reading.highest - reading.estimate, reading.estimate - reading.lowest);
}

bool EstimateTable::share_other_component(std::size_t ga, std::size_t gb) const {
  auto a = other_components_.begin() + other_first_[ga];
  const auto a_end = other_components_.begin() + other_first_[ga + 1];
  auto b = other_components_.begin() + other_first_[gb];
  const auto b_end = other_components_.begin() + other_first_[gb + 1];
  while (a != a_end && b != b_end) {
    if (*a == *b) return true;
    if (*a < *b) {
      ++a;
    } else {
      ++b;
    }
  }
  return false;
}

}  // namespace knightsim
