#include "interactive_viewer.hpp"

#include <fmt/format.h>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/Window/Event.hpp>
#include <cmath>
#include <cstdio>

namespace knightsim::viz {
namespace {

constexpr float kDragThresholdPx = 4.0f;

void save_screenshot(const sf::RenderWindow& window, const Scene& scene) {
  sf::Texture texture;
  if (!texture.create(window.getSize().x, window.getSize().y)) return;
  texture.update(window);
  const std::string stamp = scene.simulation().clock().format(scene.shown_ms());
  std::string name = "knightsim-view-" + stamp.substr(0, 10) + "-" + stamp.substr(11, 2) +
                     stamp.substr(14, 2) + stamp.substr(17, 2) + ".png";
  if (texture.copyToImage().saveToFile(name)) {
    std::fprintf(stderr, "knightsim-view: screenshot saved to %s\n", name.c_str());
  } else {
    std::fprintf(stderr, "knightsim-view: could not save the screenshot %s\n", name.c_str());
  }
}

}  // namespace

int run_window(Scene& scene, Playback& playback, sf::Vector2u size,
               const ViewState& initial_state) {
  sf::ContextSettings settings;
  settings.antialiasingLevel = initial_state.antialiasing;
  sf::RenderWindow window(sf::VideoMode(size.x, size.y),
                          "knightsim-view: " + scene.simulation().spec().name, sf::Style::Default,
                          settings);
  window.setFramerateLimit(60);
  Camera camera(window.getSize());
  ViewState state = initial_state;
  camera.fit(state.region ? *state.region : scene.bounds());
  bool dragging = false;
  bool dragged = false;
  sf::Vector2f last_mouse;
  sf::Clock frame_clock;

  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      switch (event.type) {
        case sf::Event::Closed:
          window.close();
          break;
        case sf::Event::Resized:
          camera.resize({event.size.width, event.size.height});
          break;
        case sf::Event::KeyPressed:
          switch (event.key.code) {
            case sf::Keyboard::Escape:
              window.close();
              break;
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
            case sf::Keyboard::S:
              save_screenshot(window, scene);
              break;
            default:
              break;
          }
          break;
        case sf::Event::MouseWheelScrolled:
          camera.zoom_at({static_cast<float>(event.mouseWheelScroll.x),
                          static_cast<float>(event.mouseWheelScroll.y)},
                         std::pow(1.2, event.mouseWheelScroll.delta));
          break;
        case sf::Event::MouseButtonPressed:
          if (event.mouseButton.button == sf::Mouse::Left) {
            dragging = true;
            dragged = false;
            last_mouse = {static_cast<float>(event.mouseButton.x),
                          static_cast<float>(event.mouseButton.y)};
          }
          break;
        case sf::Event::MouseMoved:
          if (dragging) {
            const sf::Vector2f mouse{static_cast<float>(event.mouseMove.x),
                                     static_cast<float>(event.mouseMove.y)};
            const sf::Vector2f delta = mouse - last_mouse;
            if (dragged || std::abs(delta.x) + std::abs(delta.y) >= kDragThresholdPx) {
              dragged = true;
              state.following = false;  // the user took the camera back
              camera.pan_by_pixels(delta);
              last_mouse = mouse;
            }
          }
          break;
        case sf::Event::MouseButtonReleased:
          if (event.mouseButton.button == sf::Mouse::Left) {
            if (!dragged) {
              state.selection = pick(scene.simulation(), camera,
                                     {static_cast<float>(event.mouseButton.x),
                                      static_cast<float>(event.mouseButton.y)},
                                     scene.shown_ms());
              state.following = state.selection.rider.has_value();
            }
            dragging = false;
          }
          break;
        default:
          break;
      }
    }
    if (!window.isOpen()) break;

    const double wall_s = frame_clock.restart().asSeconds();
    scene.advance_to(playback.advance(scene.shown_ms(), wall_s, scene.end_ms()));
    if (state.following && state.selection.rider) {
      camera.centre_on(
          position_at(scene.simulation().riders()[*state.selection.rider], scene.shown_ms()));
    }
    state.paused = playback.paused();
    state.speed_label = playback.label();
    scene.draw(window, camera, state);
    window.display();
  }
  return 0;
}

}  // namespace knightsim::viz
