// The camera: what part of the plane is on screen, and how zoom and pan move it.
#include "camera.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using namespace knightsim;
using namespace knightsim::viz;

namespace {

/// The pixel is on the screen (edges included).
bool on_screen(sf::Vector2f pixel, sf::Vector2u viewport) {
  return pixel.x >= 0 && pixel.y >= 0 && pixel.x <= static_cast<float>(viewport.x) &&
         pixel.y <= static_cast<float>(viewport.y);
}

}  // namespace

TEST_CASE("fit shows all of the bounds, centred, and uses most of the screen") {
  for (const WorldBounds bounds : {WorldBounds{{0, 0}, {3000, 3000}},          // square
                                   WorldBounds{{-500, 200}, {9500, 1200}},     // wide
                                   WorldBounds{{100, -4000}, {600, 4000}}}) {  // tall
    for (const sf::Vector2u viewport : {sf::Vector2u{800, 600}, sf::Vector2u{300, 900}}) {
      Camera camera(viewport);
      camera.fit(bounds);
      CAPTURE(bounds.max.x_m);
      CAPTURE(viewport.x);
      for (Point corner : {bounds.min, bounds.max, Point{bounds.min.x_m, bounds.max.y_m},
                           Point{bounds.max.x_m, bounds.min.y_m}}) {
        CHECK(on_screen(camera.to_screen(corner), viewport));
      }
      const Point centre{(bounds.min.x_m + bounds.max.x_m) / 2,
                         (bounds.min.y_m + bounds.max.y_m) / 2};
      const sf::Vector2f middle = camera.to_screen(centre);
      CHECK(middle.x == doctest::Approx(viewport.x / 2.0));
      CHECK(middle.y == doctest::Approx(viewport.y / 2.0));
      // A small margin, not a tiny picture: the bounds fill at least 80 % of one dimension.
      const sf::Vector2f low = camera.to_screen(bounds.min), high = camera.to_screen(bounds.max);
      const double width_share = (high.x - low.x) / static_cast<double>(viewport.x);
      const double height_share = (low.y - high.y) / static_cast<double>(viewport.y);
      CHECK(std::max(width_share, height_share) > 0.8);
      // visible() holds the bounds too.
      const WorldBounds visible = camera.visible();
      CHECK(visible.min.x_m <= bounds.min.x_m);
      CHECK(visible.min.y_m <= bounds.min.y_m);
      CHECK(visible.max.x_m >= bounds.max.x_m);
      CHECK(visible.max.y_m >= bounds.max.y_m);
    }
  }
}

TEST_CASE("world y grows north, screen y grows down") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {1000, 1000}});
  const sf::Vector2f south = camera.to_screen({500, 0}), north = camera.to_screen({500, 1000});
  CHECK(north.y < south.y);
  const sf::Vector2f west = camera.to_screen({0, 500}), east = camera.to_screen({1000, 500});
  CHECK(west.x < east.x);
}

TEST_CASE("to_screen and to_world are inverses") {
  Camera camera({1280, 800});
  camera.fit({{-2000, 1000}, {8000, 7000}});
  camera.zoom_at({100, 700}, 3.7);
  camera.pan_by_pixels({-41.5f, 13.25f});
  for (const Point world : {Point{0, 0}, Point{-1234.5, 6789.25}, Point{7999, 1001}}) {
    const Point back = camera.to_world(camera.to_screen(world));
    // Screen positions are floats: a round trip keeps the position to well under a centimetre.
    CHECK(std::abs(back.x_m - world.x_m) < 0.01);
    CHECK(std::abs(back.y_m - world.y_m) < 0.01);
  }
  for (const sf::Vector2f pixel :
       {sf::Vector2f{0, 0}, sf::Vector2f{640.5f, 3}, sf::Vector2f{1280, 800}}) {
    const sf::Vector2f back = camera.to_screen(camera.to_world(pixel));
    CHECK(back.x == doctest::Approx(pixel.x).epsilon(1e-4));
    CHECK(back.y == doctest::Approx(pixel.y).epsilon(1e-4));
  }
}

