#pragma once
// The engine's insides, shared by world_build.cpp (construction) and simulation.cpp (the step).
// One Impl per run; it is its dispatcher's view of the world and carries out its assignments.

#include <memory>
#include <vector>

#include "demand_generator.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/event_queue.hpp"
#include "knightsim/ferry_schedule.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/road_map.hpp"
#include "knightsim/simulation.hpp"
#include "router.hpp"
#include "shift_roster.hpp"

namespace knightsim {

enum class EventKind : std::uint8_t {
  demand_candidate,  ///< maybe an order arrives (thinning)
  shift_start,       ///< subject = rider
  shift_end,         ///< subject = rider
  rider_arrive,      ///< subject = rider: end of the current leg
  pickup_done,       ///< subject = rider: order handed over at the merchant
  dropoff_done,      ///< subject = rider: order handed to the customer
  patience_expired,  ///< subject = order: customer cancels unless picked up
  weather_change,    ///< subject = index into the weather timeline
  load_sample,       ///< minute-by-minute counters
  trace_order,       ///< subject = index into spec.trace.orders: a logged order is placed
  dispatch_tick,     ///< a periodic dispatcher's round
  offer_reply,       ///< subject = order: a refused offer's order is back for dispatch
  rider_gives_back,  ///< subject = order: its rider hands it back before pickup (no fault)
  rider_resumes,     ///< subject = rider: the pause after a hand-back is over
  break_due,         ///< subject = rider: time for a break (RosterSpec)
  break_over,        ///< subject = rider: its break at a station is over
  incident,          ///< subject = rider: a crash on the current leg (SafetySpec)
  captain_hour,      ///< an hour boundary: captains' capacity and bonus (CareerLadder)
  charge_done,       ///< subject = rider: its battery swap at a charging station is over
};

/// No rider-day record (RiderDay bookkeeping).
inline constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

/// How long a rider who handed an order back takes no new orders.
inline constexpr SimTime kHandBackPauseMs = 15 * kMsPerMinute;

struct EventPayload {
  EventKind kind;
  std::uint32_t subject;
};

struct Simulation::Impl final : DispatchView, DispatchActions {
  Impl(const ScenarioSpec& spec, std::uint64_t seed, std::unique_ptr<Dispatcher> dispatcher);

  // --- the step (simulation.cpp) ---
  void run_until(SimTime t);
  void process(const EventQueue<EventPayload>::Entry& event);
  void on_demand_candidate();
  void on_shift_start(RiderId r);
  void on_shift_end(RiderId r);
  void on_rider_arrive(RiderId r);
  void on_pickup_done(RiderId r);
  void on_dropoff_done(RiderId r);
  void on_patience_expired(OrderId o);
  void on_weather_change(std::uint32_t index);
  void on_load_sample();
  void on_trace_order(std::uint32_t index);
  void on_dispatch_tick();
  void on_offer_reply(OrderId o);
  void on_rider_gives_back(OrderId o);
  void on_rider_resumes(RiderId r);
  void finalize();
  /// Ends the rider's shift now: orders not picked up go back to dispatch; a rider carrying
  /// nothing goes offline.
  void end_shift(Rider& rider);

