// The standard MDRP measures of a solution (definitions in docs/mdrp.md), their JSON form and
// the table `knightsim mdrp-check` prints. A ratio whose denominator is zero (no deliveries, no
// bundles) is NaN: null in JSON, "-" in the table, never a misleading 0.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "json_writer.hpp"
#include "knightsim/mdrp.hpp"
#include "knightsim/summary.hpp"

namespace knightsim {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : kUndefined;
}

MdrpMinutesStats stats_of(std::vector<double> minutes) {
  MdrpMinutesStats stats;
  if (minutes.empty()) return stats;
  std::sort(minutes.begin(), minutes.end());
  double sum = 0.0;
  for (const double m : minutes) sum += m;
  stats.count = minutes.size();
  stats.mean = sum / static_cast<double>(minutes.size());
  stats.p10 = nearest_rank_percentile(minutes, 10);
  stats.p50 = nearest_rank_percentile(minutes, 50);
  stats.p90 = nearest_rank_percentile(minutes, 90);
  stats.max = minutes.back();
  return stats;
}

/// Fixed decimals; "-0.00" as "0.00"; `undefined` when not finite.
std::string fixed(double value, int decimals, std::string_view undefined) {
  if (!std::isfinite(value)) return std::string(undefined);
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text[0] == '-' && text.find_first_not_of("0.", 1) == std::string::npos) text.erase(0, 1);
  return text;
}

// Decimals per kind of quantity, as in summary.json.
constexpr int kRateDecimals = 4;
constexpr int kMinutesDecimals = 2;
constexpr int kMoneyDecimals = 2;
constexpr int kHoursDecimals = 2;
constexpr int kPerHourDecimals = 3;

}  // namespace

MdrpMeasures compute_mdrp_measures(const MdrpInstance& instance, const MdrpSolution& solution) {
  const MdrpParameters& p = instance.parameters;
  MdrpMeasures m;
  m.orders = instance.orders.size();
  m.couriers = instance.couriers.size();
  m.bundles = solution.assignments.size();

  std::vector<double> click_to_door, ready_to_door, ready_to_pickup;
  std::vector<std::uint64_t> delivered_by(instance.couriers.size(), 0);
  double overage_sum = 0.0;
  std::uint64_t within_target = 0;
  for (const MdrpOrderRecord& record : solution.orders) {
    const auto o = instance.find_order(record.order);
    if (!o || !record.pickup_min || !record.dropoff_min) continue;
    const MdrpOrder& order = instance.orders[*o];
    ++m.orders_delivered;
    const double c2d = *record.dropoff_min - order.placement_min;
    click_to_door.push_back(c2d);
    ready_to_door.push_back(*record.dropoff_min - order.ready_min);
    ready_to_pickup.push_back(*record.pickup_min - order.ready_min);
    overage_sum += std::max(0.0, c2d - p.target_click_to_door_min);
    if (c2d <= p.target_click_to_door_min + kMdrpTimeTolerance) ++within_target;
    if (const auto c = instance.find_courier(record.courier)) ++delivered_by[*c];
  }
  m.click_to_door_min = stats_of(std::move(click_to_door));
  m.ready_to_door_min = stats_of(std::move(ready_to_door));
  m.ready_to_pickup_min = stats_of(std::move(ready_to_pickup));
  const auto delivered = static_cast<double>(m.orders_delivered);
  m.within_target_share = ratio(static_cast<double>(within_target), delivered);
  m.overage_mean_min = ratio(overage_sum, delivered);

  double shift_min = 0.0;
  for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
    const MdrpCourier& courier = instance.couriers[c];
    const double shift_h = (courier.off_min - courier.on_min) / 60.0;
    shift_min += courier.off_min - courier.on_min;
    const double per_order = p.pay_per_order * static_cast<double>(delivered_by[c]);
    const double guarantee = p.guaranteed_pay_per_hour * shift_h;
    if (guarantee > per_order) ++m.couriers_paid_guarantee;
    m.pay_total += std::max(per_order, guarantee);
  }
  m.courier_hours = shift_min / 60.0;
  m.pay_per_order_delivered = ratio(m.pay_total, delivered);

  std::uint64_t bundled_orders = 0;
  for (const MdrpAssignment& a : solution.assignments) bundled_orders += a.orders.size();
  m.bundle_size_mean = ratio(static_cast<double>(bundled_orders), static_cast<double>(m.bundles));
  m.orders_per_courier_hour = ratio(delivered, m.courier_hours);
  m.bundles_per_courier_hour = ratio(static_cast<double>(m.bundles), m.courier_hours);

  for (const MdrpMove& move : solution.moves) {
    const auto c = instance.find_courier(move.courier);
    if (!c) continue;
    const auto from = mdrp_place_position(instance, *c, move.origin);
    const auto to = mdrp_place_position(instance, *c, move.destination);
    if (from && to) m.driving_min += travel_minutes(*from, *to, p.meters_per_minute);
  }
  m.service_min =
      p.pickup_service_min * static_cast<double>(m.bundles) + p.dropoff_service_min * delivered;
  m.utilization = ratio(m.driving_min + m.service_min, shift_min);
  return m;
}

