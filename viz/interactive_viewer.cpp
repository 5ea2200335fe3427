#include "interactive_viewer.hpp"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/System/Clock.hpp>
#include <cstdio>

#include "controls.hpp"
#include "headless_output.hpp"

namespace knightsim::viz {
namespace {

/// S: the window as it is, to knightsim-view-<date>-<hhmmss>.png in the working directory.
void save_screenshot(const sf::RenderWindow& window, const Scene& scene) {
  sf::Texture texture;
  if (!texture.create(window.getSize().x, window.getSize().y)) return;
  texture.update(window);
  const std::string stamp = scene.simulation().clock().format(scene.shown_ms());
  const std::string name = "knightsim-view-" + stamp.substr(0, 10) + "-" + stamp.substr(11, 2) +
                           stamp.substr(14, 2) + stamp.substr(17, 2) + ".png";
  if (save_png(texture.copyToImage(), name)) {
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
  state.paused = playback.paused();
  state.speed_label = playback.label();
  camera.fit(state.region ? *state.region : scene.bounds());
  Controls controls;
  sf::Clock frame_clock;

  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      switch (controls.handle(event, scene, camera, playback, state)) {
        case ControlAction::quit:
          window.close();
          break;
        case ControlAction::screenshot:
          save_screenshot(window, scene);
          break;
        case ControlAction::none:
          break;
      }
    }
    if (!window.isOpen()) break;
    // Advance by the real time the last frame took (capped by Playback), so the run never
    // holds the window up for long and simulated time flows at the chosen speed.
    const double wall_s = frame_clock.restart().asSeconds();
    scene.advance_to(playback.advance(scene.shown_ms(), wall_s, scene.end_ms()));
    controls.follow(scene, camera, state);
    scene.draw(window, camera, state);
    window.display();
  }
  return 0;
}

}  // namespace knightsim::viz