  // --- riders as people (rider_welfare.cpp) ---
  void build_welfare();
  /// Whether the rider's policies let it take the order now (WomenOptOut, DisabledSupport).
  bool may_take(const Rider& rider, const Order& order) const;
  /// How much earlier the dispatch view reports a rider's pickups of orders it may take
  /// (DisabledSupport::priority_ms for a disabled rider, else 0).
  SimTime dispatch_priority_ms(const Rider& rider) const;
  /// Whether an open station with first aid lies within SafetySpec::first_aid_radius_m of `at`
  /// (always false while first aid has no effect).
  bool first_aid_near(Point at) const;
  /// False if any of the offered orders is outside the rider's limits: the offer is declined
  /// like a refusal (the orders come back after offer_response_ms).
  bool offer_within_limits(std::span<const OrderId> offered, const Rider& rider);
  /// A no-fault cancellation under WomenOptOut for an order just accepted (drawn only when
  /// the policy's cancel_share applies to the rider).
  void maybe_policy_cancel(OrderId o, const Rider& rider);
  void on_break_due(RiderId r);
  void on_break_over(RiderId r);
  void on_incident(RiderId r);
  /// CareerLadder captains: raise or lower their capacity at an hour boundary, pay the bonus.
  void on_captain_hour();
  /// Schedules the rider's next break from now, if it falls within the shift.
  void schedule_break(Rider& rider);
  /// The rider wants a break and has nothing to do: ride to a station, or rest here.
  void go_to_break(Rider& rider);
  /// At the break's station (reserved by go_to_break): rest for the roster's break_ms.
  void begin_rest(Rider& rider);
  /// Forgets a planned, pending or running break (the shift ended).
  void cancel_break(Rider& rider);
  /// Where an idle rider waits: its home station if open, else the nearest open station.
  StationId waiting_station(const Rider& rider) const;
  bool station_open(StationId s, SimTime t) const;
  double incident_hazard_per_km(const Rider& rider) const;
  /// A leg just started: schedule the incident on it, if the rider's hazard budget runs out.
  void plan_incident(Rider& rider);
  /// The current leg ended (arrived or halted) after km_ridden: spend that much hazard.
  void leg_ended(Rider& rider, double km_ridden);
  /// The rider's carried orders are lost (an injury).
  void lose_carried_orders(Rider& rider);
  /// Weather and peak bonus for an order delivered now.
  double order_bonus(const Rider& rider) const;
  /// Every simulated minute: fatigue, exposure, heat and cold insurance, day boundaries.
  void welfare_minute();
  /// Closes a day: days worked, experience, premiums, social-insurance coverage.
  void settle_day(bool day_boundary);
  /// Turnover at a day boundary: quit decisions, then recruitment (rider_turnover.cpp).
  void turnover_day();
  /// Adds each fleet's reserve of recruits (TurnoverSpec) to the riders.
  void build_reserve();
  /// The rider leaves for good (now, or when its shift is over).
  void quit(Rider& rider);
  void finalize_welfare();

  // --- e-bike batteries (rider_battery.cpp; FleetSpec::battery) ---
  void build_batteries();
  /// The rider's fleet has a battery model.
  bool battery_on(const Rider& rider) const;
  /// Charge left now: Rider::battery_km less what the current leg has used so far.
  double charge_now_km(const Rider& rider) const;
  /// Road km the rider would ride from now to serve `stops` in order (its current leg's rest
  /// if it keeps heading to stops[0], else from where it is).
  double route_km(const Rider& rider, std::span<const Stop> stops) const;
  /// Whether the charge left covers `stops` as the rider's whole route, with a margin, and then
  /// the ride from its end to the nearest charging station (if the scenario has any); always
  /// true without a battery model.
  bool battery_covers(const Rider& rider, std::span<const Stop> stops) const;
  /// Whether the charge left covers a ride from where the rider stands to `to`.
  bool charge_reaches(const Rider& rider, Point to) const;
  /// False (and the offer is declined like a refusal) if the rider's charge cannot cover
  /// `route`, its route with the offered orders.
  bool offer_within_battery(std::span<const OrderId> offered, const Rider& rider,
                            std::span<const Stop> route);
  /// A leg ended after km_ridden: the charge falls; below the threshold the rider takes no
  /// new orders (it goes to charge once its route is done).
  void battery_used(Rider& rider, double km_ridden);
  /// The rider is low and has nothing to do: ride to a charging station, or end the shift.
  void go_to_charge(Rider& rider);
  /// At the charger: swap if a place is free (or held), else queue for one.
  void arrive_at_charger(Rider& rider);
  void begin_charge(Rider& rider);
  bool has_free_place(StationId s) const;
  /// A place came free at station s: the riders queueing there swap, first come first served.
  void serve_charge_queue(StationId s);
  void on_charge_done(RiderId r);
  /// Forgets a pending or running charge (the shift ended).
  void cancel_charge(Rider& rider);
  /// A shift starts from offline: the pack is full.
  void battery_shift_start(Rider& rider);
  /// On the way to a charger, or swapping there.
  bool charging(RiderId r) const {
    return !heading_to_charge.empty() && (heading_to_charge[r] || charging_at[r] != kNoId);
  }

