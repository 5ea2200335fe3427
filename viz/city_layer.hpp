#pragma once
/// The city that does not move: land and water, islands, roads by class (or the analytic
/// grid's streets and arterials), bridges and compass zones. Built once into vertex arrays in
/// view space; road widths are in pixels, so the arrays are rebuilt when the zoom changes much.

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include "camera.hpp"
#include "knightsim/simulation.hpp"

namespace knightsim::viz {

/// The plane the scenario covers: the city rectangle, grown to hold every road and island.
WorldBounds world_bounds(const Simulation& simulation);

class CityLayer {
 public:
  explicit CityLayer(const Simulation& simulation);
  /// Draws under everything else; `camera` decides line widths.
  void draw(sf::RenderTarget& target, const Camera& camera);

 private:
  void build_land();
  void build_roads(double metres_per_pixel);

  const Simulation& simulation_;
  sf::VertexArray land_{sf::Triangles};
  sf::VertexArray coast_{sf::Lines};
  sf::VertexArray minor_roads_{sf::Lines};  ///< one pixel wide: cheapest to draw
  sf::VertexArray major_roads_{sf::Triangles};
  double built_for_metres_per_pixel_ = 0.0;
};

}  // namespace knightsim::viz
