#pragma once
/// Land areas (islands, a mainland shore) as simple polygons in the metre plane, and the plane
/// geometry maps need: containment, area, bounds, distance to a segment.

#include <vector>

#include "knightsim/geometry.hpp"

namespace knightsim {

/// A simple polygon (not self-intersecting), vertices in order (either orientation), closed
/// implicitly (the last vertex joins the first).
struct Polygon {
  std::vector<Point> vertices;
};

/// True if p is inside (or on the boundary of) the polygon.
bool contains(const Polygon& polygon, Point p);
double area_m2(const Polygon& polygon);
Point min_corner(const Polygon& polygon);
Point max_corner(const Polygon& polygon);
/// Area-weighted centre.
Point centroid(const Polygon& polygon);
/// An ellipse-like polygon of `vertex_count` vertices with the given centre and full extents
/// (east–west and north–south), for hand-authored approximate islands.
Polygon ellipse_polygon(Point centre, double extent_x_m, double extent_y_m, int vertex_count = 32);

/// Distance from p to the segment ab, and the closest point on it in `closest` (if not null).
double distance_to_segment_m(Point p, Point a, Point b, Point* closest = nullptr);

}  // namespace knightsim
