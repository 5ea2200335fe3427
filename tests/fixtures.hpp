#pragma once
// Small scenarios built in C++ for tests: each "kind" stresses a different part of the engine.
// Tests never read ../shared/data; shipped scenario files are loaded through the loader.

#include <string>
#include <vector>

#include "knightsim/land.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim::testing {

/// A 4 km × 4 km city, one station, a few merchants of every category, one fleet; 2 hours
/// from 11:00 on Wednesday 2026-06-17, clear sky.
inline ScenarioSpec small_city(int riders = 12, double orders_per_hour = 120.0) {
  ScenarioSpec spec;
  spec.name = "small-city";
  spec.start = {2026, 6, 17, 11, 0};
  spec.duration_ms = 2 * kMsPerHour;
  spec.city.width_m = 4000;
  spec.city.height_m = 4000;
  spec.city.block_m = 100;
  spec.city.arterial_every_blocks = 5;
  spec.city.hotspots = {{"centre", 2000, 2000, 700, 1.0}};
  spec.stations = {{"hub", 2000, 2000}};
  spec.merchants = {
      {MerchantCategory::restaurant, 12, 10 * kMsPerMinute, 3 * kMsPerMinute, 0, 0, ""},
      {MerchantCategory::grocery, 3, 6 * kMsPerMinute, 2 * kMsPerMinute, 0, 0, ""},
      {MerchantCategory::pharmacy, 2, 4 * kMsPerMinute, 1 * kMsPerMinute, 0, 0, ""},
      {MerchantCategory::convenience, 3, 3 * kMsPerMinute, 1 * kMsPerMinute, 0, 0, ""}};
  spec.demand.orders_per_hour = orders_per_hour;
  spec.demand.hourly_profile.fill(1.0);
  FleetSpec fleet;
  fleet.name = "crew";
  fleet.count = riders;
  fleet.shift_start_ms = 10 * kMsPerHour;
  fleet.shift_end_ms = 14 * kMsPerHour;
  fleet.speed_kmh = 16;
  fleet.capacity = 2;
  fleet.station = "hub";
  spec.riders.fleets = {fleet};
  return spec;
}

/// A trace-driven world to build hand-made situations in: the small city's 4 km × 4 km map,
/// 3 hours from 11:00, clear sky, one vehicle type ("bike": 15 km/h, capacity 3), no orders or
/// couriers yet (add them; orders sorted by placed_ms). Logged orders have no patience limit
/// and couriers stay where they finish, so nothing moves unless a test makes it.
inline ScenarioSpec trace_world() {
  ScenarioSpec spec = small_city();
  spec.name = "trace-world";
  spec.duration_ms = 3 * kMsPerHour;
  spec.trace.orders_path = "in-memory";  // enables the trace world
  spec.trace.couriers_path = "in-memory";
  spec.trace.vehicles = {{"bike", 15.0, 3}};
  return spec;
}

/// A logged order of trace_world(): placed at `placed_ms`, ready `ready_after_ms` later, promised
/// an hour after placement.
inline TraceOrder trace_order(const std::string& id, Point pickup, Point dropoff, SimTime placed_ms,
                              SimTime ready_after_ms = 0) {
  return {id, pickup, dropoff, placed_ms, placed_ms + ready_after_ms, placed_ms + kMsPerHour};
}

/// Departures every `every_ms` from `first_ms` to `last_ms` (times of day), inclusive.
inline std::vector<SimTime> departures_every(SimTime every_ms, SimTime first_ms, SimTime last_ms) {
  std::vector<SimTime> times;
  for (SimTime t = first_ms; t <= last_ms; t += every_ms) times.push_back(t);
  return times;
}

/// The small city on a generated road graph instead of the analytic grid.
inline ScenarioSpec road_graph_city(RoadLayout layout = RoadLayout::grid) {
  ScenarioSpec spec = small_city();
  spec.name = "road-graph-city";
  spec.map.source = MapSource::generated;
  spec.map.roads.layout = layout;
  spec.map.roads.block_m = 150;
  spec.map.roads.arterial_every_blocks = 5;
  spec.map.estimate_cell_m = 300;
  return spec;
}

