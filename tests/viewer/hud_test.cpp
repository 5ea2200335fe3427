// The HUD's words: the clock, the speed, the run's counts so far (the tracker's), the riders,
// the weather and the wind, suspended ferries, and the inspector's lines.
#include "hud.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "ferry_layer.hpp"
#include "scene.hpp"
#include "viewer_testing.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;

namespace {

constexpr SimTime kNoon = 30 * kMsPerMinute;

std::string fmt_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("beaufort names, clamped to 0..12") {
  CHECK(std::string(beaufort_name(0)) == "calm");
  CHECK(std::string(beaufort_name(3)) == "gentle breeze");
  CHECK(std::string(beaufort_name(7.6)) == "gale");
  CHECK(std::string(beaufort_name(12)) == "hurricane");
  CHECK(std::string(beaufort_name(-2)) == "calm");
  CHECK(std::string(beaufort_name(40)) == "hurricane");
}

TEST_CASE("the status panel says the time, the speed and the tracker's counts") {
  const ScenarioSpec spec = load_spec(kTownYaml);
  Scene scene(spec, 7, test_font());
  scene.advance_to(kNoon);
  const Hud hud(scene.simulation(), test_font());
  ViewState state;
  state.speed_label = "60x (1 min/s)";
  const RunTracker& tracker = scene.tracker();
  REQUIRE(tracker.delivered() > 0);
  const auto lines = hud.status_lines(tracker, state, {}, kNoon);
  INFO(fmt_lines(lines));
  REQUIRE(lines.size() >= 8);
  CHECK(lines[0] == "viewer-town");
  CHECK(lines[1] == "Wed 2026-06-17 12:00");
  CHECK(lines[2] == "speed 60x (1 min/s)");
  CHECK(lines[3] == "orders: " + std::to_string(tracker.open_orders().size()) + " open, " +
                        std::to_string(tracker.delivered()) + " delivered, " +
                        std::to_string(tracker.cancelled()) + " cancelled");
  CHECK(lines[4].rfind("on time so far: ", 0) == 0);
  const RiderCounts riders = count_riders(scene.simulation(), kNoon);
  CHECK(lines[5] == "riders: " + std::to_string(riders.busy) + " busy, " +
                        std::to_string(riders.idle) + " idle, " + std::to_string(riders.resting) +
                        " resting, " + std::to_string(riders.on_shift) + " on shift");
  CHECK(lines[6].rfind("weather: clear, ", 0) == 0);
  CHECK(lines[7] == "wind: force 3 (gentle breeze)");
  // Every present rider is counted once.
  CHECK(riders.busy + riders.idle + riders.resting + riders.returning + riders.offline == 30);
  CHECK(riders.on_shift == 30);

  state.paused = true;
  CHECK(hud.status_lines(tracker, state, {}, kNoon)[2] == "speed paused");
  state.heatmap = HeatmapMode::lateness;
  CHECK(has_line(hud.status_lines(tracker, state, {}, kNoon),
                 "heatmap: lateness (late or cancelled)"));
  scene.advance_to(scene.end_ms());
  CHECK(hud.status_lines(tracker, state, {}, scene.end_ms())[2] == "speed run finished");
}

TEST_CASE("suspended ferries and the gale that stops them are in the status panel") {
  const ScenarioSpec spec = load_spec(kIslandsYaml, {{"weather.initial_wind_force", "8"}});
  Scene scene(spec, 3, test_font());
  scene.advance_to(kNoon);
  const Hud hud(scene.simulation(), test_font());
  const FerryLayer ferries(scene.simulation());
  const auto lines = hud.status_lines(scene.tracker(), {}, ferries.suspended_routes(kNoon), kNoon);
  CHECK(has_line(lines, "wind: force 8 (gale)"));
  CHECK(has_line(lines, "ferry Alpha-Beta: SUSPENDED"));
  CHECK(hud.wind_force_at(kNoon) == doctest::Approx(8));
}

TEST_CASE("the inspector describes the selected rider or merchant") {
  Scene scene(load_spec(kTownYaml), 7, test_font());
  scene.advance_to(kNoon);
  const Hud hud(scene.simulation(), test_font());
  CHECK(hud.inspector_lines(scene.tracker(), {}, kNoon).empty());

  Selection rider;
  rider.rider = 4;
  const auto rider_lines = hud.inspector_lines(scene.tracker(), rider, kNoon);
  REQUIRE(rider_lines.size() >= 3);
  CHECK(rider_lines[0] == "rider 4 (crew)");
  CHECK(rider_lines[1] == std::string("state: ") + to_string(scene.simulation().riders()[4].state));

  Selection merchant;
  merchant.merchant = 0;
  const auto merchant_lines = hud.inspector_lines(scene.tracker(), merchant, kNoon);
  REQUIRE(merchant_lines.size() >= 3);
  CHECK(merchant_lines[0] == "merchant 0 (restaurant)");
  CHECK(merchant_lines[1] == "open now");
  CHECK(merchant_lines[2] ==
        "orders placed so far: " + std::to_string(scene.tracker().placed_at_merchant(0)));

  Selection nobody;
  nobody.rider = 999;  // out of range: nothing, not a crash
  CHECK(hud.inspector_lines(scene.tracker(), nobody, kNoon).empty());
}
