#pragma once
/// Shapes appended to vertex arrays (triangles, or lines for rings), so each layer draws all
/// its markers in one call instead of one per shape.

#include <SFML/Graphics/VertexArray.hpp>

namespace knightsim::viz {

/// A quadrilateral a-b-c-d (in order around it) as two triangles.
void append_quad(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c,
                 sf::Vector2f d, sf::Color colour);
/// An axis-aligned rectangle from `low` to `high`.
void append_rectangle(sf::VertexArray& triangles, sf::Vector2f low, sf::Vector2f high,
                      sf::Color colour);
void append_square(sf::VertexArray& triangles, sf::Vector2f centre, float half, sf::Color colour);
void append_diamond(sf::VertexArray& triangles, sf::Vector2f centre, float half, sf::Color colour);
/// A line from a to b, `width` wide.
void append_thick_line(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float width,
                       sf::Color colour);
/// A circle outline of line segments.
void append_ring(sf::VertexArray& lines, sf::Vector2f centre, float radius, sf::Color colour);

}  // namespace knightsim::viz
