// An island map drawn: sea around the land, a bridge, a ferry route; a ferry stopped by the
// wind is listed as suspended and drawn in the suspended colour.
#include <doctest/doctest.h>

#include "ferry_layer.hpp"
#include "headless_output.hpp"
#include "palette.hpp"
#include "scene.hpp"
#include "viewer_testing.hpp"
#include "weather_layer.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;

namespace {

const sf::Vector2u kSize{800, 600};
constexpr SimTime kNoon = 30 * kMsPerMinute;
constexpr int kTolerance = 10;
// Boats are white; stations (240, 240, 255) are nearly so.
constexpr int kBoatTolerance = 4;

bool outside_hud(unsigned x, unsigned y) {
  return x >= 420 || y >= 200;
}

ViewState plain_view() {
  ViewState state;
  state.show_legend = false;  // its swatches show the ferry colours
  return state;
}

}  // namespace

TEST_CASE("an island map shows sea, land, a bridge and a sailing ferry route") {
  const ScenarioSpec spec = load_spec(kIslandsYaml);
  Scene scene(spec, 3, test_font());
  scene.advance_to(kNoon);
  REQUIRE(scenario_night_share(scene.simulation(), kNoon) == 0.0);
  const FerryLayer ferries(scene.simulation());
  CHECK(ferries.suspended_routes(kNoon).empty());
  CHECK(ferries.boats_at_sea(kNoon) >= 1);

  const sf::Image image = render_image(scene, kSize, plain_view());
  REQUIRE(image.getSize() == kSize);
  const int sea = count_near(image, kSeaColour, 2, outside_hud);
  const int land = count_near(image, kLandColour, 2, outside_hud);
  CAPTURE(sea);
  CAPTURE(land);
  CHECK(sea >= 20000);
  CHECK(land >= 20000);
  CHECK(count_near(image, kBridgeColour, kTolerance, outside_hud) >= 20);
  CHECK(count_near(image, kBoatColour, kBoatTolerance, outside_hud) >= 5);
  CHECK(count_near(image, kFerrySuspendedColour, kTolerance) == 0);
}

TEST_CASE("a ferry stopped by the wind is reported and drawn as suspended") {
  // A gale from the start: above the high-speed limit all day.
  const ScenarioSpec spec = load_spec(kIslandsYaml, {{"weather.initial_wind_force", "8"}});
  Scene scene(spec, 3, test_font());
  scene.advance_to(kNoon);
  const FerryLayer ferries(scene.simulation());
  CHECK(ferries.suspended_routes(kNoon) == std::vector<std::string>{"Alpha-Beta"});
  CHECK(ferries.boats_at_sea(kNoon) == 0);
  REQUIRE(scene.simulation().ferry_schedule() != nullptr);
  CHECK(route_suspended(*scene.simulation().ferry_schedule(), 0, kNoon));

  const sf::Image image = render_image(scene, kSize, plain_view());
  // The crosses on the piers are 3 px wide: whole pixels of the suspended colour.
  CHECK(count_near(image, kFerrySuspendedColour, kTolerance, outside_hud) >= 10);
  CHECK(count_near(image, kBoatColour, kBoatTolerance, outside_hud) == 0);
  CHECK(count_near(image, kSeaColour, 2, outside_hud) >= 20000);
}

TEST_CASE("a route shows suspended while its next sailing is cancelled, and sails again") {
  ScenarioSpec spec = load_spec(kIslandsYaml);
  // Force 8 from 12:30 to 13:00 (the run starts at 11:30): the sailings due from Alpha at 12:30
  // and from Beta at 12:45 are cancelled.
  spec.weather.marine = {{60 * kMsPerMinute, "", 8, 10}, {90 * kMsPerMinute, "", 3, 10}};
  Scene scene(spec, 3, test_font());
  const FerryLayer ferries(scene.simulation());
  scene.advance_to(10 * kMsPerMinute);  // 11:40: next sailings 11:45 and 12:00 sail
  CHECK(ferries.suspended_routes(scene.shown_ms()).empty());
  scene.advance_to(65 * kMsPerMinute);  // 12:35: the 12:45 from Beta is cancelled
  CHECK(ferries.suspended_routes(scene.shown_ms()) == std::vector<std::string>{"Alpha-Beta"});
  scene.advance_to(100 * kMsPerMinute);  // 13:10: the 13:15 and 13:30 sail
  CHECK(ferries.suspended_routes(scene.shown_ms()).empty());
}