/// Three islands in an 11 km × 10 km sea: "Main" (a station, most people), "Isle" to the east
/// (a small station; ferry every 20 minutes, 10-minute crossing) and "Bridged" to the north
/// (a bridge from Main). 2 hours from 11:00; no wind unless a test adds some.
inline ScenarioSpec island_world(int main_riders = 10, int isle_riders = 3,
                                 double orders_per_hour = 100.0) {
  ScenarioSpec spec = small_city(main_riders, orders_per_hour);
  spec.name = "island-world";
  spec.city.width_m = 11000;
  spec.city.height_m = 10000;
  spec.city.hotspots.clear();
  spec.city.density_base_weight = 1.0;
  spec.map.source = MapSource::generated;
  RoadLayoutSpec roads;
  roads.block_m = 200;
  roads.arterial_every_blocks = 4;
  spec.map.estimate_cell_m = 400;
  spec.map.islands = {{"Main", ellipse_polygon({3000, 3000}, 5000, 4000), roads, 60000},
                      {"Isle", ellipse_polygon({9000, 3000}, 3000, 2500), roads, 15000},
                      {"Bridged", ellipse_polygon({3000, 8000}, 3000, 2500), roads, 10000}};
  spec.map.bridges = {{"north bridge", {3000, 4900}, {3000, 6850}, RoadClass::primary}};
  FerrySpec ferry;
  ferry.name = "east ferry";
  ferry.from_island = "Main";
  ferry.to_island = "Isle";
  ferry.from_pier = {5400, 3000};
  ferry.to_pier = {7600, 3000};
  ferry.vessel = VesselClass::conventional;
  ferry.crossing_ms = 10 * kMsPerMinute;
  ferry.departures_from_ms = departures_every(20 * kMsPerMinute, 6 * kMsPerHour, 23 * kMsPerHour);
  ferry.departures_to_ms =
      departures_every(20 * kMsPerMinute, 6 * kMsPerHour + 10 * kMsPerMinute, 23 * kMsPerHour);
  spec.map.ferries = {ferry};
  spec.stations = {{"hub", 3000, 3000}, {"isle", 9000, 3000}};
  spec.riders.fleets[0].station = "hub";
  FleetSpec isle = spec.riders.fleets[0];
  isle.name = "isle crew";
  isle.count = isle_riders;
  isle.station = "isle";
  spec.riders.fleets.push_back(isle);
  return spec;
}

/// Riders as people with every policy on: two fleets (one on split windows, one on a weekday
/// roster), breaks at stations with a capacity and opening hours, a heat wave and a storm,
/// incidents far more frequent than real ones (so injuries with orders on board happen), women
/// who opt out and cancel without penalty, disabled riders with dispatch limits. 30 hours from
/// Friday 11:00, across midnight into the weekend.
inline ScenarioSpec riders_as_people() {
  ScenarioSpec spec = small_city(14, 120);
  spec.name = "riders-as-people";
  spec.start = {2026, 6, 19, 11, 0};
  spec.duration_ms = 30 * kMsPerHour;
  spec.stations = {{"hub", 2000, 2000}, {"rest-east", 3000, 2000}};
  spec.stations[1].capacity = 2;
  spec.stations[1].first_aid = true;
  spec.stations[1].opens_ms = 11 * kMsPerHour;
  spec.stations[1].closes_ms = 20 * kMsPerHour;
  spec.stations[0].rest = false;
  FleetSpec& split = spec.riders.fleets[0];
  split.name = "split";
  split.kind = FleetKind::part_time;
  split.roster.windows = {{10 * kMsPerHour + 30 * kMsPerMinute, 14 * kMsPerHour},
                          {17 * kMsPerHour, 21 * kMsPerHour}};
  split.roster.break_after_ms = 90 * kMsPerMinute;
  split.roster.break_ms = 15 * kMsPerMinute;
  split.people.women_share = 0.5;
  split.people.disabled_share = 0.3;
  split.pay.weather_bonus_per_order[static_cast<std::size_t>(WeatherState::storm)] = 3.0;
  split.pay.peak_bonus_per_order = 1.0;
  split.pay.peak_hours[12] = true;
  FleetSpec nights = split;
  nights.name = "nights";
  nights.kind = FleetKind::full_time;
  nights.count = 6;
  nights.station = "rest-east";
  nights.roster.windows = {{20 * kMsPerHour, 2 * kMsPerHour}};
  nights.roster.work_days_mask = 0x1f;  // Monday to Friday: the Friday night only
  nights.roster.break_after_ms = 2 * kMsPerHour;
  spec.riders.fleets.push_back(nights);
  spec.weather.initial = WeatherState::heat;
  spec.weather.timeline = {{3 * kMsPerHour, WeatherState::storm},
                           {5 * kMsPerHour, WeatherState::clear}};
  spec.safety.incidents_per_million_km = 20000;  // one per 50 km: many incidents
  spec.safety.injury_share = 0.5;
  spec.policies.social_insurance.enabled = true;
  spec.policies.injury_insurance.enabled = true;
  spec.policies.heat_cold_insurance.enabled = true;
  spec.policies.heat_cold_insurance.min_exposure_ms = 30 * kMsPerMinute;
  spec.policies.women_opt_out.enabled = true;
  spec.policies.women_opt_out.max_weight_kg = 2.0;
  spec.policies.women_opt_out.cancel_share = 0.1;
  spec.policies.disabled_support.enabled = true;
  spec.policies.career_ladder.enabled = true;
  return spec;
}

