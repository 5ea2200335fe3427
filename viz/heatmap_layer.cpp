#include "heatmap_layer.hpp"

#include <SFML/Graphics/VertexArray.hpp>
#include <cmath>

#include "vertex_shapes.hpp"

namespace knightsim::viz {

const char* to_string(HeatmapMode mode) {
  switch (mode) {
    case HeatmapMode::off:
      return "off";
    case HeatmapMode::demand:
      return "demand (orders placed)";
    case HeatmapMode::lateness:
      return "lateness (late or cancelled)";
  }
  return "?";
}

HeatmapMode next(HeatmapMode mode) {
  switch (mode) {
    case HeatmapMode::off:
      return HeatmapMode::demand;
    case HeatmapMode::demand:
      return HeatmapMode::lateness;
    case HeatmapMode::lateness:
      return HeatmapMode::off;
  }
  return HeatmapMode::off;
}

void draw_heatmap(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
                  HeatmapMode mode) {
  if (mode == HeatmapMode::off) return;
  const CellCounts& cells = mode == HeatmapMode::demand ? tracker.demand() : tracker.lateness();
  if (cells.max() == 0) return;
  sf::VertexArray triangles(sf::Triangles);
  // Square-root scale: a few busy cells would otherwise wash out the rest.
  const double top = std::sqrt(static_cast<double>(cells.max()));
  for (int row = 0; row < cells.rows(); ++row) {
    for (int column = 0; column < cells.columns(); ++column) {
      const std::uint32_t count = cells.at(column, row);
      if (count == 0) continue;
      const double intensity = std::sqrt(static_cast<double>(count)) / top;
      // Never opaque: the map stays readable under the busiest cell.
      const auto alpha = static_cast<sf::Uint8>(30 + 120 * intensity);
      const sf::Color colour =
          mode == HeatmapMode::demand
              ? sf::Color(255, static_cast<sf::Uint8>(220 - 140 * intensity), 40, alpha)
              : sf::Color(255, 40, static_cast<sf::Uint8>(120 * (1 - intensity)), alpha);
      const Point low{cells.origin().x_m + column * cells.cell_m(),
                      cells.origin().y_m + row * cells.cell_m()};
      const Point high{low.x_m + cells.cell_m(), low.y_m + cells.cell_m()};
      append_quad(triangles, to_view(low), to_view({high.x_m, low.y_m}), to_view(high),
                  to_view({low.x_m, high.y_m}), colour);
    }
  }
  target.setView(camera.view());
  target.draw(triangles);
}

}  // namespace knightsim::viz