TEST_CASE("zoom_at keeps the world point under the cursor where it is") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {4000, 3000}});
  const double before_m_per_px = camera.metres_per_pixel();
  const sf::Vector2f cursor{612, 95};
  const Point under_cursor = camera.to_world(cursor);

  camera.zoom_at(cursor, 2.0);
  CHECK(camera.metres_per_pixel() == doctest::Approx(before_m_per_px / 2));
  sf::Vector2f still = camera.to_screen(under_cursor);
  CHECK(still.x == doctest::Approx(cursor.x).epsilon(1e-4));
  CHECK(still.y == doctest::Approx(cursor.y).epsilon(1e-4));

  camera.zoom_at(cursor, 0.25);  // zoom out
  CHECK(camera.metres_per_pixel() == doctest::Approx(before_m_per_px * 2));
  still = camera.to_screen(under_cursor);
  CHECK(still.x == doctest::Approx(cursor.x).epsilon(1e-4));
  CHECK(still.y == doctest::Approx(cursor.y).epsilon(1e-4));

  // A point away from the cursor moves away from it when zooming in.
  const Point elsewhere = camera.to_world({100, 500});
  camera.zoom_at(cursor, 2.0);
  const sf::Vector2f moved = camera.to_screen(elsewhere);
  CHECK(moved.x < 100);
  CHECK(moved.y > 500);
}

TEST_CASE("zoom is limited from a region down to a street corner, and ignores nonsense") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {1000, 1000}});
  const double fitted = camera.metres_per_pixel();
  camera.zoom_at({400, 300}, 0.0);
  camera.zoom_at({400, 300}, -3.0);
  CHECK(camera.metres_per_pixel() == fitted);
  for (int i = 0; i < 60; ++i) camera.zoom_at({400, 300}, 2.0);
  CHECK(camera.metres_per_pixel() > 0.0);
  CHECK(camera.metres_per_pixel() <= 1.0);
  const double closest = camera.metres_per_pixel();
  camera.zoom_at({400, 300}, 2.0);
  CHECK(camera.metres_per_pixel() == closest);
  for (int i = 0; i < 80; ++i) camera.zoom_at({400, 300}, 0.5);
  const double farthest = camera.metres_per_pixel();
  CHECK(farthest >= 100.0);
  camera.zoom_at({400, 300}, 0.5);
  CHECK(camera.metres_per_pixel() == farthest);
}

TEST_CASE("a drag pans the map with the mouse") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {8000, 6000}});
  const Point grabbed = camera.to_world({300, 200});
  camera.pan_by_pixels({50, -30});  // drag right and up
  const sf::Vector2f now = camera.to_screen(grabbed);
  CHECK(now.x == doctest::Approx(350).epsilon(1e-4));
  CHECK(now.y == doctest::Approx(170).epsilon(1e-4));
  // The scale is unchanged, and centre_on puts a point in the middle.
  camera.centre_on({1234, 567});
  const sf::Vector2f middle = camera.to_screen({1234, 567});
  CHECK(middle.x == doctest::Approx(400));
  CHECK(middle.y == doctest::Approx(300));
}

TEST_CASE("resize keeps the centre and the scale") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {3000, 3000}});
  const Point centre = camera.centre();
  const double scale = camera.metres_per_pixel();
  camera.resize({1600, 400});
  CHECK(camera.viewport_px() == sf::Vector2u{1600, 400});
  CHECK(camera.centre().x_m == centre.x_m);
  CHECK(camera.centre().y_m == centre.y_m);
  CHECK(camera.metres_per_pixel() == scale);
  const sf::Vector2f middle = camera.to_screen(centre);
  CHECK(middle.x == doctest::Approx(800));
  CHECK(middle.y == doctest::Approx(200));
}

TEST_CASE("the SFML view covers the camera's world rectangle, y flipped") {
  Camera camera({800, 600});
  camera.fit({{0, 0}, {4000, 3000}});
  const sf::View view = camera.view();
  const sf::Vector2f centre = to_view(camera.centre());
  CHECK(view.getCenter().x == doctest::Approx(centre.x));
  CHECK(view.getCenter().y == doctest::Approx(centre.y));
  CHECK(view.getSize().x == doctest::Approx(800 * camera.metres_per_pixel()));
  CHECK(view.getSize().y == doctest::Approx(600 * camera.metres_per_pixel()));
  CHECK(to_view({10, 20}).y == -20.0f);
}
