#pragma once
// Shared fixtures of the viewer's tests: small scenarios written out as YAML, the font, pixel
// criteria for rendered images, and running knightsim-view as a subprocess.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Image.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "font_finder.hpp"
#include "knightsim/scenario_loader.hpp"
#include "process_testing.hpp"

namespace knightsim::view_testing {

/// A 3 km × 3 km grid city with 30 riders and 40 merchants, two hours from 11:30 on a clear
/// Wednesday in June: at noon the sun is high, nothing tints the map and most riders are busy.
inline constexpr const char* kTownYaml = R"(name: viewer-town
start: "2026-06-17 11:30"
duration: 2h
seed: 7
city:
  width_m: 3000
  height_m: 3000
  block_m: 150
  arterial_every_blocks: 5
stations:
  - {name: hub, x_m: 1500, y_m: 1500}
merchants:
  - {category: restaurant, count: 30, opens: "00:00", closes: "24:00"}
  - {category: grocery, count: 10, opens: "00:00", closes: "24:00"}
demand:
  orders_per_hour: 300
  hourly_profile: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  categories:
    restaurant: {share: 0.8}
    grocery: {share: 0.2}
    pharmacy: {share: 0}
    convenience: {share: 0}
riders:
  fleets:
    - {name: crew, count: 30, shift_start: "11:00", shift_end: "23:59", speed_kmh: 18,
       capacity: 2, station: hub}
weather:
  initial: clear
  timeline: []
)";

// Two islands a few kilometres apart at 30° N: Alpha, a square about 1.9 × 2.2 km, and Beta,
// an ellipse 2 × 1 km; a bridge and a high-speed ferry between them, sailing every half hour.
// High-speed craft stop at force 6 here; the wind is force 4 unless a test raises it.
inline constexpr const char* kIslandsYaml = R"(name: two-islands
start: "2026-06-17 11:30"
duration: 2h
seed: 3
merchants:
  - {category: restaurant, count: 12, opens: "00:00", closes: "24:00"}
demand:
  orders_per_hour: 80
  categories: {grocery: {share: 0}, pharmacy: {share: 0}, convenience: {share: 0}}
riders:
  fleets:
    - {name: crew, count: 8, shift_start: "11:00", shift_end: "14:00"}
map:
  roads: {layout: grid, block_m: 200, arterial_every_blocks: 4}
  vessel_limits:
    high_speed: {suspend_wind_force: 6, min_visibility_km: 0}
  islands:
    - name: Alpha
      outline: [[30.00, 122.00], [30.00, 122.02], [30.02, 122.02], [30.02, 122.00]]
    - name: Beta
      ellipse: {centre: [30.01, 122.06], extent_km: [2, 1]}
  bridges:
    - {name: Link, from: [30.01, 122.0195], to: [30.01, 122.0505], road_class: secondary}
  ferries:
    - name: Alpha-Beta
      from: {island: Alpha, pier: [30.005, 122.019]}
      to: {island: Beta, pier: [30.008, 122.059]}
      vessel: high_speed
      crossing: 20min
      departures_from: {every: 30min, first: "06:00", last: "20:00"}
      departures_to: {every: 30min, first: "06:15", last: "20:15"}
stations:
  - {name: harbour, lat: 30.01, lon: 122.01}
weather:
  initial: clear
  initial_wind_force: 4
)";

/// The line of kTownYaml with `  width_m: 3000`, where a test can break a field.
inline constexpr int kTownWidthLine = 6;

/// kTownYaml with `from` replaced by `to` (once; the test fails if `from` is absent).
inline std::string town_with(const std::string& from, const std::string& to) {
  std::string text = kTownYaml;
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "kTownYaml has no '" << from << "'");
  return text.replace(at, from.size(), to);
}

inline ScenarioSpec load_spec(const std::string& yaml,
                              const std::vector<ScenarioOverride>& overrides = {}) {
  const ScenarioLoadResult loaded = load_scenario_text(yaml, "test.yaml", overrides);
  std::string problems;
  for (const ScenarioProblem& problem : loaded.problems) problems += problem.format() + "\n";
  INFO(problems);
  REQUIRE(loaded.ok());
  return *loaded.spec;
}

