#pragma once
/// What part of the plane the viewer shows: a centre in metres and a scale in metres per
/// pixel. World y grows north, screen y grows down; the camera hides that flip from the rest.

#include <SFML/Graphics/View.hpp>
#include <SFML/System/Vector2.hpp>

#include "knightsim/geometry.hpp"

namespace knightsim::viz {

struct WorldBounds {
  Point min;
  Point max;
};

/// The view space SFML draws in: metres with y flipped, as floats (a 100 km city keeps
/// centimetre precision).
inline sf::Vector2f to_view(Point p) {
  return {static_cast<float>(p.x_m), static_cast<float>(-p.y_m)};
}

class Camera {
 public:
  explicit Camera(sf::Vector2u viewport_px);

  /// Shows all of `bounds` with a small margin, centred.
  void fit(const WorldBounds& bounds);
  /// The window changed size: keep the centre and the scale.
  void resize(sf::Vector2u viewport_px);
  /// Zooms by `factor` (> 1 zooms in) keeping the world point under `pixel` where it is.
  void zoom_at(sf::Vector2f pixel, double factor);
  /// Moves the picture by a drag of `delta_px` (the world follows the mouse).
  void pan_by_pixels(sf::Vector2f delta_px);
  void centre_on(Point world) { centre_ = world; }

  Point centre() const { return centre_; }
  double metres_per_pixel() const { return metres_per_pixel_; }
  sf::Vector2u viewport_px() const { return viewport_px_; }
  sf::Vector2f to_screen(Point world) const;
  Point to_world(sf::Vector2f pixel) const;
  /// The SFML view that draws view-space geometry (to_view) as this camera sees it.
  sf::View view() const;
  /// The view for pixel-space drawing (markers, HUD) at the current viewport size.
  sf::View screen_view() const;
  /// The world rectangle on screen.
  WorldBounds visible() const;

 private:
  sf::Vector2u viewport_px_;
  Point centre_;
  double metres_per_pixel_ = 10.0;
};

}  // namespace knightsim::viz
