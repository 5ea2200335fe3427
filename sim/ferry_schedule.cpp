// Sea conditions by region, and the run's ferry sailings with cancellations and bookings.
#include "knightsim/ferry_schedule.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim {

MarineWeather::MarineWeather(const WeatherSpec& weather, std::span<const IslandSpec> islands)
    : initial_{weather.initial_wind_force, weather.initial_visibility_km} {
  for (const MarineChange& change : weather.marine) {
    int region = -1;
    for (std::size_t i = 0; i < islands.size(); ++i) {
      if (islands[i].name == change.region) region = static_cast<int>(i);
    }
    // The loader rejects unknown regions; an empty name means everywhere.
    assert(change.region.empty() || region >= 0);
    changes_.push_back({change.at_ms, region, {change.wind_force, change.visibility_km}});
  }
  std::stable_sort(changes_.begin(), changes_.end(),
                   [](const Change& a, const Change& b) { return a.at_ms < b.at_ms; });
}

SeaConditions MarineWeather::at(int island, SimTime t) const {
  SeaConditions conditions = initial_;
  for (const Change& change : changes_) {
    if (change.at_ms > t) break;
    if (change.region < 0 || change.region == island) conditions = change.conditions;
  }
  return conditions;
}

FerrySchedule::FerrySchedule(const MapSpec& map, const MarineWeather& weather,
                             SimTime day_start_offset_ms, SimTime horizon_ms)
    : map_(map), by_direction_(2 * map.ferries.size()) {
  auto island_index = [&map](const std::string& name) {
    for (std::size_t i = 0; i < map.islands.size(); ++i) {
      if (map.islands[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  for (std::uint32_t route = 0; route < map.ferries.size(); ++route) {
    const FerrySpec& ferry = map.ferries[route];
    const VesselLimits& limits = map.vessel_limits[static_cast<std::size_t>(ferry.vessel)];
    const int ends[2] = {island_index(ferry.from_island), island_index(ferry.to_island)};
    for (const bool outbound : {true, false}) {
      const auto& times = outbound ? ferry.departures_from_ms : ferry.departures_to_ms;
      for (SimTime day = day_start_offset_ms; day < horizon_ms; day += kMsPerDay) {
        for (const SimTime time_of_day : times) {
          const SimTime depart = day + time_of_day;
          if (depart < 0 || depart >= horizon_ms) continue;
          // A crossing sails only if it is safe at both ends when it is due to leave.
          bool cancelled = false;
          for (const int end : ends) {
            const SeaConditions sea = weather.at(end, depart);
            if (sea.wind_force >= limits.suspend_wind_force ||
                sea.visibility_km < limits.min_visibility_km) {
              cancelled = true;
            }
          }
          by_direction_[2 * route + (outbound ? 0 : 1)].push_back(
              static_cast<std::uint32_t>(sailings_.size()));
          sailings_.push_back({route, outbound, depart, depart + ferry.crossing_ms, cancelled, 0});
        }
      }
    }
  }
  for (auto& list : by_direction_) {
    std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
      return sailings_[a].depart_ms < sailings_[b].depart_ms;
    });
  }
}

std::int64_t FerrySchedule::next_due(std::uint32_t route, bool outbound, SimTime t) const {
  const auto& list = by_direction_[2 * route + (outbound ? 0 : 1)];
  const auto it = std::lower_bound(list.begin(), list.end(), t, [this](std::uint32_t s, SimTime v) {
    return sailings_[s].depart_ms < v;
  });
  return it == list.end() ? -1 : static_cast<std::int64_t>(*it);
}

std::int64_t FerrySchedule::next_sailing(std::uint32_t route, bool outbound, SimTime t) const {
  const auto& list = by_direction_[2 * route + (outbound ? 0 : 1)];
  const int capacity = map_.ferries[route].rider_capacity;
  auto it = std::lower_bound(list.begin(), list.end(), t, [this](std::uint32_t s, SimTime v) {
    return sailings_[s].depart_ms < v;
  });
  for (; it != list.end(); ++it) {
    const Sailing& sailing = sailings_[*it];
    if (sailing.cancelled) continue;
    if (capacity > 0 && sailing.booked >= capacity) continue;
    return static_cast<std::int64_t>(*it);
  }
  return -1;
}

void FerrySchedule::book(std::uint32_t sailing) {
  assert(!sailings_[sailing].cancelled);
  ++sailings_[sailing].booked;
}

void FerrySchedule::release(std::uint32_t sailing) {
  assert(sailings_[sailing].booked > 0);
  --sailings_[sailing].booked;
}

std::size_t FerrySchedule::sailings_cancelled() const {
  return static_cast<std::size_t>(std::count_if(sailings_.begin(), sailings_.end(),
                                                [](const Sailing& s) { return s.cancelled; }));
}

}  // namespace knightsim
