#pragma once
/// Latitude/longitude to the scenario's metre plane, for areas the size of a city: the local
/// equirectangular projection (x east, y north) around an origin, on a spherical Earth.
///
/// Error, for points up to d north or south of the origin at latitude φ0 (Δφ = d / R in
/// radians): east–west lengths are scaled by cos φ0 instead of cos φ, a relative error of about
/// |tan φ0| · Δφ; north–south lengths are exact on the sphere. For a city 40 km north to south
/// at the latitudes of Colombia (|φ0| ≤ 12°) that is under 0.14 %, about 55 m over 40 km; at 45°
/// it is under 0.7 %. The sphere itself is within 0.6 % of the WGS 84 ellipsoid's local lengths.
/// Both are far below what straight-line or Manhattan street distances get wrong anyway.

namespace knightsim {

struct Point;

/// Mean Earth radius (IUGG), metres: the sphere of the projection and of haversine distances.
inline constexpr double kEarthRadiusM = 6'371'008.8;

/// The projection: `origin` maps to (0, 0); the scale of x is that of the origin's latitude,
/// so the two origin numbers describe it completely.
class LocalProjection {
 public:
  LocalProjection(double origin_lat_deg, double origin_lng_deg);

  /// Metres east (x) and north (y) of the origin.
  Point to_metres(double lat_deg, double lng_deg) const;
  /// The projection that puts (lat_deg, lng_deg) at (margin_m, margin_m): its origin is
  /// margin_m south and west of that corner.
  static LocalProjection with_corner_at(double lat_deg, double lng_deg, double margin_m);

  double origin_lat_deg() const { return origin_lat_deg_; }
  double origin_lng_deg() const { return origin_lng_deg_; }

 private:
  double origin_lat_deg_;
  double origin_lng_deg_;
  double metres_per_deg_lat_;
  double metres_per_deg_lng_;
};

/// Great-circle distance on the projection's sphere, metres.
double haversine_m(double lat1_deg, double lng1_deg, double lat2_deg, double lng2_deg);

}  // namespace knightsim
