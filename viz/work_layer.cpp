#include "work_layer.hpp"

#include <algorithm>
#include <cmath>

#include "palette.hpp"
#include "vertex_shapes.hpp"

namespace knightsim::viz {
namespace {

// Trails: where the rider was over the last two simulated minutes, along its current leg.
constexpr int kTrailSamples = 8;
constexpr SimTime kTrailStepMs = 15 * kMsPerSecond;

bool on_screen(sf::Vector2f p, const Camera& camera, float margin) {
  const auto size = camera.viewport_px();
  return p.x >= -margin && p.y >= -margin && p.x <= static_cast<float>(size.x) + margin &&
         p.y <= static_cast<float>(size.y) + margin;
}

/// Markers grow as the user zooms into streets and shrink (to a pixel or two) over a whole
/// region, where thousands of them would otherwise cover the map.
float marker_half_px(const Camera& camera, float base, float smallest) {
  const double zoom = std::clamp(8.0 / camera.metres_per_pixel(), 0.45, 2.5);
  return std::max(smallest, base * static_cast<float>(zoom));
}

}  // namespace

bool rider_present(const Rider& rider, SimTime now) {
  return rider.hired_ms != kNever && rider.hired_ms <= now &&
         (rider.quit_ms == kNever || now < rider.quit_ms);
}

Selection pick(const Simulation& simulation, const Camera& camera, sf::Vector2f pixel, SimTime now,
               float radius_px) {
  Selection best;
  float best_d2 = radius_px * radius_px;
  for (const Rider& rider : simulation.riders()) {
    if (!rider_present(rider, now)) continue;
    const sf::Vector2f d = camera.to_screen(position_at(rider, now)) - pixel;
    const float d2 = d.x * d.x + d.y * d.y;
    if (d2 <= best_d2) {
      best_d2 = d2;
      best.rider = rider.id;
    }
  }
  if (best.rider) return best;
  for (const Merchant& merchant : simulation.merchants()) {
    const sf::Vector2f d = camera.to_screen(merchant.location) - pixel;
    const float d2 = d.x * d.x + d.y * d.y;
    if (d2 <= best_d2) {
      best_d2 = d2;
      best.merchant = merchant.id;
    }
  }
  return best;
}

void WorkLayer::draw(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
                     const Selection& selection, SimTime now) {
  places_.clear();
  trails_.clear();
  markers_.clear();
  selection_.clear();

  const float merchant_half = marker_half_px(camera, 2.0f, 0.75f);
  for (const Merchant& merchant : simulation_.merchants()) {
    const sf::Vector2f p = camera.to_screen(merchant.location);
    if (on_screen(p, camera, 4))
      append_square(places_, p, merchant_half, merchant_colour(merchant.category));
  }
  const float station_half = marker_half_px(camera, 5.0f, 3.0f);
  for (const Station& station : simulation_.stations()) {
    const sf::Vector2f p = camera.to_screen(station.location);
    append_square(places_, p, station_half, kStationColour);
    append_square(places_, p, station_half * 0.55f, kLandColour);
  }

  const auto orders = simulation_.orders();
  const float order_half = marker_half_px(camera, 2.5f, 1.0f);
  for (OrderId id : tracker.open_orders()) {
    const Order& order = orders[id];
    const sf::Vector2f p = camera.to_screen(order.customer);
    if (!on_screen(p, camera, 4)) continue;
    const double window =
        static_cast<double>(std::max<SimTime>(1, order.promised_ms - order.placed_ms));
    append_diamond(markers_, p, order_half,
                   order_age_colour(static_cast<double>(now - order.placed_ms) / window));
  }

  // Riders stay the easiest thing to see at any zoom.
  const float rider_half = marker_half_px(camera, 3.0f, 1.5f);
  for (const Rider& rider : simulation_.riders()) {
    if (!rider_present(rider, now)) continue;
    const Point position = position_at(rider, now);
    const sf::Vector2f p = camera.to_screen(position);
    if (!on_screen(p, camera, 40)) continue;
    sf::Color colour = rider_state_colour(rider.state);
    if (rider.state == RiderState::offline) {
      colour.a = 120;
      append_square(markers_, p, rider_half * 0.6f, colour);
      continue;
    }
    if (rider.leg.moving) {
      sf::Vector2f previous = p;
      for (int k = 1; k <= kTrailSamples; ++k) {
        const SimTime t = now - k * kTrailStepMs;
        if (t < rider.leg.depart_ms) break;
        const sf::Vector2f q = camera.to_screen(position_at(rider, t));
        sf::Color faded = colour;
        faded.a = static_cast<sf::Uint8>(200 * (kTrailSamples - k + 1) / kTrailSamples);
        trails_.append({previous, faded});
        trails_.append({q, faded});
        previous = q;
      }
    }
    append_square(markers_, p, rider_half, colour);
  }

  if (selection.rider && *selection.rider < simulation_.riders().size()) {
    const Rider& rider = simulation_.riders()[*selection.rider];
    sf::Vector2f from = camera.to_screen(position_at(rider, now));
    for (const Stop& stop : rider.route) {
      const sf::Vector2f to = camera.to_screen(stop.location);
      const sf::Color colour = stop.kind == StopKind::pickup
                                   ? rider_state_colour(RiderState::to_merchant)
                                   : rider_state_colour(RiderState::to_customer);
      selection_.append({from, colour});
      selection_.append({to, colour});
      append_ring(selection_, to, 5.0f, colour);
      from = to;
    }
    append_ring(selection_, camera.to_screen(position_at(rider, now)), rider_half + 6.0f,
                kSelectionColour);
  }
  if (selection.merchant && *selection.merchant < simulation_.merchants().size()) {
    const Merchant& merchant = simulation_.merchants()[*selection.merchant];
    append_ring(selection_, camera.to_screen(merchant.location), merchant_half + 6.0f,
                kSelectionColour);
  }

  target.setView(camera.screen_view());
  target.draw(places_);
  target.draw(trails_);
  target.draw(markers_);
  target.draw(selection_);
}

}  // namespace knightsim::viz
