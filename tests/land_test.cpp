// Land polygons: containment (boundary inside, concave shapes), area, bounds, centroid,
// ellipse islands and the point–segment distance, against values worked out by hand.
#include "knightsim/land.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {

using knightsim::Point;
using knightsim::Polygon;

Polygon square(double side_m) {
  return {{{0, 0}, {side_m, 0}, {side_m, side_m}, {0, side_m}}};
}

/// An L: the 2 × 2 square with its top-right 1 × 1 quarter cut away (area 3), clockwise.
Polygon l_shape() {
  return {{{0, 0}, {0, 2}, {1, 2}, {1, 1}, {2, 1}, {2, 0}}};
}

}  // namespace

TEST_CASE("contains: interior, exterior, edges and vertices of a square") {
  const Polygon sq = square(10.0);
  CHECK(contains(sq, {5, 5}));
  CHECK(contains(sq, {0.001, 9.999}));
  CHECK_FALSE(contains(sq, {-0.001, 5}));
  CHECK_FALSE(contains(sq, {5, 10.001}));
  CHECK_FALSE(contains(sq, {20, 5}));
  CHECK_FALSE(contains(sq, {-5, 5}));  // left of the polygon, on the line of two vertices' y
  // The boundary is inside: edges and vertices.
  CHECK(contains(sq, {0, 5}));
  CHECK(contains(sq, {10, 5}));
  CHECK(contains(sq, {5, 0}));
  CHECK(contains(sq, {5, 10}));
  CHECK(contains(sq, {0, 0}));
  CHECK(contains(sq, {10, 10}));
  CHECK_FALSE(contains(Polygon{}, {0, 0}));
}

TEST_CASE("contains: a concave L and a triangle") {
  const Polygon l = l_shape();
  CHECK(contains(l, {0.5, 1.5}));        // the upright
  CHECK(contains(l, {1.5, 0.5}));        // the foot
  CHECK_FALSE(contains(l, {1.5, 1.5}));  // the cut-away quarter
  CHECK(contains(l, {1, 1}));            // the reflex vertex
  CHECK(contains(l, {1.5, 1}));          // an edge of the notch
  CHECK_FALSE(contains(l, {1.5, 2}));    // on the line y = 2 but beyond the top edge
  // A ray from (−1, 1) passes through the reflex vertex's row: still outside.
  CHECK_FALSE(contains(l, {-1, 1}));
  CHECK_FALSE(contains(l, {3, 1}));

  const Polygon triangle{{{0, 0}, {4, 0}, {0, 3}}};
  CHECK(contains(triangle, {1, 1}));
  CHECK(contains(triangle, {2, 1.5}));  // on the hypotenuse
  CHECK_FALSE(contains(triangle, {2.1, 1.5}));
}

TEST_CASE("area: shoelace, either orientation") {
  CHECK(area_m2(square(10.0)) == doctest::Approx(100.0));
  Polygon reversed = square(10.0);
  std::reverse(reversed.vertices.begin(), reversed.vertices.end());
  CHECK(area_m2(reversed) == doctest::Approx(100.0));
  CHECK(area_m2(l_shape()) == doctest::Approx(3.0));
  CHECK(area_m2(Polygon{{{0, 0}, {4, 0}, {0, 3}}}) == doctest::Approx(6.0));
  CHECK(area_m2(Polygon{{{0, 0}, {4, 0}}}) == 0.0);
}

