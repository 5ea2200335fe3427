// The simulation step: one handler per event kind, and the rider behaviour state machine.
#include "knightsim/simulation.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "simulation_impl.hpp"

namespace knightsim {

// ---------------------------------------------------------------------------------------------
// Main loop

void Simulation::Impl::run_until(SimTime t) {
  const SimTime stop = std::min(t, horizon_ms);
  // Events at exactly the horizon belong to the next run segment that never comes: the run
  // covers [0, horizon).
  while (!queue.empty() && queue.peek_time() <= stop && queue.peek_time() < horizon_ms) {
    const auto event = queue.pop();
    assert(event.time >= now_ms && "time went backwards");
    now_ms = event.time;
    ++events;
    process(event);
  }
  now_ms = std::max(now_ms, stop);
  if (now_ms >= horizon_ms && !finalized) finalize();
}

void Simulation::Impl::process(const EventQueue<EventPayload>::Entry& event) {
  const std::uint32_t subject = event.payload.subject;
  switch (event.payload.kind) {
    case EventKind::demand_candidate:
      on_demand_candidate();
      break;
    case EventKind::shift_start:
      on_shift_start(subject);
      break;
    case EventKind::shift_end:
      on_shift_end(subject);
      break;
    case EventKind::rider_arrive:
    case EventKind::pickup_done:
    case EventKind::dropoff_done:
      // The rider's single pending activity: it must be the one we hold a handle for.
      assert(rider_activity[subject].sequence == event.sequence);
      rider_activity[subject] = EventHandle{};
      if (event.payload.kind == EventKind::rider_arrive)
        on_rider_arrive(subject);
      else if (event.payload.kind == EventKind::pickup_done)
        on_pickup_done(subject);
      else
        on_dropoff_done(subject);
      break;
    case EventKind::patience_expired:
      on_patience_expired(subject);
      break;
    case EventKind::weather_change:
      on_weather_change(subject);
      break;
    case EventKind::load_sample:
      on_load_sample();
      break;
    case EventKind::trace_order:
      on_trace_order(subject);
      break;
    case EventKind::dispatch_tick:
      on_dispatch_tick();
      break;
    case EventKind::offer_reply:
      on_offer_reply(subject);
      break;
    case EventKind::rider_gives_back:
      on_rider_gives_back(subject);
      break;
    case EventKind::rider_resumes:
      on_rider_resumes(subject);
      break;
    case EventKind::break_due:
      on_break_due(subject);
      break;
    case EventKind::break_over:
      on_break_over(subject);
      break;
    case EventKind::incident:
      on_incident(subject);
      break;
    case EventKind::captain_hour:
      on_captain_hour();
      break;
    case EventKind::charge_done:
      on_charge_done(subject);
      break;
  }
}

void Simulation::Impl::finalize() {
  finalized = true;
  // Close the open stretches at the horizon and settle guarantees.
  for (Rider& rider : riders) {
    if (rider.state != RiderState::offline) {
      rider.on_shift_ms += horizon_ms - on_shift_since_ms[rider.id];
      if (rider.leg.moving && rider.leg.path.timed()) {
        rider.distance_m += ridden_by_m(rider.leg.path, horizon_ms);
        record_crossings(rider, rider.leg.path, horizon_ms - 1);
      } else if (rider.leg.moving) {
        const SimTime duration = rider.leg.arrive_ms - rider.leg.depart_ms;
        const double fraction = duration > 0
                                    ? static_cast<double>(horizon_ms - rider.leg.depart_ms) /
                                          static_cast<double>(duration)
                                    : 1.0;
        rider.distance_m += rider.leg.path.length_m() * std::clamp(fraction, 0.0, 1.0);
      }
    }
    // (Before the busy stretch is closed: the record counts a running one itself.)
    if (rider.state != RiderState::offline) close_rider_day(rider);
    if (rider.assigned_open > 0) rider.busy_ms += horizon_ms - busy_since_ms[rider.id];
    // A shift still running at the horizon is reported with its scheduled end.
    if (rider.on_shift) rider.last_shift_end_ms = rider.shift_end_ms;
    const double guarantee = spec.riders.fleets[rider.fleet].pay.hourly_guarantee *
                             static_cast<double>(rider.on_shift_ms) /
                             static_cast<double>(kMsPerHour);
    rider.earnings = std::max(rider.order_earnings, guarantee);
  }
  finalize_welfare();
  finalize_rider_days();
}

// ---------------------------------------------------------------------------------------------
// Demand and customers

void Simulation::Impl::on_demand_candidate() {
  if (demand->accept(now_ms)) {
    Order order;
    if (demand->draw_order(now_ms, order)) {
      order.id = static_cast<OrderId>(orders.size());
      // Its own stream: whether doors are up stairs changes no other draw.
      order.needs_stairs = stairs_rng.bernoulli(spec.stairs_share);
      orders.push_back(order);
      ++orders_open;
      queue.push(order.patience_deadline_ms, {EventKind::patience_expired, order.id});
      for (auto* observer : observers) observer->on_order_placed(orders.back(), now_ms);
      dispatcher->order_needs_rider(order.id, *this, *this);
    } else {
      ++no_open_merchant;
    }
  }
  const SimTime next = demand->next_candidate_ms(now_ms);
  if (next != kNever && next < horizon_ms) queue.push(next, {EventKind::demand_candidate, 0});
}

void Simulation::Impl::on_trace_order(std::uint32_t index) {
  const TraceOrder& logged = spec.trace.orders[index];
  Order order;
  order.id = static_cast<OrderId>(orders.size());
  // Merchants were built one per distinct pickup point, in order of first appearance.
  order.merchant = trace_merchant_of_order[index];
  order.category = MerchantCategory::restaurant;
  order.customer = city.clamp(logged.dropoff);
  order.weight_kg = 1.0;
  order.distance_m =
      router->road_distance_m(merchants[order.merchant].location, order.customer, TravelMode::bike);
  order.placed_ms = now_ms;
  order.ready_ms = std::max(logged.ready_ms, now_ms);
  order.promised_ms = std::max(logged.promised_ms, now_ms);
  // The logs hold orders that were delivered: customers in a replay wait as long as it takes.
  order.patience_deadline_ms = kNoDeadline;
  orders.push_back(order);
  ++orders_open;
  for (auto* observer : observers) observer->on_order_placed(orders.back(), now_ms);
  // One pending trace event at a time keeps the queue small on a 30,000-order day.
  if (index + 1 < spec.trace.orders.size()) {
    const SimTime next = spec.trace.orders[index + 1].placed_ms;
    if (next < horizon_ms) queue.push(std::max(next, now_ms), {EventKind::trace_order, index + 1});
  }
  dispatcher->order_needs_rider(order.id, *this, *this);
}

void Simulation::Impl::on_dispatch_tick() {
  dispatcher->on_tick(*this, *this);
  const SimTime next = now_ms + tick_interval_ms;
  if (next < horizon_ms) queue.push(next, {EventKind::dispatch_tick, 0});
}

void Simulation::Impl::on_offer_reply(OrderId o) {
  // Cancelled by the customer meanwhile: nothing to re-dispatch.
  if (orders[o].status != OrderStatus::pending) return;
  dispatcher->order_needs_rider(o, *this, *this);
}

void Simulation::Impl::on_rider_gives_back(OrderId o) {
  Order& order = orders[o];
  // Void if the order moved on since: picked up, cancelled, released at a shift end and given
  // to someone else.
  if (order.status != OrderStatus::assigned || order.rider != give_back_rider[o] ||
      give_back_ms[o] != now_ms) {
    return;
  }
  Rider& rider = riders[order.rider];
  give_back_rider[o] = kNoId;
  ++rider_give_backs;
  if (give_back_by_policy.size() > o && give_back_by_policy[o]) {
    // WomenOptOut: a cancellation without penalty, so no pause either.
    give_back_by_policy[o] = false;
    ++rider.policy_cancellations;
    ++welfare_totals.policy_cancellations;
  } else {
    // Whatever made the rider hand the order back keeps it from new work for a while, so the
    // order (and any other) goes to someone else; it still delivers what it carries.
    rider.paused = true;
    paused_until_ms.resize(riders.size(), 0);
    paused_until_ms[rider.id] = now_ms + kHandBackPauseMs;
    queue.push(paused_until_ms[rider.id], {EventKind::rider_resumes, rider.id});
  }
  drop_order_from_route(rider, o);
  change_assigned_open(rider, -1);
  refresh_availability(rider);
  order.status = OrderStatus::pending;
  for (auto* observer : observers) observer->on_order_released(order, rider, now_ms);
  order.rider = kNoId;
  dispatcher->order_needs_rider(o, *this, *this);
}

void Simulation::Impl::on_rider_resumes(RiderId r) {
  Rider& rider = riders[r];
  if (!rider.paused || now_ms < paused_until_ms[r]) return;  // a later hand-back extended it
  // On a break, or riding to one: the break's end lifts the pause; a low battery's pause ends
  // with the charge.
  if (wants_break[r] || heading_to_break[r] || rider.state == RiderState::resting) return;
  if (charging(r) || (!low_battery.empty() && low_battery[r])) return;
  rider.paused = false;
  refresh_availability(rider);
  offer_room(rider);
}

void Simulation::Impl::on_patience_expired(OrderId o) {
  Order& order = orders[o];
  if (order.status != OrderStatus::pending && order.status != OrderStatus::assigned) return;
  if (order.status == OrderStatus::pending) {
    dispatcher->order_withdrawn(o);
  } else {
    Rider& rider = riders[order.rider];
    drop_order_from_route(rider, o);
    change_assigned_open(rider, -1);
    refresh_availability(rider);
  }
  order.status = OrderStatus::cancelled;
  order.cancelled_ms = now_ms;
  --orders_open;
  for (auto* observer : observers) observer->on_order_cancelled(order, now_ms);
  if (order.rider != kNoId) offer_room(riders[order.rider]);
}

// ---------------------------------------------------------------------------------------------
// Shifts

void Simulation::Impl::on_shift_start(RiderId r) {
  Rider& rider = riders[r];
  if (spec.trace.enabled()) {
    rider.shift_end_ms = trace_shift_end_ms[r];
  } else {
    // The roster's shifts come in start order, one shift_start event each.
    const ShiftSpan shift = fleet_shifts[rider.fleet][next_shift[r]++];
    assert(std::max<SimTime>(shift.start_ms, 0) == now_ms);
    if (now_ms < out_until_ms[r]) return;  // injured: no work until recovered
    if (rider.hired_ms == kNever || rider.quit_ms != kNever) return;  // not (or no more) hired
    if (rider.on_shift) {
      // A split shift whose next window starts as the last ends: one longer shift.
      rider.shift_end_ms = shift.end_ms;
      queue.push(rider.shift_end_ms, {EventKind::shift_end, r});
      return;
    }
    rider.shift_end_ms = shift.end_ms;
  }
  rider.on_shift = true;
  ++riders_on_shift;
  if (rider.first_shift_start_ms == Rider::kNoShift) rider.first_shift_start_ms = now_ms;
  if (rider.state == RiderState::offline) {
    // Riders start their day at their home station; logged couriers where the log has them.
    on_shift_since_ms[r] = now_ms;
    open_rider_day(rider);
    battery_shift_start(rider);
    rider.position = spec.trace.enabled() ? trace_start[r] : stations[rider.home].location;
    rider.position_ms = now_ms;
    set_state(rider, RiderState::idle);
  }
  queue.push(rider.shift_end_ms, {EventKind::shift_end, r});
  schedule_break(rider);
  refresh_availability(rider);
  offer_room(rider);
}

void Simulation::Impl::on_shift_end(RiderId r) {
  Rider& rider = riders[r];
  // Void if an incident ended the shift early, or a following window extended it.
  if (!rider.on_shift || rider.shift_end_ms != now_ms) return;
  end_shift(rider);
}

void Simulation::Impl::end_shift(Rider& rider) {
  assert(rider.on_shift);
  cancel_break(rider);
  cancel_charge(rider);
  rider.on_shift = false;
  --riders_on_shift;
  rider.last_shift_end_ms = now_ms;
  // Orders not yet picked up go back to dispatch; the rider finishes only what it carries.
  std::vector<OrderId> released;
  for (const Stop& stop : rider.route) {
    if (stop.kind == StopKind::pickup) released.push_back(stop.order);
  }
  for (OrderId o : released) {
    drop_order_from_route(rider, o);
    change_assigned_open(rider, -1);
    Order& order = orders[o];
    order.status = OrderStatus::pending;
    for (auto* observer : observers) observer->on_order_released(order, rider, now_ms);
    order.rider = kNoId;
  }
  if (rider.carried == 0 && rider.state != RiderState::offline) {
    // (At sea the rider lands first and goes offline there.)
    if (halt(rider)) go_offline(rider);
  }
  refresh_availability(rider);
  for (OrderId o : released) dispatcher->order_needs_rider(o, *this, *this);
}

// ---------------------------------------------------------------------------------------------
// Rider activities

void Simulation::Impl::on_rider_arrive(RiderId r) {
  Rider& rider = riders[r];
  assert(rider.leg.moving);
  rider.distance_m += rider.leg.path.length_m();
  leg_ended(rider, rider.leg.path.length_m() / 1000.0);
  record_crossings(rider, rider.leg.path, now_ms);
  rider.position = rider.leg.path.end();
  rider.position_ms = now_ms;
  rider.leg.moving = false;
  if (rider.leg.replan_on_arrival) {
    // Landed from a crossing whose purpose changed at sea: go on from the pier.
    rider.leg.replan_on_arrival = false;
    start_next_stop(rider);
    offer_room(rider);
    return;
  }
  if (rider.route.empty() && heading_to_break[r]) {
    // At the break's station: rest.
    begin_rest(rider);
    return;
  }
  if (rider.route.empty() && charging(r)) {
    // At the charging station: swap the pack, or queue for a place.
    arrive_at_charger(rider);
    return;
  }
  if (rider.route.empty() && rider.on_shift && !low_battery.empty() && low_battery[r]) {
    // The battery ran low on the way back to the station: charge now.
    start_next_stop(rider);
    return;
  }
  if (rider.route.empty()) {
    // Back at the station (or a leg whose stops were all cancelled on the way): from here
    // pooled orders nearby may now be within reach.
    set_state(rider, RiderState::idle);
    refresh_availability(rider);
    offer_room(rider);
    return;
  }
  const Stop& stop = rider.route.front();
  rider.position = stop.location;
  if (stop.kind == StopKind::pickup) {
    set_state(rider, RiderState::waiting_at_merchant);
    schedule_rider(rider, service_end(stop, now_ms), EventKind::pickup_done);
  } else {
    schedule_rider(rider, service_end(stop, now_ms), EventKind::dropoff_done);
  }
  activity_end_ms[r] = service_end(stop, now_ms);
  refresh_availability(rider);
}

void Simulation::Impl::on_pickup_done(RiderId r) {
  Rider& rider = riders[r];
  assert(!rider.route.empty() && rider.route.front().kind == StopKind::pickup);
  Order& order = orders[rider.route.front().order];
  assert(order.status == OrderStatus::assigned && order.rider == r);
  assert(now_ms >= order.ready_ms);
  order.status = OrderStatus::picked_up;
  order.picked_up_ms = now_ms;
  ++rider.carried;
  assert(rider.carried <= rider.capacity);
  rider.route.erase(rider.route.begin());
  for (auto* observer : observers) observer->on_order_picked_up(order, rider, now_ms);
  start_next_stop(rider);
}

void Simulation::Impl::on_dropoff_done(RiderId r) {
  Rider& rider = riders[r];
  assert(!rider.route.empty() && rider.route.front().kind == StopKind::dropoff);
  Order& order = orders[rider.route.front().order];
  assert(order.status == OrderStatus::picked_up && order.rider == r);
  order.status = OrderStatus::delivered;
  order.delivered_ms = now_ms;
  --orders_open;
  --rider.carried;
  ++rider.orders_delivered;
  const PaySpec& pay = spec.riders.fleets[rider.fleet].pay;
  const double bonus = order_bonus(rider);
  rider.bonus_earnings += bonus;
  rider.order_earnings += pay.per_order + pay.per_km * order.distance_m / 1000.0 + bonus;
  rider.earnings = rider.order_earnings;
  rider.route.erase(rider.route.begin());
  change_assigned_open(rider, -1);
  for (auto* observer : observers) observer->on_order_delivered(order, rider, now_ms);
  start_next_stop(rider);
  offer_room(rider);
}

void Simulation::Impl::start_next_stop(Rider& rider) {
  assert(!rider.leg.moving && !rider_activity[rider.id].valid());
  rider.position_ms = now_ms;
  if (rider.route.empty()) {
    const Point wait_at = stations[waiting_station(rider)].location;
    if (!rider.on_shift) {
      go_offline(rider);
    } else if (wants_break[rider.id]) {
      go_to_break(rider);
      return;
    } else if (!low_battery.empty() && low_battery[rider.id]) {
      go_to_charge(rider);
      return;
    } else if (!spec.trace.enabled() &&
               euclidean_m(rider.position, wait_at) > spec.riders.return_radius_m &&
               router->dispatch_time_ms(rider.position, wait_at, current_speed_kmh(rider),
                                        rider.mode, now_ms) < kUnreachableMs &&
               charge_reaches(rider, wait_at)) {
      // (Logged couriers have no station to return to: they wait where they are.)
      // Far from home (or from the nearest open station while home is closed) with nothing to
      // do: ride back, where demand and colleagues are; it can be dispatched on the way.
      start_leg(rider, wait_at);
      set_state(rider, RiderState::returning);
    } else {
      set_state(rider, RiderState::idle);
    }
    refresh_availability(rider);
    return;
  }
  const Stop& stop = rider.route.front();
  start_leg(rider, stop.location);
  set_state(rider,
            stop.kind == StopKind::pickup ? RiderState::to_merchant : RiderState::to_customer);
  refresh_availability(rider);
}

void Simulation::Impl::start_leg(Rider& rider, Point to) {
  rider.leg.depart_ms = now_ms;
  rider.leg.arrive_ms = router->plan_leg(rider.position, to, current_speed_kmh(rider), rider.mode,
                                         now_ms, rider.leg.path);
  rider.leg.moving = true;
  rider.leg.replan_on_arrival = false;
  schedule_rider(rider, rider.leg.arrive_ms, EventKind::rider_arrive);
  plan_incident(rider);
}

bool Simulation::Impl::halt(Rider& rider) {
  if (rider.leg.moving && rider.leg.path.timed()) {
    RoadPath& path = rider.leg.path;
    if (const FerryCrossing* crossing = crossing_at(path, now_ms)) {
      // At sea: the rider lands at the next pier and re-plans there.
      const SimTime land_ms = crossing->land_ms;
      for (const FerryCrossing& later : path.crossings) {
        if (later.board_ms > now_ms) ferry_schedule->release(later.sailing);
      }
      std::erase_if(path.crossings, [this](const FerryCrossing& c) { return c.board_ms > now_ms; });
      while (path.at_ms.back() > land_ms) {
        path.graph_length_m -= euclidean_m(path.points[path.points.size() - 2], path.points.back());
        path.points.pop_back();
        path.at_ms.pop_back();
      }
      queue.cancel(rider_activity[rider.id]);
      rider_activity[rider.id] = EventHandle{};
      rider.leg.arrive_ms = land_ms;
      rider.leg.replan_on_arrival = true;
      schedule_rider(rider, land_ms, EventKind::rider_arrive);
      return false;
    }
    router->release_seats(path, now_ms);
  }
  queue.cancel(rider_activity[rider.id]);
  rider_activity[rider.id] = EventHandle{};
  const double distance_before_m = rider.distance_m;
  const bool was_moving = rider.leg.moving;
  if (rider.leg.moving && rider.leg.path.timed()) {
    rider.distance_m += ridden_by_m(rider.leg.path, now_ms);
    record_crossings(rider, rider.leg.path, now_ms);
    rider.position = position_at(rider, now_ms);
    rider.leg.moving = false;
  } else if (rider.leg.moving) {
    const SimTime duration = rider.leg.arrive_ms - rider.leg.depart_ms;
    const double fraction = duration > 0 ? static_cast<double>(now_ms - rider.leg.depart_ms) /
                                               static_cast<double>(duration)
                                         : 1.0;
    rider.distance_m += rider.leg.path.length_m() * std::clamp(fraction, 0.0, 1.0);
    rider.position = position_at(rider, now_ms);
    rider.leg.moving = false;
  }
  if (was_moving) leg_ended(rider, (rider.distance_m - distance_before_m) / 1000.0);
  rider.position_ms = now_ms;
  return true;
}

void Simulation::Impl::record_crossings(const Rider& rider, const RoadPath& path, SimTime upto_ms) {
  for (const FerryCrossing& crossing : path.crossings) {
    if (crossing.board_ms <= upto_ms) {
      ferry_trips.push_back(
          {rider.id, crossing.sailing, crossing.arrive_at_pier_ms, crossing.board_ms});
    }
  }
}

void Simulation::Impl::go_offline(Rider& rider) {
  assert(rider.carried == 0 && rider.route.empty() && !rider.on_shift);
  rider.on_shift_ms += now_ms - on_shift_since_ms[rider.id];
  close_rider_day(rider);
  set_state(rider, RiderState::offline);
  if (rider.quitting) quit(rider);
}

void Simulation::Impl::set_state(Rider& rider, RiderState state) {
  if (rider.state == state) return;
  const RiderState previous = rider.state;
  rider.state = state;
  for (auto* observer : observers) observer->on_rider_state_changed(rider, previous, now_ms);
}

void Simulation::Impl::schedule_rider(Rider& rider, SimTime at, EventKind kind) {
  assert(!rider_activity[rider.id].valid());
  rider_activity[rider.id] = queue.push(at, {kind, rider.id});
}

void Simulation::Impl::drop_order_from_route(Rider& rider, OrderId o) {
  const bool heading_there = !rider.route.empty() && rider.route.front().order == o;
  std::erase_if(rider.route, [o](const Stop& stop) { return stop.order == o; });
  if (heading_there && rider.state != RiderState::offline) {
    // The rider was riding to (or waiting at) this order's merchant: stop and re-plan.
    if (halt(rider)) start_next_stop(rider);
  }
}

void Simulation::Impl::change_assigned_open(Rider& rider, int delta) {
  const int before = rider.assigned_open;
  rider.assigned_open += delta;
  // A captain after peak keeps its extra room only for the orders it already holds.
  if (delta < 0 && !capacity_target.empty() && rider.capacity > capacity_target[rider.id])
    rider.capacity = std::max(capacity_target[rider.id], rider.assigned_open);
  assert(rider.assigned_open >= 0 && rider.assigned_open <= rider.capacity);
  if (before == 0 && rider.assigned_open > 0) {
    busy_since_ms[rider.id] = now_ms;
    ++riders_busy;
  } else if (before > 0 && rider.assigned_open == 0) {
    rider.busy_ms += now_ms - busy_since_ms[rider.id];
    --riders_busy;
  }
}

SimTime Simulation::Impl::service_end(const Stop& stop, SimTime arrival) const {
  if (stop.kind == StopKind::pickup) {
    return std::max(arrival, orders[stop.order].ready_ms) + spec.riders.pickup_service_ms;
  }
  return arrival + spec.riders.dropoff_service_ms;
}

double Simulation::Impl::current_speed_kmh(const Rider& rider) const {
  const double speed = rider.speed_kmh * weather.effect_at(now_ms).speed_factor;
  if (!road_map) return speed;
  // Road-graph maps have congestion by hour of day (all roads alike).
  return speed * spec.map.hourly_speed_factor[static_cast<std::size_t>(
                     clock.time_of_day_ms(now_ms) / kMsPerHour)];
}

void Simulation::Impl::refresh_availability(Rider& rider) {
  if (rider.route.empty()) {
    rider.free_location = rider.position;
    rider.free_at_ms = now_ms;
  } else {
    // Walk the remaining route with today's speed to see where and when it ends.
    const double speed = current_speed_kmh(rider);
    Point at = rider.route.front().location;
    SimTime t = rider.leg.moving ? service_end(rider.route.front(), rider.leg.arrive_ms)
                                 : activity_end_ms[rider.id];
    for (std::size_t i = 1; i < rider.route.size(); ++i) {
      const Stop& stop = rider.route[i];
      t = service_end(stop, t + router->dispatch_time_ms(at, stop.location, speed, rider.mode, t));
      at = stop.location;
    }
    rider.free_location = at;
    rider.free_at_ms = t;
  }
  // A rider riding home has no fixed place to be indexed at; it is listed apart.
  const bool roaming = rider.route.empty() && rider.leg.moving;
  const auto listed =
      std::lower_bound(roaming_with_room.begin(), roaming_with_room.end(), rider.id);
  const bool is_listed = listed != roaming_with_room.end() && *listed == rider.id;
  if (has_room(rider) && roaming) {
    room_grid.remove(rider.id);
    if (!is_listed) roaming_with_room.insert(listed, rider.id);
    return;
  }
  if (is_listed) roaming_with_room.erase(listed);
  if (has_room(rider)) {
    room_grid.move(rider.id, rider.free_location);
  } else {
    room_grid.remove(rider.id);
  }
}

void Simulation::Impl::offer_room(Rider& rider) {
  if (has_room(rider)) dispatcher->rider_has_room(rider.id, *this, *this);
}

void Simulation::Impl::offer_room_to_all() {
  if (dispatcher->backlog() == 0) return;
  for (Rider& rider : riders) offer_room(rider);
}

// ---------------------------------------------------------------------------------------------
// Weather and sampling

void Simulation::Impl::on_weather_change(std::uint32_t index) {
  const WeatherState previous = index == 0 ? weather.initial() : weather.changes()[index - 1].state;
  const WeatherState current = weather.changes()[index].state;
  for (auto* observer : observers) observer->on_weather_changed(previous, current, now_ms);
  // Faster riders can reach pooled orders that were out of reach in the storm.
  if (weather.effect_of(current).speed_factor > weather.effect_of(previous).speed_factor) {
    offer_room_to_all();
  }
}

void Simulation::Impl::on_load_sample() {
  samples.push_back({now_ms, riders_on_shift, riders_busy, orders_open});
  welfare_minute();
  if (now_ms + kMsPerMinute < horizon_ms)
    queue.push(now_ms + kMsPerMinute, {EventKind::load_sample, 0});
}

// ---------------------------------------------------------------------------------------------
// Public face

Simulation::Simulation(const ScenarioSpec& spec, std::uint64_t seed)
    : impl_(std::make_unique<Impl>(spec, seed, nullptr)) {}
Simulation::Simulation(const ScenarioSpec& spec, std::uint64_t seed,
                       std::unique_ptr<Dispatcher> dispatcher)
    : impl_(std::make_unique<Impl>(spec, seed, std::move(dispatcher))) {
  assert(impl_->dispatcher);
}
Simulation::~Simulation() = default;

void Simulation::add_observer(SimulationObserver* observer) {
  impl_->observers.push_back(observer);
}
void Simulation::run_until(SimTime t) {
  impl_->run_until(t);
}
void Simulation::run() {
  impl_->run_until(impl_->horizon_ms);
}
bool Simulation::finished() const {
  return impl_->finalized;
}
SimTime Simulation::now() const {
  return impl_->now_ms;
}
SimTime Simulation::end_time() const {
  return impl_->horizon_ms;
}
std::uint64_t Simulation::seed() const {
  return impl_->seed;
}
std::uint64_t Simulation::events_processed() const {
  return impl_->events;
}
std::uint64_t Simulation::demand_without_open_merchant() const {
  return impl_->no_open_merchant;
}
bool Simulation::has_plug_in_dispatcher() const {
  return impl_->plug_in_dispatcher;
}
std::uint64_t Simulation::dispatch_offers() const {
  return impl_->offers_made;
}
std::uint64_t Simulation::dispatch_offers_refused() const {
  return impl_->offers_refused;
}
std::uint64_t Simulation::dispatch_rider_give_backs() const {
  return impl_->rider_give_backs;
}
const ScenarioSpec& Simulation::spec() const {
  return impl_->spec;
}
const ScenarioClock& Simulation::clock() const {
  return impl_->clock;
}
const City& Simulation::city() const {
  return impl_->city;
}
const RoadMap* Simulation::road_map() const {
  return impl_->road_map.get();
}
const FerrySchedule* Simulation::ferry_schedule() const {
  return impl_->ferry_schedule.get();
}
std::span<const FerryTrip> Simulation::ferry_trips() const {
  return impl_->ferry_trips;
}
const WeatherTimeline& Simulation::weather() const {
  return impl_->weather;
}
std::span<const Station> Simulation::stations() const {
  return impl_->stations;
}
std::span<const Merchant> Simulation::merchants() const {
  return impl_->merchants;
}
std::span<const Rider> Simulation::riders() const {
  return impl_->riders;
}
std::span<const Order> Simulation::orders() const {
  return impl_->orders;
}
std::span<const LoadSample> Simulation::load_samples() const {
  return impl_->samples;
}
const WelfareTotals& Simulation::welfare_totals() const {
  return impl_->welfare_totals;
}
std::span<const RiderDay> Simulation::rider_days() const {
  return impl_->rider_days;
}

SimTime Simulation::on_shift_ms_so_far(RiderId rider_id) const {
  const Rider& rider = impl_->riders[rider_id];
  // After finalize() every stretch is closed; before, a rider not offline is in one.
  if (impl_->finalized || rider.state == RiderState::offline) return rider.on_shift_ms;
  return rider.on_shift_ms + (impl_->now_ms - impl_->on_shift_since_ms[rider_id]);
}

}  // namespace knightsim
