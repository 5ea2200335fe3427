// Generated road networks: a grid with arterials, rings and radials over a local grid, and
// jittered "organic" blocks with streets removed and some one-way. Each layout is built as a
// list of streets between intersection nodes, optionally clipped to a land polygon, and cut to
// its largest piece a bike can ride around in both directions.
#include "knightsim/road_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "knightsim/rng.hpp"

namespace knightsim {
namespace {

/// A road between two nodes of a Layout; two-way unless `one_way` (then only a → b).
struct Street {
  NodeId a = kNoNode;
  NodeId b = kNoNode;
  RoadClass road_class = RoadClass::residential;
  bool one_way = false;
};

struct Layout {
  std::vector<Point> nodes;
  std::vector<Street> streets;
};

/// A mistyped block length must not allocate the machine away; 20 million intersections is
/// far beyond any city at any sensible block length.
constexpr double kMaxGridNodes = 20e6;
/// Organic: intersections move at most this share of a block along each axis, so that
/// neighbouring columns (and rows) cannot pass each other and streets never cross.
constexpr double kMaxIrregularity = 0.45;
/// Organic: share of the remaining residential streets made one-way.
constexpr double kOneWayShare = 0.10;
/// Organic: a street becomes one-way only if the way back is found among this many nodes (the
/// detour around a block is a handful of nodes; a search of the whole city per street would be
/// quadratic).
constexpr std::size_t kOneWayDetourSearchNodes = 256;

// --- Grids -------------------------------------------------------------------------------

/// Positions of streets across [start, start + length]: every `block_m`, the set centred so
/// both margins are equal; at least two (the two sides, when the length is under a block).
std::vector<double> street_positions(double start, double length_m, double block_m) {
  double spacing = block_m;
  auto gaps = static_cast<std::size_t>(std::floor(length_m / block_m + 1e-9));
  if (gaps < 1) {
    gaps = 1;
    spacing = length_m;
  }
  const double margin = (length_m - static_cast<double>(gaps) * spacing) / 2.0;
  std::vector<double> positions(gaps + 1);
  for (std::size_t i = 0; i <= gaps; ++i) {
    positions[i] = start + margin + static_cast<double>(i) * spacing;
  }
  return positions;
}

/// Every `every`-th street, counted from the middle one so the centre always has an arterial
/// and a small island does not get arterials only along its shores.
bool is_arterial(std::size_t index, std::size_t count, int every) {
  if (every <= 0) return false;
  const auto offset = static_cast<long long>(index) - static_cast<long long>(count / 2);
  return offset % every == 0;
}

/// A grid of streets; node (i, j) (column i, row j) is j * xs.size() + i. With
/// `arterial_every` > 0 every so many streets are primary, the rest residential.
Layout grid_streets(const std::vector<double>& xs, const std::vector<double>& ys,
                    int arterial_every) {
  Layout layout;
  const std::size_t nx = xs.size(), ny = ys.size();
  layout.nodes.reserve(nx * ny);
  for (std::size_t j = 0; j < ny; ++j) {
    for (std::size_t i = 0; i < nx; ++i) layout.nodes.push_back({xs[i], ys[j]});
  }
  const auto id = [nx](std::size_t i, std::size_t j) { return static_cast<NodeId>(j * nx + i); };
  const auto road_class = [&](std::size_t index, std::size_t count) {
    return is_arterial(index, count, arterial_every) ? RoadClass::primary : RoadClass::residential;
  };
  for (std::size_t j = 0; j < ny; ++j) {  // east–west streets, row j
    for (std::size_t i = 0; i + 1 < nx; ++i) {
      layout.streets.push_back({id(i, j), id(i + 1, j), road_class(j, ny)});
    }
  }
  for (std::size_t i = 0; i < nx; ++i) {  // north–south streets, column i
    for (std::size_t j = 0; j + 1 < ny; ++j) {
      layout.streets.push_back({id(i, j), id(i, j + 1), road_class(i, nx)});
    }
  }
  return layout;
}

// --- Organic -----------------------------------------------------------------------------

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) {
    for (std::size_t i = 0; i < n; ++i) parent_[i] = static_cast<NodeId>(i);
  }
  NodeId find(NodeId x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  /// False if a and b were already joined.
  bool join(NodeId a, NodeId b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent_[std::max(a, b)] = std::min(a, b);
    return true;
  }

 private:
  std::vector<NodeId> parent_;
};

template <class T>
void shuffle(std::vector<T>& items, Rng& rng) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[rng.below(i)]);
  }
}