/// DejaVu Sans, as the viewer finds it (fonts-dejavu-core), loaded once.
inline const sf::Font& test_font() {
  static const sf::Font font = [] {
    sf::Font loaded;
    const auto path = viz::find_font();
    REQUIRE_MESSAGE(path.has_value(), viz::missing_font_message());
    REQUIRE(loaded.loadFromFile(*path));
    return loaded;
  }();
  return font;
}

// ---- pixels ----------------------------------------------------------------------------------

/// Within `tolerance` of `expected` in each of red, green and blue (alpha ignored): a colour
/// drawn exactly, or the inside of a shape whose edges multisampling blended.
inline bool near_colour(sf::Color actual, sf::Color expected, int tolerance) {
  const auto close = [tolerance](sf::Uint8 a, sf::Uint8 b) {
    return std::abs(static_cast<int>(a) - static_cast<int>(b)) <= tolerance;
  };
  return close(actual.r, expected.r) && close(actual.g, expected.g) && close(actual.b, expected.b);
}

/// Which pixels to look at: e.g. outside the HUD's panels, which draw colour swatches.
using PixelFilter = std::function<bool(unsigned x, unsigned y)>;

inline int count_near(const sf::Image& image, sf::Color expected, int tolerance,
                      const PixelFilter& where = {}) {
  int count = 0;
  const sf::Vector2u size = image.getSize();
  for (unsigned y = 0; y < size.y; ++y) {
    for (unsigned x = 0; x < size.x; ++x) {
      if (where && !where(x, y)) continue;
      if (near_colour(image.getPixel(x, y), expected, tolerance)) ++count;
    }
  }
  return count;
}

/// Mean of (r + g + b) / 3 over the image, 0..255.
inline double mean_brightness(const sf::Image& image) {
  const sf::Vector2u size = image.getSize();
  double sum = 0;
  for (unsigned y = 0; y < size.y; ++y) {
    for (unsigned x = 0; x < size.x; ++x) {
      const sf::Color c = image.getPixel(x, y);
      sum += (c.r + c.g + c.b) / 3.0;
    }
  }
  return sum / (static_cast<double>(size.x) * size.y);
}

/// Share of pixels that differ between two images of the same size.
inline double share_differing(const sf::Image& a, const sf::Image& b) {
  REQUIRE(a.getSize() == b.getSize());
  const sf::Vector2u size = a.getSize();
  int differing = 0;
  for (unsigned y = 0; y < size.y; ++y) {
    for (unsigned x = 0; x < size.x; ++x) {
      if (a.getPixel(x, y) != b.getPixel(x, y)) ++differing;
    }
  }
  return differing / (static_cast<double>(size.x) * size.y);
}

inline bool same_pixels(const sf::Image& a, const sf::Image& b) {
  if (a.getSize() != b.getSize()) return false;
  const std::size_t bytes = static_cast<std::size_t>(a.getSize().x) * a.getSize().y * 4;
  return std::equal(a.getPixelsPtr(), a.getPixelsPtr() + bytes, b.getPixelsPtr());
}

// ---- the executable --------------------------------------------------------------------------

using ViewResult = testing::ProcessResult;
using testing::slurp;

/// Runs `knightsim-view ARGS` in `working_dir` (on this process's DISPLAY), with stdout and
/// stderr captured to files there and no standard input; `prefix` (e.g. "env -u DISPLAY")
/// goes before the command.
inline ViewResult run_view(const std::string& args, const std::filesystem::path& working_dir,
                           const std::string& prefix = "") {
  std::string environment;
#if defined(__SANITIZE_ADDRESS__)
  // Mesa's driver is unloaded before LeakSanitizer's exit check, which then reports its caches
  // as leaks of an unknown module (see test_main.cpp); the viewer's own code is leak-checked
  // in-process.
  const char* options = std::getenv("ASAN_OPTIONS");
  environment = "ASAN_OPTIONS='" + std::string(options ? options : "") + ":detect_leaks=0' ";
#endif
  return testing::run_program(KNIGHTSIM_VIEW_PATH, args, working_dir, environment + prefix);
}

/// Names in `directory`, sorted.
inline std::vector<std::string> names_in(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace knightsim::view_testing
