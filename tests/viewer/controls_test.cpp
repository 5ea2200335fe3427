// The window's controls, driven by synthetic SFML events (no window): keys change the speed,
// pause, heatmap, legend and help, or ask to quit or take a screenshot; the wheel zooms around
// the cursor; a drag pans; a click selects the rider under the cursor and the camera follows it.
#include <doctest/doctest.h>

#include "controls.hpp"
#include "viewer_testing.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;

namespace {

sf::Event key(sf::Keyboard::Key code) {
  sf::Event event;
  event.type = sf::Event::KeyPressed;
  event.key = {code, false, false, false, false};
  return event;
}

sf::Event mouse_button(sf::Event::EventType type, int x, int y) {
  sf::Event event;
  event.type = type;
  event.mouseButton = {sf::Mouse::Left, x, y};
  return event;
}

sf::Event mouse_move(int x, int y) {
  sf::Event event;
  event.type = sf::Event::MouseMoved;
  event.mouseMove = {x, y};
  return event;
}

sf::Event wheel(float delta, int x, int y) {
  sf::Event event;
  event.type = sf::Event::MouseWheelScrolled;
  event.mouseWheelScroll = {sf::Mouse::VerticalWheel, delta, x, y};
  return event;
}

struct Harness {
  Scene scene{load_spec(kTownYaml), 7, test_font()};
  Camera camera{{800, 600}};
  Playback playback{60};
  ViewState state;
  Controls controls;

  Harness() { camera.fit(scene.bounds()); }
  ControlAction send(const sf::Event& event) {
    return controls.handle(event, scene, camera, playback, state);
  }
};

}  // namespace

TEST_CASE("keys set the speed, pause, heatmap, legend and help, and ask to quit or save") {
  Harness h;
  CHECK(h.send(key(sf::Keyboard::Num6)) == ControlAction::none);
  CHECK(h.playback.speed_factor() == 3600);
  CHECK(h.state.speed_label == h.playback.label());
  h.send(key(sf::Keyboard::Num1));
  CHECK(h.playback.speed_factor() == 1);
  h.send(key(sf::Keyboard::Add));
  CHECK(h.playback.speed_factor() == 10);
  h.send(key(sf::Keyboard::Hyphen));
  CHECK(h.playback.speed_factor() == 1);

  h.send(key(sf::Keyboard::Space));
  CHECK(h.playback.paused());
  CHECK(h.state.paused);
  h.send(key(sf::Keyboard::Space));
  CHECK_FALSE(h.state.paused);

  h.send(key(sf::Keyboard::H));
  CHECK(h.state.heatmap == HeatmapMode::demand);
  h.send(key(sf::Keyboard::H));
  CHECK(h.state.heatmap == HeatmapMode::lateness);
  h.send(key(sf::Keyboard::H));
  CHECK(h.state.heatmap == HeatmapMode::off);

  const bool legend = h.state.show_legend;
  h.send(key(sf::Keyboard::L));
  CHECK(h.state.show_legend != legend);
  h.send(key(sf::Keyboard::F1));
  CHECK(h.state.show_help);

  CHECK(h.send(key(sf::Keyboard::S)) == ControlAction::screenshot);
  CHECK(h.send(key(sf::Keyboard::Escape)) == ControlAction::quit);
  sf::Event closed;
  closed.type = sf::Event::Closed;
  CHECK(h.send(closed) == ControlAction::quit);
}

TEST_CASE("the wheel zooms around the cursor; a window resize keeps the scale") {
  Harness h;
  const double scale = h.camera.metres_per_pixel();
  const sf::Vector2f cursor{200, 150};
  const Point under = h.camera.to_world(cursor);
  h.send(wheel(2.0f, 200, 150));
  CHECK(h.camera.metres_per_pixel() == doctest::Approx(scale / 1.44));
  const Point after = h.camera.to_world(cursor);
  CHECK(after.x_m == doctest::Approx(under.x_m).epsilon(1e-6));
  CHECK(after.y_m == doctest::Approx(under.y_m).epsilon(1e-6));

  sf::Event resized;
  resized.type = sf::Event::Resized;
  resized.size = {1000, 700};
  h.send(resized);
  CHECK(h.camera.viewport_px() == sf::Vector2u{1000, 700});
  CHECK(h.camera.metres_per_pixel() == doctest::Approx(scale / 1.44));
}

TEST_CASE("a drag pans the map and stops following; a small wobble is still a click") {
  Harness h;
  h.state.following = true;
  const Point centre = h.camera.centre();
  h.send(mouse_button(sf::Event::MouseButtonPressed, 400, 300));
  h.send(mouse_move(402, 301));  // under the drag threshold: nothing moves yet
  CHECK(h.camera.centre().x_m == centre.x_m);
  h.send(mouse_move(500, 300));  // 100 px to the right: the world follows the mouse
  h.send(mouse_button(sf::Event::MouseButtonReleased, 500, 300));
  CHECK(h.camera.centre().x_m == doctest::Approx(centre.x_m - 100 * h.camera.metres_per_pixel()));
  CHECK(h.camera.centre().y_m == doctest::Approx(centre.y_m));
  CHECK_FALSE(h.state.following);
  CHECK(h.state.selection.empty());  // a drag selects nothing
}

TEST_CASE("a click selects the rider under the cursor, the camera follows it; empty map clears") {
  Harness h;
  h.scene.advance_to(30 * kMsPerMinute);
  // The first rider on the road, at its position now.
  const Rider* target = nullptr;
  for (const Rider& rider : h.scene.simulation().riders()) {
    if (rider.leg.moving) {
      target = &rider;
      break;
    }
  }
  REQUIRE(target != nullptr);
  const sf::Vector2f at = h.camera.to_screen(position_at(*target, h.scene.shown_ms()));
  const int x = static_cast<int>(at.x + 0.5f), y = static_cast<int>(at.y + 0.5f);
  h.send(mouse_button(sf::Event::MouseButtonPressed, x, y));
  h.send(mouse_button(sf::Event::MouseButtonReleased, x, y));
  REQUIRE(h.state.selection.rider.has_value());
  // Another rider may stand on the same pixel; whichever was picked is within reach.
  const Rider& picked = h.scene.simulation().riders()[*h.state.selection.rider];
  const sf::Vector2f picked_at = h.camera.to_screen(position_at(picked, h.scene.shown_ms()));
  CHECK(std::abs(picked_at.x - at.x) + std::abs(picked_at.y - at.y) <= 20.0f);
  CHECK(h.state.following);

  h.scene.advance_to(h.scene.shown_ms() + 5 * kMsPerMinute);
  h.controls.follow(h.scene, h.camera, h.state);
  const Point now = position_at(picked, h.scene.shown_ms());
  CHECK(h.camera.centre().x_m == doctest::Approx(now.x_m));
  CHECK(h.camera.centre().y_m == doctest::Approx(now.y_m));

  // A click far outside the city (the camera zoomed onto the rider's corner) selects nothing.
  h.camera.centre_on({-50000, -50000});
  h.send(mouse_button(sf::Event::MouseButtonPressed, 10, 10));
  h.send(mouse_button(sf::Event::MouseButtonReleased, 10, 10));
  CHECK(h.state.selection.empty());
  CHECK_FALSE(h.state.following);
}
