#pragma once
/// Plane geometry in metres: the generated city lives in [0, width_m] × [0, height_m].

#include <cmath>

namespace knightsim {

struct Point {
  double x_m = 0.0;
  double y_m = 0.0;
  friend bool operator==(const Point&, const Point&) = default;
};

inline double euclidean_m(Point a, Point b) {
  return std::hypot(a.x_m - b.x_m, a.y_m - b.y_m);
}
inline double manhattan_m(Point a, Point b) {
  return std::abs(a.x_m - b.x_m) + std::abs(a.y_m - b.y_m);
}

}  // namespace knightsim
