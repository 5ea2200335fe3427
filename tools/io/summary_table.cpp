// The operations report printed after `knightsim run`: plain text, aligned sections, at most
// 78 columns, no colour, so it reads the same in a terminal, a log file and an e-mail.
// A value that is undefined for the run (no deliveries, no rider hours) is shown as "-",
// never as a misleading 0.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "knightsim/output_writers.hpp"

namespace knightsim {
namespace {

constexpr std::size_t kWidth = 78;
constexpr std::string_view kNotApplicable = "-";

/// User text on one line: control characters (newlines, escapes) would break the layout or
/// smuggle terminal codes into the report.
std::string one_line(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return result;
}

/// Fixed decimals without "-0.0"; "-" when not finite.
std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotApplicable);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text[0] == '-' && text.find_first_not_of("0.", 1) == std::string::npos) text.erase(0, 1);
  return text;
}

std::string percent(double rate) {
  if (!std::isfinite(rate)) return std::string(kNotApplicable);
  return fixed(rate * 100.0, 1) + "%";
}

/// 1234567 → "1,234,567" (fixed separator: the report does not follow the locale).
std::string grouped(std::uint64_t value) {
  const std::string digits = fmt::format("{}", value);
  std::string result;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) result.push_back(',');
    result.push_back(digits[i]);
  }
  return result;
}

/// Fixed decimals with the integer part grouped: 10234.5 → "10,234.50".
std::string grouped_fixed(double value, int decimals) {
  std::string text = fixed(value, decimals);
  const std::size_t digits_begin = text[0] == '-' ? 1 : 0;
  const std::size_t digits_end = std::min(text.find('.'), text.size());
  if (!std::isdigit(static_cast<unsigned char>(text[digits_begin]))) return text;  // "-"
  for (std::size_t i = digits_end; i > digits_begin + 3; i -= 3) text.insert(i - 3, 1, ',');
  return text;
}

using Out = std::back_insert_iterator<std::string>;

void section(Out out, std::string_view title) {
  fmt::format_to(out, "\n{}\n", title);
}

/// Two label/value pairs on one line (the second may be empty): 66 columns.
void pairs(Out out, std::string_view label1, std::string_view value1, std::string_view label2 = {},
           std::string_view value2 = {}) {
  if (label2.empty()) {
    fmt::format_to(out, "  {:<18}{:>12}\n", label1, value1);
  } else {
    fmt::format_to(out, "  {:<18}{:>12}    {:<18}{:>12}\n", label1, value1, label2, value2);
  }
}

/// 75 columns: label, n, mean, p50, p90, p95, max.
void stats_row(Out out, std::string_view label, const MinutesStats& stats) {
  if (stats.count == 0) {
    fmt::format_to(out, "  {:<22}{:>6}{:>9}{:>9}{:>9}{:>9}{:>9}\n", label, 0, kNotApplicable,
                   kNotApplicable, kNotApplicable, kNotApplicable, kNotApplicable);
    return;
  }
  fmt::format_to(out, "  {:<22}{:>6}{:>9}{:>9}{:>9}{:>9}{:>9}\n", label, grouped(stats.count),
                 fixed(stats.mean, 1), fixed(stats.p50, 1), fixed(stats.p90, 1),
                 fixed(stats.p95, 1), fixed(stats.max, 1));
}

}  // namespace

