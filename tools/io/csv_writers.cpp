// orders.csv, riders.csv, rider_days.csv and zones.csv (columns documented in docs/outputs.md).
// Determinism tests hash these files, so every number goes through fmt without the locale, times
// are printed exactly from integer milliseconds, and lines end in "\n" only.

#include <cassert>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/zones.hpp"

namespace knightsim {

std::string format_ms_as_seconds(SimTime ms) {
  // Work on the magnitude as unsigned so that even INT64_MIN has no overflow.
  const bool negative = ms < 0;
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(ms) + 1 : static_cast<std::uint64_t>(ms);
  const std::uint64_t whole = magnitude / 1000;
  std::uint64_t fraction = magnitude % 1000;
  std::string text = fmt::format("{}{}", negative ? "-" : "", whole);
  if (fraction != 0) {
    int digits = 3;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
    text += fmt::format(".{:0{}}", fraction, digits);
  }
  return text;
}

namespace {

using Buffer = fmt::memory_buffer;

/// Fixed decimals; empty for a non-finite value; never "-0.0".
void append_fixed(Buffer& buf, double value, int decimals) {
  if (!std::isfinite(value)) return;
  const std::size_t begin = buf.size();
  fmt::format_to(std::back_inserter(buf), "{:.{}f}", value, decimals);
  if (buf[begin] != '-') return;
  for (std::size_t i = begin + 1; i < buf.size(); ++i) {
    if (buf[i] != '0' && buf[i] != '.') return;
  }
  // Only zeros after the sign: drop the sign by shifting the digits left.
  for (std::size_t i = begin; i + 1 < buf.size(); ++i) buf[i] = buf[i + 1];
  buf.resize(buf.size() - 1);
}

/// A time column: empty when the event never happened.
void append_time(Buffer& buf, SimTime ms) {
  if (ms == kNever) return;
  const std::string text = format_ms_as_seconds(ms);
  buf.append(text.data(), text.data() + text.size());
}

void append_id(Buffer& buf, std::uint32_t id) {
  if (id == kNoId) return;
  fmt::format_to(std::back_inserter(buf), "{}", id);
}

template <typename Integer>
void append_int(Buffer& buf, Integer value) {
  fmt::format_to(std::back_inserter(buf), "{}", value);
}

/// RFC 4180: a field with a comma, quote or line break is quoted, inner quotes doubled.
void append_text(Buffer& buf, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buf.append(text.data(), text.data() + text.size());
    return;
  }
  buf.push_back('"');
  for (const char c : text) {
    if (c == '"') buf.push_back('"');
    buf.push_back(c);
  }
  buf.push_back('"');
}

void comma(Buffer& buf) {
  buf.push_back(',');
}

/// Keeps memory bounded for large runs: rows are flushed in chunks, not built whole.
constexpr std::size_t kFlushBytes = 1 << 16;

void flush(std::ostream& out, Buffer& buf) {
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.clear();
}

void append_order_row(Buffer& buf, const Order& order, const Zones& zones) {
  append_id(buf, order.id);
  comma(buf);
  append_text(buf, to_string(order.category));
  comma(buf);
  append_id(buf, order.merchant);
  comma(buf);
  append_time(buf, order.placed_ms);
  comma(buf);
  append_time(buf, order.ready_ms);
  comma(buf);
  append_time(buf, order.assigned_ms);
  comma(buf);
  append_time(buf, order.picked_up_ms);
  comma(buf);
  append_time(buf, order.delivered_ms);
  comma(buf);
  append_time(buf, order.cancelled_ms);
  comma(buf);
  append_id(buf, order.rider);
  comma(buf);
  append_time(buf, order.promised_ms);
  comma(buf);
  append_fixed(buf, order.distance_m, 1);
  comma(buf);
  append_fixed(buf, order.weight_kg, 2);
  comma(buf);
  append_text(buf, to_string(order.status));
  comma(buf);
  append_fixed(buf, order.customer.x_m, 1);
  comma(buf);
  append_fixed(buf, order.customer.y_m, 1);
  const bool delivered = order.delivered_ms != kNever && order.placed_ms != kNever;
  comma(buf);
  if (delivered) append_time(buf, order.delivered_ms - order.placed_ms);
  comma(buf);
  if (delivered && order.promised_ms != kNever) {
    buf.push_back(order.delivered_ms <= order.promised_ms ? '1' : '0');
  }
  comma(buf);
  append_text(buf, zones.name(zones.zone_of(order.customer)));
  buf.push_back('\n');
}

}  // namespace

