// The scenario's `weather` section: the state timeline, the effects of each state, and the
// conditions at sea (`weather.marine`) by island. See docs/scenario-format.md, "weather".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "scenario_sections.hpp"

namespace knightsim::scenario_values {

void Loader::read_weather(const Fields& top, ScenarioSpec& spec, bool times_known) {
  WeatherSpec& weather = spec.weather;
  const std::vector<std::string> states = names_of<WeatherState>(kWeatherStateCount);
  const Fields fields(
      *this, top.get("weather"), "weather",
      {"initial", "timeline", "effects", "initial_wind_force", "initial_visibility_km", "marine"},
      top.origin());
  fields.choice("initial", "weather state", states, weather.initial);
  for_each_named(
      fields.get("effects"), fields.path("effects"), "weather state", states,
      [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
        WeatherEffect& effect = weather.effects[index];
        const Fields item(*this, &entry.value, path,
                          {"speed_factor", "demand_factor", "temperature_c"}, entry.key_origin);
        if (item.number("speed_factor", effect.speed_factor, Limits{0.0, true, 5.0}) &&
            effect.speed_factor < 0.05) {
          // Riders at a twentieth of their speed have stopped; below that, travel
          // times leave the range of simulated time.
          report(item.origin("speed_factor"), item.path("speed_factor"), "must be >= 0.05");
        }
        item.number("demand_factor", effect.demand_factor, kNonNegative);
        item.number("temperature_c", effect.temperature_c, between(-80.0, 80.0));
        return true;
      });

  const std::string timeline_path = fields.path("timeline");
  const std::vector<Node>* items = list(fields.get("timeline"), timeline_path);
  const SimTime start_of_day = spec.start.hour * kMsPerHour + spec.start.minute * kMsPerMinute;
  std::optional<SimTime> previous;  // time of the previous entry, since the start
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(*this, &node, join(timeline_path, i), {"at", "after", "state"}, node.origin);
    if (!item.valid()) continue;
    WeatherChange change;
    bool ok = item.required("state") && item.choice("state", "weather state", states, change.state);
    std::string_view key;
    const std::optional<SimTime> at_ms =
        entry_time(item, start_of_day, previous.value_or(0), times_known, key);
    if (!at_ms) continue;
    const SimTime when = *at_ms;
    if (previous && when <= *previous) {
      report(item.origin(key), item.path(key),
             fmt::format("{} the previous entry ({} after the start)",
                         key == "at" ? "is at the same time as" : "must be later than",
                         format_duration(*previous)));
      ok = false;
    }
    // Changes at or after the end of the run are kept and simply never happen, so that
    // shortening a run with --set duration=... needs no edit of its weather.
    previous = when;
    change.at_ms = when;
    if (ok) weather.timeline.push_back(change);
  }
  std::stable_sort(
      weather.timeline.begin(), weather.timeline.end(),
      [](const WeatherChange& a, const WeatherChange& b) { return a.at_ms < b.at_ms; });
  read_marine(fields, spec, times_known);
}

std::optional<SimTime> Loader::entry_time(const Fields& item, SimTime start_of_day, SimTime from_ms,
                                          bool times_known, std::string_view& key) {
  const Node* at = item.get("at");
  const Node* after = item.get("after");
  if ((at == nullptr) == (after == nullptr)) {
    report(item.origin(), item.path(),
           at != nullptr ? "give either 'at' or 'after', not both"
                         : "needs 'at' (a clock time) or 'after' (a duration since the start)");
    return std::nullopt;
  }
  key = at != nullptr ? "at" : "after";
  SimTime when = 0;
  if (at != nullptr) {
    SimTime clock_ms = 0;
    if (!clock(*at, item.path("at"), clock_ms, false) || !times_known) return std::nullopt;
    // The first time the clock shows this at or after the previous entry (or the start), so
    // a day's timeline is written in clock times and runs on past midnight.
    const SimTime from = start_of_day + from_ms;
    const SimTime days = from > clock_ms ? (from - clock_ms + kMsPerDay - 1) / kMsPerDay : 0;
    when = clock_ms + days * kMsPerDay - start_of_day;
  } else if (!duration(*after, item.path("after"), when, false) || !times_known) {
    return std::nullopt;
  }
  return when;
}

