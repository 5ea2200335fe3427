#pragma once
/// The window: runs the scene in simulated time at the playback's speed and draws it at up to
/// 60 frames a second, with the controls of the help overlay (F1).

#include <SFML/System/Vector2.hpp>

#include "playback.hpp"
#include "scene.hpp"

namespace knightsim::viz {

/// Opens a resizable window and runs until the user quits. Returns the process exit code.
int run_window(Scene& scene, Playback& playback, sf::Vector2u size, const ViewState& initial_state);

}  // namespace knightsim::viz
