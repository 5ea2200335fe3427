// The engine's side of dispatch: what dispatchers may read (DispatchView: route timing,
// pickup estimates, bounds) and do (DispatchActions: checked offers, the acceptance model,
// committing an assignment to a rider's route).
#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "simulation_impl.hpp"

namespace knightsim {

PickupEstimate Simulation::Impl::appended_pickup(RiderId r, OrderId o) const {
  const Rider& rider = riders[r];
  const Order& order = orders[o];
  if (!has_room(rider) || !may_take(rider, order)) return {};
  if (battery_on(rider)) {
    // The route with the order appended must be within the rider's charge.
    std::vector<Stop> route = rider.route;
    route.push_back({o, StopKind::pickup, merchants[order.merchant].location});
    route.push_back({o, StopKind::dropoff, order.customer});
    if (!battery_covers(rider, route)) return {};
  }
  Point from = rider.free_location;
  SimTime from_ms = std::max(rider.free_at_ms, now_ms);
  if (rider.route.empty()) from = position_at(rider, now_ms);  // idle or on the way home
  const Point merchant_at = merchants[order.merchant].location;
  const SimTime arrival = from_ms + memo_travel_time_ms(from, merchant_at, current_speed_kmh(rider),
                                                        rider.mode, from_ms);
  const SimTime picked_up = std::max(arrival, order.ready_ms) + spec.riders.pickup_service_ms;
  // At equal times the shift end and the customer's patience run first (their events were
  // scheduled earlier), so a pickup exactly at either deadline would not happen.
  if (picked_up >= rider.shift_end_ms || picked_up >= order.patience_deadline_ms) return {};
  // Across water with every sailing left cancelled: nobody should take the order on yet (the
  // customer waits, or gives up).
  if (ferry_schedule && memo_travel_time_ms(merchant_at, order.customer, current_speed_kmh(rider),
                                            rider.mode, picked_up) >= kUnreachableMs) {
    return {};
  }
  // DisabledSupport's priority: a dispatch preference only (the timing above is real).
  const SimTime credit = dispatch_priority_ms(rider);
  return {arrival - credit, picked_up - credit};
}

SimTime Simulation::Impl::memo_travel_time_ms(Point from, Point to, double speed_kmh,
                                              TravelMode mode, SimTime depart_ms) const {
  // Idle riders gather at stations, so one dispatch query often asks the same question for
  // hundreds of riders standing on the same spot: answer repeats from a one-entry memo. The
  // departure time matters only where ferries run.
  if (!ferry_schedule) depart_ms = 0;
  if (!(travel_memo.valid && travel_memo.from == from && travel_memo.to == to &&
        travel_memo.speed_kmh == speed_kmh && travel_memo.mode == mode &&
        travel_memo.depart_ms == depart_ms)) {
    travel_memo = {from, to,        speed_kmh,
                   mode, depart_ms, router->dispatch_time_ms(from, to, speed_kmh, mode, depart_ms),
                   true};
  }
  return travel_memo.time_ms;
}

SimTime Simulation::Impl::travel_time_lower_bound_ms(double straight_m) const {
  const double fastest =
      fastest_speed_kmh * weather.effect_at(now_ms).speed_factor * fastest_hour_factor;
  return router->lower_bound_ms(straight_m, fastest);
}

SpatialGrid Simulation::Impl::make_grid() const {
  return SpatialGrid(city.width_m(), city.height_m(), room_grid.cell_m());
}

SimTime Simulation::Impl::travel_time_ms(RiderId r, Point from, Point to) const {
  return memo_travel_time_ms(from, to, current_speed_kmh(riders[r]), riders[r].mode, now_ms);
}

bool Simulation::Impl::serving_first_stop(RiderId r) const {
  const Rider& rider = riders[r];
  return !rider.route.empty() && !rider.leg.moving;
}

RoutePlan Simulation::Impl::plan_route(RiderId r, std::span<const Stop> stops) const {
  const Rider& rider = riders[r];
  const double speed = current_speed_kmh(rider);
  RoutePlan plan;
  Point at = position_at(rider, now_ms);
  SimTime t = now_ms;
  std::size_t first = 0;
  const bool keeps_first = !stops.empty() && !rider.route.empty() &&
                           stops[0].order == rider.route[0].order &&
                           stops[0].kind == rider.route[0].kind;
  assert(!serving_first_stop(r) || keeps_first);
  // Orders the rider does not hold yet must be within its policy limits.
  bool takes_new = false;
  for (const Stop& stop : stops) {
    if (orders[stop.order].rider == r) continue;
    if (!may_take(rider, orders[stop.order])) return plan;
    takes_new = true;
  }
  // A route with new orders must be within the rider's charge (FleetSpec::battery).
  if (takes_new && !battery_covers(rider, stops)) return plan;
  if (keeps_first && (serving_first_stop(r) || rider.leg.moving)) {
    // The first stop is being served, or ridden to: the engine knows exactly when that ends
    // (a leg's arrival is not where position_at's even pace would put it: arterials are
    // faster).
    const Stop& stop = stops[0];
    const Order& order = orders[stop.order];
    at = stop.location;
    t = serving_first_stop(r) ? activity_end_ms[r] : service_end(stop, rider.leg.arrive_ms);
    first = 1;
    if (stop.kind == StopKind::pickup) {
      if (t >= rider.shift_end_ms || t >= order.patience_deadline_ms) return plan;
    } else {
      plan.lateness_ms += std::max<SimTime>(0, t - order.promised_ms);
      plan.dropoff_sum_ms += t;
      ++plan.dropoffs;
    }
  }
  for (std::size_t i = first; i < stops.size(); ++i) {
    const Stop& stop = stops[i];
    const Order& order = orders[stop.order];
    const SimTime leg_ms = router->dispatch_time_ms(at, stop.location, speed, rider.mode, t);
    // Across water with no sailing left today: no plan can include this stop.
    if (leg_ms >= kUnreachableMs) return plan;
    t = service_end(stop, t + leg_ms);
    at = stop.location;
    if (stop.kind == StopKind::pickup) {
      // As appended_pickup: a pickup exactly at a deadline would not happen.
      if (t >= rider.shift_end_ms || t >= order.patience_deadline_ms) return plan;
    } else {
      plan.lateness_ms += std::max<SimTime>(0, t - order.promised_ms);
      plan.dropoff_sum_ms += t;
      ++plan.dropoffs;
    }
  }
  plan.feasible = true;
  plan.finish_ms = t;
  // DisabledSupport's priority: each order the rider does not hold yet (all within its limits,
  // checked above) makes the plan look that much sooner; a preference only, as in
  // appended_pickup. Comparing plans with and without the new order sees the credit.
  if (const SimTime credit = dispatch_priority_ms(rider); credit > 0) {
    SimTime total = 0;
    for (const Stop& stop : stops) {
      if (stop.kind == StopKind::pickup && orders[stop.order].rider != r) total += credit;
    }
    plan.finish_ms -= total;
    plan.dropoff_sum_ms -= total;
    plan.lateness_ms = std::max<SimTime>(0, plan.lateness_ms - total);
  }
  return plan;
}

bool Simulation::Impl::offer_accepted(std::span<const OrderId> offered) {
  ++offers_made;
  if (spec.dispatch.refusal_share <= 0.0 || !acceptance_rng.bernoulli(spec.dispatch.refusal_share))
    return true;
  ++offers_refused;
  // The rider said no: the orders wait for the platform to notice and offer them again.
  for (OrderId o : offered) {
    queue.push(now_ms + spec.dispatch.offer_response_ms, {EventKind::offer_reply, o});
  }
  return false;
}

void Simulation::Impl::assign(OrderId o, RiderId r) {
  assign_bundle(std::span<const OrderId>(&o, 1), r);
}

void Simulation::Impl::check_offer(std::span<const OrderId> offered, RiderId r) const {
  // A plug-in dispatcher's mistake must not corrupt the world in a Release build, where
  // asserts are gone: every action is checked, and a broken one throws.
  const auto fail = [&](const std::string& what) {
    throw std::logic_error("dispatcher offered " + what + " (rider " + std::to_string(r) + ", at " +
                           std::to_string(now_ms) + " ms)");
  };
  if (r >= riders.size()) fail("to an unknown rider");
  const Rider& rider = riders[r];
  if (offered.empty()) fail("an empty bundle");
  if (!has_room(rider)) fail("work to a rider without room (off shift, paused or full)");
  if (rider.assigned_open + static_cast<long>(offered.size()) > rider.capacity)
    fail("more orders than the rider has room for");
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const OrderId o = offered[i];
    if (o >= orders.size()) fail("an unknown order");
    if (orders[o].status != OrderStatus::pending)
      fail("order " + std::to_string(o) + ", which is not waiting for a rider");
    for (std::size_t j = 0; j < i; ++j) {
      if (offered[j] == o) fail("order " + std::to_string(o) + " twice");
    }
  }
}

