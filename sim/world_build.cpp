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
  long total_riders = static_cast<long>(spec.trace.couriers.size());
  if (!spec.trace.enabled()) {
    for (const auto& fleet : spec.riders.fleets) total_riders += fleet.count;
  }
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
      acceptance_rng(streams.stream("dispatch.acceptance")),
      stairs_rng(streams.stream("demand.stairs")),
      horizon_ms(spec_in.duration_ms) {
  assert(spec.duration_ms > 0);
  if (spec.map.source != MapSource::analytic_grid) {
    road_map = spec.map.built ? spec.map.built : RoadMap::build(spec);
    if (!spec.map.ferries.empty()) {
      marine = std::make_unique<MarineWeather>(spec.weather, spec.map.islands);
      // Timetables repeat by time of day: day 0 starts at the midnight before the start.
      const SimTime first_midnight = -clock.time_of_day_ms(0);
      ferry_schedule =
          std::make_unique<FerrySchedule>(road_map->spec(), *marine, first_midnight, horizon_ms);
    }
  }
  router = std::make_unique<Router>(city, road_map, ferry_schedule.get());
  if (road_map) {
    fastest_hour_factor =
        *std::max_element(spec.map.hourly_speed_factor.begin(), spec.map.hourly_speed_factor.end());
  }
  if (spec.trace.enabled()) {
    build_trace_world();
  } else {
    build_stations();
    build_merchants();
    build_riders();
    demand =
        std::make_unique<DemandGenerator>(spec, clock, weather, city, *router, merchants, streams);
  }
  build_welfare();
  plug_in_dispatcher = dispatcher_in != nullptr;
  dispatcher = dispatcher_in ? std::move(dispatcher_in) : make_dispatcher(spec.dispatch);

  // Events at the same time run in push order: weather, then shifts, then the first sample,
  // then demand — riders are on the road before the first order can arrive.
  for (std::uint32_t i = 0; i < weather.changes().size(); ++i) {
    const SimTime at = weather.changes()[i].at_ms;
    if (at < horizon_ms) queue.push(at, {EventKind::weather_change, i});
  }
  for (const Rider& rider : riders) schedule_shifts(rider);
  queue.push(0, {EventKind::load_sample, 0});
  if (demand) {
    const SimTime first = demand->next_candidate_ms(0);
    if (first != kNever && first < horizon_ms) queue.push(first, {EventKind::demand_candidate, 0});
  } else if (!spec.trace.orders.empty() && spec.trace.orders[0].placed_ms < horizon_ms) {
    queue.push(std::max<SimTime>(0, spec.trace.orders[0].placed_ms), {EventKind::trace_order, 0});
  }
  // A periodic dispatcher's first round comes one interval in: there is nothing to match at 0.
  // Read once: a dispatcher whose interval changed later could stall or rewind the clock.
  tick_interval_ms = std::max<SimTime>(0, dispatcher->tick_interval_ms());
  if (tick_interval_ms > 0 && tick_interval_ms < horizon_ms)
    queue.push(tick_interval_ms, {EventKind::dispatch_tick, 0});
}

void Simulation::Impl::build_stations() {
  if (spec.stations.empty()) {
    stations.push_back({0, "central", router->snap(city.centre())});
    return;
  }
  for (const StationSpec& station : spec.stations) {
    const auto id = static_cast<StationId>(stations.size());
    stations.push_back({id, station.name, router->snap(city.clamp({station.x_m, station.y_m}))});
  }
}

void Simulation::Impl::build_merchants() {
  // Shops cluster where people are: merchants are placed by the same density map as customers,
  // from their own stream, so adding riders or orders does not move any shop.
  const DensityMap density(spec.city, spec.map.islands);
  Rng rng = streams.stream("world.merchants");
  for (std::uint32_t group = 0; group < spec.merchants.size(); ++group) {
    const MerchantGroupSpec& group_spec = spec.merchants[group];
    constexpr std::size_t kAnyIsland = static_cast<std::size_t>(-1);
    std::size_t island_of_group = kAnyIsland;
    for (std::size_t k = 0; k < spec.map.islands.size(); ++k) {
      if (spec.map.islands[k].name == group_spec.island) island_of_group = k;
    }
    for (int i = 0; i < group_spec.count; ++i) {
      const auto id = static_cast<MerchantId>(merchants.size());
      const Point at = island_of_group == kAnyIsland
                           ? density.sample(rng)
                           : density.sample_on_island(rng, island_of_group);
      merchants.push_back({id, group_spec.category, router->snap(at), group});
    }
  }
}

StationId Simulation::Impl::home_station(const FleetSpec& fleet) const {
  StationId home = 0;
  for (const Station& station : stations) {
    if (station.name == fleet.station) home = station.id;
  }
  return home;
}

Rider& Simulation::Impl::add_rider(std::uint32_t fleet_index, const FleetSpec& fleet,
                                   StationId home, Point position) {
  Rider& rider = riders.emplace_back();
  rider.id = static_cast<RiderId>(riders.size() - 1);
  rider.fleet = fleet_index;
  rider.home = home;
  rider.speed_kmh = fleet.speed_kmh;
  rider.mode = fleet.mode;
  rider.capacity = fleet.capacity;
  rider.position = position;
  rider.free_location = position;
  return rider;
}

