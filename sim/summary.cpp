// Scalar results of a run, from the world as it stands.
#include "knightsim/summary.hpp"

#include "knightsim/ferry_schedule.hpp"
#include "knightsim/zones.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "knightsim/simulation.hpp"

namespace knightsim {
namespace {

MinutesStats stats_of(std::vector<double> minutes) {
  MinutesStats stats;
  if (minutes.empty()) return stats;
  std::sort(minutes.begin(), minutes.end());
  double sum = 0.0;
  for (double m : minutes) sum += m;
  stats.count = minutes.size();
  stats.mean = sum / static_cast<double>(minutes.size());
  stats.p50 = nearest_rank_percentile(minutes, 50);
  stats.p90 = nearest_rank_percentile(minutes, 90);
  stats.p95 = nearest_rank_percentile(minutes, 95);
  stats.max = minutes.back();
  return stats;
}

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 0.0;
}

std::string format_minute(const ScenarioClock& clock, SimTime t) {
  return clock.format(t).substr(0, 16);  // "YYYY-MM-DD HH:MM"
}

}  // namespace

double nearest_rank_percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0.0;
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
  const auto index =
      static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(sorted.size()))) - 1;
  return sorted[index];
}

namespace {

void summarize_zones(const Simulation& simulation, RunSummary& s) {
  const Zones zones(simulation.spec());
  s.zones.resize(zones.count());
  s.zones_are_islands = !simulation.spec().map.islands.empty();
  std::vector<std::vector<double>> click_to_door(zones.count());
  std::vector<std::uint64_t> on_time(zones.count(), 0);
  for (std::size_t z = 0; z < zones.count(); ++z) s.zones[z].name = zones.name(z);
  for (const Order& order : simulation.orders()) {
    const std::size_t z = zones.zone_of(order.customer);
    ZoneSummary& zone = s.zones[z];
    ++zone.created;
    if (order.status == OrderStatus::delivered) {
      ++zone.delivered;
      click_to_door[z].push_back(ms_to_minutes(order.delivered_ms - order.placed_ms));
      if (order.delivered_ms <= order.promised_ms) ++on_time[z];
    } else if (order.status == OrderStatus::cancelled) {
      ++zone.cancelled;
    }
  }
  for (std::size_t z = 0; z < zones.count(); ++z) {
    const MinutesStats stats = stats_of(std::move(click_to_door[z]));
    s.zones[z].on_time_rate =
        ratio(static_cast<double>(on_time[z]), static_cast<double>(s.zones[z].delivered));
    s.zones[z].click_to_door_mean_min = stats.mean;
    s.zones[z].click_to_door_p90_min = stats.p90;
  }
}

void summarize_ferries(const Simulation& simulation, RunSummary& s) {
  const FerrySchedule* schedule = simulation.ferry_schedule();
  if (schedule == nullptr) return;
  s.ferry.routes = simulation.spec().map.ferries.size();
  s.ferry.sailings = schedule->sailings_due();
  s.ferry.cancelled_sailings = schedule->sailings_cancelled();
  std::vector<double> waits;
  for (const FerryTrip& trip : simulation.ferry_trips()) {
    waits.push_back(ms_to_minutes(trip.board_ms - trip.reached_pier_ms));
  }
  s.ferry.crossings = waits.size();
  s.ferry.wait_min = stats_of(std::move(waits));
}

}  // namespace