std::vector<Stop> Simulation::Impl::checked_route(OrderId o, const Rider& rider,
                                                  std::span<const Stop> route) const {
  const auto fail = [&](const std::string& what) {
    throw std::logic_error("dispatcher re-planned rider " + std::to_string(rider.id) +
                           "'s route wrongly: " + what);
  };
  // The new route must hold exactly the old stops plus o's pickup and drop-off, each pickup
  // before its drop-off, and keep the stop being served first. Locations are the engine's.
  auto key = [](const Stop& stop) { return std::pair(stop.order, stop.kind); };
  std::vector<std::pair<OrderId, StopKind>> expected, given;
  for (const Stop& stop : rider.route) expected.push_back(key(stop));
  expected.push_back({o, StopKind::pickup});
  expected.push_back({o, StopKind::dropoff});
  for (const Stop& stop : route) given.push_back(key(stop));
  std::sort(expected.begin(), expected.end());
  std::sort(given.begin(), given.end());
  if (expected != given) fail("its stops are not the old ones plus the new order's two");
  if (serving_first_stop(rider.id) &&
      (route[0].order != rider.route[0].order || route[0].kind != rider.route[0].kind))
    fail("the stop being served must stay first");
  std::vector<Stop> canonical;
  canonical.reserve(route.size());
  for (std::size_t i = 0; i < route.size(); ++i) {
    const Stop& stop = route[i];
    if (stop.kind == StopKind::dropoff) {
      for (std::size_t j = i + 1; j < route.size(); ++j) {
        if (route[j].order == stop.order) fail("a drop-off comes before its pickup");
      }
    }
    const Order& order = orders[stop.order];
    canonical.push_back(
        {stop.order, stop.kind,
         stop.kind == StopKind::pickup ? merchants[order.merchant].location : order.customer});
  }
  return canonical;
}

