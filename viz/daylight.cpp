#include "daylight.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace knightsim::viz {
namespace {
constexpr double kTwilightH = 0.75;

double smoothstep(double edge0, double edge1, double x) {
  const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}
}  // namespace

double day_length_h(double latitude_deg, int day_of_year) {
  constexpr double kDeg = std::numbers::pi / 180.0;
  // Solar declination: -23.44° at the December solstice (about day 355, i.e. 10 days before
  // the new year), +23.44° at the June solstice.
  const double declination =
      -23.44 * kDeg * std::cos(2 * std::numbers::pi * (day_of_year + 10) / 365.0);
  const double latitude = std::clamp(latitude_deg, -89.0, 89.0) * kDeg;
  const double cos_hour_angle = std::clamp(-std::tan(latitude) * std::tan(declination), -1.0, 1.0);
  return 2 * std::acos(cos_hour_angle) / std::numbers::pi * 12.0;
}

double night_share(double latitude_deg, int day_of_year, double hour_of_day) {
  const double half_day_h = day_length_h(latitude_deg, day_of_year) / 2;
  if (half_day_h <= 0) return 1.0;   // polar night
  if (half_day_h >= 12) return 0.0;  // midnight sun
  const double sunrise_h = 12.0 - half_day_h;
  const double sunset_h = 12.0 + half_day_h;
  // Light rises through the twilight before sunrise and fades through the one after sunset.
  const double morning =
      smoothstep(sunrise_h - kTwilightH, sunrise_h + kTwilightH / 3, hour_of_day);
  const double evening =
      1.0 - smoothstep(sunset_h - kTwilightH / 3, sunset_h + kTwilightH, hour_of_day);
  return 1.0 - std::min(morning, evening);
}

}  // namespace knightsim::viz
