// Island outlines filled by ear clipping: the triangles cover the polygon exactly, once.
#include "polygon_triangulation.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

using namespace knightsim;
using namespace knightsim::viz;

namespace {

/// Shoelace area, independent of the code under test (and of land.hpp).
double polygon_area(const std::vector<Point>& v) {
  double twice = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const Point a = v[i], b = v[(i + 1) % v.size()];
    twice += a.x_m * b.y_m - b.x_m * a.y_m;
  }
  return std::abs(twice) / 2;
}

double cross(Point o, Point a, Point b) {
  return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m);
}

double triangle_area(const std::array<Point, 3>& t) {
  return std::abs(cross(t[0], t[1], t[2])) / 2;
}

/// Strictly inside the triangle (either winding).
bool strictly_inside(Point p, const std::array<Point, 3>& t) {
  const double d1 = cross(t[0], t[1], p), d2 = cross(t[1], t[2], p), d3 = cross(t[2], t[0], p);
  return (d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0);
}

/// Even-odd point-in-polygon, independent of the code under test.
bool inside_polygon(Point p, const std::vector<Point>& v) {
  bool inside = false;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    if ((v[i].y_m > p.y_m) != (v[j].y_m > p.y_m) &&
        p.x_m < (v[j].x_m - v[i].x_m) * (p.y_m - v[i].y_m) / (v[j].y_m - v[i].y_m) + v[i].x_m) {
      inside = !inside;
    }
  }
  return inside;
}

/// The triangles' areas sum to the polygon's, and sample points off every edge are covered
/// exactly once inside the polygon and never outside it.
void check_exact_cover(const std::vector<Point>& outline, const std::string& name) {
  CAPTURE(name);
  std::vector<Point> ring = outline;
  if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
  const auto triangles = triangulate(Polygon{outline});
  REQUIRE_FALSE(triangles.empty());
  CHECK(triangles.size() <= ring.size() - 2);  // fewer when collinear vertices are dropped
  double sum = 0;
  for (const auto& t : triangles) {
    CHECK(triangle_area(t) > 0);
    sum += triangle_area(t);
  }
  const double area = polygon_area(ring);
  CHECK(sum == doctest::Approx(area).epsilon(1e-9));

  double min_x = ring[0].x_m, max_x = min_x, min_y = ring[0].y_m, max_y = min_y;
  for (Point p : ring) {
    min_x = std::min(min_x, p.x_m);
    max_x = std::max(max_x, p.x_m);
    min_y = std::min(min_y, p.y_m);
    max_y = std::max(max_y, p.y_m);
  }
  // An irrational step, so no sample lands on an edge or a diagonal of these shapes.
  int inside_samples = 0;
  for (double fx = 0.013; fx < 1; fx += 0.0371 * std::numbers::sqrt2) {
    for (double fy = 0.017; fy < 1; fy += 0.0331 * std::numbers::sqrt3) {
      const Point p{min_x + fx * (max_x - min_x), min_y + fy * (max_y - min_y)};
      const auto covering = std::count_if(triangles.begin(), triangles.end(),
                                          [p](const auto& t) { return strictly_inside(p, t); });
      CAPTURE(p.x_m);
      CAPTURE(p.y_m);
      if (inside_polygon(p, ring)) {
        ++inside_samples;
        CHECK(covering == 1);
      } else {
        CHECK(covering == 0);
      }
    }
  }
  CHECK(inside_samples > 20);
}

/// The same shape with its vertices in the other order, from another start, and closed by a
/// repeated first vertex.
void check_all_forms(std::vector<Point> outline, const std::string& name) {
  check_exact_cover(outline, name);
  std::vector<Point> closed = outline;
  closed.push_back(outline.front());
  check_exact_cover(closed, name + ", closed");
  std::rotate(outline.begin(), outline.begin() + 1, outline.end());
  check_exact_cover(outline, name + ", rotated");
  std::reverse(outline.begin(), outline.end());
  check_exact_cover(outline, name + ", clockwise");
  outline.push_back(outline.front());
  check_exact_cover(outline, name + ", clockwise, closed");
}

}  // namespace