void Simulation::Impl::assign_bundle(std::span<const OrderId> bundle, RiderId r) {
  check_offer(bundle, r);
  Rider& rider = riders[r];
  if (!offer_within_limits(bundle, rider)) return;
  if (battery_on(rider)) {
    std::vector<Stop> route = rider.route;
    for (OrderId o : bundle)
      route.push_back({o, StopKind::pickup, merchants[orders[o].merchant].location});
    for (OrderId o : bundle) route.push_back({o, StopKind::dropoff, orders[o].customer});
    if (!offer_within_battery(bundle, rider, route)) return;
  }
  if (!offer_accepted(bundle)) return;
  const OrderId first_before = rider.route.empty() ? kNoId : rider.route.front().order;
  const StopKind kind_before = rider.route.empty() ? StopKind::pickup : rider.route.front().kind;
  for (OrderId o : bundle) {
    rider.route.push_back({o, StopKind::pickup, merchants[orders[o].merchant].location});
  }
  for (OrderId o : bundle) rider.route.push_back({o, StopKind::dropoff, orders[o].customer});
  commit_assignment(bundle, rider, first_before, kind_before);
}

void Simulation::Impl::assign_with_route(OrderId o, RiderId r, std::span<const Stop> route) {
  check_offer(std::span<const OrderId>(&o, 1), r);
  Rider& rider = riders[r];
  std::vector<Stop> planned = checked_route(o, rider, route);
  if (!offer_within_limits(std::span<const OrderId>(&o, 1), rider) ||
      !offer_within_battery(std::span<const OrderId>(&o, 1), rider, planned) ||
      !offer_accepted(std::span<const OrderId>(&o, 1))) {
    return;
  }
  const OrderId first_before = rider.route.empty() ? kNoId : rider.route.front().order;
  const StopKind kind_before = rider.route.empty() ? StopKind::pickup : rider.route.front().kind;
  rider.route = std::move(planned);
  commit_assignment(std::span<const OrderId>(&o, 1), rider, first_before, kind_before);
}

void Simulation::Impl::commit_assignment(std::span<const OrderId> assigned, Rider& rider,
                                         OrderId first_before, StopKind first_kind_before) {
  if (spec.dispatch.rider_cancel_share > 0.0) {
    give_back_rider.resize(orders.size(), kNoId);
    give_back_ms.resize(orders.size(), kNever);
  }
  for (OrderId o : assigned) {
    Order& order = orders[o];
    assert(order.status == OrderStatus::pending);
    order.status = OrderStatus::assigned;
    order.rider = rider.id;
    if (order.assigned_ms == kNever) order.assigned_ms = now_ms;
    change_assigned_open(rider, +1);
    if (spec.dispatch.rider_cancel_share > 0.0 &&
        acceptance_rng.bernoulli(spec.dispatch.rider_cancel_share)) {
      // A no-fault hand-back (breakdown, emergency) some time before the pickup; void if the
      // pickup comes first.
      if (give_back_by_policy.size() > o) give_back_by_policy[o] = false;
      give_back_rider[o] = rider.id;
      give_back_ms[o] = now_ms + static_cast<SimTime>(acceptance_rng.uniform(0.0, 1.0) *
                                                      static_cast<double>(10 * kMsPerMinute));
      queue.push(give_back_ms[o], {EventKind::rider_gives_back, o});
    } else {
      maybe_policy_cancel(o, rider);
    }
    for (auto* observer : observers) observer->on_order_assigned(order, rider, now_ms);
  }
  const bool turns =
      rider.route.front().order != first_before || rider.route.front().kind != first_kind_before;
  if (rider.state == RiderState::idle || rider.state == RiderState::returning ||
      (rider.leg.moving && turns)) {
    // Nothing to do yet, riding home, or a new first stop: set off towards route[0] from here
    // (from the landing pier if the rider is at sea).
    if (halt(rider)) {
      start_next_stop(rider);
    } else {
      refresh_availability(rider);
    }
  } else {
    refresh_availability(rider);
  }
}

}  // namespace knightsim
