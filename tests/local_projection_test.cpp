// Latitude/longitude to metres: the local projection keeps distances within the error its
// header documents, and puts the corner it is built around where asked.
#include "knightsim/local_projection.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <numbers>

#include "knightsim/geometry.hpp"

using namespace knightsim;

TEST_CASE("local projection: the corner lands at (margin, margin), the origin at (0, 0)") {
  const LocalProjection projection = LocalProjection::with_corner_at(7.0, -73.2, 500.0);
  const Point corner = projection.to_metres(7.0, -73.2);
  CHECK(corner.x_m == doctest::Approx(500.0).epsilon(1e-9));
  CHECK(corner.y_m == doctest::Approx(500.0).epsilon(1e-9));
  const Point origin =
      projection.to_metres(projection.origin_lat_deg(), projection.origin_lng_deg());
  CHECK(origin.x_m == 0.0);
  CHECK(origin.y_m == 0.0);
  // x grows eastward, y northward.
  CHECK(projection.to_metres(7.0, -73.1).x_m > corner.x_m);
  CHECK(projection.to_metres(7.1, -73.2).y_m > corner.y_m);
}

TEST_CASE("local projection: haversine distances") {
  // A degree of latitude on the mean sphere: R × π / 180.
  CHECK(haversine_m(0.0, 0.0, 1.0, 0.0) == doctest::Approx(111195.08).epsilon(1e-7));
  CHECK(haversine_m(7.1, -73.1, 7.1, -73.1) == 0.0);
  // Along a parallel the great circle is a little shorter than the parallel itself.
  CHECK(haversine_m(60.0, 0.0, 60.0, 1.0) < 111195.08 * 0.5);
  CHECK(haversine_m(60.0, 0.0, 60.0, 1.0) > 111195.08 * 0.5 * 0.9999);
}

TEST_CASE("local projection: points ~10 km apart stay within the documented error") {
  // Cities at the latitudes of the Colombian logs (Cali, Pereira, Bucaramanga), and two far
  // from the equator where the error is larger but still bounded by |tan φ0| · Δφ.
  for (const double centre_lat : {3.4, 4.8, 7.1, -33.4, 45.0}) {
    CAPTURE(centre_lat);
    const double centre_lng = -73.1;
    // The corner 20 km south-west of the centre, as a trace 40 km across would put it.
    const double degree_m = kEarthRadiusM * std::numbers::pi / 180.0;
    const double corner_lat = centre_lat - 20000.0 / degree_m;
    const double corner_lng =
        centre_lng - 20000.0 / (degree_m * std::cos(centre_lat * std::numbers::pi / 180.0));
    const LocalProjection projection =
        LocalProjection::with_corner_at(corner_lat, corner_lng, 500.0);
    const double max_north_rad = 40500.0 / kEarthRadiusM;
    const double bound =
        std::abs(std::tan(projection.origin_lat_deg() * std::numbers::pi / 180.0)) * max_north_rad +
        1e-4;
    const Point centre = projection.to_metres(centre_lat, centre_lng);
    // Eight directions, 10 km (0.09°) out from the centre, and back across the city.
    for (int step = 0; step < 8; ++step) {
      const double angle = step * std::numbers::pi / 4.0;
      const double lat = centre_lat + 0.09 * std::sin(angle);
      const double lng =
          centre_lng + 0.09 * std::cos(angle) / std::cos(centre_lat * std::numbers::pi / 180.0);
      const double expected_m = haversine_m(centre_lat, centre_lng, lat, lng);
      const double projected_m = euclidean_m(centre, projection.to_metres(lat, lng));
      CAPTURE(step);
      CHECK(expected_m == doctest::Approx(10000.0).epsilon(0.01));
      CHECK(std::abs(projected_m - expected_m) / expected_m < bound);
    }
    if (std::abs(centre_lat) < 12.0) CHECK(bound < 0.0015);  // the header's "under 0.14 %"
  }
}
