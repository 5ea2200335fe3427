#include "controls.hpp"

#include <cmath>

namespace knightsim::viz {
namespace {
/// A press that moves less than this is a click, not a drag.
constexpr float kDragThresholdPx = 4.0f;
constexpr double kWheelZoomStep = 1.2;
}  // namespace

ControlAction Controls::handle(const sf::Event& event, const Scene& scene, Camera& camera,
                               Playback& playback, ViewState& state) {
  switch (event.type) {
    case sf::Event::Closed:
      return ControlAction::quit;
    case sf::Event::Resized:
      camera.resize({event.size.width, event.size.height});
      break;
    case sf::Event::KeyPressed:
      switch (event.key.code) {
        case sf::Keyboard::Escape:
          return ControlAction::quit;
        case sf::Keyboard::S:
          return ControlAction::screenshot;
        case sf::Keyboard::Space:
          playback.toggle_pause();
          break;
        case sf::Keyboard::Num1:
        case sf::Keyboard::Num2:
        case sf::Keyboard::Num3:
        case sf::Keyboard::Num4:
        case sf::Keyboard::Num5:
        case sf::Keyboard::Num6:
          playback.set_level(static_cast<int>(event.key.code - sf::Keyboard::Num1));
          break;
        case sf::Keyboard::Add:
        case sf::Keyboard::Equal:
          playback.faster();
          break;
        case sf::Keyboard::Subtract:
        case sf::Keyboard::Hyphen:
          playback.slower();
          break;
        case sf::Keyboard::H:
          state.heatmap = next(state.heatmap);
          break;
        case sf::Keyboard::L:
          state.show_legend = !state.show_legend;
          break;
        case sf::Keyboard::F1:
          state.show_help = !state.show_help;
          break;
        default:
          break;
      }
      break;
    case sf::Event::MouseWheelScrolled:
      camera.zoom_at({static_cast<float>(event.mouseWheelScroll.x),
                      static_cast<float>(event.mouseWheelScroll.y)},
                     std::pow(kWheelZoomStep, event.mouseWheelScroll.delta));
      break;
    case sf::Event::MouseButtonPressed:
      if (event.mouseButton.button == sf::Mouse::Left) {
        dragging_ = true;
        dragged_ = false;
        last_mouse_ = {static_cast<float>(event.mouseButton.x),
                       static_cast<float>(event.mouseButton.y)};
      }
      break;
    case sf::Event::MouseMoved:
      if (dragging_) {
        const sf::Vector2f mouse{static_cast<float>(event.mouseMove.x),
                                 static_cast<float>(event.mouseMove.y)};
        const sf::Vector2f delta = mouse - last_mouse_;
        if (dragged_ || std::abs(delta.x) + std::abs(delta.y) >= kDragThresholdPx) {
          dragged_ = true;
          state.following = false;  // the user took the camera back
          camera.pan_by_pixels(delta);
          last_mouse_ = mouse;
        }
      }
      break;
    case sf::Event::MouseButtonReleased:
      if (event.mouseButton.button == sf::Mouse::Left) {
        if (dragging_ && !dragged_) {
          state.selection = pick(
              scene.simulation(), camera,
              {static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)},
              scene.shown_ms());
          state.following = state.selection.rider.has_value();
        }
        dragging_ = false;
      }
      break;
    default:
      break;
  }
  state.paused = playback.paused();
  state.speed_label = playback.label();
  return ControlAction::none;
}

void Controls::follow(const Scene& scene, Camera& camera, const ViewState& state) const {
  if (!state.following || !state.selection.rider) return;
  const auto riders = scene.simulation().riders();
  if (*state.selection.rider < riders.size()) {
    camera.centre_on(position_at(riders[*state.selection.rider], scene.shown_ms()));
  }
}

}  // namespace knightsim::viz