  // --- rider days (rider_days.cpp) ---
  /// A working stretch begins (the rider comes on shift from offline): open or reuse the
  /// record of the day it starts on.
  void open_rider_day(const Rider& rider);
  /// The stretch is over (offline, or the run's end): add what the rider did in it.
  void close_rider_day(const Rider& rider);
  /// At the run's end: guarantee top-ups and subsidies per day; records in (day, rider) order.
  void finalize_rider_days();
  /// Time since the rider's open busy stretch began (0 with nothing assigned).
  SimTime busy_running_ms(const Rider& rider) const;

  // --- rider behaviour ---
  /// The rider stands at `position` now; start towards route[0], or idle/return/go offline.
  void start_next_stop(Rider& rider);
  /// Stops the rider where it is now (interrupting a leg), cancelling its pending activity, and
  /// returns true. A rider at sea cannot stop: its leg is cut short at the landing, where it
  /// re-plans (returns false; the caller must not start a new leg).
  bool halt(Rider& rider);
  /// Sets the rider off on a leg to `to` from where it stands now.
  void start_leg(Rider& rider, Point to);
  void go_offline(Rider& rider);
  /// Records the crossings of `path` boarded at or before `upto_ms` (once per leg's end).
  void record_crossings(const Rider& rider, const RoadPath& path, SimTime upto_ms);
  void set_state(Rider& rider, RiderState state);
  void schedule_rider(Rider& rider, SimTime at, EventKind kind);
  /// Removes an order's stops from its rider's route; re-plans if the rider was heading there.
  void drop_order_from_route(Rider& rider, OrderId o);
  void change_assigned_open(Rider& rider, int delta);
  /// Recomputes where and when the rider will be free, and its place in riders_with_room.
  void refresh_availability(Rider& rider);
  bool has_room(const Rider& rider) const {
    return rider.on_shift && !rider.paused && rider.assigned_open < rider.capacity;
  }
  /// Tells the dispatcher about free room, if any.
  void offer_room(Rider& rider);
  /// Offers room to every rider who has some, in id order (when the world changed for all
  /// of them at once: the weather).
  void offer_room_to_all();
  double current_speed_kmh(const Rider& rider) const;
  /// When a stop's service ends if the rider reaches it at `arrival`.
  SimTime service_end(const Stop& stop, SimTime arrival) const;

  // --- DispatchView ---
  SimTime now() const override { return now_ms; }
  const Order& order(OrderId id) const override { return orders[id]; }
  const Rider& rider(RiderId id) const override { return riders[id]; }
  const Merchant& merchant(MerchantId id) const override { return merchants[id]; }
  const SpatialGrid& riders_with_room() const override { return room_grid; }
  std::span<const RiderId> roaming_riders_with_room() const override { return roaming_with_room; }
  PickupEstimate appended_pickup(RiderId rider, OrderId order) const override;
  SimTime travel_time_lower_bound_ms(double straight_m) const override;
  SimTime memo_travel_time_ms(Point from, Point to, double speed_kmh, TravelMode mode,
                              SimTime depart_ms) const;
  SpatialGrid make_grid() const override;
  SimTime travel_time_ms(RiderId rider, Point from, Point to) const override;
  bool serving_first_stop(RiderId rider) const override;
  RoutePlan plan_route(RiderId rider, std::span<const Stop> stops) const override;

