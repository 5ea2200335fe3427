// Times on the viewer's command line: HH:MM on the first day, or a date and a time.
#include "view_time.hpp"

#include <doctest/doctest.h>

using namespace knightsim;
using namespace knightsim::viz;

namespace {

/// A run from Wednesday 2026-06-17 10:30 lasting `hours`.
struct Run {
  ScenarioClock clock{CivilDateTime{2026, 6, 17, 10, 30}};
  SimTime duration_ms;
  explicit Run(int hours) : duration_ms(hours * kMsPerHour) {}

  std::optional<SimTime> parse(std::string_view text, std::string* error = nullptr) const {
    return parse_view_time(text, clock, duration_ms, error);
  }
};

}  // namespace

TEST_CASE("HH:MM is a time on the run's first day") {
  const Run run(4);
  CHECK(run.parse("10:30") == SimTime{0});
  CHECK(run.parse("12:00") == 90 * kMsPerMinute);
  CHECK(run.parse("12:05") == 95 * kMsPerMinute);
  CHECK(run.parse("14:30") == 4 * kMsPerHour);  // the end is inside the run
  CHECK(run.parse("9:00") == std::nullopt);     // before the start
  std::string error;
  const Run long_run(30);
  CHECK(long_run.parse("9:05", &error) == std::nullopt);  // one-digit hour, still before 10:30
  CHECK(error.find("outside the run") != std::string::npos);
  CHECK(long_run.parse("11:05") == 35 * kMsPerMinute);
}

TEST_CASE("YYYY-MM-DD HH:MM (or with a T) names any day of a multi-day run") {
  const Run run(48);  // until Friday 10:30
  CHECK(run.parse("2026-06-17 10:30") == SimTime{0});
  CHECK(run.parse("2026-06-18 00:00") == 13 * kMsPerHour + 30 * kMsPerMinute);
  CHECK(run.parse("2026-06-18T09:15") == 22 * kMsPerHour + 45 * kMsPerMinute);
  CHECK(run.parse("2026-06-19 10:30") == 48 * kMsPerHour);
  CHECK(run.parse("2026-06-19 10:31") == std::nullopt);
  CHECK(run.parse("2026-06-16 23:59") == std::nullopt);
  // HH:MM alone stays on the first day, even in a multi-day run.
  CHECK(run.parse("09:00") == std::nullopt);
  CHECK(run.parse("23:00") == 12 * kMsPerHour + 30 * kMsPerMinute);
}

TEST_CASE("a run across the new year: dates count across the month and year") {
  const ScenarioClock clock(CivilDateTime{2026, 12, 31, 22, 0});
  const SimTime duration = 4 * kMsPerHour;
  CHECK(parse_view_time("2027-01-01 01:00", clock, duration, nullptr) == 3 * kMsPerHour);
  CHECK(parse_view_time("23:30", clock, duration, nullptr) == 90 * kMsPerMinute);
}

TEST_CASE("malformed times are refused with a message that quotes them") {
  const Run run(48);
  for (const char* text : {"",
                           "12",
                           "12:",
                           ":30",
                           "12:3",
                           "12:345",
                           "24:00",
                           "12:60",
                           "-1:30",
                           "+1:30",
                           "1230",
                           "12h30",
                           "noon",
                           "12:30 ",
                           " 12:30",
                           "123:00",
                           "2026-06-17",
                           "2026-06-17 ",
                           "2026/06/17 12:00",
                           "2026-13-01 12:00",
                           "2026-02-30 12:00",
                           "2026-06-17 25:00",
                           "2026-06-17x12:00",
                           "26-06-17 12:00",
                           "2026-6-17 12:00"}) {
    CAPTURE(text);
    std::string error;
    CHECK(run.parse(text, &error) == std::nullopt);
    CHECK(error.find("'" + std::string(text) + "'") == 0);
    CHECK(error.find("is not a ") != std::string::npos);
  }
}

TEST_CASE("a time outside the run says when the run is") {
  const Run run(4);
  std::string error;
  CHECK(run.parse("15:00", &error) == std::nullopt);
  CHECK(error ==
        "'15:00' is outside the run, which lasts from 2026-06-17 10:30 to 2026-06-17 14:30");
  error.clear();
  CHECK(run.parse("2026-06-16 12:00", &error) == std::nullopt);
  CHECK(error.find("is outside the run") != std::string::npos);
  // No message wanted: no crash either.
  CHECK(run.parse("15:00", nullptr) == std::nullopt);
  CHECK(run.parse("nonsense", nullptr) == std::nullopt);
}
