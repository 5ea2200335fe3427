#pragma once
/// What the keys and the mouse do, apart from the window: each SFML event changes the camera,
/// the playback and the view state. Kept out of the window loop so the controls can be tested
/// with synthetic events.

#include <SFML/Window/Event.hpp>

#include "camera.hpp"
#include "hud.hpp"
#include "playback.hpp"
#include "scene.hpp"

namespace knightsim::viz {

/// What the window should do after an event.
enum class ControlAction { none, quit, screenshot };

class Controls {
 public:
  /// Applies `event`. `scene` is read to pick what a click selects.
  ControlAction handle(const sf::Event& event, const Scene& scene, Camera& camera,
                       Playback& playback, ViewState& state);
  /// Once per frame, after the run advanced: the camera follows the selected rider.
  void follow(const Scene& scene, Camera& camera, const ViewState& state) const;

 private:
  bool dragging_ = false;
  bool dragged_ = false;
  sf::Vector2f last_mouse_;
};

}  // namespace knightsim::viz
