// Daylight: the day length from latitude and date, and the night shading by time of day.
#include "daylight.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using namespace knightsim::viz;

namespace {
constexpr int kMarchEquinox = 80;   // 21 March
constexpr int kJuneSolstice = 172;  // 21 June
constexpr int kDecemberSolstice = 355;
}  // namespace

TEST_CASE("at the equator a day lasts about 12 hours all year") {
  for (int day : {1, kMarchEquinox, kJuneSolstice, 265, kDecemberSolstice}) {
    CAPTURE(day);
    CHECK(day_length_h(0.0, day) == doctest::Approx(12.0).epsilon(0.005));
  }
}

TEST_CASE("at 30 degrees north, June days are long and December days short") {
  const double june = day_length_h(30.0, kJuneSolstice);
  const double december = day_length_h(30.0, kDecemberSolstice);
  // Sunrise to sunset, geometric: about 13.9 h and 10.1 h at 30° N.
  CHECK(june == doctest::Approx(13.9).epsilon(0.02));
  CHECK(december == doctest::Approx(10.1).epsilon(0.02));
  CHECK(june > december + 3.0);
  // Equinox: about 12 h everywhere; south of the equator the seasons swap.
  CHECK(day_length_h(30.0, kMarchEquinox) == doctest::Approx(12.0).epsilon(0.02));
  CHECK(day_length_h(-30.0, kJuneSolstice) == doctest::Approx(december).epsilon(0.01));
  // Polar day and polar night.
  CHECK(day_length_h(80.0, kJuneSolstice) == doctest::Approx(24.0));
  CHECK(day_length_h(80.0, kDecemberSolstice) == doctest::Approx(0.0));
}

TEST_CASE("night_share: 1 at midnight, 0 at noon, in between at dusk") {
  for (double latitude : {0.0, 30.0, -35.0, 55.0}) {
    for (int day : {kMarchEquinox, kJuneSolstice, kDecemberSolstice}) {
      CAPTURE(latitude);
      CAPTURE(day);
      CHECK(night_share(latitude, day, 0.0) == doctest::Approx(1.0));
      CHECK(night_share(latitude, day, 23.99) == doctest::Approx(1.0));
      CHECK(night_share(latitude, day, 12.0) == doctest::Approx(0.0));
    }
  }
  // Dusk at 30° N in June: sunset about 18:57 local solar time.
  const double sunset_h = 12.0 + day_length_h(30.0, kJuneSolstice) / 2;
  const double at_sunset = night_share(30.0, kJuneSolstice, sunset_h);
  CHECK(at_sunset > 0.0);
  CHECK(at_sunset < 1.0);
  // It darkens monotonically through the evening and lightens through the morning.
  double previous = 0.0;
  for (double hour = 17.0; hour <= 22.0; hour += 0.1) {
    const double share = night_share(30.0, kJuneSolstice, hour);
    CHECK(share >= previous - 1e-12);
    previous = share;
  }
  CHECK(previous == doctest::Approx(1.0));
  previous = 1.0;
  for (double hour = 3.0; hour <= 8.0; hour += 0.1) {
    const double share = night_share(30.0, kJuneSolstice, hour);
    CHECK(share <= previous + 1e-12);
    previous = share;
  }
  CHECK(previous == doctest::Approx(0.0));
  // A winter evening darkens earlier than a summer one.
  CHECK(night_share(30.0, kDecemberSolstice, 18.0) > night_share(30.0, kJuneSolstice, 18.0));
}

TEST_CASE("polar day and polar night shade the whole day alike") {
  for (double hour : {0.0, 6.0, 12.0, 18.0}) {
    CHECK(night_share(80.0, kJuneSolstice, hour) == 0.0);
    CHECK(night_share(80.0, kDecemberSolstice, hour) == 1.0);
  }
}
