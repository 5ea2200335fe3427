// Building the world of a run from its spec: stations, merchants, riders and the first events.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "density_map.hpp"
#include "simulation_impl.hpp"

namespace knightsim {
namespace {

/// Cell size for the riders' spatial index: about two riders per cell when spread evenly, so a
/// dispatch query touches a handful of cells whatever the city's size.
double rider_cell_m(const ScenarioSpec& spec) {
  long total_riders = 0;
  for (const auto& fleet : spec.riders.fleets) total_riders += fleet.count;
  const double area_m2 = spec.city.width_m * spec.city.height_m;
  const double per_rider_m = std::sqrt(area_m2 / static_cast<double>(std::max(1L, total_riders)));
  return std::clamp(1.5 * per_rider_m, 200.0, 2000.0);
}

}  // namespace

Simulation::Impl::Impl(const ScenarioSpec& spec_in, std::uint64_t seed_in,
                       std::unique_ptr<Dispatcher> dispatcher_in)
    : spec(spec_in),
      seed(seed_in),
      clock(spec.start),
      city(spec.city),
      weather(spec.weather),
      streams(seed_in),
      room_grid(spec.city.width_m, spec.city.height_m, rider_cell_m(spec_in)),
      horizon_ms(spec_in.duration_ms) {
  assert(spec.duration_ms > 0);
  build_stations();
  build_merchants();
  build_riders();
  demand = std::make_unique<DemandGenerator>(spec, clock, weather, city, merchants, streams);
  dispatcher = dispatcher_in ? std::move(dispatcher_in) : make_dispatcher(spec.dispatch);

  // Events at the same time run in push order: weather, then shifts, then the first sample,
  // then demand — riders are on the road before the first order can arrive.
  for (std::uint32_t i = 0; i < weather.changes().size(); ++i) {
    const SimTime at = weather.changes()[i].at_ms;
    if (at < horizon_ms) queue.push(at, {EventKind::weather_change, i});
  }
  for (const Rider& rider : riders) schedule_shifts(rider);
  queue.push(0, {EventKind::load_sample, 0});
  const SimTime first = demand->next_candidate_ms(0);
  if (first != kNever && first < horizon_ms) queue.push(first, {EventKind::demand_candidate, 0});
}

void Simulation::Impl::build_stations() {
  if (spec.stations.empty()) {
    stations.push_back({0, "central", city.centre()});
    return;
  }
  for (const StationSpec& station : spec.stations) {
    const auto id = static_cast<StationId>(stations.size());
    stations.push_back({id, station.name, city.clamp({station.x_m, station.y_m})});
  }
}

void Simulation::Impl::build_merchants() {
  // Shops cluster where people are: merchants are placed by the same density map as customers,
  // from their own stream, so adding riders or orders does not move any shop.
  const DensityMap density(spec.city);
  Rng rng = streams.stream("world.merchants");
  for (std::uint32_t group = 0; group < spec.merchants.size(); ++group) {
    const MerchantGroupSpec& group_spec = spec.merchants[group];
    for (int i = 0; i < group_spec.count; ++i) {
      const auto id = static_cast<MerchantId>(merchants.size());
      merchants.push_back({id, group_spec.category, density.sample(rng), group});
    }
  }
}

void Simulation::Impl::build_riders() {
  for (std::uint32_t fleet = 0; fleet < spec.riders.fleets.size(); ++fleet) {
    const FleetSpec& fleet_spec = spec.riders.fleets[fleet];
    StationId home = 0;
    for (const Station& station : stations) {
      if (station.name == fleet_spec.station) home = station.id;
    }
    fastest_speed_kmh = std::max(fastest_speed_kmh, fleet_spec.speed_kmh);
    for (int i = 0; i < fleet_spec.count; ++i) {
      Rider rider;
      rider.id = static_cast<RiderId>(riders.size());
      rider.fleet = fleet;
      rider.home = home;
      rider.speed_kmh = fleet_spec.speed_kmh;
      rider.capacity = fleet_spec.capacity;
      rider.position = stations[home].location;
      rider.free_location = rider.position;
      riders.push_back(rider);
    }
  }
  rider_activity.assign(riders.size(), EventHandle{});
  activity_end_ms.assign(riders.size(), 0);
  on_shift_since_ms.assign(riders.size(), 0);
  busy_since_ms.assign(riders.size(), 0);
}

void Simulation::Impl::schedule_shifts(const Rider& rider) {
  // Shift windows are times of day repeated daily; one ending at or before its start runs past
  // midnight. A window already running at the scenario start begins at time 0.
  const FleetSpec& fleet = spec.riders.fleets[rider.fleet];
  SimTime length = fleet.shift_end_ms - fleet.shift_start_ms;
  if (length <= 0) length += kMsPerDay;
  for (std::int64_t day = -1;; ++day) {
    const SimTime start = clock.midnight_of_day(day) + fleet.shift_start_ms;
    if (start >= horizon_ms) break;
    if (start + length <= 0) continue;
    queue.push(std::max<SimTime>(start, 0), {EventKind::shift_start, rider.id});
  }
}

}  // namespace knightsim
