// E-bike batteries and charging stations (FleetSpec::battery; docs/policies.md "Charging"):
// charge falls with km ridden; dispatch offers no route the charge cannot cover; a rider low
// on charge finishes its route, then swaps packs at the nearest charging station it can reach,
// or ends its shift when there is none.
#include <algorithm>
#include <cassert>
#include <limits>

#include "simulation_impl.hpp"

namespace knightsim {
namespace {

/// A rider within this distance of a charging station swaps where it stands.
constexpr double kAtStationM = 50.0;
/// Dispatch keeps this much in hand beyond a route's road km: a rider who turns mid-street
/// rides a little more than the estimate from the point where it stands.
constexpr double kRouteMarginShare = 0.05;
constexpr double kRouteMarginKm = 0.2;

}  // namespace

void Simulation::Impl::build_batteries() {
  if (spec.trace.enabled()) return;  // logged couriers: no battery model
  for (const FleetSpec& fleet : spec.riders.fleets) any_battery |= fleet.battery.range_km > 0.0;
  if (!any_battery) return;
  const std::size_t n = riders.size();
  low_battery.assign(n, false);
  heading_to_charge.assign(n, false);
  charging_at.assign(n, kNoId);
  charge_event.assign(n, EventHandle{});
  charge_place_held.assign(n, false);
  charge_queue.assign(stations.size(), {});
  for (const Station& station : stations) {
    if (station.id < spec.stations.size() && spec.stations[station.id].charging)
      chargers.push_back(station.id);
  }
}

bool Simulation::Impl::battery_on(const Rider& rider) const {
  return any_battery && spec.riders.fleets[rider.fleet].battery.range_km > 0.0;
}

double Simulation::Impl::charge_now_km(const Rider& rider) const {
  if (!rider.leg.moving) return rider.battery_km;
  double ridden_m = 0.0;
  if (rider.leg.path.timed()) {
    ridden_m = ridden_by_m(rider.leg.path, now_ms);
  } else {
    const SimTime duration = rider.leg.arrive_ms - rider.leg.depart_ms;
    const double fraction = duration > 0 ? static_cast<double>(now_ms - rider.leg.depart_ms) /
                                               static_cast<double>(duration)
                                         : 1.0;
    ridden_m = rider.leg.path.length_m() * std::clamp(fraction, 0.0, 1.0);
  }
  return rider.battery_km - ridden_m / 1000.0;
}

double Simulation::Impl::route_km(const Rider& rider, std::span<const Stop> stops) const {
  if (stops.empty()) return 0.0;
  const TravelMode mode = rider.mode;
  double metres = 0.0;
  const bool heading_to_first = rider.leg.moving && !rider.route.empty() &&
                                stops[0].order == rider.route[0].order &&
                                stops[0].kind == rider.route[0].kind;
  if (heading_to_first) {
    // Carries on along the current leg: what is left of it, then on from its end.
    const double leg_m = rider.leg.path.length_m();
    metres += std::max(0.0, leg_m - 1000.0 * (rider.battery_km - charge_now_km(rider)));
    metres += router->road_distance_m(rider.leg.path.end(), stops[0].location, mode);
  } else {
    // Serving stops[0] where it stands, or turning from where it is now.
    metres += router->road_distance_m(position_at(rider, now_ms), stops[0].location, mode);
  }
  for (std::size_t i = 1; i < stops.size(); ++i)
    metres += router->road_distance_m(stops[i - 1].location, stops[i].location, mode);
  return metres / 1000.0;
}

bool Simulation::Impl::battery_covers(const Rider& rider, std::span<const Stop> stops) const {
  if (!battery_on(rider)) return true;
  double needed_km = route_km(rider, stops) * (1.0 + kRouteMarginShare) + kRouteMarginKm;
  if (!chargers.empty() && !stops.empty()) {
    // Where there are chargers, the route must leave enough to reach the nearest one.
    double to_charger_m = std::numeric_limits<double>::infinity();
    for (const StationId s : chargers) {
      to_charger_m = std::min(
          to_charger_m,
          router->road_distance_m(stops.back().location, stations[s].location, rider.mode));
    }
    needed_km += to_charger_m / 1000.0;
  }
  return needed_km <= charge_now_km(rider);
}

bool Simulation::Impl::charge_reaches(const Rider& rider, Point to) const {
  if (!battery_on(rider)) return true;
  assert(!rider.leg.moving);
  return router->road_distance_m(rider.position, to, rider.mode) / 1000.0 <= rider.battery_km;
}

bool Simulation::Impl::offer_within_battery(std::span<const OrderId> offered, const Rider& rider,
                                            std::span<const Stop> route) {
  if (battery_covers(rider, route)) return true;
  ++offers_made;
  ++welfare_totals.offers_declined_by_battery;
  for (const OrderId back : offered) {
    queue.push(now_ms + spec.dispatch.offer_response_ms, {EventKind::offer_reply, back});
  }
  return false;
}

void Simulation::Impl::battery_used(Rider& rider, double km_ridden) {
  if (!battery_on(rider)) return;
  rider.battery_km -= km_ridden;
  if (rider.battery_km < 0.0) {
    // Dispatch and the charging rules are meant to make this impossible; count it if not.
    welfare_totals.battery_short_km -= rider.battery_km;
    rider.battery_km = 0.0;
  }
  const BatterySpec& battery = spec.riders.fleets[rider.fleet].battery;
  if (!low_battery[rider.id] &&
      rider.battery_km < battery.recharge_below_share * battery.range_km) {
    // No new work from now (the caller refreshes the rider's availability); it charges once
    // its route is done (start_next_stop).
    low_battery[rider.id] = true;
    rider.paused = true;
  }
}

void Simulation::Impl::go_to_charge(Rider& rider) {
  const RiderId r = rider.id;
  assert(rider.on_shift && rider.route.empty() && !rider.leg.moving);
  cancel_charge(rider);  // a charger chosen before a ferry's landing changed the plan
  rider.paused = true;
  // The nearest open charging station, by road, within the charge left: one with a free place
  // if there is one in reach, else one to queue at.
  StationId free_one = kNoId, any_one = kNoId;
  double free_km = std::numeric_limits<double>::infinity(), any_km = free_km;
  for (const StationId s : chargers) {
    if (!station_open(s, now_ms)) continue;
    const double km =
        router->road_distance_m(rider.position, stations[s].location, rider.mode) / 1000.0;
    if (km > rider.battery_km ||
        router->dispatch_time_ms(rider.position, stations[s].location, current_speed_kmh(rider),
                                 rider.mode, now_ms) >= kUnreachableMs) {
      continue;
    }
    if (km < any_km) {
      any_km = km;
      any_one = s;
    }
    if (km < free_km && has_free_place(s)) {
      free_km = km;
      free_one = s;
    }
  }
  const StationId chosen = free_one != kNoId ? free_one : any_one;
  if (chosen == kNoId) {
    // Nowhere to charge: what is left is the reserve to get home. The shift is over.
    ++rider.battery_shift_ends;
    ++welfare_totals.battery_shift_ends;
    end_shift(rider);
    return;
  }
  charging_at[r] = chosen;
  if (chosen == free_one) {
    charge_place_held[r] = true;
    ++station_resting[chosen];  // a place at the station, shared with riders on breaks
  }
  if (euclidean_m(rider.position, stations[chosen].location) > kAtStationM) {
    heading_to_charge[r] = true;
    start_leg(rider, stations[chosen].location);
    set_state(rider, RiderState::returning);
    refresh_availability(rider);
    return;
  }
  arrive_at_charger(rider);
}

bool Simulation::Impl::has_free_place(StationId s) const {
  const int capacity = spec.stations[s].capacity;
  return capacity == 0 || station_resting[s] < capacity;
}

void Simulation::Impl::arrive_at_charger(Rider& rider) {
  const RiderId r = rider.id;
  const StationId s = charging_at[r];
  assert(s != kNoId);
  heading_to_charge[r] = false;
  if (!charge_place_held[r] && has_free_place(s)) {
    charge_place_held[r] = true;
    ++station_resting[s];
  }
  set_state(rider, RiderState::idle);  // at the station, taking no orders (still paused)
  refresh_availability(rider);
  if (!charge_place_held[r]) {
    // Every place taken: wait for one (serve_charge_queue).
    charge_queue[s].push_back(r);
    return;
  }
  begin_charge(rider);
}

void Simulation::Impl::begin_charge(Rider& rider) {
  const RiderId r = rider.id;
  assert(charging_at[r] != kNoId && charge_place_held[r]);
  charge_event[r] = queue.push(now_ms + spec.riders.fleets[rider.fleet].battery.swap_ms,
                               {EventKind::charge_done, r});
}

void Simulation::Impl::serve_charge_queue(StationId s) {
  if (!any_battery) return;
  while (!charge_queue[s].empty() && has_free_place(s)) {
    const RiderId r = charge_queue[s].front();
    charge_queue[s].erase(charge_queue[s].begin());
    charge_place_held[r] = true;
    ++station_resting[s];
    begin_charge(riders[r]);
  }
}

void Simulation::Impl::on_charge_done(RiderId r) {
  Rider& rider = riders[r];
  charge_event[r] = EventHandle{};
  const StationId s = charging_at[r];
  assert(s != kNoId && charge_place_held[r] && !heading_to_charge[r]);
  --station_resting[s];
  charging_at[r] = kNoId;
  charge_place_held[r] = false;
  rider.battery_km = spec.riders.fleets[rider.fleet].battery.range_km;
  low_battery[r] = false;
  ++rider.charging_visits;
  ++welfare_totals.charging_visits;
  serve_charge_queue(s);
  // Back to work, unless a break fell due meanwhile (start_next_stop takes it now).
  rider.paused = wants_break[r] || (paused_until_ms.size() > r && paused_until_ms[r] > now_ms);
  start_next_stop(rider);
  offer_room(rider);
}

void Simulation::Impl::cancel_charge(Rider& rider) {
  const RiderId r = rider.id;
  if (!charging(r)) return;
  if (charge_event[r].valid()) queue.cancel(charge_event[r]);
  charge_event[r] = EventHandle{};
  const StationId s = charging_at[r];
  charging_at[r] = kNoId;
  heading_to_charge[r] = false;
  std::erase(charge_queue[s], r);
  if (charge_place_held[r]) {
    charge_place_held[r] = false;
    --station_resting[s];
    serve_charge_queue(s);
  }
}

void Simulation::Impl::battery_shift_start(Rider& rider) {
  if (!battery_on(rider)) return;
  // Charged at home between shifts (an assumption: docs/policies.md).
  rider.battery_km = spec.riders.fleets[rider.fleet].battery.range_km;
  if (low_battery[rider.id]) {
    low_battery[rider.id] = false;
    rider.paused = paused_until_ms.size() > rider.id && paused_until_ms[rider.id] > now_ms;
  }
}

}  // namespace knightsim
