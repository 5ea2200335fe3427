#include "vertex_shapes.hpp"

#include <cmath>
#include <numbers>

namespace knightsim::viz {

void append_quad(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c,
                 sf::Vector2f d, sf::Color colour) {
  for (sf::Vector2f p : {a, b, c, a, c, d}) triangles.append({p, colour});
}

void append_rectangle(sf::VertexArray& triangles, sf::Vector2f low, sf::Vector2f high,
                      sf::Color colour) {
  append_quad(triangles, low, {high.x, low.y}, high, {low.x, high.y}, colour);
}

void append_square(sf::VertexArray& triangles, sf::Vector2f centre, float half, sf::Color colour) {
  append_rectangle(triangles, centre - sf::Vector2f{half, half}, centre + sf::Vector2f{half, half},
                   colour);
}

void append_diamond(sf::VertexArray& triangles, sf::Vector2f centre, float half, sf::Color colour) {
  append_quad(triangles, centre + sf::Vector2f{0, -half}, centre + sf::Vector2f{half, 0},
              centre + sf::Vector2f{0, half}, centre + sf::Vector2f{-half, 0}, colour);
}

void append_thick_line(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float width,
                       sf::Color colour) {
  const sf::Vector2f along = b - a;
  const float length = std::sqrt(along.x * along.x + along.y * along.y);
  if (length <= 0) return;
  const sf::Vector2f side{-along.y / length * width / 2, along.x / length * width / 2};
  append_quad(triangles, a + side, b + side, b - side, a - side, colour);
}

void append_ring(sf::VertexArray& lines, sf::Vector2f centre, float radius, sf::Color colour) {
  constexpr int kSegments = 20;
  constexpr float kStep = 2 * std::numbers::pi_v<float> / kSegments;
  for (int k = 0; k < kSegments; ++k) {
    const float a0 = kStep * static_cast<float>(k), a1 = kStep * static_cast<float>(k + 1);
    lines.append({centre + sf::Vector2f{std::cos(a0), std::sin(a0)} * radius, colour});
    lines.append({centre + sf::Vector2f{std::cos(a1), std::sin(a1)} * radius, colour});
  }
}

}  // namespace knightsim::viz
