#include "camera.hpp"

#include <algorithm>

namespace knightsim::viz {
namespace {
// Zoom limits: from a whole region (~200 km across) down to a street corner.
constexpr double kMinMetresPerPixel = 0.05;
constexpr double kMaxMetresPerPixel = 500.0;
}  // namespace

Camera::Camera(sf::Vector2u viewport_px) : viewport_px_(viewport_px) {}

void Camera::fit(const WorldBounds& bounds) {
  constexpr double kMargin = 1.05;
  const double width_m = std::max(1.0, bounds.max.x_m - bounds.min.x_m);
  const double height_m = std::max(1.0, bounds.max.y_m - bounds.min.y_m);
  centre_ = {(bounds.min.x_m + bounds.max.x_m) / 2, (bounds.min.y_m + bounds.max.y_m) / 2};
  const double per_px_x = width_m / std::max(1u, viewport_px_.x);
  const double per_px_y = height_m / std::max(1u, viewport_px_.y);
  metres_per_pixel_ =
      std::clamp(std::max(per_px_x, per_px_y) * kMargin, kMinMetresPerPixel, kMaxMetresPerPixel);
}

void Camera::resize(sf::Vector2u viewport_px) {
  viewport_px_ = viewport_px;
}

void Camera::zoom_at(sf::Vector2f pixel, double factor) {
  if (factor <= 0) return;
  const Point anchor = to_world(pixel);
  metres_per_pixel_ =
      std::clamp(metres_per_pixel_ / factor, kMinMetresPerPixel, kMaxMetresPerPixel);
  // Move the centre so that `anchor` is under `pixel` again.
  const Point moved = to_world(pixel);
  centre_.x_m += anchor.x_m - moved.x_m;
  centre_.y_m += anchor.y_m - moved.y_m;
}

void Camera::pan_by_pixels(sf::Vector2f delta_px) {
  centre_.x_m -= delta_px.x * metres_per_pixel_;
  centre_.y_m += delta_px.y * metres_per_pixel_;
}

sf::Vector2f Camera::to_screen(Point world) const {
  const double x = (world.x_m - centre_.x_m) / metres_per_pixel_ + viewport_px_.x / 2.0;
  const double y = (centre_.y_m - world.y_m) / metres_per_pixel_ + viewport_px_.y / 2.0;
  return {static_cast<float>(x), static_cast<float>(y)};
}

Point Camera::to_world(sf::Vector2f pixel) const {
  return {centre_.x_m + (pixel.x - viewport_px_.x / 2.0) * metres_per_pixel_,
          centre_.y_m - (pixel.y - viewport_px_.y / 2.0) * metres_per_pixel_};
}

sf::View Camera::view() const {
  const sf::Vector2f size{static_cast<float>(viewport_px_.x * metres_per_pixel_),
                          static_cast<float>(viewport_px_.y * metres_per_pixel_)};
  return sf::View(to_view(centre_), size);
}

sf::View Camera::screen_view() const {
  return sf::View(sf::FloatRect(0.0f, 0.0f, static_cast<float>(viewport_px_.x),
                                static_cast<float>(viewport_px_.y)));
}

WorldBounds Camera::visible() const {
  const Point top_left = to_world({0.0f, 0.0f});
  const Point bottom_right =
      to_world({static_cast<float>(viewport_px_.x), static_cast<float>(viewport_px_.y)});
  return {{top_left.x_m, bottom_right.y_m}, {bottom_right.x_m, top_left.y_m}};
}

}  // namespace knightsim::viz
