#pragma once
/// Island outlines are arbitrary simple polygons (often concave: bays, capes), which a
/// triangle fan would draw wrongly; ear clipping fills them exactly.

#include <array>
#include <vector>

#include "knightsim/land.hpp"

namespace knightsim::viz {

/// Triangles covering a simple polygon (either winding; no self-intersections). A polygon
/// with fewer than 3 vertices gives none.
std::vector<std::array<Point, 3>> triangulate(const Polygon& polygon);

}  // namespace knightsim::viz