void write_orders_csv(std::ostream& out, const Simulation& simulation) {
  Buffer buf;
  constexpr std::string_view kHeader =
      "order_id,category,merchant_id,placed_s,ready_s,assigned_s,picked_up_s,delivered_s,"
      "cancelled_s,rider_id,promised_s,distance_m,weight_kg,status,customer_x_m,customer_y_m,"
      "click_to_door_s,on_time,zone\n";
  buf.append(kHeader.data(), kHeader.data() + kHeader.size());
  const Zones zones(simulation.spec());
  // Ids are indices into orders(), so this is id order.
  for (const Order& order : simulation.orders()) {
    append_order_row(buf, order, zones);
    if (buf.size() >= kFlushBytes) flush(out, buf);
  }
  flush(out, buf);
}

void write_riders_csv(std::ostream& out, const Simulation& simulation) {
  Buffer buf;
  constexpr std::string_view kHeader =
      "rider_id,fleet,shift_start_s,shift_end_s,orders_delivered,busy_s,idle_s,on_shift_s,"
      "distance_m,earnings,order_earnings,earnings_per_hour,utilization,speed_kmh,capacity,"
      "home_station,fleet_kind,woman,disabled,opted_out,age_band,experience_days,days_worked,"
      "bonus_earnings,subsidy,insurance_payout,covered_days,incidents,injuries,breaks,rest_s,"
      "heat_exposure_s,cold_exposure_s,peak_fatigue_h,policy_cancellations,hired_s,quit_s\n";
  buf.append(kHeader.data(), kHeader.data() + kHeader.size());

  const auto& fleets = simulation.spec().riders.fleets;
  const auto stations = simulation.stations();
  for (const Rider& rider : simulation.riders()) {
    if (rider.hired_ms == kNever) continue;  // a reserve recruit never hired
    assert(rider.fleet < fleets.size());
    assert(rider.home < stations.size());
    const auto shift_time = [&](SimTime ms) {
      if (ms != Rider::kNoShift) append_time(buf, ms);
    };

    append_id(buf, rider.id);
    comma(buf);
    append_text(buf, fleets[rider.fleet].name);
    comma(buf);
    shift_time(rider.first_shift_start_ms);
    comma(buf);
    shift_time(rider.last_shift_end_ms);
    comma(buf);
    append_int(buf, rider.orders_delivered);
    comma(buf);
    append_time(buf, rider.busy_ms);
    comma(buf);
    append_time(buf, rider.on_shift_ms - rider.busy_ms);
    comma(buf);
    append_time(buf, rider.on_shift_ms);
    comma(buf);
    append_fixed(buf, rider.distance_m, 1);
    comma(buf);
    append_fixed(buf, rider.earnings, 2);
    comma(buf);
    append_fixed(buf, rider.order_earnings, 2);
    comma(buf);
    // Rates are undefined (empty) for a rider who was never on shift.
    if (rider.on_shift_ms > 0) {
      const double on_shift_h =
          static_cast<double>(rider.on_shift_ms) / static_cast<double>(kMsPerHour);
      append_fixed(buf, rider.earnings / on_shift_h, 2);
      comma(buf);
      append_fixed(buf, static_cast<double>(rider.busy_ms) / static_cast<double>(rider.on_shift_ms),
                   4);
    } else {
      comma(buf);
    }
    comma(buf);
    append_fixed(buf, rider.speed_kmh, 1);
    comma(buf);
    append_int(buf, rider.capacity);
    comma(buf);
    append_text(buf, stations[rider.home].name);
    // Riders as people (docs/outputs.md).
    comma(buf);
    append_text(buf, to_string(fleets[rider.fleet].kind));
    comma(buf);
    append_int(buf, rider.woman ? 1 : 0);
    comma(buf);
    append_int(buf, rider.disabled ? 1 : 0);
    comma(buf);
    append_int(buf, rider.opted_out ? 1 : 0);
    comma(buf);
    append_text(buf, to_string(rider.age_band));
    comma(buf);
    append_fixed(buf, rider.experience_days, 1);
    comma(buf);
    append_int(buf, rider.days_worked);
    comma(buf);
    append_fixed(buf, rider.bonus_earnings, 2);
    comma(buf);
    append_fixed(buf, rider.subsidy, 2);
    comma(buf);
    append_fixed(buf, rider.insurance_payout, 2);
    comma(buf);
    append_int(buf, rider.covered_days);
    comma(buf);
    append_int(buf, rider.incidents);
    comma(buf);
    append_int(buf, rider.injuries);
    comma(buf);
    append_int(buf, rider.breaks_taken);
    comma(buf);
    append_time(buf, rider.rest_ms);
    comma(buf);
    append_time(buf, rider.heat_exposure_ms);
    comma(buf);
    append_time(buf, rider.cold_exposure_ms);
    comma(buf);
    append_fixed(buf, rider.peak_fatigue_h, 2);
    comma(buf);
    append_int(buf, rider.policy_cancellations);
    comma(buf);
    append_time(buf, rider.hired_ms);
    comma(buf);
    append_time(buf, rider.quit_ms);
    buf.push_back('\n');
    if (buf.size() >= kFlushBytes) flush(out, buf);
  }
  flush(out, buf);
}