void Loader::read_marine(const Fields& weather, ScenarioSpec& spec, bool times_known) {
  WeatherSpec& out = spec.weather;
  const Limits kWindForce = between(0.0, kMaxWindForce);
  weather.number("initial_wind_force", out.initial_wind_force, kWindForce);
  weather.number("initial_visibility_km", out.initial_visibility_km, kNonNegative);

  // What holds where, so that an entry may change only the wind or only the visibility: the
  // value left out is the one in force in its region (everywhere: the last set everywhere).
  struct Conditions {
    double wind_force;
    double visibility_km;
  };
  Conditions everywhere{out.initial_wind_force, out.initial_visibility_km};
  std::vector<std::pair<std::string, Conditions>> regions;

  const std::vector<std::string>& islands = map_.island_names();
  const std::string path = weather.path("marine");
  const std::vector<Node>* items = list(weather.get("marine"), path);
  const SimTime start_of_day = spec.start.hour * kMsPerHour + spec.start.minute * kMsPerMinute;
  std::optional<SimTime> previous;
  std::vector<std::string> regions_at_previous;  // regions changed at time `previous`
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(*this, &node, join(path, i),
                      {"at", "after", "region", "wind_force", "visibility_km"}, node.origin);
    if (!item.valid()) continue;
    MarineChange change;
    bool ok = item.text("region", change.region);
    if (item.get("region") != nullptr && ok) {
      if (change.region.empty()) {
        report(item.origin("region"), item.path("region"),
               "must not be empty (leave 'region' out for a change everywhere)");
        ok = false;
      } else if (!map_.has_islands()) {
        report(item.origin("region"), item.path("region"),
               fmt::format("unknown island '{}': the map has no islands (leave 'region' out for "
                           "a change everywhere)",
                           change.region));
        ok = false;
      } else if (std::find(islands.begin(), islands.end(), change.region) == islands.end()) {
        report(item.origin("region"), item.path("region"),
               unknown_name("island", change.region, islands));
        ok = false;
      }
    }
    std::optional<double> wind_force;
    std::optional<double> visibility_km;
    double value = 0.0;
    if (item.get("wind_force") != nullptr) {
      if (item.number("wind_force", value, kWindForce)) {
        wind_force = value;
      } else {
        ok = false;
      }
    }
    if (item.get("visibility_km") != nullptr) {
      if (item.number("visibility_km", value, kNonNegative)) {
        visibility_km = value;
      } else {
        ok = false;
      }
    }
    if (item.get("wind_force") == nullptr && item.get("visibility_km") == nullptr) {
      report(item.origin(), item.path(), "needs wind_force or visibility_km (or both)");
      ok = false;
    }
    std::string_view key;
    const std::optional<SimTime> at_ms =
        entry_time(item, start_of_day, previous.value_or(0), times_known, key);
    if (!at_ms) continue;
    // Several regions may change at once, so equal times are fine, but not twice one region.
    if (previous && *at_ms < *previous) {
      report(item.origin(key), item.path(key),
             fmt::format("must not be earlier than the previous entry ({} after the start)",
                         format_duration(*previous)));
      ok = false;
    } else if (previous && *at_ms == *previous &&
               std::find(regions_at_previous.begin(), regions_at_previous.end(), change.region) !=
                   regions_at_previous.end()) {
      report(item.origin(key), item.path(key),
             fmt::format("an earlier entry changes {} at the same time ({} after the start)",
                         change.region.empty() ? "everywhere" : "'" + change.region + "'",
                         format_duration(*at_ms)));
      ok = false;
    }
    if (!previous || *at_ms != *previous) regions_at_previous.clear();
    regions_at_previous.push_back(change.region);
    previous = *at_ms;
    if (!ok) continue;

    change.at_ms = *at_ms;
    if (change.region.empty()) {
      everywhere = Conditions{wind_force.value_or(everywhere.wind_force),
                              visibility_km.value_or(everywhere.visibility_km)};
      regions.clear();  // a change everywhere resets every region
      change.wind_force = everywhere.wind_force;
      change.visibility_km = everywhere.visibility_km;
    } else {
      auto region = std::find_if(regions.begin(), regions.end(),
                                 [&](const auto& entry) { return entry.first == change.region; });
      if (region == regions.end()) {
        region = regions.insert(regions.end(), {change.region, everywhere});
      }
      region->second = Conditions{wind_force.value_or(region->second.wind_force),
                                  visibility_km.value_or(region->second.visibility_km)};
      change.wind_force = region->second.wind_force;
      change.visibility_km = region->second.visibility_km;
    }
    out.marine.push_back(std::move(change));
  }
}

}  // namespace knightsim::scenario_values
