#include "view_time.hpp"

#include <fmt/format.h>

#include <charconv>

// Messages are built with fmt, not "'" + string: GCC 12 warns falsely on that at -O3
// (-Wrestrict, bug 105651).

namespace knightsim::viz {
namespace {

bool parse_int(std::string_view text, int digits, int& out) {
  if (text.size() != static_cast<std::size_t>(digits)) return false;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

/// "HH:MM" (H may be one digit).
bool parse_clock(std::string_view text, int& hour, int& minute) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return false;
  return parse_int(text.substr(0, colon), static_cast<int>(colon), hour) &&
         parse_int(text.substr(colon + 1), 2, minute) && hour >= 0 && hour <= 23 && minute >= 0 &&
         minute <= 59;
}

}  // namespace

std::optional<SimTime> parse_view_time(std::string_view text, const ScenarioClock& clock,
                                       SimTime duration_ms, std::string* error) {
  const CivilDateTime& start = clock.start();
  int year = start.year, month = start.month, day = start.day, hour = 0, minute = 0;
  std::string_view clock_part = text;
  if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T')) {
    const std::string_view date = text.substr(0, 10);
    if (date[4] != '-' || date[7] != '-' || !parse_int(date.substr(0, 4), 4, year) ||
        !parse_int(date.substr(5, 2), 2, month) || !parse_int(date.substr(8, 2), 2, day) ||
        !is_valid_date(year, month, day)) {
      if (error) *error = fmt::format("'{}' is not a date YYYY-MM-DD and a time HH:MM", text);
      return std::nullopt;
    }
    clock_part = text.substr(11);
  }
  if (!parse_clock(clock_part, hour, minute)) {
    if (error) *error = fmt::format("'{}' is not a time HH:MM (or YYYY-MM-DD HH:MM)", text);
    return std::nullopt;
  }
  const std::int64_t day_offset =
      days_from_civil(year, month, day) - days_from_civil(start.year, start.month, start.day);
  const SimTime t = clock.midnight_of_day(day_offset) + hour * kMsPerHour + minute * kMsPerMinute;
  if (t < 0 || t > duration_ms) {
    if (error) {
      *error = fmt::format("'{}' is outside the run, which lasts from {} to {}", text,
                           clock.format(0).substr(0, 16), clock.format(duration_ms).substr(0, 16));
    }
    return std::nullopt;
  }
  return t;
}

}  // namespace knightsim::viz
