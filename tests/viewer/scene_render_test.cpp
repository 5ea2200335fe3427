// Rendering a scene off screen (what --snapshot writes): the picture has the size asked for,
// shows the riders, merchants and roads in their palette colours, darkens at night, changes
// with the weather, and is the same every time for the same scenario, seed and time.
#include <doctest/doctest.h>

#include <set>

#include "headless_output.hpp"
#include "palette.hpp"
#include "scene.hpp"
#include "viewer_testing.hpp"
#include "weather_layer.hpp"
#include "work_layer.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;

namespace {

const sf::Vector2u kSize{800, 600};
constexpr SimTime kNoon = 30 * kMsPerMinute;  // the town starts at 11:30
// Exact palette colours, allowing for rounding where multisampling blends an edge into a
// shape's inside; different palette colours are further apart than this.
constexpr int kTolerance = 10;

/// The HUD's status panel and windsock (top left) draw colours of their own; look elsewhere.
/// The legend is turned off in these tests, since it shows every palette colour as a swatch.
bool outside_hud(unsigned x, unsigned y) {
  return x >= 420 || y >= 200;
}

ViewState plain_view() {
  ViewState state;
  state.show_legend = false;
  state.speed_label = "60x (1 min/s)";
  return state;
}

sf::Image snapshot(const ScenarioSpec& spec, std::uint64_t seed, SimTime at,
                   const ViewState& state = plain_view()) {
  Scene scene(spec, seed, test_font());
  scene.advance_to(at);
  return render_image(scene, kSize, state);
}

}  // namespace

TEST_CASE("a noon snapshot has the requested size and shows riders, merchants and roads") {
  const ScenarioSpec spec = load_spec(kTownYaml);
  Scene scene(spec, 7, test_font());
  scene.advance_to(kNoon);
  REQUIRE(scene.shown_ms() == kNoon);
  // Noon in June under a clear sky: no tint blends the colours.
  REQUIRE(scenario_night_share(scene.simulation(), kNoon) == 0.0);
  REQUIRE(scene.simulation().weather().state_at(kNoon) == WeatherState::clear);

  const sf::Image image = render_image(scene, kSize, plain_view());
  REQUIRE(image.getSize() == kSize);
  const sf::Image other_size = render_image(scene, {321, 199}, plain_view());
  CHECK(other_size.getSize() == sf::Vector2u{321, 199});

  // Not uniform: many colours (the map, roads, markers, text).
  std::set<std::uint32_t> colours;
  for (unsigned y = 0; y < kSize.y; y += 2) {
    for (unsigned x = 0; x < kSize.x; x += 2) colours.insert(image.getPixel(x, y).toInteger());
  }
  CHECK(colours.size() > 20);

  // Riders by state: every state with a few riders in it shows; a state nobody is in doesn't.
  int riders_by_state[kRiderStateCount] = {};
  for (const Rider& rider : scene.simulation().riders()) {
    if (rider_present(rider, kNoon)) ++riders_by_state[static_cast<int>(rider.state)];
  }
  const int busy = riders_by_state[static_cast<int>(RiderState::to_merchant)] +
                   riders_by_state[static_cast<int>(RiderState::waiting_at_merchant)] +
                   riders_by_state[static_cast<int>(RiderState::to_customer)];
  REQUIRE(busy >= 5);  // the scenario is busy at noon
  int states_checked = 0;
  for (int s = 0; s < kRiderStateCount; ++s) {
    const auto state = static_cast<RiderState>(s);
    if (state == RiderState::offline) continue;  // drawn translucent
    CAPTURE(to_string(state));
    CAPTURE(riders_by_state[s]);
    const int pixels = count_near(image, rider_state_colour(state), kTolerance, outside_hud);
    if (riders_by_state[s] >= 3) {
      CHECK(pixels >= 4);
      ++states_checked;
    } else if (riders_by_state[s] == 0) {
      CHECK(pixels == 0);
    }
  }
  CHECK(states_checked >= 2);

  CHECK(count_near(image, merchant_colour(MerchantCategory::restaurant), kTolerance, outside_hud) >=
        10);
  CHECK(count_near(image, merchant_colour(MerchantCategory::grocery), kTolerance, outside_hud) >=
        3);
  // The town has no pharmacies: their colour is nowhere.
  CHECK(count_near(image, merchant_colour(MerchantCategory::pharmacy), kTolerance, outside_hud) ==
        0);
  // Roads: arterials (2.2 px wide, so whole pixels of their colour) and streets; land between.
  CHECK(count_near(image, kGridArterialColour, kTolerance, outside_hud) >= 500);
  CHECK(count_near(image, kGridStreetColour, kTolerance, outside_hud) >= 500);
  CHECK(count_near(image, kLandColour, 2, outside_hud) >= 50000);
}

