// Civil calendar arithmetic and the scenario clock.
#include <cassert>
#include <cstdio>

#include "knightsim/sim_time.hpp"

namespace knightsim {

std::int64_t days_from_civil(int year, int month, int day) {
  // Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400 years.
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t m = month;
  const std::int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

static void civil_from_days(std::int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
}

bool is_valid_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = (month == 2 && leap) ? 29 : kDays[month - 1];
  return day <= limit;
}

int weekday_of(int year, int month, int day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t days = days_from_civil(year, month, day);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

ScenarioClock::ScenarioClock(const CivilDateTime& start)
    : start_(start),
      start_epoch_day_(days_from_civil(start.year, start.month, start.day)),
      start_offset_in_day_ms_(start.hour * kMsPerHour + start.minute * kMsPerMinute) {
  assert(is_valid_date(start.year, start.month, start.day));
}

SimTime ScenarioClock::time_of_day_ms(SimTime t) const {
  const SimTime in_day = (start_offset_in_day_ms_ + t) % kMsPerDay;
  return in_day < 0 ? in_day + kMsPerDay : in_day;
}

std::int64_t ScenarioClock::day_index(SimTime t) const {
  const SimTime since_midnight = start_offset_in_day_ms_ + t;
  return since_midnight >= 0 ? since_midnight / kMsPerDay
                             : (since_midnight - kMsPerDay + 1) / kMsPerDay;
}

int ScenarioClock::weekday(SimTime t) const {
  const std::int64_t days = start_epoch_day_ + day_index(t);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

SimTime ScenarioClock::midnight_of_day(std::int64_t day) const {
  return day * kMsPerDay - start_offset_in_day_ms_;
}

std::string ScenarioClock::format(SimTime t) const {
  int year = 0, month = 0, day = 0;
  civil_from_days(start_epoch_day_ + day_index(t), year, month, day);
  const SimTime in_day = time_of_day_ms(t);
  const auto hour = static_cast<int>(in_day / kMsPerHour);
  const auto minute = static_cast<int>(in_day / kMsPerMinute % 60);
  const auto second = static_cast<int>(in_day / kMsPerSecond % 60);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour,
                minute, second);
  return buffer;
}

}  // namespace knightsim