TEST_CASE("convex polygons: a square, a hexagon, a 32-vertex ellipse") {
  check_all_forms({{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}}, "square");
  std::vector<Point> hexagon;
  for (int k = 0; k < 6; ++k) {
    const double a = k * std::numbers::pi / 3;
    hexagon.push_back({500 + 400 * std::cos(a), 300 + 400 * std::sin(a)});
  }
  check_all_forms(hexagon, "hexagon");
  check_all_forms(ellipse_polygon({3000, 2000}, 6000, 2500).vertices, "ellipse");
}

TEST_CASE("concave polygons: an L, a star, a comb, a bay") {
  check_all_forms({{0, 0}, {3000, 0}, {3000, 1000}, {1000, 1000}, {1000, 3000}, {0, 3000}}, "L");
  std::vector<Point> star;
  for (int k = 0; k < 10; ++k) {
    const double a = std::numbers::pi / 2 + k * std::numbers::pi / 5;
    const double r = k % 2 == 0 ? 1000 : 380;
    star.push_back({r * std::cos(a), r * std::sin(a)});
  }
  check_all_forms(star, "star");
  // A comb: three teeth pointing north.
  check_all_forms({{0, 0},
                   {5000, 0},
                   {5000, 3000},
                   {4000, 3000},
                   {4000, 1000},
                   {3000, 1000},
                   {3000, 3000},
                   {2000, 3000},
                   {2000, 1000},
                   {1000, 1000},
                   {1000, 3000},
                   {0, 3000}},
                  "comb");
  // An island with a deep narrow bay whose head is close to the far coast.
  check_all_forms({{0, 0},
                   {4000, 0},
                   {4000, 4000},
                   {2100, 4000},
                   {2100, 300},
                   {1900, 300},
                   {1900, 4000},
                   {0, 4000}},
                  "bay");
}

TEST_CASE("coastlines: star-shaped outlines with many irregular vertices") {
  // Radii from a fixed linear congruential sequence: jagged capes and bays, the same every run.
  std::uint32_t state = 12345;
  const auto next_share = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state >> 8) / static_cast<double>(1u << 24);
  };
  for (int shape = 0; shape < 20; ++shape) {
    const int vertices = 8 + shape * 7;
    std::vector<Point> coast;
    for (int k = 0; k < vertices; ++k) {
      const double a = 2 * std::numbers::pi * k / vertices;
      const double r = 300 + 2700 * next_share();
      coast.push_back({5000 + r * std::cos(a), 4000 + r * std::sin(a)});
    }
    check_all_forms(coast, "coast " + std::to_string(shape));
  }
}

TEST_CASE("collinear vertices along a straight coast change nothing") {
  check_all_forms({{0, 0}, {500, 0}, {1000, 0}, {1000, 500}, {1000, 1000}, {500, 1000}, {0, 1000}},
                  "square with midpoints");
  check_all_forms(
      {{0, 0}, {2000, 0}, {2000, 500}, {1000, 500}, {500, 500}, {500, 2000}, {0, 2000}, {0, 1000}},
      "L with midpoints");
}

TEST_CASE("too few vertices give no triangles; a triangle gives itself") {
  CHECK(triangulate(Polygon{}).empty());
  CHECK(triangulate(Polygon{{{0, 0}}}).empty());
  CHECK(triangulate(Polygon{{{0, 0}, {10, 0}}}).empty());
  CHECK(triangulate(Polygon{{{0, 0}, {10, 0}, {0, 0}}}).empty());  // closed two-vertex ring
  const auto one = triangulate(Polygon{{{0, 0}, {10, 0}, {0, 10}, {0, 0}}});
  REQUIRE(one.size() == 1);
  CHECK(triangle_area(one[0]) == doctest::Approx(50));
}
