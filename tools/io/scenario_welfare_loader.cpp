// Riders as people in scenario files: fleets' kind, people, roster and pay bonuses, stations'
// capacity, amenities and hours, and the safety and policies sections.
#include "scenario_welfare_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "yaml_tree.hpp"

namespace knightsim::scenario_values {
namespace {

const Limits kShare = between(0.0, 1.0);

/// true/false (also yes/no, on/off).
bool flag(Reader& reader, const Fields& fields, std::string_view key, bool& out) {
  const Node* node = fields.get(key);
  if (node == nullptr) return true;
  std::size_t index = 0;
  static const std::vector<std::string> kNames = {"false", "true", "no", "yes", "off", "on"};
  if (!node->is_scalar() || node->quoted)
    return reader.wrong_type(*node, fields.path(key), "true or false");
  if (!reader.choice(*node, fields.path(key), "truth value", kNames, index)) return false;
  out = index % 2 == 1;
  return true;
}

/// A time-of-day window `from`..`to` (a night: "22:00" to "06:00").
void window(const Fields& fields, std::string_view from_key, std::string_view to_key,
            SimTime& from_ms, SimTime& to_ms) {
  fields.clock(from_key, from_ms);
  fields.clock(to_key, to_ms, true);
}

/// A policy section: listed = on, unless `enabled: false`.
bool policy_enabled(Reader& reader, const Fields& policy) {
  if (!policy.valid() || policy.get("enabled") == nullptr) {
    // An absent section is off; a present one (even empty, `women_opt_out: {}`) is on.
    return policy.valid();
  }
  bool enabled = true;
  flag(reader, policy, "enabled", enabled);
  return enabled;
}

/// battery_range_km, recharge_below_share and battery_swap of a fleet.
void read_fleet_battery(Reader& reader, const Fields& item, BatterySpec& battery) {
  // A pack beyond 1,000 km is a typo (swap-battery e-bikes do 60–100 km).
  if (item.number("battery_range_km", battery.range_km, between(0.0, 1000.0)) &&
      battery.range_km > 0.0 && battery.range_km < 1.0) {
    reader.report(item.origin("battery_range_km"), item.path("battery_range_km"),
                  "must be 0 (no battery model) or at least 1 (km)");
  }
  // The reserve takes a rider to a charger (or home): none would strand riders on the road, a
  // pack that needs charging when nine-tenths full is no battery at all.
  item.number("recharge_below_share", battery.recharge_below_share, between(0.01, 0.9));
  if (item.duration("battery_swap", battery.swap_ms, true) && battery.swap_ms > 4 * kMsPerHour) {
    reader.report(item.origin("battery_swap"), item.path("battery_swap"),
                  "must be <= 4h (a longer stop is a shift's end)");
  }
}

}  // namespace

void read_fleet_welfare(Reader& reader, const Fields& item, FleetSpec& fleet) {
  item.choice("kind", "fleet kind", names_of<FleetKind>(kFleetKindCount), fleet.kind);

  const Fields people(
      reader, item.get("people"), item.path("people"),
      {"women_share", "disabled_share", "age_bands", "experience_days_mean", "experience_days_sd"},
      item.origin());
  RiderPeopleSpec& spec = fleet.people;
  people.number("women_share", spec.women_share, kShare);
  people.number("disabled_share", spec.disabled_share, kShare);
  if (const Node* bands = people.get("age_bands")) {
    std::array<double, kAgeBandCount> shares{};
    bool given = false;
    reader.for_each_named(
        bands, people.path("age_bands"), "age band", names_of<AgeBand>(kAgeBandCount),
        [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
          given = true;
          return reader.number(entry.value, path, shares[index], kNonNegative);
        });
    double total = 0.0;
    for (const double share : shares) total += share;
    if (given && total <= 0.0) {
      reader.report(bands->origin, people.path("age_bands"), "the shares must not all be 0");
    } else if (given) {
      spec.age_band_shares = shares;
    }
  }
  // Experience beyond 40 years of daily work is a typo.
  people.number("experience_days_mean", spec.experience_days_mean, between(0.0, 15000.0));
  people.number("experience_days_sd", spec.experience_days_sd, between(0.0, 15000.0));

  read_fleet_battery(reader, item, fleet.battery);

  const Fields roster(reader, item.get("roster"), item.path("roster"),
                      {"days", "windows", "break_after", "break"}, item.origin());
  RosterSpec& out = fleet.roster;
  if (const Node* days = roster.get("days")) {
    static const std::vector<std::string> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const std::vector<Node>* items = reader.list(days, roster.path("days"));
    if (items != nullptr) {
      std::uint8_t mask = 0;
      bool ok = true;
      for (std::size_t i = 0; i < items->size(); ++i) {
        std::size_t day = 0;
        if (reader.choice((*items)[i], join(roster.path("days"), i), "weekday", kDays, day)) {
          mask = static_cast<std::uint8_t>(mask | (1U << day));
        } else {
          ok = false;
        }
      }
      if (ok && mask == 0) {
        reader.report(days->origin, roster.path("days"),
                      "a roster with no working day (list e.g. [mon, tue, wed])");
      } else if (ok) {
        out.work_days_mask = mask;
      }
    }
  }
  if (const std::vector<Node>* windows =
          reader.list(roster.get("windows"), roster.path("windows"))) {
    std::vector<ShiftWindow> read;
    bool ok = true;
    for (std::size_t i = 0; i < windows->size(); ++i) {
      const Node& node = (*windows)[i];
      const Fields w(reader, &node, join(roster.path("windows"), i), {"start", "end"}, node.origin);
      ShiftWindow shift;
      if (!w.valid() || !w.required("start") || !w.required("end") ||
          !w.clock("start", shift.start_ms) || !w.clock("end", shift.end_ms, true)) {
        ok = false;
        continue;
      }
      if (shift.end_ms % kMsPerDay == shift.start_ms) {
        reader.report(w.origin("end"), w.path("end"), "an empty window: end equals start");
        ok = false;
        continue;
      }
      read.push_back({shift.start_ms, shift.end_ms % kMsPerDay});
    }
    // Windows of one day must not overlap, or a rider would start a shift while on one.
    for (std::size_t i = 0; ok && i < read.size(); ++i) {
      for (std::size_t j = i + 1; j < read.size(); ++j) {
        auto covers = [](const ShiftWindow& a, SimTime t) {
          const SimTime length = (a.end_ms - a.start_ms + kMsPerDay) % kMsPerDay;
          return (t - a.start_ms + kMsPerDay) % kMsPerDay < length;
        };
        if (covers(read[i], read[j].start_ms) || covers(read[j], read[i].start_ms)) {
          reader.report((*windows)[j].origin, join(roster.path("windows"), j),
                        fmt::format("overlaps window {}", i));
          ok = false;
        }
      }
    }
    if (ok) out.windows = read;
  }
  if (roster.get("break_after") != nullptr)
    roster.duration("break_after", out.break_after_ms, true);
  if (roster.get("break") != nullptr && roster.duration("break", out.break_ms, true) &&
      out.break_ms > 4 * kMsPerHour) {
    reader.report(roster.origin("break"), roster.path("break"),
                  "a break longer than 4h is a shift's end");
  }
}

void read_pay_bonuses(Reader& reader, const Fields& pay, PaySpec& out) {
  const std::vector<std::string> states = names_of<WeatherState>(kWeatherStateCount);
  reader.for_each_named(
      pay.get("weather_bonus"), pay.path("weather_bonus"), "weather state", states,
      [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
        return reader.number(entry.value, path, out.weather_bonus_per_order[index], kNonNegative);
      });
  pay.number("peak_bonus", out.peak_bonus_per_order, kNonNegative);
  if (const std::vector<Node>* hours = reader.list(pay.get("peak_hours"), pay.path("peak_hours"))) {
    for (std::size_t i = 0; i < hours->size(); ++i) {
      int hour = 0;
      if (reader.integer((*hours)[i], join(pay.path("peak_hours"), i), hour, between(0.0, 23.0)))
        out.peak_hours[static_cast<std::size_t>(hour)] = true;
    }
  }
}

void read_station_welfare(Reader& reader, const Fields& item, StationSpec& station) {
  item.integer("capacity", station.capacity, between(0.0, 100000.0));
  if (const Node* amenities = item.get("amenities")) {
    static const std::vector<std::string> kAmenities = {"rest", "charging", "first_aid"};
    if (const std::vector<Node>* items = reader.list(amenities, item.path("amenities"))) {
      station.rest = station.charging = station.first_aid = false;
      for (std::size_t i = 0; i < items->size(); ++i) {
        std::size_t which = 0;
        if (!reader.choice((*items)[i], join(item.path("amenities"), i), "amenity", kAmenities,
                           which)) {
          continue;
        }
        (which == 0 ? station.rest : which == 1 ? station.charging : station.first_aid) = true;
      }
    }
  }
  item.clock("opens", station.opens_ms);
  item.clock("closes", station.closes_ms, true);
  if (item.get("opens") != nullptr && station.opens_ms == station.closes_ms % kMsPerDay &&
      !(station.opens_ms == 0 && station.closes_ms == kMsPerDay)) {
    reader.report(item.origin("closes"), item.path("closes"),
                  "a station that never opens: closes equals opens");
  }
}

void read_safety(Reader& reader, const Fields& top, SafetySpec& safety) {
  const Fields fields(
      reader, top.get("safety"), "safety",
      {"incidents_per_million_km", "weather_factor", "night_factor", "night_from", "night_to",
       "fatigue_factor_per_hour", "novice_extra", "novice_days", "injury_share", "injury_days_off",
       "first_aid_radius_m", "first_aid_injury_factor", "heat_fatigue_factor",
       "rest_recovery_per_hour", "heat_c", "cold_c"},
      top.origin());
  // A thousand incidents per million km (one per 1,000 km) is already absurd.
  fields.number("incidents_per_million_km", safety.incidents_per_million_km, between(0.0, 1000.0));
  reader.for_each_named(
      fields.get("weather_factor"), fields.path("weather_factor"), "weather state",
      names_of<WeatherState>(kWeatherStateCount),
      [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
        return reader.number(entry.value, path, safety.weather_factor[index], between(0.0, 100.0));
      });
  fields.number("night_factor", safety.night_factor, between(0.0, 100.0));
  window(fields, "night_from", "night_to", safety.night_from_ms, safety.night_to_ms);
  fields.number("fatigue_factor_per_hour", safety.fatigue_factor_per_hour, between(0.0, 10.0));
  fields.number("novice_extra", safety.novice_extra, between(0.0, 100.0));
  fields.number("novice_days", safety.novice_days, kPositive);
  fields.number("injury_share", safety.injury_share, kShare);
  fields.duration("injury_days_off", safety.injury_days_off_ms, false);
  fields.number("first_aid_radius_m", safety.first_aid_radius_m, kNonNegative);
  fields.number("first_aid_injury_factor", safety.first_aid_injury_factor, kShare);
  fields.number("heat_fatigue_factor", safety.heat_fatigue_factor, between(0.0, 10.0));
  fields.number("rest_recovery_per_hour", safety.rest_recovery_per_hour, kNonNegative);
  fields.number("heat_c", safety.heat_c, between(-80.0, 80.0));
  fields.number("cold_c", safety.cold_c, between(-80.0, 80.0));
  if (safety.cold_c >= safety.heat_c) {
    reader.report(fields.origin("cold_c"), fields.path("cold_c"), "must be below heat_c");
  }
}

void read_turnover(Reader& reader, const Fields& top, TurnoverSpec& turnover) {
  if (top.get("turnover") == nullptr) return;
  const Fields f(reader, top.get("turnover"), "turnover",
                 {"enabled", "base_daily_quit", "reservation_wage_per_hour", "earnings_sensitivity",
                  "incident_factor", "social_insurance_effect", "insurance_effect", "novice_extra",
                  "novice_days", "reserve_per_rider"},
                 top.origin());
  turnover.enabled = policy_enabled(reader, f);
  f.number("base_daily_quit", turnover.base_daily_quit, kShare);
  f.number("reservation_wage_per_hour", turnover.reservation_wage_per_hour, kPositive);
  f.number("earnings_sensitivity", turnover.earnings_sensitivity, between(0.0, 20.0));
  f.number("incident_factor", turnover.incident_factor, between(0.0, 100.0));
  f.number("social_insurance_effect", turnover.social_insurance_effect, kShare);
  f.number("insurance_effect", turnover.insurance_effect, kShare);
  f.number("novice_extra", turnover.novice_extra, between(0.0, 100.0));
  f.number("novice_days", turnover.novice_days, kPositive);
  // Ten recruits per place is more than any week or month of churn needs.
  f.number("reserve_per_rider", turnover.reserve_per_rider, between(0.0, 10.0));
}

void read_policies(Reader& reader, const Fields& top, PoliciesSpec& policies) {
  const Fields fields(reader, top.get("policies"), "policies",
                      {"social_insurance", "injury_insurance", "heat_cold_insurance",
                       "women_opt_out", "disabled_support", "career_ladder"},
                      top.origin());
  auto section = [&](std::string_view key, std::initializer_list<std::string_view> keys) {
    return Fields(reader, fields.get(key), fields.path(key), keys, fields.origin());
  };
  auto present = [&](std::string_view key) { return fields.get(key) != nullptr; };

  if (present("social_insurance")) {
    const Fields f = section("social_insurance",
                             {"enabled", "share", "contribution_per_day", "min_hours_per_day"});
    SocialInsuranceSubsidy& p = policies.social_insurance;
    p.enabled = policy_enabled(reader, f);
    f.number("share", p.share, kShare);
    f.number("contribution_per_day", p.contribution_per_day, kNonNegative);
    f.number("min_hours_per_day", p.min_hours_per_day, between(0.0, 24.0));
  }
  if (present("injury_insurance")) {
    const Fields f =
        section("injury_insurance", {"enabled", "premium_per_rider_day", "payout_per_injury"});
    InjuryInsurance& p = policies.injury_insurance;
    p.enabled = policy_enabled(reader, f);
    f.number("premium_per_rider_day", p.premium_per_rider_day, kNonNegative);
    f.number("payout_per_injury", p.payout_per_injury, kNonNegative);
  }
  if (present("heat_cold_insurance")) {
    const Fields f = section("heat_cold_insurance", {"enabled", "min_exposure", "payout_per_day",
                                                     "premium_per_rider_day"});
    HeatColdInsurance& p = policies.heat_cold_insurance;
    p.enabled = policy_enabled(reader, f);
    f.duration("min_exposure", p.min_exposure_ms, true);
    f.number("payout_per_day", p.payout_per_day, kNonNegative);
    f.number("premium_per_rider_day", p.premium_per_rider_day, kNonNegative);
  }
  if (present("women_opt_out")) {
    const Fields f = section("women_opt_out", {"enabled", "opt_out_share", "max_weight_kg",
                                               "night_from", "night_to", "cancel_share"});
    WomenOptOut& p = policies.women_opt_out;
    p.enabled = policy_enabled(reader, f);
    f.number("opt_out_share", p.opt_out_share, kShare);
    f.number("max_weight_kg", p.max_weight_kg, kNonNegative);
    window(f, "night_from", "night_to", p.night_from_ms, p.night_to_ms);
    // Cancelling most accepted orders would leave them circling; as rider_cancel_share.
    f.number("cancel_share", p.cancel_share, between(0.0, 0.5));
  }
  if (present("disabled_support")) {
    const Fields f = section("disabled_support", {"enabled", "max_radius_m", "max_weight_kg",
                                                  "stairs_free", "subsidy_per_hour", "priority"});
    DisabledSupport& p = policies.disabled_support;
    p.enabled = policy_enabled(reader, f);
    f.number("max_radius_m", p.max_radius_m, kPositive);
    f.number("max_weight_kg", p.max_weight_kg, kNonNegative);
    flag(reader, f, "stairs_free", p.stairs_free);
    f.number("subsidy_per_hour", p.subsidy_per_hour, kNonNegative);
    f.duration("priority", p.priority_ms, false);
  }
  if (present("career_ladder")) {
    const Fields f = section("career_ladder", {"enabled", "speed_gain", "cap_days",
                                               "risk_reduction", "training_cost_per_rider_day",
                                               "captain_after_days", "captain_extra_capacity",
                                               "captain_peak_hours", "captain_bonus_per_hour"});
    CareerLadder& p = policies.career_ladder;
    p.enabled = policy_enabled(reader, f);
    f.number("speed_gain", p.speed_gain, between(0.0, 1.0));
    f.number("cap_days", p.cap_days, kPositive);
    f.number("risk_reduction", p.risk_reduction, kShare);
    f.number("training_cost_per_rider_day", p.training_cost_per_rider_day, kNonNegative);
    f.number("captain_after_days", p.captain_after_days, kNonNegative);
    f.integer("captain_extra_capacity", p.captain_extra_capacity, between(0.0, 10.0));
    if (const std::vector<Node>* hours =
            reader.list(f.get("captain_peak_hours"), f.path("captain_peak_hours"))) {
      for (std::size_t i = 0; i < hours->size(); ++i) {
        int hour = 0;
        if (reader.integer((*hours)[i], join(f.path("captain_peak_hours"), i), hour,
                           between(0.0, 23.0)))
          p.captain_peak_hours[static_cast<std::size_t>(hour)] = true;
      }
    }
    f.number("captain_bonus_per_hour", p.captain_bonus_per_hour, kNonNegative);
  }
}

}  // namespace knightsim::scenario_values
