#pragma once
/// How dark it is: the sun's day length from latitude and date (the standard declination
/// formula), with a civil-twilight ramp, so a winter evening in Zhoushan darkens earlier than a
/// summer one. The viewer shades the map by it.

namespace knightsim::viz {

/// Hours of daylight (sunrise to sunset) at `latitude_deg` on `day_of_year` (1..366).
double day_length_h(double latitude_deg, int day_of_year);
/// 0 in full daylight, 1 in full night, in between during twilight (the sun within about
/// 45 minutes of the horizon). `hour_of_day` is local solar time in hours, 0..24.
double night_share(double latitude_deg, int day_of_year, double hour_of_day);

/// Scenarios without geographic coordinates are drawn at this latitude (Zhoushan's, the
/// project's home).
inline constexpr double kDefaultLatitudeDeg = 30.0;

}  // namespace knightsim::viz
