#pragma once
/// The heatmap (key H): where orders came from, or where they were late or cancelled, as
/// translucent cells over the map, brighter with more orders.

#include <SFML/Graphics/RenderTarget.hpp>

#include "camera.hpp"
#include "run_tracker.hpp"

namespace knightsim::viz {

enum class HeatmapMode { off, demand, lateness };
const char* to_string(HeatmapMode mode);
/// off → demand → lateness → off.
HeatmapMode next(HeatmapMode mode);

void draw_heatmap(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
                  HeatmapMode mode);

}  // namespace knightsim::viz
