#include "ferry_layer.hpp"

#include <SFML/Graphics/VertexArray.hpp>
#include <cmath>

#include "knightsim/ferry_schedule.hpp"
#include "palette.hpp"
#include "vertex_shapes.hpp"

namespace knightsim::viz {

bool route_suspended(const FerrySchedule& schedule, std::uint32_t route, SimTime now) {
  for (bool outbound : {true, false}) {
    const std::int64_t due = schedule.next_due(route, outbound, now);
    if (due >= 0 && schedule.sailing(static_cast<std::uint32_t>(due)).cancelled) return true;
  }
  return false;
}

std::vector<std::string> FerryLayer::suspended_routes(SimTime now) const {
  std::vector<std::string> names;
  const FerrySchedule* schedule = simulation_.ferry_schedule();
  if (schedule == nullptr) return names;
  const auto& ferries = simulation_.spec().map.ferries;
  for (std::uint32_t route = 0; route < ferries.size(); ++route) {
    if (route_suspended(*schedule, route, now)) names.push_back(ferries[route].name);
  }
  return names;
}

int FerryLayer::boats_at_sea(SimTime now) const {
  int boats = 0;
  if (const FerrySchedule* schedule = simulation_.ferry_schedule()) {
    for (const Sailing& sailing : schedule->sailings()) {
      if (!sailing.cancelled && sailing.depart_ms <= now && now < sailing.arrive_ms) ++boats;
    }
  }
  return boats;
}

void FerryLayer::draw(sf::RenderTarget& target, const Camera& camera, SimTime now) const {
  const FerrySchedule* schedule = simulation_.ferry_schedule();
  if (schedule == nullptr) return;
  const auto& ferries = simulation_.spec().map.ferries;
  sf::VertexArray lines(sf::Lines);
  sf::VertexArray shapes(sf::Triangles);
  constexpr float kDashPx = 8.0f;
  for (std::uint32_t route = 0; route < ferries.size(); ++route) {
    const FerrySpec& ferry = ferries[route];
    const bool suspended = route_suspended(*schedule, route, now);
    const sf::Color colour = suspended ? kFerrySuspendedColour : kFerryRouteColour;
    const sf::Vector2f a = camera.to_screen(ferry.from_pier), b = camera.to_screen(ferry.to_pier);
    const sf::Vector2f along = b - a;
    const float length = std::sqrt(along.x * along.x + along.y * along.y);
    const int dashes = std::max(1, static_cast<int>(length / (2 * kDashPx)));
    for (int k = 0; k < dashes; ++k) {
      const float start = static_cast<float>(k) / static_cast<float>(dashes);
      const float end = (static_cast<float>(k) + 0.5f) / static_cast<float>(dashes);
      lines.append({a + along * start, colour});
      lines.append({a + along * end, colour});
    }
    if (suspended) {  // a cross on each pier
      for (sf::Vector2f pier : {a, b}) {
        append_thick_line(shapes, pier + sf::Vector2f{-6, -6}, pier + sf::Vector2f{6, 6}, 3.0f,
                          colour);
        append_thick_line(shapes, pier + sf::Vector2f{-6, 6}, pier + sf::Vector2f{6, -6}, 3.0f,
                          colour);
      }
    }
  }
  for (const Sailing& sailing : schedule->sailings()) {
    if (sailing.cancelled || now < sailing.depart_ms || now >= sailing.arrive_ms) continue;
    const FerrySpec& ferry = ferries[sailing.route];
    const Point from = sailing.outbound ? ferry.from_pier : ferry.to_pier;
    const Point to = sailing.outbound ? ferry.to_pier : ferry.from_pier;
    const double share = static_cast<double>(now - sailing.depart_ms) /
                         static_cast<double>(sailing.arrive_ms - sailing.depart_ms);
    const Point at{from.x_m + (to.x_m - from.x_m) * share, from.y_m + (to.y_m - from.y_m) * share};
    // A boat: a triangle pointing where it is going.
    const sf::Vector2f centre = camera.to_screen(at);
    sf::Vector2f heading = camera.to_screen(to) - camera.to_screen(from);
    const float length = std::sqrt(heading.x * heading.x + heading.y * heading.y);
    heading = length > 0 ? heading / length : sf::Vector2f{1, 0};
    const sf::Vector2f side{-heading.y, heading.x};
    shapes.append({centre + heading * 9.0f, kBoatColour});
    shapes.append({centre - heading * 6.0f + side * 5.0f, kBoatColour});
    shapes.append({centre - heading * 6.0f - side * 5.0f, kBoatColour});
  }
  target.setView(camera.screen_view());
  target.draw(lines);
  target.draw(shapes);
}

}  // namespace knightsim::viz
