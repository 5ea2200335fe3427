#include "city_layer.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "knightsim/road_map.hpp"
#include "palette.hpp"
#include "polygon_triangulation.hpp"
#include "vertex_shapes.hpp"

namespace knightsim::viz {

WorldBounds world_bounds(const Simulation& simulation) {
  WorldBounds bounds{{0.0, 0.0}, {simulation.city().width_m(), simulation.city().height_m()}};
  const auto grow = [&bounds](Point p) {
    bounds.min = {std::min(bounds.min.x_m, p.x_m), std::min(bounds.min.y_m, p.y_m)};
    bounds.max = {std::max(bounds.max.x_m, p.x_m), std::max(bounds.max.y_m, p.y_m)};
  };
  if (const RoadMap* map = simulation.road_map()) {
    if (map->graph().node_count() > 0) {
      grow(map->graph().min_corner());
      grow(map->graph().max_corner());
    }
  }
  for (const IslandSpec& island : simulation.spec().map.islands) {
    for (Point p : island.outline.vertices) grow(p);
  }
  return bounds;
}

namespace {

/// True if the graph also has the edge's reverse, of the same class.
bool has_twin(const RoadGraph& graph, const RoadEdge& edge) {
  for (const RoadEdge& back : graph.out_edges(edge.to)) {
    if (back.to == edge.from && back.road_class == edge.road_class) return true;
  }
  return false;
}

}  // namespace

CityLayer::CityLayer(const Simulation& simulation) : simulation_(simulation) {
  build_land();
}

void CityLayer::build_land() {
  const City& city = simulation_.city();
  const auto& islands = simulation_.spec().map.islands;
  // With islands, the city rectangle is sea and land is where the islands are.
  const sf::Color rectangle_colour = islands.empty() ? kLandColour : kSeaColour;
  const sf::Vector2f corners[4] = {to_view({0, 0}), to_view({city.width_m(), 0}),
                                   to_view({city.width_m(), city.height_m()}),
                                   to_view({0, city.height_m()})};
  append_quad(land_, corners[0], corners[1], corners[2], corners[3], rectangle_colour);
  for (const IslandSpec& island : islands) {
    for (const auto& triangle : triangulate(island.outline)) {
      for (Point p : triangle) land_.append({to_view(p), kLandColour});
    }
    const auto& v = island.outline.vertices;
    for (std::size_t i = 0; i < v.size(); ++i) {
      coast_.append({to_view(v[i]), kCoastColour});
      coast_.append({to_view(v[(i + 1) % v.size()]), kCoastColour});
    }
  }
  // Compass zones (the areas results are broken down by) on maps without islands.
  if (islands.empty()) {
    for (int k = 1; k <= 2; ++k) {
      const double x = city.width_m() * k / 3, y = city.height_m() * k / 3;
      coast_.append({to_view({x, 0}), kZoneLineColour});
      coast_.append({to_view({x, city.height_m()}), kZoneLineColour});
      coast_.append({to_view({0, y}), kZoneLineColour});
      coast_.append({to_view({city.width_m(), y}), kZoneLineColour});
    }
  }
}

void CityLayer::build_roads(double metres_per_pixel) {
  minor_roads_.clear();
  major_roads_.clear();
  built_for_metres_per_pixel_ = metres_per_pixel;
  // One-pixel streets fade as the view widens, or a region view would be a grey hatch.
  const auto faded = [metres_per_pixel](sf::Color colour) {
    colour.a = static_cast<sf::Uint8>(std::clamp(255.0 * 20.0 / metres_per_pixel, 70.0, 255.0));
    return colour;
  };
  const auto px = [metres_per_pixel](float pixels) {
    return static_cast<float>(pixels * metres_per_pixel);
  };
  if (const RoadMap* map = simulation_.road_map()) {
    const RoadGraph& graph = map->graph();
    // Major roads drawn in order of importance, so a motorway is never under a street.
    for (int rank = kRoadClassCount - 1; rank >= 0; --rank) {
      const auto road_class = static_cast<RoadClass>(rank);
      const float width_px = road_width_px(road_class);
      for (const RoadEdge& edge : graph.edges()) {
        if (edge.road_class != road_class) continue;
        // A two-way road is two edges: draw it once, from its lower-numbered end (a one-way's
        // only edge has no twin and is always drawn). Halves the vertices of most maps.
        if (edge.from > edge.to && has_twin(graph, edge)) continue;
        const Point a = graph.position(edge.from), b = graph.position(edge.to);
        if (width_px <= 1.0f) {
          minor_roads_.append({to_view(a), faded(road_colour(road_class))});
          minor_roads_.append({to_view(b), faded(road_colour(road_class))});
        } else {
          append_thick_line(major_roads_, to_view(a), to_view(b), px(width_px),
                            road_colour(road_class));
        }
      }
    }
  } else {
    // The analytic grid: every street, every arterial_every_blocks-th one an arterial.
    const City& city = simulation_.city();
    const CitySpec& spec = city.spec();
    const int streets_x = static_cast<int>(city.width_m() / spec.block_m);
    const int streets_y = static_cast<int>(city.height_m() / spec.block_m);
    // Too dense to see when zoomed far out: then only the arterials are drawn.
    const bool draw_streets = spec.block_m / metres_per_pixel >= 3.0;
    const auto street = [&](Point a, Point b, bool arterial) {
      if (arterial) {
        append_thick_line(major_roads_, to_view(a), to_view(b), px(2.2f), kGridArterialColour);
      } else if (draw_streets) {
        minor_roads_.append({to_view(a), faded(kGridStreetColour)});
        minor_roads_.append({to_view(b), faded(kGridStreetColour)});
      }
    };
    const int every = std::max(1, spec.arterial_every_blocks);
    for (int i = 0; i <= streets_x; ++i) {
      const double x = i * spec.block_m;
      street({x, 0}, {x, city.height_m()}, i % every == 0);
    }
    for (int j = 0; j <= streets_y; ++j) {
      const double y = j * spec.block_m;
      street({0, y}, {city.width_m(), y}, j % every == 0);
    }
  }
  for (const BridgeSpec& bridge : simulation_.spec().map.bridges) {
    append_thick_line(major_roads_, to_view(bridge.from), to_view(bridge.to), px(4.0f),
                      kBridgeColour);
  }
}

void CityLayer::draw(sf::RenderTarget& target, const Camera& camera) {
  const double scale = camera.metres_per_pixel();
  const double change = built_for_metres_per_pixel_ > 0 ? scale / built_for_metres_per_pixel_ : 0;
  if (change < 0.8 || change > 1.25) build_roads(scale);
  target.setView(camera.view());
  target.draw(land_);
  target.draw(minor_roads_);
  target.draw(major_roads_);
  target.draw(coast_);
}

}  // namespace knightsim::viz