std::string format_summary_table(const RunSummary& summary) {
  std::string text;
  const Out out(text);

  fmt::format_to(out, "knightsim run report\n{}\n", std::string(kWidth, '='));
  fmt::format_to(out, "  {:<10}{}\n", "scenario", one_line(summary.scenario_name));
  fmt::format_to(out, "  {:<10}{:<20}{:<10}{}\n", "start", one_line(summary.start), "duration",
                 fixed(summary.duration_h, 2) + " h");
  fmt::format_to(out, "  {:<10}{:<20}{:<10}{}\n", "seed", summary.seed, "dispatch",
                 one_line(summary.dispatch_strategy));

  section(out, "ORDERS");
  // The cancellation rate is of closed orders (delivered + cancelled), as in summary.json.
  const bool any_closed = summary.orders_delivered + summary.orders_cancelled > 0;
  pairs(out, "created", grouped(summary.orders_created), "delivered",
        grouped(summary.orders_delivered));
  pairs(out, "cancelled", grouped(summary.orders_cancelled), "cancelled/closed",
        any_closed ? percent(summary.cancellation_rate) : std::string(kNotApplicable));
  pairs(out, "  never assigned", grouped(summary.orders_cancelled_unassigned), "open at end",
        grouped(summary.orders_open_at_end));
  pairs(out, "no merchant open", grouped(summary.demand_without_open_merchant));

  section(out, "SERVICE");
  fmt::format_to(out, "  {:<22}{:>6}{:>9}{:>9}{:>9}{:>9}{:>9}\n", "minutes", "n", "mean", "p50",
                 "p90", "p95", "max");
  stats_row(out, "click-to-door", summary.click_to_door_min);
  stats_row(out, "food waits for rider", summary.ready_to_pickup_min);
  stats_row(out, "time to assign", summary.placed_to_assigned_min);
  const bool any_delivered = summary.orders_delivered > 0;
  const bool any_late = any_delivered && summary.on_time_rate < 1.0;
  pairs(out, "on-time rate",
        any_delivered ? percent(summary.on_time_rate) : std::string(kNotApplicable),
        "late by (mean)",
        any_late ? fixed(summary.mean_lateness_min, 1) + " min" : std::string(kNotApplicable));

  section(out, "BY CATEGORY");
  fmt::format_to(out, "  {:<16}{:>10}{:>11}{:>10}{:>20}\n", "", "created", "delivered", "on-time",
                 "click-to-door mean");
  bool any_category = false;
  for (int i = 0; i < kMerchantCategoryCount; ++i) {
    const CategorySummary& category = summary.by_category[static_cast<std::size_t>(i)];
    if (category.created == 0 && category.delivered == 0 && category.cancelled == 0) continue;
    any_category = true;
    const bool delivered = category.delivered > 0;
    fmt::format_to(out, "  {:<16}{:>10}{:>11}{:>10}{:>20}\n",
                   to_string(static_cast<MerchantCategory>(i)), grouped(category.created),
                   grouped(category.delivered),
                   delivered ? percent(category.on_time_rate) : std::string(kNotApplicable),
                   delivered ? fixed(category.click_to_door_mean_min, 1) + " min"
                             : std::string(kNotApplicable));
  }
  if (!any_category) fmt::format_to(out, "  (no orders)\n");

  if (summary.zones_are_islands) {
    section(out, "BY ISLAND");
    fmt::format_to(out, "  {:<18}{:>8}{:>11}{:>11}{:>9}{:>15}\n", "", "orders", "delivered",
                   "cancelled", "on-time", "c2d mean/p90");
    for (const ZoneSummary& zone : summary.zones) {
      const bool delivered = zone.delivered > 0;
      fmt::format_to(out, "  {:<18}{:>8}{:>11}{:>11}{:>9}{:>15}\n",
                     one_line(zone.name).substr(0, 17), grouped(zone.created),
                     grouped(zone.delivered), grouped(zone.cancelled),
                     delivered ? percent(zone.on_time_rate) : std::string(kNotApplicable),
                     delivered ? fixed(zone.click_to_door_mean_min, 0) + "/" +
                                     fixed(zone.click_to_door_p90_min, 0) + " min"
                               : std::string(kNotApplicable));
    }
  }
  if (summary.ferry.routes > 0) {
    section(out, "FERRIES");
    pairs(out, "routes", grouped(summary.ferry.routes), "sailings due",
          grouped(summary.ferry.sailings));
    pairs(out, "cancelled", grouped(summary.ferry.cancelled_sailings), "riders carried",
          grouped(summary.ferry.crossings));
    if (summary.ferry.wait_min.count > 0) {
      pairs(out, "pier wait mean", fixed(summary.ferry.wait_min.mean, 1) + " min", "p90 / max",
            fixed(summary.ferry.wait_min.p90, 0) + " / " + fixed(summary.ferry.wait_min.max, 0) +
                " min");
    }
  }

  section(out, "RIDERS");
  const bool worked = summary.rider_hours > 0.0;
  const auto if_worked = [&](const std::string& value) {
    return worked ? value : std::string(kNotApplicable);
  };
  pairs(out, "riders", grouped(summary.riders_count), "on-shift hours",
        grouped_fixed(summary.rider_hours, 1));
  pairs(out, "utilisation", if_worked(percent(summary.riders_utilization)), "orders/rider-hour",
        if_worked(fixed(summary.riders_orders_per_hour, 2)));
  pairs(out, "earnings/hour", if_worked(fixed(summary.riders_earnings_per_hour, 2)),
        "earnings total", grouped_fixed(summary.riders_earnings_total, 2));
  pairs(out, "distance", grouped_fixed(summary.riders_distance_km, 1) + " km");
  // The acceptance model, when it is on: planners weigh refusals against service.
  if (summary.dispatch_offers_refused + summary.dispatch_rider_give_backs > 0) {
    pairs(out, "offers refused",
          grouped(summary.dispatch_offers_refused) + " of " + grouped(summary.dispatch_offers),
          "handed back", grouped(summary.dispatch_rider_give_backs));
  }

  // Riders as people: safety always (incidents are on by default), welfare when it costs.
  const WelfareSummary& welfare = summary.welfare;
  section(out, "SAFETY AND WELFARE");
  pairs(out, "incidents", grouped(welfare.incidents), "injuries", grouped(welfare.injuries));
  pairs(out, "per million km", fixed(welfare.incidents_per_million_km, 1), "orders lost",
        grouped(welfare.orders_lost));
  if (welfare.heat_exposure_h + welfare.cold_exposure_h > 0.0 || welfare.breaks > 0) {
    pairs(out, "heat/cold hours",
          fixed(welfare.heat_exposure_h, 0) + " / " + fixed(welfare.cold_exposure_h, 0), "breaks",
          grouped(welfare.breaks));
  }
  if (welfare.platform_cost + welfare.insurance_payouts > 0.0) {
    pairs(out, "platform cost", grouped_fixed(welfare.platform_cost, 2), "insurance paid",
          grouped_fixed(welfare.insurance_payouts, 2));
    pairs(out, "coverage", percent(welfare.coverage), "rider-days", grouped(welfare.rider_days));
  }
  if (welfare.women.riders > 0 && welfare.men.riders > 0) {
    pairs(out, "women earn/h", fixed(welfare.women.earnings_per_hour, 2), "men earn/h",
          fixed(welfare.men.earnings_per_hour, 2));
  }
  if (welfare.disabled.riders > 0) {
    pairs(out, "disabled earn/h", fixed(welfare.disabled.earnings_per_hour, 2), "orders/h",
          fixed(welfare.disabled.orders_per_hour, 2));
  }

  section(out, "WEATHER (hours)");
  std::string line = " ";
  for (int i = 0; i < kWeatherStateCount; ++i) {
    const double hours = summary.weather_hours[static_cast<std::size_t>(i)];
    if (!(hours > 0.0)) continue;
    const std::string item =
        fmt::format(" {} {}", to_string(static_cast<WeatherState>(i)), fixed(hours, 2));
    if (line.size() > 1 && line.size() + 2 + item.size() > kWidth) {
      fmt::format_to(out, "{}\n", line);
      line.resize(1);  // back to the one-space indent (not `= " "`: GCC 12 bug 105651 warns)
    }
    line += (line.size() > 1 ? "  " : "") + item;
  }
  fmt::format_to(out, "{}\n", line.size() > 1 ? line : "  (none recorded)");

  // Hour by hour, where a peak or a shower shows; a multi-day run would be too long to read
  // here (its hours are in summary.json).
  if (!summary.hourly.empty() && summary.hourly.size() <= 48) {
    section(out, "HOUR BY HOUR");
    fmt::format_to(out, "  {:<6} {:<10} {:>7} {:>9} {:>9} {:>8} {:>7} {:>12}\n", "hour", "weather",
                   "placed", "delivered", "cancelled", "on-time", "c2d min", "riders busy");
    for (const HourSummary& hour : summary.hourly) {
      const std::string clock =
          hour.starts_at.size() >= 16 ? hour.starts_at.substr(11, 5) : one_line(hour.starts_at);
      fmt::format_to(
          out, "  {:<6} {:<10} {:>7} {:>9} {:>9} {:>8} {:>7} {:>12}\n", clock,
          to_string(hour.weather), grouped(hour.placed), grouped(hour.delivered),
          grouped(hour.cancelled),
          hour.delivered > 0 ? percent(hour.on_time_rate) : std::string(kNotApplicable),
          hour.delivered > 0 ? fixed(hour.click_to_door_mean_min, 1) : std::string(kNotApplicable),
          fmt::format("{:.0f}/{:.0f}", hour.riders_busy, hour.riders_on_shift));
    }
  }

  section(out, "ENGINE");
  const std::string events_per_s =
      std::isfinite(summary.engine_events_per_s) && summary.engine_events_per_s >= 0.0
          ? grouped(static_cast<std::uint64_t>(std::llround(summary.engine_events_per_s)))
          : std::string(kNotApplicable);
  pairs(out, "events", grouped(summary.engine_events), "wall time",
        fixed(summary.engine_wall_s, 3) + " s");
  pairs(out, "events/s", events_per_s);
  return text;
}

}  // namespace knightsim