  // --- DispatchActions ---
  void assign(OrderId order, RiderId rider) override;
  void assign_bundle(std::span<const OrderId> orders, RiderId rider) override;
  void assign_with_route(OrderId order, RiderId rider, std::span<const Stop> route) override;
  /// Throws std::logic_error for an offer the engine cannot carry out (unknown ids, an order
  /// not waiting, a rider without room for all of it).
  void check_offer(std::span<const OrderId> offered, RiderId r) const;
  /// The re-planned route with the engine's stop locations; throws std::logic_error unless it
  /// is the rider's stops plus o's pickup and drop-off, pickups first, the served stop kept.
  std::vector<Stop> checked_route(OrderId o, const Rider& rider, std::span<const Stop> route) const;
  /// The acceptance model: true if the rider takes the offer; otherwise the orders come back
  /// to dispatch after the response time.
  bool offer_accepted(std::span<const OrderId> offered);
  /// Bookkeeping once the orders are in the rider's route; `first_before` is route[0] before
  /// the change (kNoId if the route was empty), to see whether the rider must turn.
  void commit_assignment(std::span<const OrderId> assigned, Rider& rider, OrderId first_before,
                         StopKind first_kind_before);

  // --- world (world_build.cpp) ---
  void build_stations();
  void build_merchants();
  void build_riders();
  /// The station a fleet's riders start from and return to (its `station`, else the first).
  StationId home_station(const FleetSpec& fleet) const;
  /// Appends a rider of fleet `fleet_index` (described by `fleet`) standing at `position`, and
  /// returns it. Every way riders come into being goes through here: the fleets at the
  /// start, the turnover reserve, the couriers of a replayed log.
  Rider& add_rider(std::uint32_t fleet_index, const FleetSpec& fleet, StationId home,
                   Point position);
  /// Sizes the per-rider tables (activity events, stretches) to the riders there are.
  void size_rider_tables();
  void schedule_shifts(const Rider& rider);
  /// A trace-driven world: merchants at the logged pickup points, one fleet per vehicle.
  void build_trace_world();

  ScenarioSpec spec;
  std::uint64_t seed;
  ScenarioClock clock;
  City city;
  WeatherTimeline weather;
  // Road-graph maps (null on the analytic grid): the shared map, the sea, this run's sailings.
  std::shared_ptr<const RoadMap> road_map;
  std::unique_ptr<MarineWeather> marine;
  std::unique_ptr<FerrySchedule> ferry_schedule;
  std::unique_ptr<Router> router;
  std::vector<FerryTrip> ferry_trips;
  RngStreams streams;
  std::vector<Station> stations;
  std::vector<Merchant> merchants;
  std::vector<Rider> riders;
  std::vector<Order> orders;
  std::unique_ptr<DemandGenerator> demand;
  std::unique_ptr<Dispatcher> dispatcher;
  SpatialGrid room_grid;                   ///< riders with room at a fixed free location
  std::vector<RiderId> roaming_with_room;  ///< riders with room riding home, sorted by id
  EventQueue<EventPayload> queue;
  std::vector<SimulationObserver*> observers;

  // Per rider bookkeeping the public Rider record does not need to show.
  std::vector<EventHandle> rider_activity;          ///< the rider's one pending leg/service event
  std::vector<SimTime> activity_end_ms;             ///< when the current service at route[0] ends
  std::vector<SimTime> on_shift_since_ms;           ///< start of the current working stretch
  std::vector<SimTime> busy_since_ms;               ///< since when assigned_open > 0
  std::vector<SimTime> trace_shift_end_ms;          ///< trace worlds: each courier's one shift end
  std::vector<Point> trace_start;                   ///< trace worlds: where each courier starts
  std::vector<MerchantId> trace_merchant_of_order;  ///< trace worlds: per logged order

  // Acceptance model and no-fault cancellations (only drawn when their shares are set, so
  // runs without them use no extra random numbers).
  Rng acceptance_rng;
  std::vector<RiderId> give_back_rider;  ///< per order: the rider due to hand it back
  std::vector<SimTime> give_back_ms;     ///< per order: when
  std::vector<SimTime> paused_until_ms;  ///< per rider: end of the pause after a hand-back
  bool plug_in_dispatcher = false;
  SimTime tick_interval_ms = 0;  ///< the dispatcher's, read once: 0 = no rounds
  std::uint64_t offers_made = 0;
  std::uint64_t offers_refused = 0;
  std::uint64_t rider_give_backs = 0;
  std::vector<bool> give_back_by_policy;  ///< per order: the pending hand-back is a WomenOptOut one

