#pragma once
/// Wind and visibility at sea by region, and the run's ferry sailings: every timetabled
/// departure over the run, each either sailing or cancelled because the wind or visibility at
/// either end passes its vessel class's limits when it is due to leave, with the seats riders
/// have booked on it.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "knightsim/map_spec.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

struct SeaConditions {
  double wind_force = 3.0;  ///< Beaufort
  double visibility_km = 10.0;
};

/// The marine timeline per region. Region 0 is "everywhere else"; regions 1.. are the islands
/// in MapSpec order (a change naming an island applies to that island only).
class MarineWeather {
 public:
  MarineWeather(const WeatherSpec& weather, std::span<const IslandSpec> islands);
  /// Conditions at time t around island `island` (an index into the islands, or -1 for none).
  SeaConditions at(int island, SimTime t) const;

 private:
  struct Change {
    SimTime at_ms;
    int region;  ///< -1 = everywhere
    SeaConditions conditions;
  };
  SeaConditions initial_;
  std::vector<Change> changes_;  ///< in time order (stable: file order at equal times)
};

struct Sailing {
  std::uint32_t route = 0;  ///< index into MapSpec::ferries
  bool outbound = true;     ///< from `from_pier` to `to_pier`
  SimTime depart_ms = 0;
  SimTime arrive_ms = 0;
  bool cancelled = false;
  int booked = 0;  ///< riders on board (or booked to be)
};

class FerrySchedule {
 public:
  /// Every departure in [0, horizon_ms) of every route; `day_start_offset_ms` is the SimTime of
  /// the midnight at or before the run's start (0 or negative; times of day repeat from there).
  FerrySchedule(const MapSpec& map, const MarineWeather& weather, SimTime day_start_offset_ms,
                SimTime horizon_ms);

  std::span<const Sailing> sailings() const { return sailings_; }
  const Sailing& sailing(std::uint32_t index) const { return sailings_[index]; }
  /// The first sailing of `route` in the direction given leaving at or after t that is not
  /// cancelled and has a seat; -1 if none before the horizon.
  std::int64_t next_sailing(std::uint32_t route, bool outbound, SimTime t) const;
  /// The first sailing of the route in that direction due at or after t, sailing or not (for
  /// counting what a traveller missed); -1 if none.
  std::int64_t next_due(std::uint32_t route, bool outbound, SimTime t) const;
  void book(std::uint32_t sailing);
  void release(std::uint32_t sailing);

  std::size_t sailings_due() const { return sailings_.size(); }
  std::size_t sailings_cancelled() const;

 private:
  const MapSpec& map_;
  std::vector<Sailing> sailings_;
  /// Per route and direction (2·route + (outbound ? 0 : 1)): sailing indices by departure.
  std::vector<std::vector<std::uint32_t>> by_direction_;
};

}  // namespace knightsim
