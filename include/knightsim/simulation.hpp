#pragma once
/// Simulation: one run of one scenario with one seed. Owns the world (city, merchants,
/// riders, orders), the event queue and the RNG streams. No I/O: front ends read results
/// through const accessors, observers and summarize().

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/dispatcher.hpp"
#include "knightsim/merchant.hpp"
#include "knightsim/observer.hpp"
#include "knightsim/order.hpp"
#include "knightsim/rider.hpp"
#include "knightsim/rider_day.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/weather.hpp"
#include "knightsim/welfare_totals.hpp"

namespace knightsim {

struct Station {
  StationId id = kNoId;
  std::string name;
  Point location;
};

/// Minute-by-minute load counters the engine samples (for hourly reports and plots).
struct LoadSample {
  SimTime at_ms = 0;
  std::uint32_t riders_on_shift = 0;
  std::uint32_t riders_busy = 0;
  std::uint32_t orders_open = 0;
};

/// A rider's crossing on a sailing: when it reached the pier and when the boat left.
struct FerryTrip {
  RiderId rider = kNoId;
  std::uint32_t sailing = 0;  ///< index into ferry_schedule()->sailings()
  SimTime reached_pier_ms = 0;
  SimTime board_ms = 0;
};

class FerrySchedule;
class RoadMap;

class Simulation {
 public:
  /// Builds the world. `spec` must be valid (the loader checks it); seed overrides spec.seed.
  Simulation(const ScenarioSpec& spec, std::uint64_t seed);
  /// The same with a dispatcher of the caller's own instead of the one spec.dispatch names
  /// (researchers' strategies; test harnesses that watch a dispatcher's choices).
  Simulation(const ScenarioSpec& spec, std::uint64_t seed, std::unique_ptr<Dispatcher> dispatcher);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Observers are not owned and must outlive the run.
  void add_observer(SimulationObserver* observer);

  /// Processes every event at or before time t, clamped to the run: events at or after the
  /// horizon (the scenario's duration) never run.
  void run_until(SimTime t);
  /// Runs to the end of the horizon.
  void run();
  bool finished() const;

  SimTime now() const;
  SimTime end_time() const;  ///< horizon: scenario duration
  std::uint64_t seed() const;
  std::uint64_t events_processed() const;
  /// Customers who wanted a category with no merchant open (not orders: never created).
  std::uint64_t demand_without_open_merchant() const;
  /// Offers made to riders (a bundle is one offer), offers refused, and accepted orders riders
  /// handed back before pickup (DispatchSpec's acceptance model).
  std::uint64_t dispatch_offers() const;
  std::uint64_t dispatch_offers_refused() const;
  std::uint64_t dispatch_rider_give_backs() const;
  /// True when the run uses a dispatcher passed to the constructor, not the spec's strategy.
  bool has_plug_in_dispatcher() const;

  const ScenarioSpec& spec() const;
  const ScenarioClock& clock() const;
  const City& city() const;
  /// The road-graph map, or null on the analytic grid.
  const RoadMap* road_map() const;
  /// The run's sailings with cancellations and bookings, or null without ferries.
  const FerrySchedule* ferry_schedule() const;
  /// Crossings riders made (boarded before now), in boarding-record order.
  std::span<const FerryTrip> ferry_trips() const;
  const WeatherTimeline& weather() const;
  std::span<const Station> stations() const;
  std::span<const Merchant> merchants() const;
  std::span<const Rider> riders() const;
  std::span<const Order> orders() const;
  std::span<const LoadSample> load_samples() const;
  /// Welfare, safety and policy totals (complete once the run has finished).
  const WelfareTotals& welfare_totals() const;
  /// A rider's time on shift so far, including the stretch under way (Rider::on_shift_ms
  /// counts a stretch only once it has ended), for live displays.
  SimTime on_shift_ms_so_far(RiderId rider) const;
  /// One record per rider and day worked (RiderDay), in (day, rider id) order once the run
  /// has finished; before that, in the order the days began, with running stretches open.
  std::span<const RiderDay> rider_days() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace knightsim