TEST_CASE("a snapshot at night is darker than at noon") {
  // The town from 11:30 to 00:30: noon and 23:00 in the same run.
  const ScenarioSpec spec = load_spec(town_with("duration: 2h", "duration: 13h"));
  Scene scene(spec, 7, test_font());
  scene.advance_to(kNoon);
  const sf::Image noon = render_image(scene, kSize, plain_view());
  const SimTime eleven_pm = kNoon + 11 * kMsPerHour;
  scene.advance_to(eleven_pm);
  REQUIRE(scene.shown_ms() == eleven_pm);
  CHECK(scenario_night_share(scene.simulation(), eleven_pm) == doctest::Approx(1.0));
  const sf::Image night = render_image(scene, kSize, plain_view());
  const double noon_brightness = mean_brightness(noon);
  const double night_brightness = mean_brightness(night);
  CAPTURE(noon_brightness);
  CAPTURE(night_brightness);
  CHECK(night_brightness < 0.75 * noon_brightness);
  // Shaded, not blacked out: the city is still there.
  CHECK(night_brightness > 5.0);
}

TEST_CASE("heavy rain looks different from a clear sky at the same time") {
  const ScenarioSpec clear = load_spec(kTownYaml);
  const ScenarioSpec rain = load_spec(kTownYaml, {{"weather.initial", "heavy_rain"}});
  const sf::Image clear_image = snapshot(clear, 7, kNoon);
  Scene rain_scene(rain, 7, test_font());
  rain_scene.advance_to(kNoon);
  REQUIRE(rain_scene.simulation().weather().state_at(kNoon) == WeatherState::heavy_rain);
  const sf::Image rain_image = render_image(rain_scene, kSize, plain_view());
  // The riders differ too (rain slows them), but only the weather overlay changes nearly every
  // pixel of the picture.
  const double differing = share_differing(clear_image, rain_image);
  CAPTURE(differing);
  CHECK(differing > 0.5);
  // Under the tint the palette colours are gone.
  CHECK(count_near(rain_image, kGridArterialColour, 2, outside_hud) <
        count_near(clear_image, kGridArterialColour, 2, outside_hud) / 10);
}

TEST_CASE("the same scenario, seed and time give the same pixels; another seed does not") {
  const ScenarioSpec spec = load_spec(kTownYaml);
  const sf::Image first = snapshot(spec, 7, kNoon);
  const sf::Image second = snapshot(spec, 7, kNoon);
  CHECK(same_pixels(first, second));
  const sf::Image other_seed = snapshot(spec, 8, kNoon);
  CHECK_FALSE(same_pixels(first, other_seed));
  const sf::Image later = snapshot(spec, 7, kNoon + 5 * kMsPerMinute);
  CHECK_FALSE(same_pixels(first, later));

  // Drawing one scene twice changes nothing either (the layers keep state between frames).
  Scene scene(spec, 7, test_font());
  scene.advance_to(kNoon);
  const sf::Image again_1 = render_image(scene, kSize, plain_view());
  const sf::Image again_2 = render_image(scene, kSize, plain_view());
  CHECK(same_pixels(again_1, again_2));
  CHECK(same_pixels(again_1, first));
}

TEST_CASE("the heatmap, a selection and the legend change the picture") {
  const ScenarioSpec spec = load_spec(kTownYaml);
  Scene scene(spec, 7, test_font());
  scene.advance_to(kNoon);
  const sf::Image plain = render_image(scene, kSize, plain_view());
  ViewState heatmap = plain_view();
  heatmap.heatmap = HeatmapMode::demand;
  CHECK(share_differing(plain, render_image(scene, kSize, heatmap)) > 0.01);
  ViewState selected = plain_view();
  selected.selection.rider = 0;
  CHECK(share_differing(plain, render_image(scene, kSize, selected)) > 0.001);
  ViewState legend = plain_view();
  legend.show_legend = true;
  const sf::Image with_legend = render_image(scene, kSize, legend);
  CHECK(share_differing(plain, with_legend) > 0.01);
  // The legend's swatches (bottom left) show the resting colour, which no rider has at noon.
  CHECK(count_near(plain, rider_state_colour(RiderState::resting), 0) == 0);
  CHECK(count_near(with_legend, rider_state_colour(RiderState::resting), 0) >= 50);
}
