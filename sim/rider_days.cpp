// Rider days: each rider's work per day worked (RiderDay), kept by differences of the rider's
// running totals over each working stretch, so the days always add up to the run's totals.
#include <algorithm>
#include <cassert>
#include <vector>

#include "simulation_impl.hpp"

namespace knightsim {
namespace {

/// The rider's running totals in a RiderDay's shape (the fields summed over stretches).
/// `busy_running_ms`: the busy stretch still open now (a rider may go offline a moment before
/// its last assignment is settled in the same event).
RiderDay totals_of(const Rider& rider, SimTime busy_running_ms) {
  RiderDay totals;
  totals.on_shift_ms = rider.on_shift_ms;
  totals.busy_ms = rider.busy_ms + busy_running_ms;
  totals.orders_delivered = rider.orders_delivered;
  totals.order_earnings = rider.order_earnings;
  totals.bonus_earnings = rider.bonus_earnings;
  totals.distance_m = rider.distance_m;
  totals.incidents = rider.incidents;
  totals.injuries = rider.injuries;
  totals.insurance_payout = rider.insurance_payout;
  totals.heat_exposure_ms = rider.heat_exposure_ms;
  totals.cold_exposure_ms = rider.cold_exposure_ms;
  totals.charging_visits = rider.charging_visits;
  totals.battery_shift_ends = rider.battery_shift_ends;
  return totals;
}

}  // namespace

SimTime Simulation::Impl::busy_running_ms(const Rider& rider) const {
  return rider.assigned_open > 0 ? now_ms - busy_since_ms[rider.id] : 0;
}

void Simulation::Impl::open_rider_day(const Rider& rider) {
  const RiderId r = rider.id;
  assert(open_day_row[r] == kNoRow);
  const std::int64_t day = clock.day_index(now_ms) - clock.day_index(0);
  if (last_day_row[r] == kNoRow || rider_days[last_day_row[r]].day != day) {
    RiderDay record;
    record.rider = r;
    record.fleet = rider.fleet;
    record.day = day;
    record.day_start_ms = clock.midnight_of_day(clock.day_index(now_ms));
    last_day_row[r] = rider_days.size();
    rider_days.push_back(record);
  }
  open_day_row[r] = last_day_row[r];
  stretch_start[r] = totals_of(rider, busy_running_ms(rider));
}

void Simulation::Impl::close_rider_day(const Rider& rider) {
  const RiderId r = rider.id;
  if (open_day_row[r] == kNoRow) return;
  RiderDay& day = rider_days[open_day_row[r]];
  const RiderDay now = totals_of(rider, busy_running_ms(rider));
  const RiderDay& start = stretch_start[r];
  day.on_shift_ms += now.on_shift_ms - start.on_shift_ms;
  day.busy_ms += now.busy_ms - start.busy_ms;
  day.orders_delivered += now.orders_delivered - start.orders_delivered;
  day.order_earnings += now.order_earnings - start.order_earnings;
  day.bonus_earnings += now.bonus_earnings - start.bonus_earnings;
  day.distance_m += now.distance_m - start.distance_m;
  day.incidents += now.incidents - start.incidents;
  day.injuries += now.injuries - start.injuries;
  day.insurance_payout += now.insurance_payout - start.insurance_payout;
  day.heat_exposure_ms += now.heat_exposure_ms - start.heat_exposure_ms;
  day.cold_exposure_ms += now.cold_exposure_ms - start.cold_exposure_ms;
  day.charging_visits += now.charging_visits - start.charging_visits;
  day.battery_shift_ends += now.battery_shift_ends - start.battery_shift_ends;
  open_day_row[r] = kNoRow;
}

void Simulation::Impl::finalize_rider_days() {
  // The guarantee tops up the run's earnings (finalize); share each rider's top-up among its
  // days in proportion to the days' own shortfalls.
  std::vector<double> shortfall_sum(riders.size(), 0.0);
  const auto shortfall = [&](const RiderDay& day) {
    const double guarantee = spec.riders.fleets[day.fleet].pay.hourly_guarantee *
                             static_cast<double>(day.on_shift_ms) / static_cast<double>(kMsPerHour);
    return std::max(0.0, guarantee - day.order_earnings);
  };
  for (const RiderDay& day : rider_days) shortfall_sum[day.rider] += shortfall(day);
  const DisabledSupport& support = spec.policies.disabled_support;
  for (RiderDay& day : rider_days) {
    const Rider& rider = riders[day.rider];
    const double top_up = rider.earnings - rider.order_earnings;
    if (top_up > 0.0 && shortfall_sum[day.rider] > 0.0)
      day.guarantee_top_up = top_up * shortfall(day) / shortfall_sum[day.rider];
    if (support.enabled && rider.disabled) {
      day.subsidy = support.subsidy_per_hour * static_cast<double>(day.on_shift_ms) /
                    static_cast<double>(kMsPerHour);
    }
  }
  std::stable_sort(rider_days.begin(), rider_days.end(), [](const RiderDay& a, const RiderDay& b) {
    return a.day != b.day ? a.day < b.day : a.rider < b.rider;
  });
  // The open/last row indices pointed into the unsorted records: forget them.
  open_day_row.assign(riders.size(), kNoRow);
  last_day_row.assign(riders.size(), kNoRow);
}

}  // namespace knightsim
