#pragma once
/// Simulated time: integer milliseconds since the scenario start, and the wall-clock calendar
/// that turns a SimTime into a date, weekday and time of day.

#include <cstdint>
#include <string>

namespace knightsim {

/// Milliseconds since the scenario start. Integer so that event order never depends on
/// floating-point rounding.
using SimTime = std::int64_t;

inline constexpr SimTime kMsPerSecond = 1000;
inline constexpr SimTime kMsPerMinute = 60 * kMsPerSecond;
inline constexpr SimTime kMsPerHour = 60 * kMsPerMinute;
inline constexpr SimTime kMsPerDay = 24 * kMsPerHour;

constexpr SimTime seconds_to_ms(double s) {
  return static_cast<SimTime>(s * 1000.0 + (s >= 0 ? 0.5 : -0.5));
}
constexpr double ms_to_seconds(SimTime ms) {
  return static_cast<double>(ms) / 1000.0;
}
constexpr double ms_to_minutes(SimTime ms) {
  return static_cast<double>(ms) / 60000.0;
}

/// A civil (proleptic Gregorian) local date and time, minute resolution.
struct CivilDateTime {
  int year = 2026;
  int month = 6;   ///< 1..12
  int day = 17;    ///< 1..31
  int hour = 0;    ///< 0..23
  int minute = 0;  ///< 0..59

  friend bool operator==(const CivilDateTime&, const CivilDateTime&) = default;
};

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm; exact for all years).
std::int64_t days_from_civil(int year, int month, int day);
/// True if year/month/day names a real calendar day.
bool is_valid_date(int year, int month, int day);
/// 0 = Monday … 6 = Sunday.
int weekday_of(int year, int month, int day);

/// Maps SimTime to the wall clock of the scenario: local time with no daylight-saving shifts
/// (a scenario's day always has 24 hours).
class ScenarioClock {
 public:
  explicit ScenarioClock(const CivilDateTime& start);

  /// Milliseconds since local midnight of the day containing t, in [0, kMsPerDay).
  SimTime time_of_day_ms(SimTime t) const;
  /// Whole days since the start date's midnight.
  std::int64_t day_index(SimTime t) const;
  /// 0 = Monday … 6 = Sunday.
  int weekday(SimTime t) const;
  bool is_weekend(SimTime t) const { return weekday(t) >= 5; }
  /// SimTime of local midnight starting day `day_index` (may be negative for day 0).
  SimTime midnight_of_day(std::int64_t day_index) const;
  /// "2026-06-17 12:34:56" for t.
  std::string format(SimTime t) const;
  const CivilDateTime& start() const { return start_; }

 private:
  CivilDateTime start_;
  std::int64_t start_epoch_day_;
  SimTime start_offset_in_day_ms_;
};

}  // namespace knightsim
