// Sea conditions by region and the run's sailings: cancellations, the next sailing, seats.
#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "knightsim/ferry_schedule.hpp"

using namespace knightsim;

namespace {

MapSpec two_island_map(int capacity = 0) {
  MapSpec map;
  map.source = MapSource::generated;
  map.islands = {{"A", ellipse_polygon({0, 0}, 1000, 1000), {}, 0},
                 {"B", ellipse_polygon({5000, 0}, 1000, 1000), {}, 0}};
  FerrySpec ferry;
  ferry.name = "A-B";
  ferry.from_island = "A";
  ferry.to_island = "B";
  ferry.vessel = VesselClass::high_speed;
  ferry.crossing_ms = 30 * kMsPerMinute;
  ferry.departures_from_ms = {8 * kMsPerHour, 12 * kMsPerHour, 16 * kMsPerHour};
  ferry.departures_to_ms = {9 * kMsPerHour, 13 * kMsPerHour};
  ferry.rider_capacity = capacity;
  map.ferries = {ferry};
  return map;
}

}  // namespace

TEST_CASE("sea conditions: a change for one island leaves the others as they were") {
  WeatherSpec weather;
  weather.initial_wind_force = 2;
  weather.marine = {{kMsPerHour, "B", 9, 0.5}, {3 * kMsPerHour, "", 5, 4}};
  const MapSpec map = two_island_map();
  const MarineWeather sea(weather, map.islands);
  CHECK(sea.at(0, 2 * kMsPerHour).wind_force == 2);
  CHECK(sea.at(1, 2 * kMsPerHour).wind_force == 9);
  CHECK(sea.at(1, 2 * kMsPerHour).visibility_km == 0.5);
  CHECK(sea.at(1, kMsPerHour - 1).wind_force == 2);
  CHECK(sea.at(-1, 2 * kMsPerHour).wind_force == 2);
  // A change everywhere resets every region.
  CHECK(sea.at(0, 3 * kMsPerHour).wind_force == 5);
  CHECK(sea.at(1, 3 * kMsPerHour).wind_force == 5);
}

TEST_CASE("sailings repeat the timetable every day within the run") {
  const MapSpec map = two_island_map();
  const MarineWeather sea(WeatherSpec{}, map.islands);
  // The run starts at 06:00 (midnight was 6 h before) and lasts 30 h: day 1 has all five
  // departures, day 2 those before 12:00 (08:00 and 09:00).
  const FerrySchedule schedule(map, sea, -6 * kMsPerHour, 30 * kMsPerHour);
  REQUIRE(schedule.sailings_due() == 7);
  CHECK(schedule.sailings_cancelled() == 0);
  const std::int64_t first = schedule.next_sailing(0, true, 0);
  REQUIRE(first >= 0);
  const Sailing& sailing = schedule.sailing(static_cast<std::uint32_t>(first));
  CHECK(sailing.depart_ms == 2 * kMsPerHour);  // 08:00
  CHECK(sailing.arrive_ms == 2 * kMsPerHour + 30 * kMsPerMinute);
  CHECK(sailing.outbound);
  // After the last outbound of day 1 (16:00 = 10 h), the next is 08:00 on day 2 (26 h).
  const std::int64_t next_day = schedule.next_sailing(0, true, 10 * kMsPerHour + 1);
  REQUIRE(next_day >= 0);
  CHECK(schedule.sailing(static_cast<std::uint32_t>(next_day)).depart_ms == 26 * kMsPerHour);
  // Inbound after 13:00 on day 2 is beyond the horizon.
  CHECK(schedule.next_sailing(0, false, 27 * kMsPerHour + 1) == -1);
}

TEST_CASE("wind or fog at either end cancels a sailing; the next one that sails is offered") {
  const MapSpec map = two_island_map();
  WeatherSpec weather;
  // Force 7 stops high-speed craft (the default limit) at B from 11:00 to 14:00; fog under
  // 1 km at A from 15:30.
  weather.marine = {{5 * kMsPerHour, "B", 7, 10},
                    {8 * kMsPerHour, "B", 3, 10},
                    {9 * kMsPerHour + 30 * kMsPerMinute, "A", 3, 0.8}};
  const MarineWeather sea(weather, map.islands);
  const FerrySchedule schedule(map, sea, -6 * kMsPerHour, 18 * kMsPerHour);
  // 12:00 out and 13:00 back are in the wind; 16:00 out is in the fog.
  CHECK(schedule.sailings_cancelled() == 3);
  // After 08:00 nothing more sails out today: 12:00 is in the wind, 16:00 in the fog.
  CHECK(schedule.next_sailing(0, true, 2 * kMsPerHour + 1) == -1);
  const std::int64_t back = schedule.next_sailing(0, false, 0);
  REQUIRE(back >= 0);
  CHECK(schedule.sailing(static_cast<std::uint32_t>(back)).depart_ms == 3 * kMsPerHour);
  CHECK(schedule.next_sailing(0, false, 3 * kMsPerHour + 1) == -1);
  const std::int64_t due = schedule.next_due(0, true, 2 * kMsPerHour + 1);
  REQUIRE(due >= 0);
  CHECK(schedule.sailing(static_cast<std::uint32_t>(due)).depart_ms == 6 * kMsPerHour);
  CHECK(schedule.sailing(static_cast<std::uint32_t>(due)).cancelled);
}

TEST_CASE("a sailing with all seats booked is skipped until a seat is released") {
  const MapSpec map = two_island_map(2);
  const MarineWeather sea(WeatherSpec{}, map.islands);
  FerrySchedule schedule(map, sea, -6 * kMsPerHour, 18 * kMsPerHour);
  const auto first = static_cast<std::uint32_t>(schedule.next_sailing(0, true, 0));
  schedule.book(first);
  CHECK(schedule.next_sailing(0, true, 0) == first);
  schedule.book(first);
  const std::int64_t after_full = schedule.next_sailing(0, true, 0);
  REQUIRE(after_full >= 0);
  CHECK(static_cast<std::uint32_t>(after_full) != first);
  CHECK(schedule.sailing(static_cast<std::uint32_t>(after_full)).depart_ms == 6 * kMsPerHour);
  schedule.release(first);
  CHECK(schedule.next_sailing(0, true, 0) == first);
  CHECK(schedule.sailing(first).booked == 1);
}