void write_rider_days_csv(std::ostream& out, const Simulation& simulation) {
  Buffer buf;
  constexpr std::string_view kHeader =
      "rider_id,day,date,fleet,hours_on_shift,hours_busy,orders_delivered,order_earnings,"
      "guarantee_top_up,earnings,bonus_earnings,subsidy,distance_km,incidents,injuries,"
      "insurance_payout,peak_fatigue_h,heat_exposure_h,cold_exposure_h,charging_visits,"
      "battery_shift_ends\n";
  buf.append(kHeader.data(), kHeader.data() + kHeader.size());
  const auto& fleets = simulation.spec().riders.fleets;
  const auto hours = [](SimTime ms) {
    return static_cast<double>(ms) / static_cast<double>(kMsPerHour);
  };
  for (const RiderDay& day : simulation.rider_days()) {
    assert(day.fleet < fleets.size());
    append_id(buf, day.rider);
    comma(buf);
    append_int(buf, day.day);
    comma(buf);
    // The day's local midnight, as "YYYY-MM-DD".
    const std::string date = simulation.clock().format(day.day_start_ms).substr(0, 10);
    append_text(buf, date);
    comma(buf);
    append_text(buf, fleets[day.fleet].name);
    comma(buf);
    append_fixed(buf, hours(day.on_shift_ms), 4);
    comma(buf);
    append_fixed(buf, hours(day.busy_ms), 4);
    comma(buf);
    append_int(buf, day.orders_delivered);
    comma(buf);
    append_fixed(buf, day.order_earnings, 2);
    comma(buf);
    append_fixed(buf, day.guarantee_top_up, 2);
    comma(buf);
    append_fixed(buf, day.order_earnings + day.guarantee_top_up, 2);
    comma(buf);
    append_fixed(buf, day.bonus_earnings, 2);
    comma(buf);
    append_fixed(buf, day.subsidy, 2);
    comma(buf);
    append_fixed(buf, day.distance_m / 1000.0, 3);
    comma(buf);
    append_int(buf, day.incidents);
    comma(buf);
    append_int(buf, day.injuries);
    comma(buf);
    append_fixed(buf, day.insurance_payout, 2);
    comma(buf);
    append_fixed(buf, day.peak_fatigue_h, 2);
    comma(buf);
    append_fixed(buf, hours(day.heat_exposure_ms), 2);
    comma(buf);
    append_fixed(buf, hours(day.cold_exposure_ms), 2);
    comma(buf);
    append_int(buf, day.charging_visits);
    comma(buf);
    append_int(buf, day.battery_shift_ends);
    buf.push_back('\n');
    if (buf.size() >= kFlushBytes) flush(out, buf);
  }
  flush(out, buf);
}

void write_zones_csv(std::ostream& out, const RunSummary& summary) {
  Buffer buf;
  constexpr std::string_view kHeader =
      "zone,orders,delivered,cancelled,on_time_rate,click_to_door_mean_min,"
      "click_to_door_p90_min\n";
  buf.append(kHeader.data(), kHeader.data() + kHeader.size());
  for (const ZoneSummary& zone : summary.zones) {
    append_text(buf, zone.name);
    comma(buf);
    append_int(buf, static_cast<long long>(zone.created));
    comma(buf);
    append_int(buf, static_cast<long long>(zone.delivered));
    comma(buf);
    append_int(buf, static_cast<long long>(zone.cancelled));
    comma(buf);
    append_fixed(buf, zone.on_time_rate, 4);
    comma(buf);
    append_fixed(buf, zone.click_to_door_mean_min, 2);
    comma(buf);
    append_fixed(buf, zone.click_to_door_p90_min, 2);
    buf.push_back('\n');
  }
  flush(out, buf);
}

}  // namespace knightsim
