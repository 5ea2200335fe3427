// Civil calendar arithmetic and the ScenarioClock that maps SimTime to the wall clock.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>

#include "knightsim/sim_time.hpp"

namespace {

using knightsim::CivilDateTime;
using knightsim::kMsPerDay;
using knightsim::kMsPerHour;
using knightsim::kMsPerMinute;
using knightsim::kMsPerSecond;
using knightsim::ScenarioClock;
using knightsim::SimTime;

constexpr int kMonday = 0, kWednesday = 2, kFriday = 4, kSaturday = 5, kSunday = 6;

}  // namespace

TEST_CASE("days_from_civil at known dates") {
  CHECK(knightsim::days_from_civil(1970, 1, 1) == 0);
  CHECK(knightsim::days_from_civil(1969, 12, 31) == -1);
  CHECK(knightsim::days_from_civil(2000, 3, 1) == 11017);
  CHECK(knightsim::days_from_civil(2026, 6, 17) == 20621);
  CHECK(knightsim::days_from_civil(2026, 11, 29) == 20786);
}

TEST_CASE("is_valid_date follows the Gregorian leap-year rules") {
  CHECK(knightsim::is_valid_date(2024, 2, 29));        // divisible by 4
  CHECK_FALSE(knightsim::is_valid_date(1900, 2, 29));  // by 100 but not 400
  CHECK(knightsim::is_valid_date(2000, 2, 29));        // by 400
  CHECK_FALSE(knightsim::is_valid_date(2026, 2, 29));  // not divisible by 4
  CHECK(knightsim::is_valid_date(2026, 2, 28));
  CHECK(knightsim::is_valid_date(2026, 12, 31));
  CHECK_FALSE(knightsim::is_valid_date(2026, 4, 31));
  CHECK_FALSE(knightsim::is_valid_date(2026, 13, 1));
  CHECK_FALSE(knightsim::is_valid_date(2026, 0, 1));
  CHECK_FALSE(knightsim::is_valid_date(2026, 1, 0));
  CHECK_FALSE(knightsim::is_valid_date(2026, 1, 32));
}

TEST_CASE("weekday_of at known dates (0 = Monday)") {
  CHECK(knightsim::weekday_of(2026, 6, 17) == kWednesday);
  CHECK(knightsim::weekday_of(2026, 11, 29) == kSunday);
  CHECK(knightsim::weekday_of(1970, 1, 1) == 3);          // Thursday
  CHECK(knightsim::weekday_of(1969, 12, 29) == kMonday);  // before the epoch
}

TEST_CASE("calendar functions agree with std::chrono for every day from 1890 to 2110") {
  // <chrono>'s civil calendar is an independent implementation of the same rules.
  using namespace std::chrono;
  int mismatches = 0, days_checked = 0;
  for (int y = 1890; y <= 2110; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= 31; ++d) {
        const year_month_day date{year{y}, month{m}, day{d}};
        const int month_int = static_cast<int>(m), day_int = static_cast<int>(d);
        if (knightsim::is_valid_date(y, month_int, day_int) != date.ok()) ++mismatches;
        if (!date.ok()) continue;
        ++days_checked;
        const sys_days as_days{date};
        if (knightsim::days_from_civil(y, month_int, day_int) != as_days.time_since_epoch().count())
          ++mismatches;
        // iso_encoding: Monday = 1 … Sunday = 7.
        if (knightsim::weekday_of(y, month_int, day_int) !=
            static_cast<int>(weekday{as_days}.iso_encoding()) - 1)
          ++mismatches;
      }
    }
  }
  CHECK(days_checked == 80718);  // 221 years, 53 of them leap years (1900 and 2100 are not)
  CHECK(mismatches == 0);
}

