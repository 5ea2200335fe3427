#pragma once
/// The scenario data of riders as people (who they are, when they work, how they rest), of
/// safety (incidents, heat and cold), and of the City Knights policies. Plain data with the
/// documented defaults of docs/policies.md and docs/scenario-format.md; the engine reads it in
/// sim/rider_people.cpp, sim/shift_roster.cpp and sim/rider_welfare.cpp.

#include <array>
#include <cstdint>
#include <vector>

#include "knightsim/sim_time.hpp"

namespace knightsim {

/// How a fleet is employed: it changes nothing in the engine by itself (shifts, pay and
/// policies say what differs) but is reported and lets policies' eligibility refer to it.
enum class FleetKind : std::uint8_t { full_time, part_time, crowd };
inline constexpr int kFleetKindCount = 3;
const char* to_string(FleetKind kind);

/// Age bands riders are reported in.
enum class AgeBand : std::uint8_t { under_30, from_30_to_44, from_45 };
inline constexpr int kAgeBandCount = 3;
const char* to_string(AgeBand band);

/// The distributions a fleet's riders are drawn from (stream "world.riders", so the orders and
/// the dispatch draws of a run are the same whatever they say).
struct RiderPeopleSpec {
  double women_share = 0.0;     ///< probability a rider is a woman
  double disabled_share = 0.0;  ///< probability a rider has a disability
  /// Relative shares of AgeBand::under_30, from_30_to_44, from_45.
  std::array<double, kAgeBandCount> age_band_shares = {0.55, 0.35, 0.10};
  /// Experience (days worked before the run), lognormal with this mean and sd; 0 = novices.
  double experience_days_mean = 120.0;
  double experience_days_sd = 120.0;
};

/// A working window as times of day; an end at or before the start runs past midnight.
struct ShiftWindow {
  SimTime start_ms = 0;
  SimTime end_ms = 0;
};

/// When a fleet works: which days of the week, which windows of the day (several make a split
/// shift; school hours are just a window), and breaks.
struct RosterSpec {
  /// Bit d set = works on weekday d (0 = Monday … 6 = Sunday), the weekday a window starts on.
  std::uint8_t work_days_mask = 0x7f;
  /// Empty = the fleet's one window shift_start..shift_end.
  std::vector<ShiftWindow> windows;
  /// A break of break_ms after every break_after_ms on shift; 0 = no breaks.
  SimTime break_after_ms = 0;
  SimTime break_ms = 20 * kMsPerMinute;
};

/// Incidents (crashes) and exposure. Defaults are assumptions documented in docs/policies.md.
struct SafetySpec {
  /// Incidents per million km for a rested, experienced rider by day in clear weather.
  double incidents_per_million_km = 10.0;
  /// Multiplier by WeatherState (clear, rain, heavy_rain, storm, snow, heat, cold).
  std::array<double, 7> weather_factor = {1.0, 1.5, 2.0, 3.0, 3.0, 1.2, 1.2};
  double night_factor = 1.5;  ///< riding at night (night_from..night_to, times of day)
  SimTime night_from_ms = 22 * kMsPerHour;
  SimTime night_to_ms = 6 * kMsPerHour;
  /// Each hour of accumulated fatigue multiplies the hazard by (1 + this).
  double fatigue_factor_per_hour = 0.15;
  /// A novice's extra risk: hazard × (1 + novice_extra × exp(-experience_days / novice_days)).
  double novice_extra = 1.0;
  double novice_days = 60.0;
  /// Share of incidents that injure: the rider stops where it is and the orders it carries
  /// are lost (cancelled); other incidents end the shift after the carried orders are delivered.
  double injury_share = 0.3;
  /// First aid: an incident within first_aid_radius_m (straight line) of an open station with
  /// the first_aid amenity injures with probability injury_share × first_aid_injury_factor
  /// (help arrives in minutes). 1 = no effect; an assumption, see docs/policies.md.
  double first_aid_radius_m = 500.0;
  double first_aid_injury_factor = 1.0;
  /// An injured rider works no shift for this long.
  SimTime injury_days_off_ms = 7 * kMsPerDay;
  /// Fatigue: hours of riding, weighted by heat_fatigue_factor in heat or cold states;
  /// recovers at rest_recovery_per_hour per hour of break or off-shift time.
  double heat_fatigue_factor = 1.5;
  double rest_recovery_per_hour = 3.0;
  /// Exposure: minutes outside (on shift and not resting at a station) at or above heat_c or
  /// at or below cold_c, by the weather state's temperature_c.
  double heat_c = 35.0;
  double cold_c = 0.0;
};

/// Social-insurance subsidy: the platform pays `share` of a rider's daily contribution on
/// every day the rider works at least min_hours_per_day.
struct SocialInsuranceSubsidy {
  bool enabled = false;
  double share = 0.5;
  double contribution_per_day = 40.0;
  double min_hours_per_day = 4.0;
};

/// Occupational-injury insurance: a premium per rider-day worked; pays out per injury.
struct InjuryInsurance {
  bool enabled = false;
  double premium_per_rider_day = 1.5;
  double payout_per_injury = 5000.0;
};

/// Heat and cold insurance: pays payout_per_day to a rider whose exposure above SafetySpec::heat_c
/// (or below cold_c) reaches min_exposure_ms in a day.
struct HeatColdInsurance {
  bool enabled = false;
  SimTime min_exposure_ms = 2 * kMsPerHour;
  double payout_per_day = 30.0;
  double premium_per_rider_day = 0.3;
};

/// Women riders who opt out are not dispatched orders heavier than max_weight_kg, nor any order
/// while the time of day is in night_from..night_to; they may cancel an accepted order before
/// pickup without penalty (no pause); the order is dispatched again.
struct WomenOptOut {
  bool enabled = false;
  double opt_out_share = 1.0;  ///< share of women riders who use the right
  double max_weight_kg = 5.0;
  SimTime night_from_ms = 22 * kMsPerHour;
  SimTime night_to_ms = 6 * kMsPerHour;
  double cancel_share = 0.0;  ///< share of accepted orders they cancel (a personal reason)
};

/// Dispatch limits for disabled riders: only orders whose merchant and customer lie within
/// max_radius_m (straight line) of the rider's home station, up to max_weight_kg, and without
/// stairs; an hourly subsidy. Priority: for an order within a disabled rider's limits the
/// engine's dispatch view (appended_pickup, plan_route) reports the rider's pickup and drop-off
/// priority_ms earlier than they would be, so every strategy that prefers early pickups or
/// drop-offs prefers the rider; the real timing is unchanged. 0 = no priority.
struct DisabledSupport {
  bool enabled = false;
  double max_radius_m = 2000.0;
  double max_weight_kg = 3.0;
  bool stairs_free = true;
  double subsidy_per_hour = 5.0;
  SimTime priority_ms = 0;
};

/// Training and career ladder: speed rises with experience by up to speed_gain at cap_days; a
/// novice's extra incident risk is cut by risk_reduction; training costs the platform.
struct CareerLadder {
  bool enabled = false;
  double speed_gain = 0.10;
  double cap_days = 365.0;
  double risk_reduction = 0.5;
  double training_cost_per_rider_day = 2.0;
  /// Captains: riders with at least captain_after_days of experience may carry
  /// captain_extra_capacity more orders during the captain_peak_hours (hour h of the day), for
  /// a bonus of captain_bonus_per_hour per captain on shift at the start of each such hour
  /// (paid by the platform). 0 extra capacity = no captains.
  double captain_after_days = 180.0;
  int captain_extra_capacity = 0;
  std::array<bool, 24> captain_peak_hours{};
  double captain_bonus_per_hour = 0.0;
};

/// Turnover: at each day boundary every rider who worked that day may quit, with probability
/// base_daily_quit × exp(earnings_sensitivity × shortfall) × (1 + incident_factor if an
/// incident that day) × (1 − social_insurance_effect if the day was covered) × (1 −
/// insurance_effect per insurance in force) × (1 + novice_extra × exp(−experience days /
/// novice_days)), where shortfall = (reservation wage − the day's earnings per hour) / reservation
/// wage, clamped to [−0.5, 1]. Recruits from a reserve refill each fleet to its count with
/// novices. Off unless enabled; defaults and their sources in docs/policies.md.
struct TurnoverSpec {
  bool enabled = false;
  double base_daily_quit = 0.0043;  ///< ≈ 12% a month of daily work (assumption)
  double reservation_wage_per_hour = 25.0;
  double earnings_sensitivity = 2.0;
  double incident_factor = 3.0;
  double social_insurance_effect = 0.3;
  double insurance_effect = 0.1;
  double novice_extra = 1.0;
  double novice_days = 30.0;
  /// The reserve recruits are drawn from, per rider of the fleet (bounds recruitment).
  double reserve_per_rider = 1.0;
};

struct PoliciesSpec {
  SocialInsuranceSubsidy social_insurance;
  InjuryInsurance injury_insurance;
  HeatColdInsurance heat_cold_insurance;
  WomenOptOut women_opt_out;
  DisabledSupport disabled_support;
  CareerLadder career_ladder;
};

}  // namespace knightsim
