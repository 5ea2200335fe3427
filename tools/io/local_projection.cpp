// Local equirectangular projection and haversine distance; see local_projection.hpp.
#include "knightsim/local_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "knightsim/geometry.hpp"

namespace knightsim {
namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

}  // namespace

LocalProjection::LocalProjection(double origin_lat_deg, double origin_lng_deg)
    : origin_lat_deg_(origin_lat_deg),
      origin_lng_deg_(origin_lng_deg),
      metres_per_deg_lat_(kEarthRadiusM * kRadiansPerDegree),
      metres_per_deg_lng_(kEarthRadiusM * kRadiansPerDegree *
                          std::cos(origin_lat_deg * kRadiansPerDegree)) {}

Point LocalProjection::to_metres(double lat_deg, double lng_deg) const {
  return Point{(lng_deg - origin_lng_deg_) * metres_per_deg_lng_,
               (lat_deg - origin_lat_deg_) * metres_per_deg_lat_};
}

LocalProjection LocalProjection::with_corner_at(double lat_deg, double lng_deg, double margin_m) {
  // The origin's latitude sets the east-west scale, so it is found first.
  const double origin_lat_deg = lat_deg - margin_m / (kEarthRadiusM * kRadiansPerDegree);
  const LocalProjection scales(origin_lat_deg, lng_deg);
  return LocalProjection(origin_lat_deg, lng_deg - margin_m / scales.metres_per_deg_lng_);
}

double haversine_m(double lat1_deg, double lng1_deg, double lat2_deg, double lng2_deg) {
  const double lat1 = lat1_deg * kRadiansPerDegree;
  const double lat2 = lat2_deg * kRadiansPerDegree;
  const double half_dlat = (lat2 - lat1) / 2.0;
  const double half_dlng = (lng2_deg - lng1_deg) * kRadiansPerDegree / 2.0;
  const double h = std::sin(half_dlat) * std::sin(half_dlat) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(half_dlng) * std::sin(half_dlng);
  return 2.0 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace knightsim
