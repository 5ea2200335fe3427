// Riders as people: breaks at stations, fatigue and weather exposure, incidents, bonuses, the
// City Knights policies' dispatch limits, insurance and subsidies (docs/policies.md).
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "rider_people.hpp"
#include "simulation_impl.hpp"

namespace knightsim {
namespace {

/// A rider within this distance of its break station rests where it stands.
constexpr double kAtStationM = 50.0;

}  // namespace

// ---------------------------------------------------------------------------------------------
// World

void Simulation::Impl::build_welfare() {
  if (!spec.trace.enabled()) {
    // Stream "world.riders": who the riders are; nothing else draws from it.
    Rng people = streams.stream("world.riders");
    for (Rider& rider : riders) {
      draw_rider_person(spec.riders.fleets[rider.fleet], spec.policies, people, rider);
    }
    for (const FleetSpec& fleet : spec.riders.fleets)
      fleet_shifts.push_back(roster_shifts(fleet, clock, horizon_ms));
    if (spec.turnover.enabled) {
      const std::size_t first_recruit = riders.size();
      build_reserve();
      for (std::size_t r = first_recruit; r < riders.size(); ++r) {
        draw_rider_person(spec.riders.fleets[riders[r].fleet], spec.policies, people, riders[r]);
        riders[r].experience_days = 0.0;  // recruits are novices
      }
    }
  }
  const std::size_t n = riders.size();
  const CareerLadder& ladder = spec.policies.career_ladder;
  for (Rider& rider : riders) {
    if (ladder.enabled) {
      rider.speed_kmh =
          spec.riders.fleets[rider.fleet].speed_kmh *
          (1.0 + ladder.speed_gain * std::min(rider.experience_days, ladder.cap_days) /
                     std::max(1.0, ladder.cap_days));
      // Experience grows during the run: bound dispatch's lower bounds by the cap's speed.
      fastest_speed_kmh = std::max(
          fastest_speed_kmh, spec.riders.fleets[rider.fleet].speed_kmh * (1.0 + ladder.speed_gain));
    }
  }
  if (ladder.enabled && ladder.captain_extra_capacity > 0) {
    capacity_target.resize(n);
    for (const Rider& rider : riders) capacity_target[rider.id] = rider.capacity;
    queue.push(now_ms, {EventKind::captain_hour, 0});
  }
  next_shift.assign(n, 0);
  out_until_ms.assign(n, 0);
  break_event.assign(n, EventHandle{});
  wants_break.assign(n, false);
  heading_to_break.assign(n, false);
  resting_at.assign(n, kNoId);
  rest_since_ms.assign(n, 0);
  station_resting.assign(stations.size(), 0);
  // Stream "safety.incidents": one generator per rider, seeded in id order, so a rider's
  // incidents depend on how far and how it rides, not on other riders' draws.
  Rng incidents = streams.stream("safety.incidents");
  incident_rng.clear();
  incident_rng.reserve(n);
  incident_budget.assign(n, 0.0);
  for (std::size_t r = 0; r < n; ++r) {
    incident_rng.emplace_back(incidents.next_u64());
    incident_budget[r] = incident_rng[r].exponential(1.0);
  }
  leg_hazard_per_km.assign(n, 0.0);
  incident_event.assign(n, EventHandle{});
  day_on_shift_ms.assign(n, 0);
  day_heat_ms.assign(n, 0);
  day_cold_ms.assign(n, 0);
  day_paid_heat_cold.assign(n, false);
  day_start_earnings.assign(n, 0.0);
  day_start_incidents.assign(n, 0);
  day_covered.assign(n, false);
  // Stream "people.turnover": one generator per rider for its quit decisions.
  Rng turnover = streams.stream("people.turnover");
  turnover_rng.clear();
  turnover_rng.reserve(n);
  for (std::size_t r = 0; r < n; ++r) turnover_rng.emplace_back(turnover.next_u64());
  welfare_day = clock.day_index(0);
  open_day_row.assign(n, kNoRow);
  last_day_row.assign(n, kNoRow);
  stretch_start.assign(n, RiderDay{});
  build_batteries();
}

// ---------------------------------------------------------------------------------------------
// Dispatch limits (WomenOptOut, DisabledSupport): the engine's view and checked actions apply
// them, so every dispatcher, built in or plugged in, sees such a rider as unable to take the
// order.

bool Simulation::Impl::may_take(const Rider& rider, const Order& order) const {
  const PoliciesSpec& policies = spec.policies;
  if (rider.opted_out && policies.women_opt_out.enabled) {
    const WomenOptOut& opt_out = policies.women_opt_out;
    if (order.weight_kg > opt_out.max_weight_kg) return false;
    if (in_daily_window(clock.time_of_day_ms(now_ms), opt_out.night_from_ms, opt_out.night_to_ms))
      return false;
  }
  if (rider.disabled && policies.disabled_support.enabled) {
    const DisabledSupport& support = policies.disabled_support;
    if (order.weight_kg > support.max_weight_kg) return false;
    if (support.stairs_free && order.needs_stairs) return false;
    const Point home = stations[rider.home].location;
    if (euclidean_m(home, merchants[order.merchant].location) > support.max_radius_m ||
        euclidean_m(home, order.customer) > support.max_radius_m) {
      return false;
    }
  }
  return true;
}

SimTime Simulation::Impl::dispatch_priority_ms(const Rider& rider) const {
  const DisabledSupport& support = spec.policies.disabled_support;
  return rider.disabled && support.enabled ? support.priority_ms : 0;
}

bool Simulation::Impl::offer_within_limits(std::span<const OrderId> offered, const Rider& rider) {
  for (const OrderId o : offered) {
    if (may_take(rider, orders[o])) continue;
    ++offers_made;
    ++welfare_totals.offers_declined_by_policy;
    for (const OrderId back : offered) {
      queue.push(now_ms + spec.dispatch.offer_response_ms, {EventKind::offer_reply, back});
    }
    return false;
  }
  return true;
}

void Simulation::Impl::maybe_policy_cancel(OrderId o, const Rider& rider) {
  const WomenOptOut& opt_out = spec.policies.women_opt_out;
  if (!opt_out.enabled || !rider.opted_out || opt_out.cancel_share <= 0.0) return;
  if (!acceptance_rng.bernoulli(opt_out.cancel_share)) return;
  give_back_rider.resize(orders.size(), kNoId);
  give_back_ms.resize(orders.size(), kNever);
  give_back_by_policy.resize(orders.size(), false);
  give_back_rider[o] = rider.id;
  give_back_by_policy[o] = true;
  give_back_ms[o] = now_ms + static_cast<SimTime>(acceptance_rng.uniform(0.0, 1.0) *
                                                  static_cast<double>(10 * kMsPerMinute));
  queue.push(give_back_ms[o], {EventKind::rider_gives_back, o});
}

// ---------------------------------------------------------------------------------------------
// Breaks and stations

bool Simulation::Impl::station_open(StationId s, SimTime t) const {
  if (spec.stations.empty() || s >= spec.stations.size()) return true;  // "central" or a trace
  const StationSpec& station = spec.stations[s];
  if (station.opens_ms == 0 && station.closes_ms == kMsPerDay) return true;
  return in_daily_window(clock.time_of_day_ms(t), station.opens_ms, station.closes_ms);
}

StationId Simulation::Impl::waiting_station(const Rider& rider) const {
  if (station_open(rider.home, now_ms)) return rider.home;
  StationId best = rider.home;
  double best_m = std::numeric_limits<double>::infinity();
  for (const Station& station : stations) {
    if (!station_open(station.id, now_ms)) continue;
    const double m = euclidean_m(rider.position, station.location);
    if (m < best_m) {
      best_m = m;
      best = station.id;
    }
  }
  return best;
}

void Simulation::Impl::schedule_break(Rider& rider) {
  const RosterSpec& roster = spec.riders.fleets[rider.fleet].roster;
  if (spec.trace.enabled() || roster.break_after_ms <= 0) return;
  const SimTime due = now_ms + roster.break_after_ms;
  if (due >= rider.shift_end_ms || due >= horizon_ms) return;
  assert(!break_event[rider.id].valid());
  break_event[rider.id] = queue.push(due, {EventKind::break_due, rider.id});
}

void Simulation::Impl::on_break_due(RiderId r) {
  Rider& rider = riders[r];
  break_event[r] = EventHandle{};
  if (!rider.on_shift) return;
  // No new work from now; what the rider holds is finished first (start_next_stop sends it to
  // its break when the route empties).
  wants_break[r] = true;
  rider.paused = true;
  refresh_availability(rider);
  // (A rider on its way to a charger, or swapping there, takes the break after.)
  if (rider.route.empty() && rider.state != RiderState::offline && !charging(r)) {
    if (halt(rider)) start_next_stop(rider);
  }
}

void Simulation::Impl::go_to_break(Rider& rider) {
  const RiderId r = rider.id;
  // The nearest open station with a rest room and a free place; else the home station.
  StationId chosen = rider.home;
  double best_m = std::numeric_limits<double>::infinity();
  for (const Station& station : stations) {
    const StationSpec* station_spec =
        station.id < spec.stations.size() ? &spec.stations[station.id] : nullptr;
    if (station_spec != nullptr && !station_spec->rest) continue;
    if (!station_open(station.id, now_ms)) continue;
    if (station_spec != nullptr && station_spec->capacity > 0 &&
        station_resting[station.id] >= station_spec->capacity) {
      continue;
    }
    const double m = euclidean_m(rider.position, station.location);
    if (m < best_m &&
        router->dispatch_time_ms(rider.position, station.location, current_speed_kmh(rider),
                                 rider.mode, now_ms) < kUnreachableMs) {
      best_m = m;
      chosen = station.id;
    }
  }
  resting_at[r] = chosen;
  ++station_resting[chosen];
  wants_break[r] = false;
  // (With a battery too low to get there, the rider rests where it is.)
  if (euclidean_m(rider.position, stations[chosen].location) > kAtStationM &&
      charge_reaches(rider, stations[chosen].location)) {
    heading_to_break[r] = true;
    start_leg(rider, stations[chosen].location);
    set_state(rider, RiderState::returning);
    refresh_availability(rider);
    return;
  }
  begin_rest(rider);
}

void Simulation::Impl::begin_rest(Rider& rider) {
  const RiderId r = rider.id;
  assert(resting_at[r] != kNoId);
  heading_to_break[r] = false;
  set_state(rider, RiderState::resting);
  rest_since_ms[r] = now_ms;
  refresh_availability(rider);
  break_event[r] = queue.push(now_ms + spec.riders.fleets[rider.fleet].roster.break_ms,
                              {EventKind::break_over, r});
}

void Simulation::Impl::on_break_over(RiderId r) {
  Rider& rider = riders[r];
  break_event[r] = EventHandle{};
  assert(rider.state == RiderState::resting && resting_at[r] != kNoId);
  rider.rest_ms += now_ms - rest_since_ms[r];
  ++rider.breaks_taken;
  --station_resting[resting_at[r]];
  serve_charge_queue(resting_at[r]);
  resting_at[r] = kNoId;
  rider.paused = paused_until_ms.size() > r && paused_until_ms[r] > now_ms;
  set_state(rider, RiderState::idle);
  schedule_break(rider);
  start_next_stop(rider);
  offer_room(rider);
}

void Simulation::Impl::cancel_break(Rider& rider) {
  const RiderId r = rider.id;
  if (break_event[r].valid()) queue.cancel(break_event[r]);
  break_event[r] = EventHandle{};
  if (resting_at[r] != kNoId) {
    if (rider.state == RiderState::resting) rider.rest_ms += now_ms - rest_since_ms[r];
    --station_resting[resting_at[r]];
    serve_charge_queue(resting_at[r]);
    resting_at[r] = kNoId;
  }
  if (wants_break[r] || heading_to_break[r] || rider.state == RiderState::resting) {
    rider.paused = paused_until_ms.size() > r && paused_until_ms[r] > now_ms;
  }
  wants_break[r] = false;
  heading_to_break[r] = false;
}

// ---------------------------------------------------------------------------------------------
// Incidents: each rider carries an exponential "hazard budget"; riding spends it at the leg's
// hazard per km, and the incident happens where it runs out. One draw per incident, from the
// rider's own generator.

double Simulation::Impl::incident_hazard_per_km(const Rider& rider) const {
  const SafetySpec& safety = spec.safety;
  if (safety.incidents_per_million_km <= 0.0) return 0.0;
  double hazard = safety.incidents_per_million_km / 1e6;
  hazard *= safety.weather_factor[static_cast<std::size_t>(weather.state_at(now_ms))];
  if (in_daily_window(clock.time_of_day_ms(now_ms), safety.night_from_ms, safety.night_to_ms))
    hazard *= safety.night_factor;
  hazard *= 1.0 + safety.fatigue_factor_per_hour * rider.fatigue_h;
  double novice =
      safety.novice_extra * std::exp(-rider.experience_days / std::max(1e-9, safety.novice_days));
  if (spec.policies.career_ladder.enabled)
    novice *= 1.0 - spec.policies.career_ladder.risk_reduction;
  return hazard * (1.0 + novice);
}

void Simulation::Impl::plan_incident(Rider& rider) {
  const RiderId r = rider.id;
  assert(!incident_event[r].valid());
  const double hazard = incident_hazard_per_km(rider);
  leg_hazard_per_km[r] = hazard;
  const double km = rider.leg.path.length_m() / 1000.0;
  if (hazard <= 0.0 || hazard * km < incident_budget[r]) return;
  const double fraction = incident_budget[r] / (hazard * km);
  const SimTime at =
      rider.leg.depart_ms +
      static_cast<SimTime>(
          std::floor(fraction * static_cast<double>(rider.leg.arrive_ms - rider.leg.depart_ms)));
  if (at >= rider.leg.arrive_ms || at >= horizon_ms) return;  // spent on arrival instead
  incident_event[r] = queue.push(std::max(at, now_ms), {EventKind::incident, r});
}

void Simulation::Impl::leg_ended(Rider& rider, double km_ridden) {
  const RiderId r = rider.id;
  if (incident_event[r].valid()) queue.cancel(incident_event[r]);
  incident_event[r] = EventHandle{};
  welfare_totals.km_ridden += km_ridden;
  battery_used(rider, km_ridden);
  incident_budget[r] = std::max(0.0, incident_budget[r] - leg_hazard_per_km[r] * km_ridden);
  leg_hazard_per_km[r] = 0.0;
}

void Simulation::Impl::lose_carried_orders(Rider& rider) {
  std::vector<OrderId> lost;
  for (const Stop& stop : rider.route) {
    if (stop.kind == StopKind::dropoff && orders[stop.order].status == OrderStatus::picked_up)
      lost.push_back(stop.order);
  }
  for (const OrderId o : lost) {
    std::erase_if(rider.route, [o](const Stop& stop) { return stop.order == o; });
    --rider.carried;
    change_assigned_open(rider, -1);
    Order& order = orders[o];
    order.status = OrderStatus::cancelled;
    order.cancelled_ms = now_ms;
    order.lost_in_incident = true;
    --orders_open;
    ++welfare_totals.orders_lost_in_incidents;
    for (auto* observer : observers) observer->on_order_cancelled(order, now_ms);
  }
}

void Simulation::Impl::on_captain_hour() {
  const CareerLadder& ladder = spec.policies.career_ladder;
  const SimTime time_of_day = clock.time_of_day_ms(now_ms);
  const bool peak = ladder.captain_peak_hours[static_cast<std::size_t>(time_of_day / kMsPerHour)];
  for (Rider& rider : riders) {
    const int base = spec.riders.fleets[rider.fleet].capacity;
    const bool captain = rider.experience_days >= ladder.captain_after_days;
    capacity_target[rider.id] = base + (captain && peak ? ladder.captain_extra_capacity : 0);
    if (captain && peak && rider.on_shift) {
      welfare_totals.captain_bonuses += ladder.captain_bonus_per_hour;
    }
    const int capacity = std::max(capacity_target[rider.id], rider.assigned_open);
    if (capacity == rider.capacity) continue;
    rider.capacity = capacity;
    if (rider.state != RiderState::offline) {
      refresh_availability(rider);
      offer_room(rider);
    }
  }
  const SimTime next_ms = now_ms + kMsPerHour - time_of_day % kMsPerHour;
  if (next_ms < horizon_ms) queue.push(next_ms, {EventKind::captain_hour, 0});
}

bool Simulation::Impl::first_aid_near(Point at) const {
  if (spec.safety.first_aid_injury_factor >= 1.0) return false;
  for (const Station& station : stations) {
    if (station.id >= spec.stations.size() || !spec.stations[station.id].first_aid) continue;
    if (!station_open(station.id, now_ms)) continue;
    if (euclidean_m(at, station.location) <= spec.safety.first_aid_radius_m) return true;
  }
  return false;
}

void Simulation::Impl::on_incident(RiderId r) {
  Rider& rider = riders[r];
  incident_event[r] = EventHandle{};
  if (!rider.leg.moving) return;
  if (rider.leg.path.timed() && crossing_at(rider.leg.path, now_ms) != nullptr) {
    // No road crash at sea: the rest of the crossing spends no budget.
    leg_hazard_per_km[r] = 0.0;
    return;
  }
  if (!halt(rider)) return;
  incident_budget[r] = incident_rng[r].exponential(1.0);
  ++rider.incidents;
  ++welfare_totals.incidents;
  // One draw whatever the factor, so first aid changes no other draw of the rider's stream.
  const double injury_share =
      spec.safety.injury_share *
      (first_aid_near(rider.position) ? spec.safety.first_aid_injury_factor : 1.0);
  const bool injured = incident_rng[r].bernoulli(injury_share);
  if (injured) {
    ++rider.injuries;
    ++welfare_totals.injuries;
    out_until_ms[r] = now_ms + spec.safety.injury_days_off_ms;
    if (spec.policies.injury_insurance.enabled) {
      rider.insurance_payout += spec.policies.injury_insurance.payout_per_injury;
      welfare_totals.injury_payouts += spec.policies.injury_insurance.payout_per_injury;
    }
    lose_carried_orders(rider);
  }
  cancel_break(rider);
  if (rider.on_shift) {
    end_shift(rider);
  } else if (rider.carried == 0) {
    // After its shift, on the way with the last orders: they were lost; nothing is left.
    rider.route.clear();
    go_offline(rider);
    refresh_availability(rider);
  }
  // A minor incident: the rider still delivers what it carries, then goes offline.
  if (rider.state != RiderState::offline && !rider.leg.moving && !rider_activity[r].valid())
    start_next_stop(rider);
}

// ---------------------------------------------------------------------------------------------
// Pay, fatigue, exposure, insurance and days

double Simulation::Impl::order_bonus(const Rider& rider) const {
  const PaySpec& pay = spec.riders.fleets[rider.fleet].pay;
  double bonus = pay.weather_bonus_per_order[static_cast<std::size_t>(weather.state_at(now_ms))];
  const auto hour = static_cast<std::size_t>(clock.time_of_day_ms(now_ms) / kMsPerHour);
  if (pay.peak_hours[hour]) bonus += pay.peak_bonus_per_order;
  return bonus;
}

void Simulation::Impl::welfare_minute() {
  if (const std::int64_t day = clock.day_index(now_ms); day != welfare_day) {
    settle_day(true);
    welfare_day = day;
  }
  const SafetySpec& safety = spec.safety;
  const HeatColdInsurance& insurance = spec.policies.heat_cold_insurance;
  const double temperature_c = weather.effect_at(now_ms).temperature_c;
  const bool hot = temperature_c >= safety.heat_c;
  const bool cold = temperature_c <= safety.cold_c;
  constexpr double kMinuteH = 1.0 / 60.0;
  for (Rider& rider : riders) {
    const RiderId r = rider.id;
    if (rider.on_shift) day_on_shift_ms[r] += kMsPerMinute;
    if (rider.state == RiderState::offline || rider.state == RiderState::resting) {
      rider.fatigue_h = std::max(0.0, rider.fatigue_h - safety.rest_recovery_per_hour * kMinuteH);
      continue;
    }
    // On the street (riding, waiting at a door or a shop, idle outside): exposed.
    if (rider.leg.moving)
      rider.fatigue_h += (hot || cold ? safety.heat_fatigue_factor : 1.0) * kMinuteH;
    rider.peak_fatigue_h = std::max(rider.peak_fatigue_h, rider.fatigue_h);
    if (open_day_row[r] != kNoRow) {
      RiderDay& day = rider_days[open_day_row[r]];
      day.peak_fatigue_h = std::max(day.peak_fatigue_h, rider.fatigue_h);
    }
    if (hot) {
      rider.heat_exposure_ms += kMsPerMinute;
      day_heat_ms[r] += kMsPerMinute;
    }
    if (cold) {
      rider.cold_exposure_ms += kMsPerMinute;
      day_cold_ms[r] += kMsPerMinute;
    }
    if (insurance.enabled && !day_paid_heat_cold[r] &&
        std::max(day_heat_ms[r], day_cold_ms[r]) >= insurance.min_exposure_ms) {
      day_paid_heat_cold[r] = true;
      rider.insurance_payout += insurance.payout_per_day;
      welfare_totals.heat_cold_payouts += insurance.payout_per_day;
      ++welfare_totals.heat_cold_payout_days;
    }
  }
}

void Simulation::Impl::settle_day(bool day_boundary) {
  const PoliciesSpec& policies = spec.policies;
  for (Rider& rider : riders) {
    const RiderId r = rider.id;
    day_covered[r] = false;
    if (day_on_shift_ms[r] > 0) {
      ++rider.days_worked;
      ++welfare_totals.rider_days;
      rider.experience_days += 1.0;
      if (policies.injury_insurance.enabled)
        welfare_totals.injury_premiums += policies.injury_insurance.premium_per_rider_day;
      if (policies.heat_cold_insurance.enabled)
        welfare_totals.heat_cold_premiums += policies.heat_cold_insurance.premium_per_rider_day;
      if (policies.career_ladder.enabled) {
        welfare_totals.training_cost += policies.career_ladder.training_cost_per_rider_day;
        const CareerLadder& ladder = policies.career_ladder;
        rider.speed_kmh =
            spec.riders.fleets[rider.fleet].speed_kmh *
            (1.0 + ladder.speed_gain * std::min(rider.experience_days, ladder.cap_days) /
                       std::max(1.0, ladder.cap_days));
      }
      const SocialInsuranceSubsidy& social = policies.social_insurance;
      if (social.enabled && static_cast<double>(day_on_shift_ms[r]) >=
                                social.min_hours_per_day * static_cast<double>(kMsPerHour)) {
        ++rider.covered_days;
        day_covered[r] = true;
        ++welfare_totals.covered_rider_days;
        welfare_totals.social_insurance_cost += social.share * social.contribution_per_day;
      }
    }
  }
  if (day_boundary && spec.turnover.enabled) turnover_day();
  for (Rider& rider : riders) {
    const RiderId r = rider.id;
    day_on_shift_ms[r] = 0;
    day_start_earnings[r] = rider.order_earnings;
    day_start_incidents[r] = rider.incidents;
    day_heat_ms[r] = 0;
    day_cold_ms[r] = 0;
    day_paid_heat_cold[r] = false;
  }
}

void Simulation::Impl::finalize_welfare() {
  settle_day(false);
  const DisabledSupport& support = spec.policies.disabled_support;
  for (Rider& rider : riders) {
    welfare_totals.bonuses += rider.bonus_earnings;
    if (support.enabled && rider.disabled) {
      rider.subsidy = support.subsidy_per_hour * static_cast<double>(rider.on_shift_ms) /
                      static_cast<double>(kMsPerHour);
      welfare_totals.disabled_subsidies += rider.subsidy;
    }
  }
}

}  // namespace knightsim