void Simulation::Impl::size_rider_tables() {
  rider_activity.resize(riders.size(), EventHandle{});
  activity_end_ms.resize(riders.size(), 0);
  on_shift_since_ms.resize(riders.size(), 0);
  busy_since_ms.resize(riders.size(), 0);
}

void Simulation::Impl::build_riders() {
  for (std::uint32_t fleet = 0; fleet < spec.riders.fleets.size(); ++fleet) {
    const FleetSpec& fleet_spec = spec.riders.fleets[fleet];
    const StationId home = home_station(fleet_spec);
    fastest_speed_kmh = std::max(fastest_speed_kmh, fleet_spec.speed_kmh);
    for (int i = 0; i < fleet_spec.count; ++i) {
      add_rider(fleet, fleet_spec, home, stations[home].location);
    }
  }
  size_rider_tables();
}

void Simulation::Impl::build_trace_world() {
  // The engine's reports speak of fleets and merchant groups: a replayed log gets one fleet
  // per vehicle type and one merchant group, open around the clock (the log says when food is
  // ready), so every writer works unchanged.
  const TraceSpec& trace = spec.trace;
  stations.push_back({0, "trace", city.centre()});
  MerchantGroupSpec group;
  group.category = MerchantCategory::restaurant;
  group.opens_ms = 0;
  group.closes_ms = 0;
  trace_merchant_of_order.reserve(trace.orders.size());
  {
    // One merchant per distinct pickup point, numbered in order of first appearance.
    std::vector<std::pair<Point, MerchantId>> seen;
    seen.reserve(trace.orders.size());
    for (const TraceOrder& logged : trace.orders) {
      seen.push_back({city.clamp(logged.pickup), kNoId});
    }
    std::vector<std::uint32_t> by_point(seen.size());
    for (std::uint32_t i = 0; i < by_point.size(); ++i) by_point[i] = i;
    std::stable_sort(by_point.begin(), by_point.end(), [&](std::uint32_t a, std::uint32_t b) {
      return seen[a].first.x_m != seen[b].first.x_m ? seen[a].first.x_m < seen[b].first.x_m
                                                    : seen[a].first.y_m < seen[b].first.y_m;
    });
    std::vector<std::uint32_t> leader(seen.size());
    for (std::size_t k = 0; k < by_point.size(); ++k) {
      const std::uint32_t i = by_point[k];
      leader[i] =
          (k > 0 && seen[by_point[k - 1]].first == seen[i].first) ? leader[by_point[k - 1]] : i;
    }
    for (std::uint32_t i = 0; i < seen.size(); ++i) {
      MerchantId& id = seen[leader[i]].second;
      if (id == kNoId) {
        id = static_cast<MerchantId>(merchants.size());
        merchants.push_back({id, MerchantCategory::restaurant, seen[i].first, 0});
      }
      trace_merchant_of_order.push_back(id);
    }
  }
  group.count = static_cast<int>(merchants.size());
  spec.merchants = {group};

  std::vector<FleetSpec> fleets;
  const PaySpec pay = spec.riders.fleets.empty() ? PaySpec{} : spec.riders.fleets[0].pay;
  for (const TraceVehicle& vehicle : trace.vehicles) {
    FleetSpec fleet;
    fleet.name = vehicle.name;
    fleet.speed_kmh = vehicle.speed_kmh;
    fleet.capacity = vehicle.capacity;
    fleet.pay = pay;
    fleets.push_back(fleet);
  }
  for (const TraceCourier& courier : trace.couriers) {
    std::uint32_t fleet = 0;
    while (fleet < fleets.size() && fleets[fleet].name != courier.vehicle) ++fleet;
    assert(fleet < fleets.size() && "the loader checks every courier's vehicle");
    ++fleets[fleet].count;
    fastest_speed_kmh = std::max(fastest_speed_kmh, fleets[fleet].speed_kmh);
    const Rider& rider = add_rider(fleet, fleets[fleet], 0, city.clamp(courier.start));
    trace_start.push_back(rider.position);
    trace_shift_end_ms.push_back(courier.off_ms);
  }
  spec.riders.fleets = std::move(fleets);
  size_rider_tables();
}

void Simulation::Impl::schedule_shifts(const Rider& rider) {
  if (spec.trace.enabled()) {
    // A logged courier works the one shift of the log.
    const TraceCourier& courier = spec.trace.couriers[rider.id];
    if (courier.on_ms < horizon_ms && courier.off_ms > 0)
      queue.push(std::max<SimTime>(0, courier.on_ms), {EventKind::shift_start, rider.id});
    return;
  }
  // The fleet's roster unrolled (shift_roster.cpp); a shift already running at the scenario
  // start begins at time 0.
  for (const ShiftSpan& shift : fleet_shifts[rider.fleet])
    queue.push(std::max<SimTime>(shift.start_ms, 0), {EventKind::shift_start, rider.id});
}

}  // namespace knightsim