/// Removes `removal_share` of the streets, residential ones only, without disconnecting: a
/// random spanning tree (arterials first, so they are all in it or joined by it) is kept, and
/// the removed streets are drawn from those outside it.
void remove_streets(Layout& layout, double removal_share, Rng& rng) {
  const std::size_t total = layout.streets.size();
  std::vector<std::size_t> order;
  for (std::size_t s = 0; s < total; ++s) {
    if (layout.streets[s].road_class != RoadClass::residential) order.push_back(s);
  }
  const std::size_t arterial_count = order.size();
  std::vector<std::size_t> residential;
  for (std::size_t s = 0; s < total; ++s) {
    if (layout.streets[s].road_class == RoadClass::residential) residential.push_back(s);
  }
  shuffle(residential, rng);
  order.insert(order.end(), residential.begin(), residential.end());

  UnionFind components(layout.nodes.size());
  std::vector<std::size_t> removable;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Street& street = layout.streets[order[k]];
    if (!components.join(street.a, street.b) && k >= arterial_count) {
      removable.push_back(order[k]);
    }
  }
  shuffle(removable, rng);
  const auto wanted = static_cast<std::size_t>(
      std::llround(std::clamp(removal_share, 0.0, 1.0) * static_cast<double>(total)));
  removable.resize(std::min(wanted, removable.size()));
  std::vector<char> removed(total, 0);
  for (std::size_t s : removable) removed[s] = 1;
  std::vector<Street> kept;
  kept.reserve(total - removable.size());
  for (std::size_t s = 0; s < total; ++s) {
    if (!removed[s]) kept.push_back(layout.streets[s]);
  }
  layout.streets = std::move(kept);
}

/// Makes about kOneWayShare of the residential streets one-way, each only where the way back
/// around it is found, so a strongly connected layout stays strongly connected.
void add_one_way_streets(Layout& layout, Rng& rng) {
  // Adjacency: per node, the streets at it (the usable direction is checked when walking).
  std::vector<std::vector<std::uint32_t>> streets_at(layout.nodes.size());
  for (std::size_t s = 0; s < layout.streets.size(); ++s) {
    streets_at[layout.streets[s].a].push_back(static_cast<std::uint32_t>(s));
    streets_at[layout.streets[s].b].push_back(static_cast<std::uint32_t>(s));
  }
  std::vector<std::uint32_t> candidates;
  for (std::size_t s = 0; s < layout.streets.size(); ++s) {
    if (layout.streets[s].road_class == RoadClass::residential) {
      candidates.push_back(static_cast<std::uint32_t>(s));
    }
  }
  shuffle(candidates, rng);

  // Breadth-first search from `from` for `target`, not using street `skipped`, visiting at
  // most kOneWayDetourSearchNodes nodes. Marks are generation numbers, so no clearing.
  std::vector<std::uint32_t> mark(layout.nodes.size(), 0);
  std::uint32_t generation = 0;
  std::vector<NodeId> queue;
  const auto reachable = [&](NodeId from, NodeId target, std::uint32_t skipped) {
    ++generation;
    queue.assign(1, from);
    mark[from] = generation;
    for (std::size_t head = 0; head < queue.size() && queue.size() <= kOneWayDetourSearchNodes;
         ++head) {
      const NodeId node = queue[head];
      for (std::uint32_t s : streets_at[node]) {
        if (s == skipped) continue;
        const Street& street = layout.streets[s];
        if (street.one_way && street.a != node) continue;
        const NodeId next = street.a == node ? street.b : street.a;
        if (next == target) return true;
        if (mark[next] != generation) {
          mark[next] = generation;
          queue.push_back(next);
        }
      }
    }
    return false;
  };

  for (std::uint32_t s : candidates) {
    // Both draws happen for every candidate, so one street's fate does not shift the others'.
    const bool chosen = rng.bernoulli(kOneWayShare);
    const bool reversed = rng.bernoulli(0.5);
    if (!chosen) continue;
    Street& street = layout.streets[s];
    if (reversed) std::swap(street.a, street.b);
    // Keeping only a → b: the graph stays strongly connected iff a is still reachable from b.
    if (reachable(street.b, street.a, s)) street.one_way = true;
  }
}

