// summary.json: the RunSummary as nested objects (keys documented in docs/outputs.md).
// A small emitter of our own: keys come out in the order written, numbers with a fixed number of
// decimals per kind of quantity (rates 4, minutes 2, money 2), and never NaN or infinity, which
// JSON cannot carry — a non-finite value is written as null.

#include <cmath>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "json_writer.hpp"
#include "knightsim/output_writers.hpp"

namespace knightsim {
namespace {

using json::Buffer;
using json::JsonWriter;

// Decimals per kind of quantity.
constexpr int kRateDecimals = 4;
constexpr int kMinutesDecimals = 2;
constexpr int kMoneyDecimals = 2;
constexpr int kHoursDecimals = 2;
constexpr int kKmDecimals = 2;
constexpr int kPerHourDecimals = 2;    // orders per rider-hour
constexpr int kMeanCountDecimals = 2;  // riders on shift / busy, averaged over an hour
constexpr int kWallSecondsDecimals = 3;

void write_minutes_stats(JsonWriter& json, std::string_view key, const MinutesStats& stats) {
  json.begin_object(key);
  json.integer("count", stats.count);
  json.number("mean", stats.mean, kMinutesDecimals);
  json.number("p50", stats.p50, kMinutesDecimals);
  json.number("p90", stats.p90, kMinutesDecimals);
  json.number("p95", stats.p95, kMinutesDecimals);
  json.number("max", stats.max, kMinutesDecimals);
  json.end_object();
}

}  // namespace

void write_summary_json(std::ostream& out, const RunSummary& summary) {
  Buffer buf;
  JsonWriter json(buf);
  json.begin_object();

  json.begin_object("scenario");
  json.string("name", summary.scenario_name);
  json.string("start", summary.start);
  json.number("duration_h", summary.duration_h, kHoursDecimals);
  json.end_object();
  json.integer("seed", summary.seed);

  json.begin_object("orders");
  json.integer("created", summary.orders_created);
  json.integer("delivered", summary.orders_delivered);
  json.integer("cancelled", summary.orders_cancelled);
  json.integer("cancelled_unassigned", summary.orders_cancelled_unassigned);
  json.integer("open_at_end", summary.orders_open_at_end);
  json.begin_object("by_category");
  for (int i = 0; i < kMerchantCategoryCount; ++i) {
    const CategorySummary& category = summary.by_category[static_cast<std::size_t>(i)];
    json.begin_object(to_string(static_cast<MerchantCategory>(i)));
    json.integer("created", category.created);
    json.integer("delivered", category.delivered);
    json.integer("cancelled", category.cancelled);
    json.number("on_time_rate", category.on_time_rate, kRateDecimals);
    json.number("click_to_door_mean_min", category.click_to_door_mean_min, kMinutesDecimals);
    json.end_object();
  }
  json.end_object();
  json.end_object();

  json.begin_object("demand");
  json.integer("without_open_merchant", summary.demand_without_open_merchant);
  json.end_object();

  write_minutes_stats(json, "click_to_door_min", summary.click_to_door_min);
  write_minutes_stats(json, "ready_to_pickup_min", summary.ready_to_pickup_min);
  write_minutes_stats(json, "placed_to_assigned_min", summary.placed_to_assigned_min);
  json.number("on_time_rate", summary.on_time_rate, kRateDecimals);
  json.number("cancellation_rate", summary.cancellation_rate, kRateDecimals);
  json.begin_object("lateness_min");
  json.number("mean", summary.mean_lateness_min, kMinutesDecimals);
  json.end_object();

  json.begin_object("riders");
  json.integer("count", summary.riders_count);
  json.number("hours", summary.rider_hours, kHoursDecimals);
  json.number("utilization", summary.riders_utilization, kRateDecimals);
  json.number("earnings_total", summary.riders_earnings_total, kMoneyDecimals);
  json.number("earnings_per_hour", summary.riders_earnings_per_hour, kMoneyDecimals);
  json.number("orders_per_hour", summary.riders_orders_per_hour, kPerHourDecimals);
  json.number("distance_km", summary.riders_distance_km, kKmDecimals);
  json.end_object();

  json.begin_object("dispatch");
  json.string("strategy", summary.dispatch_strategy);
  json.integer("offers", summary.dispatch_offers);
  json.integer("offers_refused", summary.dispatch_offers_refused);
  json.integer("rider_give_backs", summary.dispatch_rider_give_backs);
  json.end_object();

  json.begin_object("weather");
  json.begin_object("hours");
  for (int i = 0; i < kWeatherStateCount; ++i) {
    json.number(to_string(static_cast<WeatherState>(i)),
                summary.weather_hours[static_cast<std::size_t>(i)], kHoursDecimals);
  }
  json.end_object();
  json.end_object();

  json.begin_array("hourly");
  for (const HourSummary& hour : summary.hourly) {
    json.begin_object({}, JsonWriter::Layout::compact);
    json.string("starts_at", hour.starts_at);
    json.string("weather", to_string(hour.weather));
    json.integer("placed", hour.placed);
    json.integer("delivered", hour.delivered);
    json.integer("cancelled", hour.cancelled);
    json.number("on_time_rate", hour.on_time_rate, kRateDecimals);
    json.number("click_to_door_mean_min", hour.click_to_door_mean_min, kMinutesDecimals);
    json.number("riders_on_shift", hour.riders_on_shift, kMeanCountDecimals);
    json.number("riders_busy", hour.riders_busy, kMeanCountDecimals);
    json.end_object();
  }
  json.end_array();

  json.begin_object("engine");
  json.integer("events", summary.engine_events);
  json.number("wall_s", summary.engine_wall_s, kWallSecondsDecimals);
  json.number("events_per_s", summary.engine_events_per_s, 0);
  json.end_object();

  json.end_object();
  json.finish();
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace knightsim
