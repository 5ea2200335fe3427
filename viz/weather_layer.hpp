#pragma once
/// The conditions over the map: day and night shading from the scenario clock and the sun,
/// a tint per weather state, and rain, storm or snow falling across the screen. Drawn from the
/// simulated time alone, so a snapshot at a given time is always the same picture.

#include <SFML/Graphics/RenderTarget.hpp>

#include "camera.hpp"
#include "knightsim/simulation.hpp"

namespace knightsim::viz {

/// How dark the scenario is at `now` (0 day .. 1 night): the map's latitude when it has
/// geographic coordinates, kDefaultLatitudeDeg otherwise.
double scenario_night_share(const Simulation& simulation, SimTime now);

/// Darkens and tints the map for the night and the weather (drawn under the riders, which
/// stay bright like lights in the dark).
void draw_shading(sf::RenderTarget& target, const Camera& camera, const Simulation& simulation,
                  SimTime now);
/// Rain, storm or snow falling across the screen, over everything but the HUD.
void draw_precipitation(sf::RenderTarget& target, const Camera& camera,
                        const Simulation& simulation, SimTime now);

}  // namespace knightsim::viz