void write_mdrp_measures_json(std::ostream& out, const MdrpMeasures& m) {
  // One line per group: compact objects inside an indented top level.
  json::Buffer buf;
  json::JsonWriter writer(buf);
  constexpr auto compact = json::JsonWriter::Layout::compact;
  const auto stats = [&](std::string_view key, const MdrpMinutesStats& s) {
    writer.begin_object(key, compact);
    writer.integer("count", s.count);
    writer.number("mean", s.mean, kMinutesDecimals);
    writer.number("p10", s.p10, kMinutesDecimals);
    writer.number("p50", s.p50, kMinutesDecimals);
    writer.number("p90", s.p90, kMinutesDecimals);
    writer.number("max", s.max, kMinutesDecimals);
    writer.end_object();
  };
  writer.begin_object();
  writer.begin_object("orders", compact);
  writer.integer("total", m.orders);
  writer.integer("delivered", m.orders_delivered);
  writer.end_object();
  stats("click_to_door_min", m.click_to_door_min);
  stats("ready_to_door_min", m.ready_to_door_min);
  stats("ready_to_pickup_min", m.ready_to_pickup_min);
  writer.number("within_target_share", m.within_target_share, kRateDecimals);
  writer.number("overage_mean_min", m.overage_mean_min, kMinutesDecimals);
  writer.begin_object("bundles", compact);
  writer.integer("count", m.bundles);
  writer.number("size_mean", m.bundle_size_mean, kRateDecimals);
  writer.end_object();
  writer.begin_object("couriers", compact);
  writer.integer("count", m.couriers);
  writer.number("hours", m.courier_hours, kHoursDecimals);
  writer.number("orders_per_hour", m.orders_per_courier_hour, kPerHourDecimals);
  writer.number("bundles_per_hour", m.bundles_per_courier_hour, kPerHourDecimals);
  writer.number("driving_min", m.driving_min, kMinutesDecimals);
  writer.number("service_min", m.service_min, kMinutesDecimals);
  writer.number("utilization", m.utilization, kRateDecimals);
  writer.end_object();
  writer.begin_object("pay", compact);
  writer.number("total", m.pay_total, kMoneyDecimals);
  writer.number("per_order_delivered", m.pay_per_order_delivered, kMoneyDecimals);
  writer.integer("couriers_paid_guarantee", m.couriers_paid_guarantee);
  writer.end_object();
  writer.end_object();
  writer.finish();
  out << fmt::to_string(buf);
}

std::string format_mdrp_measures_table(const MdrpMeasures& m) {
  std::string text;
  auto it = std::back_inserter(text);
  const auto val = [](double value, int decimals) { return fixed(value, decimals, "-"); };
  const auto percent = [](double rate) {
    return std::isfinite(rate) ? fixed(rate * 100.0, 1, "-") + "%" : std::string("-");
  };
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "orders", m.orders, "delivered",
                 m.orders_delivered);
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "bundles", m.bundles, "bundle size mean",
                 val(m.bundle_size_mean, 2));
  fmt::format_to(it, "\n  {:<26}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}\n", "minutes", "n", "mean", "p10",
                 "p50", "p90", "max");
  for (const auto& [name, s] :
       {std::pair<const char*, const MdrpMinutesStats&>{"click-to-door", m.click_to_door_min},
        {"ready-to-door", m.ready_to_door_min},
        {"ready-to-pickup", m.ready_to_pickup_min}}) {
    const bool none = s.count == 0;
    fmt::format_to(it, "  {:<26}{:>8}{:>8}{:>8}{:>8}{:>8}{:>8}\n", name, s.count,
                   none ? "-" : val(s.mean, 1), none ? "-" : val(s.p10, 1),
                   none ? "-" : val(s.p50, 1), none ? "-" : val(s.p90, 1),
                   none ? "-" : val(s.max, 1));
  }
  fmt::format_to(it, "\n  {:<26}{:>10}    {:<22}{:>10}\n", "within target",
                 percent(m.within_target_share), "overage mean (min)", val(m.overage_mean_min, 2));
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "couriers", m.couriers, "courier hours",
                 val(m.courier_hours, 2));
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "orders/courier-hour",
                 val(m.orders_per_courier_hour, 3), "bundles/courier-hour",
                 val(m.bundles_per_courier_hour, 3));
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "utilisation", percent(m.utilization),
                 "driving (min)", val(m.driving_min, 0));
  fmt::format_to(it, "  {:<26}{:>10}    {:<22}{:>10}\n", "pay total", val(m.pay_total, 2),
                 "pay per order", val(m.pay_per_order_delivered, 2));
  fmt::format_to(it, "  {:<26}{:>10}\n", "couriers paid guarantee", m.couriers_paid_guarantee);
  return text;
}

}  // namespace knightsim