RunSummary summarize(const Simulation& simulation) {
  const ScenarioSpec& spec = simulation.spec();
  const ScenarioClock& clock = simulation.clock();
  const SimTime horizon = simulation.end_time();
  RunSummary s;
  s.scenario_name = spec.name;
  s.seed = simulation.seed();
  s.start = format_minute(clock, 0);
  s.duration_h = static_cast<double>(horizon) / static_cast<double>(kMsPerHour);
  s.welfare = summarize_welfare(simulation);

  const auto hours = static_cast<std::size_t>((horizon + kMsPerHour - 1) / kMsPerHour);
  s.hourly.resize(hours);
  std::vector<std::uint64_t> hourly_on_time(hours, 0);
  std::vector<double> hourly_c2d_sum(hours, 0.0);
  for (std::size_t h = 0; h < hours; ++h) {
    const auto at = static_cast<SimTime>(h) * kMsPerHour;
    s.hourly[h].starts_at = format_minute(clock, at);
    s.hourly[h].weather = simulation.weather().state_at(at);
  }
  auto hour_of = [&](SimTime t) {
    return std::min(hours - 1, static_cast<std::size_t>(t / kMsPerHour));
  };

  std::vector<double> click_to_door, ready_to_pickup, placed_to_assigned;
  std::array<std::uint64_t, kMerchantCategoryCount> category_on_time{};
  std::array<double, kMerchantCategoryCount> category_c2d_sum{};
  std::uint64_t on_time = 0, late = 0;
  double lateness_sum_min = 0.0;
  for (const Order& order : simulation.orders()) {
    const auto c = static_cast<std::size_t>(order.category);
    ++s.orders_created;
    ++s.by_category[c].created;
    ++s.hourly[hour_of(order.placed_ms)].placed;
    if (order.assigned_ms != kNever) {
      placed_to_assigned.push_back(ms_to_minutes(order.assigned_ms - order.placed_ms));
    }
    if (order.picked_up_ms != kNever) {
      // Handing over takes pickup_service after the rider is there and the order is ready:
      // what is left is the time the order stood ready with no rider.
      const SimTime waited = order.picked_up_ms - spec.riders.pickup_service_ms - order.ready_ms;
      ready_to_pickup.push_back(ms_to_minutes(std::max<SimTime>(0, waited)));
    }
    switch (order.status) {
      case OrderStatus::delivered: {
        ++s.orders_delivered;
        ++s.by_category[c].delivered;
        const double c2d = ms_to_minutes(order.delivered_ms - order.placed_ms);
        click_to_door.push_back(c2d);
        category_c2d_sum[c] += c2d;
        const std::size_t h = hour_of(order.delivered_ms);
        ++s.hourly[h].delivered;
        hourly_c2d_sum[h] += c2d;
        if (order.delivered_ms <= order.promised_ms) {
          ++on_time;
          ++category_on_time[c];
          ++hourly_on_time[h];
        } else {
          ++late;
          lateness_sum_min += ms_to_minutes(order.delivered_ms - order.promised_ms);
        }
        break;
      }
      case OrderStatus::cancelled:
        ++s.orders_cancelled;
        ++s.by_category[c].cancelled;
        ++s.hourly[hour_of(order.cancelled_ms)].cancelled;
        if (order.assigned_ms == kNever) ++s.orders_cancelled_unassigned;
        break;
      default:
        ++s.orders_open_at_end;
        break;
    }
  }
  s.demand_without_open_merchant = simulation.demand_without_open_merchant();
  for (std::size_t c = 0; c < kMerchantCategoryCount; ++c) {
    auto& category = s.by_category[c];
    category.on_time_rate =
        ratio(static_cast<double>(category_on_time[c]), static_cast<double>(category.delivered));
    category.click_to_door_mean_min =
        ratio(category_c2d_sum[c], static_cast<double>(category.delivered));
  }
  s.click_to_door_min = stats_of(std::move(click_to_door));
  s.ready_to_pickup_min = stats_of(std::move(ready_to_pickup));
  s.placed_to_assigned_min = stats_of(std::move(placed_to_assigned));
  s.on_time_rate = ratio(static_cast<double>(on_time), static_cast<double>(s.orders_delivered));
  s.cancellation_rate = ratio(static_cast<double>(s.orders_cancelled),
                              static_cast<double>(s.orders_delivered + s.orders_cancelled));
  s.mean_lateness_min = ratio(lateness_sum_min, static_cast<double>(late));

  SimTime on_shift_ms = 0, busy_ms = 0;
  std::uint64_t delivered_by_riders = 0;
  for (const Rider& rider : simulation.riders()) {
    if (rider.hired_ms == kNever) continue;  // a reserve recruit never hired
    ++s.riders_count;
    on_shift_ms += rider.on_shift_ms;
    busy_ms += rider.busy_ms;
    delivered_by_riders += static_cast<std::uint64_t>(rider.orders_delivered);
    s.riders_earnings_total += rider.earnings;
    s.riders_distance_km += rider.distance_m / 1000.0;
  }
  s.rider_hours = static_cast<double>(on_shift_ms) / static_cast<double>(kMsPerHour);
  s.riders_utilization = ratio(static_cast<double>(busy_ms), static_cast<double>(on_shift_ms));
  s.riders_earnings_per_hour = ratio(s.riders_earnings_total, s.rider_hours);
  s.riders_orders_per_hour = ratio(static_cast<double>(delivered_by_riders), s.rider_hours);

  // Weather hours: walk the timeline, clipped to the run.
  const WeatherTimeline& weather = simulation.weather();
  SimTime from = 0;
  WeatherState state = weather.initial();
  for (const WeatherChange& change : weather.changes()) {
    const SimTime until = std::min(change.at_ms, horizon);
    if (until > from)
      s.weather_hours[static_cast<std::size_t>(state)] += ms_to_minutes(until - from) / 60.0;
    from = std::max(from, until);
    state = change.state;
  }
  if (horizon > from)
    s.weather_hours[static_cast<std::size_t>(state)] += ms_to_minutes(horizon - from) / 60.0;

  // Hourly rider load from the minute samples.
  std::vector<std::uint64_t> samples_in_hour(hours, 0);
  for (const LoadSample& sample : simulation.load_samples()) {
    const std::size_t h = hour_of(sample.at_ms);
    s.hourly[h].riders_on_shift += sample.riders_on_shift;
    s.hourly[h].riders_busy += sample.riders_busy;
    ++samples_in_hour[h];
  }
  for (std::size_t h = 0; h < hours; ++h) {
    auto& hour = s.hourly[h];
    hour.riders_on_shift = ratio(hour.riders_on_shift, static_cast<double>(samples_in_hour[h]));
    hour.riders_busy = ratio(hour.riders_busy, static_cast<double>(samples_in_hour[h]));
    hour.on_time_rate =
        ratio(static_cast<double>(hourly_on_time[h]), static_cast<double>(hour.delivered));
    hour.click_to_door_mean_min = ratio(hourly_c2d_sum[h], static_cast<double>(hour.delivered));
  }

  s.engine_events = simulation.events_processed();
  s.dispatch_strategy = simulation.has_plug_in_dispatcher()
                            ? "custom"
                            : to_string(simulation.spec().dispatch.strategy);
  s.dispatch_offers = simulation.dispatch_offers();
  s.dispatch_offers_refused = simulation.dispatch_offers_refused();
  s.dispatch_rider_give_backs = simulation.dispatch_rider_give_backs();
  summarize_zones(simulation, s);
  summarize_ferries(simulation, s);
  return s;
}

}  // namespace knightsim
