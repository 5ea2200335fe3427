// Land polygons: containment, area, bounds and centroid, hand-authored ellipse islands, and
// the distance from a point to a segment.
#include "knightsim/land.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>

namespace knightsim {
namespace {

/// Twice the signed area (positive for counter-clockwise vertices).
double twice_signed_area_m2(const Polygon& polygon) {
  const std::vector<Point>& v = polygon.vertices;
  double sum = 0.0;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    sum += v[j].x_m * v[i].y_m - v[i].x_m * v[j].y_m;
  }
  return sum;
}

}  // namespace

bool contains(const Polygon& polygon, Point p) {
  const std::vector<Point>& v = polygon.vertices;
  if (v.empty()) return false;
  // The boundary counts as inside: a pier or a road node exactly on the shore is on land. The
  // tolerance absorbs rounding of points computed on an edge (a road cut at the shore).
  constexpr double kOnBoundaryM = 1e-6;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    if (distance_to_segment_m(p, v[j], v[i]) <= kOnBoundaryM) return true;
  }
  // Ray casting towards +x: count the edges crossing the horizontal line through p to its
  // right. The half-open test on y counts a vertex on the line once, not twice.
  bool inside = false;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    const Point a = v[j], b = v[i];
    if ((a.y_m > p.y_m) == (b.y_m > p.y_m)) continue;
    const double x_cross = a.x_m + (p.y_m - a.y_m) * (b.x_m - a.x_m) / (b.y_m - a.y_m);
    if (x_cross > p.x_m) inside = !inside;
  }
  return inside;
}

double area_m2(const Polygon& polygon) {
  if (polygon.vertices.size() < 3) return 0.0;
  return std::abs(twice_signed_area_m2(polygon)) / 2.0;
}

Point min_corner(const Polygon& polygon) {
  if (polygon.vertices.empty()) return {0.0, 0.0};
  Point corner = polygon.vertices.front();
  for (const Point& p : polygon.vertices) {
    corner = {std::min(corner.x_m, p.x_m), std::min(corner.y_m, p.y_m)};
  }
  return corner;
}

Point max_corner(const Polygon& polygon) {
  if (polygon.vertices.empty()) return {0.0, 0.0};
  Point corner = polygon.vertices.front();
  for (const Point& p : polygon.vertices) {
    corner = {std::max(corner.x_m, p.x_m), std::max(corner.y_m, p.y_m)};
  }
  return corner;
}

Point centroid(const Polygon& polygon) {
  const std::vector<Point>& v = polygon.vertices;
  if (v.empty()) return {0.0, 0.0};
  // Relative to the first vertex: projected coordinates can be large, and the products of the
  // shoelace formula would lose the digits that matter.
  const Point base = v.front();
  double twice_area = 0.0, cx = 0.0, cy = 0.0;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    const double ax = v[j].x_m - base.x_m, ay = v[j].y_m - base.y_m;
    const double bx = v[i].x_m - base.x_m, by = v[i].y_m - base.y_m;
    const double cross = ax * by - bx * ay;
    twice_area += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (std::abs(twice_area) < 1e-12) {
    // Degenerate (a segment or a point): the mean of the vertices is the sensible centre.
    Point mean{0.0, 0.0};
    for (const Point& p : v) mean = {mean.x_m + p.x_m, mean.y_m + p.y_m};
    const auto n = static_cast<double>(v.size());
    return {mean.x_m / n, mean.y_m / n};
  }
  return {base.x_m + cx / (3.0 * twice_area), base.y_m + cy / (3.0 * twice_area)};
}

Polygon ellipse_polygon(Point centre, double extent_x_m, double extent_y_m, int vertex_count) {
  vertex_count = std::max(vertex_count, 3);
  Polygon polygon;
  polygon.vertices.reserve(static_cast<std::size_t>(vertex_count));
  for (int k = 0; k < vertex_count; ++k) {
    const double angle = 2.0 * std::numbers::pi * k / vertex_count;
    polygon.vertices.push_back({centre.x_m + extent_x_m / 2.0 * std::cos(angle),
                                centre.y_m + extent_y_m / 2.0 * std::sin(angle)});
  }
  return polygon;
}

double distance_to_segment_m(Point p, Point a, Point b, Point* closest) {
  const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m;
  const double length2 = dx * dx + dy * dy;
  double t = 0.0;
  if (length2 > 0.0) {
    t = std::clamp(((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / length2, 0.0, 1.0);
  }
  const Point q{a.x_m + t * dx, a.y_m + t * dy};
  if (closest != nullptr) *closest = q;
  return euclidean_m(p, q);
}

}  // namespace knightsim