TEST_CASE("ScenarioClock across midnight from Friday 22:00 into the weekend") {
  // 2026-06-19 is a Friday.
  const ScenarioClock clock(CivilDateTime{2026, 6, 19, 22, 0});
  const SimTime two_hours = 2 * kMsPerHour;  // to Saturday midnight

  CHECK(clock.time_of_day_ms(0) == 22 * kMsPerHour);
  CHECK(clock.day_index(0) == 0);
  CHECK(clock.weekday(0) == kFriday);
  CHECK_FALSE(clock.is_weekend(0));

  // The last millisecond of Friday.
  CHECK(clock.time_of_day_ms(two_hours - 1) == kMsPerDay - 1);
  CHECK(clock.day_index(two_hours - 1) == 0);
  CHECK(clock.weekday(two_hours - 1) == kFriday);
  CHECK_FALSE(clock.is_weekend(two_hours - 1));

  // Saturday 00:00.
  CHECK(clock.time_of_day_ms(two_hours) == 0);
  CHECK(clock.day_index(two_hours) == 1);
  CHECK(clock.weekday(two_hours) == kSaturday);
  CHECK(clock.is_weekend(two_hours));

  // Sunday afternoon, then Monday 00:00.
  CHECK(clock.weekday(two_hours + kMsPerDay + 15 * kMsPerHour) == kSunday);
  CHECK(clock.is_weekend(two_hours + kMsPerDay + 15 * kMsPerHour));
  CHECK(clock.day_index(two_hours + 2 * kMsPerDay) == 3);
  CHECK(clock.weekday(two_hours + 2 * kMsPerDay) == kMonday);
  CHECK_FALSE(clock.is_weekend(two_hours + 2 * kMsPerDay));
  CHECK(clock.time_of_day_ms(two_hours + 2 * kMsPerDay + 90 * kMsPerMinute) == 90 * kMsPerMinute);

  // Before the start: still Friday back to its midnight, Thursday before that.
  CHECK(clock.day_index(-22 * kMsPerHour) == 0);
  CHECK(clock.time_of_day_ms(-22 * kMsPerHour) == 0);
  CHECK(clock.day_index(-22 * kMsPerHour - 1) == -1);
  CHECK(clock.time_of_day_ms(-22 * kMsPerHour - 1) == kMsPerDay - 1);
  CHECK(clock.weekday(-22 * kMsPerHour - 1) == kFriday - 1);
}

TEST_CASE("ScenarioClock::midnight_of_day is the inverse of day_index") {
  const ScenarioClock clock(CivilDateTime{2026, 6, 19, 22, 0});
  CHECK(clock.midnight_of_day(0) == -22 * kMsPerHour);
  CHECK(clock.midnight_of_day(1) == 2 * kMsPerHour);
  CHECK(clock.midnight_of_day(2) == 26 * kMsPerHour);
  for (std::int64_t day = -3; day <= 10; ++day) {
    CAPTURE(day);
    const SimTime midnight = clock.midnight_of_day(day);
    CHECK(clock.day_index(midnight) == day);
    CHECK(clock.day_index(midnight - 1) == day - 1);
    CHECK(clock.time_of_day_ms(midnight) == 0);
  }
}

TEST_CASE("ScenarioClock::format gives the local date and time to the second") {
  const ScenarioClock clock(CivilDateTime{2026, 6, 19, 22, 0});
  CHECK(clock.format(0) == "2026-06-19 22:00:00");
  CHECK(clock.format(2 * kMsPerHour - kMsPerSecond) == "2026-06-19 23:59:59");
  CHECK(clock.format(2 * kMsPerHour - 1) == "2026-06-19 23:59:59");  // truncated, not rounded
  CHECK(clock.format(2 * kMsPerHour) == "2026-06-20 00:00:00");
  CHECK(clock.format(3 * kMsPerHour + 4 * kMsPerMinute + 5 * kMsPerSecond + 678) ==
        "2026-06-20 01:04:05");
  CHECK(clock.format(-kMsPerHour) == "2026-06-19 21:00:00");
  CHECK(clock.format(-23 * kMsPerHour) == "2026-06-18 23:00:00");

  // Month, year and leap-day rollovers.
  CHECK(ScenarioClock(CivilDateTime{2026, 12, 31, 23, 30}).format(30 * kMsPerMinute) ==
        "2027-01-01 00:00:00");
  CHECK(ScenarioClock(CivilDateTime{2024, 2, 28, 23, 0}).format(kMsPerHour) ==
        "2024-02-29 00:00:00");
  CHECK(ScenarioClock(CivilDateTime{2026, 2, 28, 23, 0}).format(kMsPerHour) ==
        "2026-03-01 00:00:00");
  CHECK(ScenarioClock(CivilDateTime{2026, 6, 17, 0, 0}).format(400 * kMsPerDay) ==
        "2027-07-22 00:00:00");
}

TEST_CASE("ScenarioClock keeps its start") {
  const CivilDateTime start{2026, 6, 17, 7, 45};
  const ScenarioClock clock(start);
  CHECK(clock.start() == start);
  CHECK(clock.time_of_day_ms(0) == 7 * kMsPerHour + 45 * kMsPerMinute);
  CHECK(clock.weekday(0) == kWednesday);
}