  // Riders as people (rider_welfare.cpp).
  /// Per rider: the capacity it should have now (its fleet's, plus a captain's extra in peak
  /// hours); empty without captains. A rider above it drops to it as it delivers.
  std::vector<int> capacity_target;
  std::vector<std::vector<ShiftSpan>> fleet_shifts;  ///< per fleet: its shifts in the run
  std::vector<std::uint32_t> next_shift;             ///< per rider: index into its fleet's shifts
  std::vector<SimTime> out_until_ms;                 ///< per rider: injured until then
  std::vector<EventHandle> break_event;              ///< per rider: pending break_due/break_over
  std::vector<bool> wants_break;                     ///< per rider: break due, not begun
  std::vector<bool> heading_to_break;                ///< per rider: riding to its break station
  std::vector<StationId> resting_at;                 ///< per rider: station of the running break
  std::vector<SimTime> rest_since_ms;
  std::vector<int> station_resting;       ///< per station: riders on a break there
  std::vector<Rng> incident_rng;          ///< per rider: its own stream (common random numbers)
  std::vector<double> incident_budget;    ///< per rider: hazard left before the next incident
  std::vector<double> leg_hazard_per_km;  ///< per rider: the current leg's hazard
  std::vector<EventHandle> incident_event;
  std::vector<SimTime> day_on_shift_ms;  ///< per rider: today's time on shift (sampled)
  std::vector<SimTime> day_heat_ms;      ///< per rider: today's heat exposure
  std::vector<SimTime> day_cold_ms;
  std::vector<bool> day_paid_heat_cold;    ///< per rider: heat/cold insurance paid today
  std::vector<double> day_start_earnings;  ///< per rider: order earnings at the day's start
  std::vector<int> day_start_incidents;
  std::vector<bool> day_covered;  ///< per rider: the day just settled was covered
  std::vector<Rng> turnover_rng;  ///< per rider: quit decisions
  std::int64_t welfare_day = 0;
  Rng stairs_rng;
  WelfareTotals welfare_totals;

  // E-bike batteries (rider_battery.cpp): empty unless some fleet has a battery model.
  std::vector<bool> low_battery;        ///< per rider: below the threshold, no new orders
  std::vector<bool> heading_to_charge;  ///< per rider: riding to charging_at
  std::vector<StationId> charging_at;   ///< per rider: the charger reserved, or kNoId
  std::vector<EventHandle> charge_event;
  std::vector<StationId> chargers;                 ///< stations with the charging amenity
  std::vector<bool> charge_place_held;             ///< per rider: counted in station_resting
  std::vector<std::vector<RiderId>> charge_queue;  ///< per station: riders waiting for a place
  bool any_battery = false;

  // Rider days (rider_days.cpp).
  std::vector<RiderDay> rider_days;
  std::vector<std::size_t> open_day_row;  ///< per rider: its working stretch's record, or npos
  std::vector<std::size_t> last_day_row;  ///< per rider: its latest record, or npos
  std::vector<RiderDay> stretch_start;    ///< per rider: its totals when the stretch began

  SimTime now_ms = 0;
  SimTime horizon_ms = 0;
  std::uint64_t events = 0;
  std::uint64_t no_open_merchant = 0;
  std::uint32_t next_trace_order = 0;
  std::uint32_t riders_on_shift = 0;
  std::uint32_t riders_busy = 0;
  std::uint32_t orders_open = 0;
  double fastest_speed_kmh = 1.0;
  /// Road-graph maps: the largest hourly speed factor (congestion), for lower bounds; else 1.
  double fastest_hour_factor = 1.0;
  bool finalized = false;
  std::vector<LoadSample> samples;

  struct TravelMemo {
    Point from, to;
    double speed_kmh = 0.0;
    TravelMode mode = TravelMode::bike;
    SimTime depart_ms = 0;
    SimTime time_ms = 0;
    bool valid = false;
  };
  mutable TravelMemo travel_memo;  ///< a cache only: never changes an answer
};

}  // namespace knightsim
