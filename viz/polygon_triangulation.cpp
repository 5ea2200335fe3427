#include "polygon_triangulation.hpp"

#include <algorithm>

namespace knightsim::viz {
namespace {

double cross(Point o, Point a, Point b) {
  return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m);
}

bool inside_triangle(Point p, Point a, Point b, Point c) {
  // Counter-clockwise triangle: p is inside (or on an edge) when it is left of all three edges.
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

}  // namespace

std::vector<std::array<Point, 3>> triangulate(const Polygon& polygon) {
  std::vector<std::array<Point, 3>> triangles;
  const std::vector<Point>& v = polygon.vertices;
  std::vector<std::size_t> remaining;
  for (std::size_t i = 0; i < v.size(); ++i) {
    // Skip a closing vertex that repeats the first (some authors close their rings).
    if (i + 1 == v.size() && v.size() > 1 && v[i] == v[0]) break;
    remaining.push_back(i);
  }
  if (remaining.size() < 3) return triangles;
  double twice_area = 0;
  for (std::size_t i = 0; i < remaining.size(); ++i) {
    const Point a = v[remaining[i]], b = v[remaining[(i + 1) % remaining.size()]];
    twice_area += a.x_m * b.y_m - b.x_m * a.y_m;
  }
  if (twice_area < 0) std::reverse(remaining.begin(), remaining.end());  // make it CCW

  // O(n²) ear clipping: island outlines have tens to hundreds of vertices.
  std::size_t guard = remaining.size() * remaining.size() + 8;
  std::size_t i = 0;
  while (remaining.size() > 3 && guard-- > 0) {
    const std::size_t n = remaining.size();
    const Point a = v[remaining[(i + n - 1) % n]], b = v[remaining[i % n]],
                c = v[remaining[(i + 1) % n]];
    const double turn = cross(a, b, c);
    if (turn == 0) {  // a straight-through vertex: drop it, it encloses nothing
      remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(i % n));
      i = i % remaining.size();
      continue;
    }
    bool ear = turn > 0;  // convex corner
    for (std::size_t k = 0; ear && k < n; ++k) {
      const Point p = v[remaining[k]];
      if (p == a || p == b || p == c) continue;
      if (inside_triangle(p, a, b, c)) ear = false;
    }
    if (ear) {
      triangles.push_back({a, b, c});
      remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(i % n));
      i = i % remaining.size();
    } else {
      i = (i + 1) % n;
    }
  }
  // A degenerate remainder (collinear points) is dropped, except the last triangle.
  if (remaining.size() == 3)
    triangles.push_back({v[remaining[0]], v[remaining[1]], v[remaining[2]]});
  return triangles;
}

}  // namespace knightsim::viz