Layout organic_streets(const RoadLayoutSpec& spec, Point origin, double width_m, double height_m,
                       Rng& rng) {
  const std::vector<double> xs = street_positions(origin.x_m, width_m, spec.block_m);
  const std::vector<double> ys = street_positions(origin.y_m, height_m, spec.block_m);
  Layout layout = grid_streets(xs, ys, spec.arterial_every_blocks);
  const double irregularity = std::clamp(spec.irregularity, 0.0, kMaxIrregularity);
  const double jitter_x = irregularity * (xs[1] - xs[0]);
  const double jitter_y = irregularity * (ys[1] - ys[0]);
  for (Point& node : layout.nodes) {
    // Kept inside the rectangle: the caller's bounds (an island's box) are the layout's bounds.
    node.x_m =
        std::clamp(node.x_m + rng.uniform(-jitter_x, jitter_x), origin.x_m, origin.x_m + width_m);
    node.y_m =
        std::clamp(node.y_m + rng.uniform(-jitter_y, jitter_y), origin.y_m, origin.y_m + height_m);
  }
  remove_streets(layout, spec.removal_share, rng);
  add_one_way_streets(layout, rng);
  return layout;
}

// --- Ring and radial: a planar arrangement of straight segments ----------------------------

struct Segment {
  Point a;
  Point b;
  RoadClass road_class = RoadClass::residential;
};

double cross(double ax, double ay, double bx, double by) {
  return ax * by - ay * bx;
}

std::int64_t cell_key(std::int64_t cx, std::int64_t cy) {
  return (cx << 32) ^ (cy & 0xFFFF'FFFFll);
}

/// Nodes merged within a snapping distance: a crossing a few metres from an intersection is
/// that intersection, not a second node joined to it by a sliver of road.
class NodeSnapper {
 public:
  NodeSnapper(std::vector<Point>& nodes, double snap_m) : nodes_(nodes), snap_m_(snap_m) {}

  NodeId node_at(Point p) {
    const std::int64_t cx = cell(p.x_m), cy = cell(p.y_m);
    NodeId best = kNoNode;
    double best_m = snap_m_;
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto found = cells_.find(cell_key(cx + dx, cy + dy));
        if (found == cells_.end()) continue;
        for (NodeId node : found->second) {
          const double d = euclidean_m(nodes_[node], p);
          if (d <= best_m) {
            best_m = d;
            best = node;
          }
        }
      }
    }
    if (best != kNoNode) return best;
    nodes_.push_back(p);
    const auto node = static_cast<NodeId>(nodes_.size() - 1);
    cells_[cell_key(cx, cy)].push_back(node);
    return node;
  }

 private:
  std::int64_t cell(double v) const { return static_cast<std::int64_t>(std::floor(v / snap_m_)); }

  std::vector<Point>& nodes_;
  double snap_m_;
  std::unordered_map<std::int64_t, std::vector<NodeId>> cells_;
};

