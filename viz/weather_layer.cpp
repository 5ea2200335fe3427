#include "weather_layer.hpp"

#include <SFML/Graphics/VertexArray.hpp>
#include <cmath>
#include <cstdint>

#include "daylight.hpp"
#include "vertex_shapes.hpp"

namespace knightsim::viz {
namespace {

/// A stable pseudo-random number in [0, 1) for particle k (splitmix64 of its index).
double particle_random(std::uint64_t k) {
  std::uint64_t z = k + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

struct WeatherLook {
  sf::Color tint;
  int drops;  ///< rain streaks or snowflakes per megapixel
  bool snow;
  float fall_px_s;  ///< how far a particle falls per simulated second
};

WeatherLook look_of(WeatherState state) {
  switch (state) {
    case WeatherState::clear:
      return {{0, 0, 0, 0}, 0, false, 0};
    case WeatherState::rain:
      return {{40, 60, 100, 45}, 350, false, 60};
    case WeatherState::heavy_rain:
      return {{30, 45, 90, 80}, 900, false, 80};
    case WeatherState::storm:
      return {{15, 15, 40, 120}, 1500, false, 110};
    case WeatherState::snow:
      return {{220, 230, 255, 55}, 600, true, 12};
    case WeatherState::heat:
      return {{255, 130, 30, 50}, 0, false, 0};
    case WeatherState::cold:
      return {{120, 170, 255, 50}, 0, false, 0};
  }
  return {{0, 0, 0, 0}, 0, false, 0};
}

/// One colour that blends like `top` drawn over `bottom` (both translucent): filling the
/// screen once instead of twice matters when OpenGL is rendered in software (Xvfb).
sf::Color over(sf::Color top, sf::Color bottom) {
  const double a_top = top.a / 255.0, a_bottom = bottom.a / 255.0;
  const double alpha = 1 - (1 - a_top) * (1 - a_bottom);
  if (alpha <= 0) return {0, 0, 0, 0};
  const auto mix = [&](sf::Uint8 c_top, sf::Uint8 c_bottom) {
    return static_cast<sf::Uint8>((c_top * a_top + c_bottom * a_bottom * (1 - a_top)) / alpha +
                                  0.5);
  };
  return {mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b),
          static_cast<sf::Uint8>(alpha * 255 + 0.5)};
}

}  // namespace

double scenario_night_share(const Simulation& simulation, SimTime now) {
  const MapSpec& map = simulation.spec().map;
  const double latitude = map.has_geo_origin ? map.origin_lat_deg : kDefaultLatitudeDeg;
  const ScenarioClock& clock = simulation.clock();
  const CivilDateTime& start = clock.start();
  const std::int64_t epoch_day =
      days_from_civil(start.year, start.month, start.day) + clock.day_index(now);
  // The year of `now` (a multi-day run may cross a new year), then its day number.
  int year = start.year;
  while (epoch_day >= days_from_civil(year + 1, 1, 1)) ++year;
  const auto day_of_year = static_cast<int>(epoch_day - days_from_civil(year, 1, 1)) + 1;
  const double hour = static_cast<double>(clock.time_of_day_ms(now)) / kMsPerHour;
  return night_share(latitude, day_of_year, hour);
}

void draw_shading(sf::RenderTarget& target, const Camera& camera, const Simulation& simulation,
                  SimTime now) {
  const auto size = camera.viewport_px();
  const sf::Vector2f screen{static_cast<float>(size.x), static_cast<float>(size.y)};
  const WeatherLook look = look_of(simulation.weather().state_at(now));
  const double night = scenario_night_share(simulation, now);
  const sf::Color overlay =
      over(sf::Color(5, 8, 30, static_cast<sf::Uint8>(170 * night)), look.tint);
  if (overlay.a == 0) return;
  sf::VertexArray tint(sf::Triangles);
  append_rectangle(tint, {0, 0}, screen, overlay);
  target.setView(camera.screen_view());
  target.draw(tint);
}

void draw_precipitation(sf::RenderTarget& target, const Camera& camera,
                        const Simulation& simulation, SimTime now) {
  const auto size = camera.viewport_px();
  const sf::Vector2f screen{static_cast<float>(size.x), static_cast<float>(size.y)};
  const WeatherLook look = look_of(simulation.weather().state_at(now));
  sf::VertexArray streaks(sf::Lines);
  sf::VertexArray flakes(sf::Triangles);

  const double megapixels = static_cast<double>(size.x) * size.y / 1e6;
  const int particles = static_cast<int>(look.drops * megapixels);
  const double seconds = static_cast<double>(now) / kMsPerSecond;
  for (int k = 0; k < particles; ++k) {
    const double x0 = particle_random(static_cast<std::uint64_t>(k) * 2) * screen.x;
    const double y0 = particle_random(static_cast<std::uint64_t>(k) * 2 + 1) * screen.y;
    // Fall with simulated time, wrapping at the bottom of the screen.
    double y = y0 + seconds * look.fall_px_s;
    y -= static_cast<double>(static_cast<std::int64_t>(y / screen.y)) * screen.y;
    const double x = x0 - (y - y0) * 0.2;  // a slant, as if wind-blown
    const sf::Vector2f p{static_cast<float>(x - std::floor(x / screen.x) * screen.x),
                         static_cast<float>(y)};
    if (look.snow) {
      append_rectangle(flakes, p - sf::Vector2f{1.5f, 1.5f}, p + sf::Vector2f{1.5f, 1.5f},
                       {245, 248, 255, 220});
    } else {
      const sf::Color colour{170, 190, 230, 150};
      streaks.append({p, colour});
      streaks.append({p + sf::Vector2f{-3.0f, 12.0f}, colour});
    }
  }
  target.setView(camera.screen_view());
  target.draw(streaks);
  target.draw(flakes);
}

}  // namespace knightsim::viz
