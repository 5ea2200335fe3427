#pragma once
/// Plane geometry in metres: the generated city lives in [0, width_m] × [0, height_m].

#include <cmath>

namespace knightsim {

struct Point {
  double x_m = 0.0;
  double y_m = 0.0;
  friend bool operator==(const Point&, const Point&) = default;
};

/// Straight-line distance. sqrt of the sum rather than std::hypot: city coordinates cannot
/// overflow, and hypot's care for that costs several times as much in dispatch's inner loop.
inline double euclidean_m(Point a, Point b) {
  const double dx = a.x_m - b.x_m, dy = a.y_m - b.y_m;
  return std::sqrt(dx * dx + dy * dy);
}
inline double manhattan_m(Point a, Point b) {
  return std::abs(a.x_m - b.x_m) + std::abs(a.y_m - b.y_m);
}

}  // namespace knightsim