TEST_CASE("corners and centroid") {
  const Polygon l = l_shape();
  CHECK(min_corner(l) == Point{0, 0});
  CHECK(max_corner(l) == Point{2, 2});
  const Polygon shifted{{{-3, 7}, {5, -1}, {2, 4}}};
  CHECK(min_corner(shifted) == Point{-3, -1});
  CHECK(max_corner(shifted) == Point{5, 7});

  const Point sq = centroid(square(10.0));
  CHECK(sq.x_m == doctest::Approx(5.0));
  CHECK(sq.y_m == doctest::Approx(5.0));
  // Triangle: the mean of the vertices.
  const Point tri = centroid(Polygon{{{0, 0}, {6, 0}, {0, 3}}});
  CHECK(tri.x_m == doctest::Approx(2.0));
  CHECK(tri.y_m == doctest::Approx(1.0));
  // L: the 2 × 1 foot (centre (1, 0.5)) and the 1 × 1 upright above it (centre (0.5, 1.5)),
  // weighted by area: ((2·1 + 1·0.5) / 3, (2·0.5 + 1·1.5) / 3) = (5/6, 5/6).
  const Point l_centre = centroid(l);
  CHECK(l_centre.x_m == doctest::Approx(5.0 / 6.0));
  CHECK(l_centre.y_m == doctest::Approx(5.0 / 6.0));
  // Far from the origin (projected coordinates): the same shape, shifted.
  Polygon far = l;
  for (Point& p : far.vertices) p = {p.x_m + 4.0e6, p.y_m + 3.0e6};
  const Point far_centre = centroid(far);
  CHECK(far_centre.x_m == doctest::Approx(4.0e6 + 5.0 / 6.0).epsilon(1e-12));
  CHECK(far_centre.y_m == doctest::Approx(3.0e6 + 5.0 / 6.0).epsilon(1e-12));
}

TEST_CASE("ellipse_polygon: extents, centre and area") {
  const Point centre{1000, -500};
  const Polygon ellipse = knightsim::ellipse_polygon(centre, 4000, 2000, 64);
  REQUIRE(ellipse.vertices.size() == 64);
  CHECK(min_corner(ellipse).x_m == doctest::Approx(-1000.0));
  CHECK(max_corner(ellipse).x_m == doctest::Approx(3000.0));
  CHECK(min_corner(ellipse).y_m == doctest::Approx(-1500.0));
  CHECK(max_corner(ellipse).y_m == doctest::Approx(500.0));
  // π·a·b/4 with a, b the full extents; an inscribed 64-gon has sin(2π/64)·64/(2π) of it.
  const double ellipse_area = std::numbers::pi * 4000 * 2000 / 4.0;
  CHECK(area_m2(ellipse) == doctest::Approx(ellipse_area).epsilon(0.005));
  CHECK(area_m2(ellipse) < ellipse_area);
  const Point c = centroid(ellipse);
  CHECK(c.x_m == doctest::Approx(1000.0));
  CHECK(c.y_m == doctest::Approx(-500.0).epsilon(1e-9));
  CHECK(contains(ellipse, centre));
  CHECK_FALSE(contains(ellipse, {2900, 400}));  // inside the box, outside the ellipse
  CHECK(knightsim::ellipse_polygon(centre, 10, 10, 1).vertices.size() == 3);
}

TEST_CASE("distance_to_segment_m: inside the span, beyond either end, degenerate") {
  Point closest{};
  CHECK(knightsim::distance_to_segment_m({5, 3}, {0, 0}, {10, 0}, &closest) ==
        doctest::Approx(3.0));
  CHECK(closest == Point{5, 0});
  CHECK(knightsim::distance_to_segment_m({-3, 4}, {0, 0}, {10, 0}, &closest) ==
        doctest::Approx(5.0));
  CHECK(closest == Point{0, 0});
  CHECK(knightsim::distance_to_segment_m({13, -4}, {0, 0}, {10, 0}, &closest) ==
        doctest::Approx(5.0));
  CHECK(closest == Point{10, 0});
  // Diagonal: (0, 2) to the line y = x is √2, at (1, 1).
  CHECK(knightsim::distance_to_segment_m({0, 2}, {0, 0}, {4, 4}, &closest) ==
        doctest::Approx(std::sqrt(2.0)));
  CHECK(closest.x_m == doctest::Approx(1.0));
  CHECK(closest.y_m == doctest::Approx(1.0));
  CHECK(knightsim::distance_to_segment_m({3, 4}, {0, 0}, {0, 0}) == doctest::Approx(5.0));
}
