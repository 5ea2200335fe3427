#pragma once
/// RunSummary: the scalar results of one run, computed from the finished world. Writers turn
/// it into summary.json and the console table; sweeps will store its scalars.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "knightsim/scenario.hpp"
#include "knightsim/welfare_summary.hpp"

namespace knightsim {

class Simulation;

/// Distribution of a sample in minutes. All zero when the sample is empty (count says so).
struct MinutesStats {
  std::uint64_t count = 0;
  double mean = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
  double p95 = 0.0;
  double max = 0.0;
};

struct CategorySummary {
  std::uint64_t created = 0;
  std::uint64_t delivered = 0;
  std::uint64_t cancelled = 0;
  double on_time_rate = 0.0;  ///< on-time share of delivered orders
  double click_to_door_mean_min = 0.0;
};

/// Counts per hour since the scenario start (index 0 = first hour of the run).
struct HourSummary {
  std::string starts_at;                       ///< "2026-06-17 12:00"
  WeatherState weather = WeatherState::clear;  ///< weather at the start of the hour
  std::uint64_t placed = 0;
  std::uint64_t delivered = 0;
  std::uint64_t cancelled = 0;
  double on_time_rate = 0.0;  ///< of orders delivered in this hour
  double click_to_door_mean_min = 0.0;
  double riders_on_shift = 0.0;  ///< mean over the hour
  double riders_busy = 0.0;      ///< mean over the hour
};

/// Orders by the zone of their customer (an island, or a compass zone of the city).
struct ZoneSummary {
  std::string name;
  std::uint64_t created = 0;
  std::uint64_t delivered = 0;
  std::uint64_t cancelled = 0;
  double on_time_rate = 0.0;  ///< on-time share of delivered orders
  double click_to_door_mean_min = 0.0;
  double click_to_door_p90_min = 0.0;
};

/// Ferries over the run (all zero on maps without them).
struct FerrySummary {
  std::uint64_t routes = 0;
  std::uint64_t sailings = 0;            ///< timetabled departures within the run
  std::uint64_t cancelled_sailings = 0;  ///< suspended for wind or visibility
  std::uint64_t crossings = 0;           ///< riders carried (one per rider per sailing)
  MinutesStats wait_min;                 ///< from reaching the pier to sailing, per crossing
};

struct RunSummary {
  std::string scenario_name;
  std::uint64_t seed = 0;
  std::string start;  ///< "2026-06-17 10:30"
  double duration_h = 0.0;

  std::uint64_t orders_created = 0;
  std::uint64_t orders_delivered = 0;
  std::uint64_t orders_cancelled = 0;
  std::uint64_t orders_cancelled_unassigned = 0;  ///< never had a rider
  std::uint64_t orders_open_at_end = 0;
  std::uint64_t demand_without_open_merchant = 0;  ///< customers who found nothing open
  std::array<CategorySummary, kMerchantCategoryCount> by_category{};

  MinutesStats click_to_door_min;    ///< placed → delivered
  MinutesStats ready_to_pickup_min;  ///< order ready, no rider there yet (pickup service excluded)
  MinutesStats placed_to_assigned_min;
  double on_time_rate = 0.0;       ///< delivered by the promise / delivered
  double cancellation_rate = 0.0;  ///< cancelled / (delivered + cancelled)
  double mean_lateness_min = 0.0;  ///< over late orders only

  std::uint64_t riders_count = 0;
  double rider_hours = 0.0;         ///< on-shift hours, all riders
  double riders_utilization = 0.0;  ///< busy / on-shift time
  double riders_earnings_total = 0.0;
  double riders_earnings_per_hour = 0.0;
  double riders_orders_per_hour = 0.0;
  double riders_distance_km = 0.0;  ///< total

  std::string dispatch_strategy;  ///< as in the spec, or "custom" for a plug-in dispatcher
  std::uint64_t dispatch_offers = 0;
  std::uint64_t dispatch_offers_refused = 0;
  std::uint64_t dispatch_rider_give_backs = 0;

  std::vector<ZoneSummary> zones;
  bool zones_are_islands = false;  ///< else the compass ninths of the city
  FerrySummary ferry;
  WelfareSummary welfare;  ///< welfare.*, safety.* and groups.*

  std::array<double, kWeatherStateCount> weather_hours{};
  std::vector<HourSummary> hourly;

  std::uint64_t engine_events = 0;
  double engine_wall_s = 0.0;  ///< filled by the front end, which owns the clock
  double engine_events_per_s = 0.0;
};

/// Nearest-rank percentile (0 < p <= 100) of a sample sorted ascending: the smallest value with
/// at least p% of the sample at or below it. 0 for an empty sample.
double nearest_rank_percentile(const std::vector<double>& sorted, double p);

/// Computes everything but the wall-clock fields from a finished (or stopped) simulation.
RunSummary summarize(const Simulation& simulation);

}  // namespace knightsim