/// A named scenario kind for invariant tests.
struct ScenarioKind {
  std::string name;
  ScenarioSpec spec;
};

/// Every kind the invariant tests run: ordinary, overloaded (cancellations), shifts ending
/// mid-run (released orders), overnight shifts across midnight over two days, capacity one,
/// weather changing mid-run, a weekend, riders far from home, a road-graph map with bikes and
/// cars, and islands joined by a bridge and a ferry the wind suspends.
inline std::vector<ScenarioKind> scenario_kinds() {
  std::vector<ScenarioKind> kinds;
  kinds.push_back({"ordinary", small_city()});

  ScenarioSpec overloaded = small_city(3, 200);
  overloaded.demand.categories[0].patience_ms = 20 * kMsPerMinute;
  kinds.push_back({"overloaded", overloaded});

  ScenarioSpec shift_changes = small_city(10, 150);
  FleetSpec early = shift_changes.riders.fleets[0];
  early.name = "early";
  early.shift_start_ms = 10 * kMsPerHour;
  early.shift_end_ms = 11 * kMsPerHour + 40 * kMsPerMinute;  // ends mid-run, often mid-route
  FleetSpec late = shift_changes.riders.fleets[0];
  late.name = "late";
  late.shift_start_ms = 11 * kMsPerHour + 30 * kMsPerMinute;
  late.shift_end_ms = 13 * kMsPerHour;
  late.capacity = 3;
  shift_changes.riders.fleets = {early, late};
  // A storm just before the early shift ends slows riders below the speed their queued
  // pickups were planned at, so some cannot make them in time and must release them.
  shift_changes.weather.timeline = {{30 * kMsPerMinute, WeatherState::storm}};
  kinds.push_back({"shift-changes", shift_changes});

  ScenarioSpec overnight = small_city(8, 60);
  overnight.start = {2026, 6, 19, 20, 0};  // Friday evening into the weekend
  overnight.duration_ms = 36 * kMsPerHour;
  overnight.demand.hourly_profile = {0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.6, 0.7, 0.9, 1.0,
                                     1.0, 0.8, 0.6, 0.6, 0.7, 0.9, 1.0, 0.9, 0.7, 0.6, 0.5, 0.4};
  overnight.merchants[0].opens_ms = 10 * kMsPerHour;
  overnight.merchants[0].closes_ms = 2 * kMsPerHour;  // past midnight
  overnight.riders.fleets[0].shift_start_ms = 22 * kMsPerHour;
  overnight.riders.fleets[0].shift_end_ms = 6 * kMsPerHour;
  FleetSpec day = overnight.riders.fleets[0];
  day.name = "day";
  day.shift_start_ms = 9 * kMsPerHour;
  day.shift_end_ms = 21 * kMsPerHour;
  overnight.riders.fleets.push_back(day);
  kinds.push_back({"overnight-two-days", overnight});

  ScenarioSpec single = small_city(6, 90);
  single.riders.fleets[0].capacity = 1;
  kinds.push_back({"capacity-one", single});

  ScenarioSpec stormy = small_city(10, 120);
  stormy.weather.timeline = {{30 * kMsPerMinute, WeatherState::heavy_rain},
                             {60 * kMsPerMinute, WeatherState::storm},
                             {90 * kMsPerMinute, WeatherState::clear}};
  kinds.push_back({"weather-changes", stormy});

  ScenarioSpec far = small_city(20, 40);
  far.stations = {{"hub", 2000, 2000}, {"edge", 3900, 100}};
  far.riders.fleets[0].station = "edge";
  far.riders.return_radius_m = 300;
  kinds.push_back({"far-station", far});

  ScenarioSpec organic = road_graph_city(RoadLayout::organic);
  organic.map.hourly_speed_factor[11] = 0.8;  // a slow lunch hour on the roads
  organic.riders.fleets.push_back(organic.riders.fleets[0]);
  organic.riders.fleets[1].name = "cars";
  organic.riders.fleets[1].mode = TravelMode::car;
  organic.riders.fleets[1].speed_kmh = 25;
  kinds.push_back({"road-graph", organic});

  // Islands, a bridge and a ferry that the wind stops for three quarters of an hour, so riders
  // wait at piers, some orders wait for the crossing and some are cancelled.
  ScenarioSpec islands = island_world();
  islands.weather.marine = {{50 * kMsPerMinute, "Isle", 8.5, 5.0},
                            {95 * kMsPerMinute, "Isle", 4.0, 10.0}};
  kinds.push_back({"islands-ferry", islands});
  kinds.push_back({"riders-as-people", riders_as_people()});
  return kinds;
}

}  // namespace knightsim::testing
