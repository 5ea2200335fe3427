// Turnover: riders decide at each day boundary whether to go on; fleets recruit novices from a
// reserve to stay at their size (TurnoverSpec; the model and its numbers in docs/policies.md).
#include <algorithm>
#include <cassert>
#include <cmath>

#include "simulation_impl.hpp"

namespace knightsim {

void Simulation::Impl::build_reserve() {
  // Recruits are rider records made at the start and kept offline until hired, so the riders'
  // ids, a dispatcher's view and observers' per-rider tables never change size mid-run.
  for (std::uint32_t fleet = 0; fleet < spec.riders.fleets.size(); ++fleet) {
    const FleetSpec& fleet_spec = spec.riders.fleets[fleet];
    const auto reserve = static_cast<int>(
        std::ceil(spec.turnover.reserve_per_rider * static_cast<double>(fleet_spec.count)));
    const StationId home = home_station(fleet_spec);
    for (int i = 0; i < reserve; ++i) {
      add_rider(fleet, fleet_spec, home, stations[home].location).hired_ms = kNever;
    }
  }
  size_rider_tables();
}

void Simulation::Impl::quit(Rider& rider) {
  assert(rider.state == RiderState::offline && !rider.on_shift);
  rider.quitting = false;
  rider.quit_ms = now_ms;
  ++welfare_totals.quits;
}

void Simulation::Impl::turnover_day() {
  const TurnoverSpec& model = spec.turnover;
  const PoliciesSpec& policies = spec.policies;
  for (Rider& rider : riders) {
    const RiderId r = rider.id;
    if (rider.hired_ms == kNever || rider.quit_ms != kNever || rider.quitting) continue;
    if (day_on_shift_ms[r] <= 0) continue;  // decisions are taken on days worked
    ++welfare_totals.quit_decisions;
    const double hours = static_cast<double>(day_on_shift_ms[r]) / static_cast<double>(kMsPerHour);
    const double earned = std::max(rider.order_earnings - day_start_earnings[r],
                                   spec.riders.fleets[rider.fleet].pay.hourly_guarantee * hours);
    const double shortfall = std::clamp((model.reservation_wage_per_hour - earned / hours) /
                                            std::max(1e-9, model.reservation_wage_per_hour),
                                        -0.5, 1.0);
    double hazard = model.base_daily_quit * std::exp(model.earnings_sensitivity * shortfall);
    if (rider.incidents > day_start_incidents[r]) hazard *= 1.0 + model.incident_factor;
    if (day_covered[r]) hazard *= 1.0 - model.social_insurance_effect;
    if (policies.injury_insurance.enabled) hazard *= 1.0 - model.insurance_effect;
    if (policies.heat_cold_insurance.enabled) hazard *= 1.0 - model.insurance_effect;
    // Tenure: days worked before and during the run.
    hazard *= 1.0 + model.novice_extra *
                        std::exp(-rider.experience_days / std::max(1e-9, model.novice_days));
    // One draw per decision from the rider's own stream, whatever the hazard.
    if (turnover_rng[r].uniform01() >= std::min(1.0, hazard)) continue;
    if (rider.state == RiderState::offline && !rider.on_shift) {
      quit(rider);
    } else {
      rider.quitting = true;  // works to the end of this shift
    }
  }
  // Recruitment: each fleet back to its size, novices from its reserve in id order. Leavers
  // still finishing a shift count as gone.
  for (std::uint32_t fleet = 0; fleet < spec.riders.fleets.size(); ++fleet) {
    int active = 0;
    for (const Rider& rider : riders) {
      if (rider.fleet == fleet && rider.hired_ms != kNever && rider.quit_ms == kNever &&
          !rider.quitting) {
        ++active;
      }
    }
    for (Rider& rider : riders) {
      if (active >= spec.riders.fleets[fleet].count) break;
      if (rider.fleet != fleet || rider.hired_ms != kNever) continue;
      rider.hired_ms = now_ms;  // works from the fleet's next shift
      ++welfare_totals.recruits;
      ++active;
    }
    welfare_totals.recruits_missing +=
        static_cast<std::uint64_t>(std::max(0, spec.riders.fleets[fleet].count - active));
  }
}

}  // namespace knightsim