/// The planar graph of a set of segments: every crossing and T-junction becomes a node
/// (splitting the segments there), points closer than `snap_m` merge, and where two segments
/// run along each other the earlier one (the bigger road, by construction order) keeps the
/// shared stretch. Duplicate streets between two nodes are merged, keeping the bigger class.
Layout planarize(const std::vector<Segment>& segments, double snap_m, double cell_m) {
  const std::size_t n = segments.size();
  std::vector<std::vector<double>> splits(n, std::vector<double>{0.0, 1.0});
  std::vector<std::vector<std::pair<double, double>>> covered(n);

  // Segments by the cells their (slightly grown) boxes touch.
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells;
  std::vector<std::int64_t> box(4);
  const auto cell_box = [&](const Segment& s) {
    const auto lo = [&](double a, double b) {
      return static_cast<std::int64_t>(std::floor((std::min(a, b) - snap_m) / cell_m));
    };
    const auto hi = [&](double a, double b) {
      return static_cast<std::int64_t>(std::floor((std::max(a, b) + snap_m) / cell_m));
    };
    box = {lo(s.a.x_m, s.b.x_m), lo(s.a.y_m, s.b.y_m), hi(s.a.x_m, s.b.x_m), hi(s.a.y_m, s.b.y_m)};
  };
  for (std::size_t i = 0; i < n; ++i) {
    cell_box(segments[i]);
    for (std::int64_t cx = box[0]; cx <= box[2]; ++cx) {
      for (std::int64_t cy = box[1]; cy <= box[3]; ++cy) {
        cells[cell_key(cx, cy)].push_back(static_cast<std::uint32_t>(i));
      }
    }
  }

  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    candidates.clear();
    cell_box(segments[i]);
    for (std::int64_t cx = box[0]; cx <= box[2]; ++cx) {
      for (std::int64_t cy = box[1]; cy <= box[3]; ++cy) {
        for (std::uint32_t j : cells[cell_key(cx, cy)]) {
          if (j > i) candidates.push_back(j);
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    const Segment& si = segments[i];
    const double rx = si.b.x_m - si.a.x_m, ry = si.b.y_m - si.a.y_m;
    const double length_i = std::sqrt(rx * rx + ry * ry);
    for (std::uint32_t j : candidates) {
      const Segment& sj = segments[j];
      const double sx = sj.b.x_m - sj.a.x_m, sy = sj.b.y_m - sj.a.y_m;
      const double length_j = std::sqrt(sx * sx + sy * sy);
      const double qx = sj.a.x_m - si.a.x_m, qy = sj.a.y_m - si.a.y_m;
      const double denominator = cross(rx, ry, sx, sy);
      if (std::abs(denominator) > 1e-9 * length_i * length_j) {
        // Crossing (or a T-junction, or a near miss within the snapping distance).
        const double t = cross(qx, qy, sx, sy) / denominator;
        const double u = cross(qx, qy, rx, ry) / denominator;
        const double tolerance_i = snap_m / length_i, tolerance_j = snap_m / length_j;
        if (t < -tolerance_i || t > 1.0 + tolerance_i || u < -tolerance_j ||
            u > 1.0 + tolerance_j) {
          continue;
        }
        splits[i].push_back(std::clamp(t, 0.0, 1.0));
        splits[j].push_back(std::clamp(u, 0.0, 1.0));
        continue;
      }
      // Parallel: only collinear ones with an overlap of some length matter.
      constexpr double kCollinearM = 1e-3;
      if (std::abs(cross(qx, qy, rx, ry)) / length_i > kCollinearM) continue;
      const double length2_i = length_i * length_i;
      const double t0 = (qx * rx + qy * ry) / length2_i;
      const double t1 = ((sj.b.x_m - si.a.x_m) * rx + (sj.b.y_m - si.a.y_m) * ry) / length2_i;
      const double lo = std::max(0.0, std::min(t0, t1)), hi = std::min(1.0, std::max(t0, t1));
      if ((hi - lo) * length_i <= kCollinearM) continue;
      // i (earlier) keeps the stretch; j is cut at its ends and loses what lies between.
      splits[i].push_back(lo);
      splits[i].push_back(hi);
      const auto along_j = [&](double t) {
        const double px = si.a.x_m + t * rx - sj.a.x_m, py = si.a.y_m + t * ry - sj.a.y_m;
        return std::clamp((px * sx + py * sy) / (length_j * length_j), 0.0, 1.0);
      };
      const double u0 = along_j(lo), u1 = along_j(hi);
      splits[j].push_back(u0);
      splits[j].push_back(u1);
      covered[j].emplace_back(std::min(u0, u1), std::max(u0, u1));
    }
  }

  Layout layout;
  NodeSnapper snapper(layout.nodes, snap_m);
  std::unordered_map<std::uint64_t, std::size_t> street_between;  // (min, max) node → index
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double>& ts = splits[i];
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    const Segment& s = segments[i];
    const auto point_at = [&](double t) {
      return Point{s.a.x_m + t * (s.b.x_m - s.a.x_m), s.a.y_m + t * (s.b.y_m - s.a.y_m)};
    };
    NodeId previous = snapper.node_at(point_at(ts.front()));
    for (std::size_t k = 1; k < ts.size(); ++k) {
      const NodeId node = snapper.node_at(point_at(ts[k]));
      const double middle = (ts[k - 1] + ts[k]) / 2.0;
      const bool is_covered = std::any_of(
          covered[i].begin(), covered[i].end(),
          [middle](const auto& range) { return middle > range.first && middle < range.second; });
      if (node != previous && !is_covered) {
        const std::uint64_t key =
            (static_cast<std::uint64_t>(std::min(node, previous)) << 32) | std::max(node, previous);
        const auto [found, inserted] = street_between.emplace(key, layout.streets.size());
        if (inserted) {
          layout.streets.push_back({previous, node, s.road_class});
        } else if (s.road_class < layout.streets[found->second].road_class) {
          layout.streets[found->second].road_class = s.road_class;  // smaller enum: bigger road
        }
      }
      previous = node;
    }
  }
  return layout;
}

Layout ring_radial_streets(const RoadLayoutSpec& spec, Point origin, double width_m,
                           double height_m) {
  const Point centre{origin.x_m + width_m / 2.0, origin.y_m + height_m / 2.0};
  const double half_w = width_m / 2.0, half_h = height_m / 2.0;
  std::vector<Segment> segments;
  // Radials first, then rings, then the local grid: where two run along each other, the
  // earlier (bigger) road keeps the stretch. Radials are offset by half a step so that with
  // 4 or 8 of them none runs along the grid's central streets.
  for (int k = 0; k < spec.radials; ++k) {
    const double angle = std::numbers::pi * (2.0 * k + 1.0) / spec.radials;
    const double c = std::cos(angle), s = std::sin(angle);
    double reach_m = std::numeric_limits<double>::infinity();
    if (std::abs(c) > 1e-12) reach_m = std::min(reach_m, half_w / std::abs(c));
    if (std::abs(s) > 1e-12) reach_m = std::min(reach_m, half_h / std::abs(s));
    segments.push_back(
        {centre, {centre.x_m + reach_m * c, centre.y_m + reach_m * s}, RoadClass::primary});
  }
  // Rings while they fit inside the rectangle, as polygons with sides of about a block.
  if (spec.ring_spacing_m > 0.0) {
    for (double radius_m = spec.ring_spacing_m; radius_m <= std::min(half_w, half_h) + 1e-9;
         radius_m += spec.ring_spacing_m) {
      const int sides = std::max(
          12, static_cast<int>(std::ceil(2.0 * std::numbers::pi * radius_m / spec.block_m)));
      Point previous{centre.x_m + radius_m, centre.y_m};
      for (int k = 1; k <= sides; ++k) {
        const double angle = 2.0 * std::numbers::pi * k / sides;
        const Point next = k == sides ? Point{centre.x_m + radius_m, centre.y_m}
                                      : Point{centre.x_m + radius_m * std::cos(angle),
                                              centre.y_m + radius_m * std::sin(angle)};
        segments.push_back({previous, next, RoadClass::secondary});
        previous = next;
      }
    }
  }
  const Layout grid =
      grid_streets(street_positions(origin.x_m, width_m, spec.block_m),
                   street_positions(origin.y_m, height_m, spec.block_m), /*arterial_every=*/0);
  for (const Street& street : grid.streets) {
    segments.push_back({grid.nodes[street.a], grid.nodes[street.b], street.road_class});
  }
  // A crossing within a fifth of a block of an intersection joins it.
  return planarize(segments, 0.2 * spec.block_m, spec.block_m);
}

// --- Clipping and the final graph ----------------------------------------------------------

double orientation(Point a, Point b, Point c) {
  return cross(b.x_m - a.x_m, b.y_m - a.y_m, c.x_m - a.x_m, c.y_m - a.y_m);
}

/// True if the segments cross at a point inside both (touching does not count).
bool cross_properly(Point a, Point b, Point c, Point d) {
  const double o1 = orientation(a, b, c), o2 = orientation(a, b, d);
  const double o3 = orientation(c, d, a), o4 = orientation(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/// A street between two nodes on land stays only if it does not leave the land (a street
/// across a bay of a concave island would be a bridge nobody built).
bool stays_inside(const Polygon& clip, Point a, Point b) {
  if (!contains(clip, {(a.x_m + b.x_m) / 2.0, (a.y_m + b.y_m) / 2.0})) return false;
  const std::vector<Point>& v = clip.vertices;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    if (cross_properly(a, b, v[j], v[i])) return false;
  }
  return true;
}

void clip_layout(Layout& layout, const Polygon& clip) {
  std::vector<char> inside(layout.nodes.size());
  for (std::size_t n = 0; n < layout.nodes.size(); ++n) {
    inside[n] = contains(clip, layout.nodes[n]) ? 1 : 0;
  }
  std::vector<Street> kept;
  for (const Street& street : layout.streets) {
    if (inside[street.a] && inside[street.b] &&
        stays_inside(clip, layout.nodes[street.a], layout.nodes[street.b])) {
      kept.push_back(street);
    }
  }
  layout.streets = std::move(kept);
  // Nodes left without streets go with the largest-component cut below.
}

void add_street(RoadGraph& graph, NodeId a, NodeId b, const Street& street) {
  const std::uint8_t modes = default_modes(street.road_class);
  if (street.one_way) {
    graph.add_edge(a, b, street.road_class, modes);
  } else {
    graph.add_road(a, b, street.road_class, modes);
  }
}

/// The layout's largest strongly connected piece for bikes, as an unfinalized graph: what
/// clipping cut off (a peninsula behind a one-way, a corner of the box) cannot be ridden to
/// and from the rest, so it is dropped here rather than left for every caller to find.
RoadGraph largest_bike_component(const Layout& layout) {
  RoadGraph whole;
  for (const Point& p : layout.nodes) whole.add_node(p);
  for (const Street& street : layout.streets) add_street(whole, street.a, street.b, street);
  whole.finalize();
  const std::vector<std::uint32_t> component =
      strongly_connected_components(whole, TravelMode::bike);

  RoadGraph result;
  std::vector<NodeId> renumbered(layout.nodes.size(), kNoNode);
  for (std::size_t n = 0; n < layout.nodes.size(); ++n) {
    if (component[n] == 0) renumbered[n] = result.add_node(layout.nodes[n]);
  }
  for (const Street& street : layout.streets) {
    const NodeId a = renumbered[street.a], b = renumbered[street.b];
    if (a != kNoNode && b != kNoNode) add_street(result, a, b, street);
  }
  return result;
}

}  // namespace

RoadGraph generate_roads(const RoadLayoutSpec& spec, Point origin, double width_m, double height_m,
                         const Polygon* clip, std::uint64_t seed) {
  if (!(width_m > 0.0) || !(height_m > 0.0)) {
    throw std::invalid_argument("generate_roads: the area must have a positive width and height");
  }
  if (!(spec.block_m > 0.0)) {
    throw std::invalid_argument("generate_roads: block_m must be positive");
  }
  if ((width_m / spec.block_m + 2.0) * (height_m / spec.block_m + 2.0) > kMaxGridNodes) {
    throw std::invalid_argument("generate_roads: block_m " + std::to_string(spec.block_m) +
                                " is too small for an area of " + std::to_string(width_m) + " x " +
                                std::to_string(height_m) + " m");
  }
  Rng rng = RngStreams(seed).stream("map.layout");
  Layout layout;
  switch (spec.layout) {
    case RoadLayout::grid:
      layout = grid_streets(street_positions(origin.x_m, width_m, spec.block_m),
                            street_positions(origin.y_m, height_m, spec.block_m),
                            spec.arterial_every_blocks);
      break;
    case RoadLayout::ring_radial:
      layout = ring_radial_streets(spec, origin, width_m, height_m);
      break;
    case RoadLayout::organic:
      layout = organic_streets(spec, origin, width_m, height_m, rng);
      break;
  }
  if (clip != nullptr) clip_layout(layout, *clip);
  return largest_bike_component(layout);
}

}  // namespace knightsim
