// Playback: speed levels, pause, and how far one frame moves the simulated clock.
#include "playback.hpp"

#include <doctest/doctest.h>

using namespace knightsim;
using namespace knightsim::viz;

TEST_CASE("keys 1-6 choose real time to an hour per second") {
  Playback playback;
  CHECK(playback.speed_factor() == 60.0);  // the default: a minute per second
  const double expected[] = {1, 10, 60, 300, 900, 3600};
  for (int level = 0; level < 6; ++level) {
    playback.set_level(level);
    CHECK(playback.speed_factor() == expected[level]);
  }
  playback.set_level(-4);
  CHECK(playback.speed_factor() == 1.0);
  playback.set_level(99);
  CHECK(playback.speed_factor() == 3600.0);
}

TEST_CASE("faster and slower step through the levels and stop at the ends") {
  Playback playback(1.0);
  const double up[] = {10, 60, 300, 900, 3600, 3600};
  for (double factor : up) {
    playback.faster();
    CHECK(playback.speed_factor() == factor);
  }
  const double down[] = {900, 300, 60, 10, 1, 1};
  for (double factor : down) {
    playback.slower();
    CHECK(playback.speed_factor() == factor);
  }
  // From a speed between levels (--speed 100): the next level either way.
  Playback between(100.0);
  between.faster();
  CHECK(between.speed_factor() == 300.0);
  Playback between_down(100.0);
  between_down.slower();
  CHECK(between_down.speed_factor() == 60.0);
  // Beyond the last level (--speed 10000): slower comes back into the levels, faster stays.
  Playback fast(10000.0);
  fast.faster();
  CHECK(fast.speed_factor() == 10000.0);
  fast.slower();
  CHECK(fast.speed_factor() == 3600.0);
}

TEST_CASE("labels say the factor and what it means") {
  Playback playback(1.0);
  CHECK(playback.label() == "1x (real time)");
  playback.set_level(1);
  CHECK(playback.label() == "10x (10 s/s)");
  playback.set_level(2);
  CHECK(playback.label() == "60x (1 min/s)");
  playback.set_level(4);
  CHECK(playback.label() == "900x (15 min/s)");
  playback.set_level(5);
  CHECK(playback.label() == "3600x (1 h/s)");
}

TEST_CASE("advance moves the clock by wall time times the speed") {
  Playback playback(60.0);
  const SimTime end = 4 * kMsPerHour;
  CHECK(playback.advance(0, 1.0 / 60, end) == kMsPerSecond);  // one frame at 60 fps
  CHECK(playback.advance(10 * kMsPerMinute, 0.1, end) == 10 * kMsPerMinute + 6 * kMsPerSecond);
  CHECK(playback.advance(5000, 0.0, end) == 5000);
  CHECK(playback.advance(5000, -1.0, end) == 5000);  // a clock going backwards moves nothing
}

TEST_CASE("pause holds the clock") {
  Playback playback(3600.0);
  playback.toggle_pause();
  CHECK(playback.paused());
  CHECK(playback.advance(1234, 0.2, kMsPerHour) == 1234);
  playback.toggle_pause();
  CHECK_FALSE(playback.paused());
  CHECK(playback.advance(1234, 0.2, kMsPerHour) > 1234);
  playback.set_paused(true);
  CHECK(playback.advance(1234, 0.2, kMsPerHour) == 1234);
}

TEST_CASE("advance never passes the end, and a stall costs at most a quarter second") {
  Playback playback(3600.0);
  const SimTime end = 2 * kMsPerHour;
  CHECK(playback.advance(end - 1000, 0.1, end) == end);
  CHECK(playback.advance(end, 0.1, end) == end);
  // The window froze for 30 s: the run moves a quarter second's worth (15 simulated minutes
  // at 1 h/s), not half an hour.
  CHECK(playback.advance(0, 30.0, end) == 15 * kMsPerMinute);
  Playback slow(1.0);
  CHECK(slow.advance(0, 30.0, end) == 250);
}
