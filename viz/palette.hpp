#pragma once
/// The viewer's colours and sizes in one place, so the legend, the layers and the tests agree.

#include <SFML/Graphics/Color.hpp>

#include "knightsim/order.hpp"
#include "knightsim/rider.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim::viz {

inline const sf::Color kSeaColour{28, 58, 92};
inline const sf::Color kLandColour{38, 42, 48};
inline const sf::Color kOutsideCityColour{22, 24, 28};
inline const sf::Color kCoastColour{90, 130, 160};
inline const sf::Color kGridStreetColour{70, 76, 86};
inline const sf::Color kGridArterialColour{150, 140, 110};
inline const sf::Color kBridgeColour{225, 215, 190};
inline const sf::Color kFerryRouteColour{120, 200, 230};
inline const sf::Color kFerrySuspendedColour{235, 70, 60};
inline const sf::Color kBoatColour{250, 250, 250};
inline const sf::Color kStationColour{240, 240, 255};
inline const sf::Color kZoneLineColour{255, 255, 255, 40};
inline const sf::Color kSelectionColour{255, 255, 255};
inline const sf::Color kHudTextColour{235, 235, 235};
inline const sf::Color kHudPanelColour{10, 12, 16, 200};

/// Riders by state: idle green, to merchant orange, waiting yellow, to customer blue,
/// returning teal, resting violet, offline grey (chosen to stay distinct for the common forms
/// of colour blindness by brightness as well as hue).
inline sf::Color rider_state_colour(RiderState state) {
  switch (state) {
    case RiderState::offline:
      return {110, 110, 110};
    case RiderState::idle:
      return {80, 220, 100};
    case RiderState::to_merchant:
      return {255, 150, 40};
    case RiderState::waiting_at_merchant:
      return {255, 230, 60};
    case RiderState::to_customer:
      return {70, 160, 255};
    case RiderState::returning:
      return {60, 200, 200};
    case RiderState::resting:
      return {190, 120, 255};
  }
  return {255, 255, 255};
}

inline sf::Color merchant_colour(MerchantCategory category) {
  switch (category) {
    case MerchantCategory::restaurant:
      return {255, 100, 130};
    case MerchantCategory::grocery:
      return {150, 230, 90};
    case MerchantCategory::pharmacy:
      return {90, 240, 220};
    case MerchantCategory::convenience:
      return {240, 200, 120};
  }
  return {255, 255, 255};
}

inline sf::Color road_colour(RoadClass road_class) {
  switch (road_class) {
    case RoadClass::motorway:
      return {230, 150, 90};
    case RoadClass::trunk:
      return {220, 170, 100};
    case RoadClass::primary:
      return {200, 180, 120};
    case RoadClass::secondary:
      return {170, 165, 130};
    case RoadClass::tertiary:
      return {140, 140, 130};
    case RoadClass::residential:
    case RoadClass::living_street:
      return {95, 100, 110};
    case RoadClass::service:
    case RoadClass::track:
      return {75, 78, 86};
    case RoadClass::cycleway:
      return {70, 120, 90};
    case RoadClass::footway:
      return {72, 80, 76};
  }
  return {95, 100, 110};
}

/// Line width of a road class on screen, pixels (independent of zoom, so a city-wide view
/// still shows the main roads and a street view does not drown in asphalt).
inline float road_width_px(RoadClass road_class) {
  switch (road_class) {
    case RoadClass::motorway:
      return 3.0f;
    case RoadClass::trunk:
      return 2.6f;
    case RoadClass::primary:
      return 2.2f;
    case RoadClass::secondary:
      return 1.8f;
    case RoadClass::tertiary:
      return 1.5f;
    default:
      return 1.0f;
  }
}

/// An open order's marker by how much of its promise has gone: fresh white, then amber from
/// three quarters of the promise, red once late.
inline sf::Color order_age_colour(double share_of_promise) {
  if (share_of_promise >= 1.0) return {255, 60, 50};
  if (share_of_promise >= 0.75) return {255, 190, 50};
  return {235, 235, 235};
}

}  // namespace knightsim::viz
