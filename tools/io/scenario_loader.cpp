// Scenario files (YAML) → validated ScenarioSpec. Every problem is collected with its file
// position and field path; see docs/scenario-format.md for the schema this implements. The
// weather and trace sections are read in their own files (scenario_sections.hpp).
#include "knightsim/scenario_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <memory>
#include <tuple>
#include <utility>

#include "knightsim/text_file.hpp"
#include "scenario_map_loader.hpp"
#include "scenario_sections.hpp"
#include "scenario_values.hpp"
#include "scenario_welfare_loader.hpp"
#include "yaml_tree.hpp"

namespace knightsim::scenario_values {

// ------------------------------------------------------------------------------------------
// The sections of a scenario.

ScenarioSpec Loader::read(const Node& root) {
  ScenarioSpec spec;
  if (!root.is_map()) {
    wrong_type(root, "", "a map of scenario settings (name: ..., duration: ...)");
    return spec;
  }
  const Fields top(
      *this, &root, "",
      {"name", "description", "start", "duration", "seed", "city", "map", "stations", "merchants",
       "demand", "riders", "dispatch", "weather", "trace", "safety", "policies", "turnover"},
      root.origin);
  const Node* trace = top.get("trace");
  trace_present_ = trace != nullptr && !trace->is_null();
  if (top.required("name") && top.text("name", spec.name) && spec.name.empty()) {
    report(top.origin("name"), "name", "must not be empty");
  }
  top.text("description", spec.description);
  bool times_known = true;
  if (const Node* start = top.get("start")) times_known = date_time(*start, "start", spec.start);
  times_known = top.duration("duration", spec.duration_ms, true) && times_known;
  if (const Node* seed_node = top.get("seed")) seed(*seed_node, "seed", spec.seed);

  // The map first: its geography sets the city's extent and places lat/lon positions. An
  // imported map keeps the roads of the first fleet's mode (peeked at; riders are read later).
  if (const Node* riders = root.find("riders")) {
    const Node* fleets = riders->find("fleets");
    if (fleets != nullptr && fleets->is_sequence() && !fleets->items.empty()) {
      const Node* mode = fleets->items[0].find("mode");
      TravelMode first_mode = TravelMode::bike;
      if (mode != nullptr && mode->is_scalar() && parse_travel_mode(mode->text, first_mode)) {
        map_.set_first_fleet_mode(first_mode);
      }
    }
  }
  map_.read(root, top, spec);
  read_city(top, spec);
  read_stations(top, spec);
  read_merchants(top, spec);
  read_demand(top, spec);
  read_riders(top, spec);
  read_dispatch(top, spec);
  read_weather(top, spec, times_known);
  read_safety(*this, top, spec.safety);
  read_policies(*this, top, spec.policies);
  read_turnover(*this, top, spec.turnover);
  read_trace(top, spec, times_known);
  map_.finish(top, spec, trace_present_);

  // Fleets name their home station; with no station listed the engine adds "central".
  std::vector<std::string> station_names;
  for (const StationSpec& station : spec.stations) station_names.push_back(station.name);
  for (const StationRef& ref : fleet_stations_) {
    if (ref.name.empty()) continue;  // the first station
    if (station_names.empty() && ref.name != "central") {
      report(ref.origin, ref.field,
             fmt::format("unknown station '{}' (no stations are listed, so the only one is "
                         "'central' at the city centre)",
                         ref.name));
    } else if (!station_names.empty() && std::find(station_names.begin(), station_names.end(),
                                                   ref.name) == station_names.end()) {
      report(ref.origin, ref.field, unknown_name("station", ref.name, station_names));
    }
  }
  // Last, and only for an otherwise valid scenario: roads, bridges, oracles and piers.
  if (problems_.empty()) map_.build(top, spec);
  return spec;
}

void Loader::check_inside_city(const Fields& fields, std::string_view key, double value,
                               double limit) {
  if (city_ok_ && (value < 0.0 || value > limit)) {
    report(fields.origin(key), fields.path(key),
           fmt::format("must be within the city (0 to {} m)", limit));
  }
}

bool Loader::read_position(const Fields& item, const CitySpec& city, double& x_m, double& y_m) {
  const bool lat_lon = item.get("lat") != nullptr || item.get("lon") != nullptr;
  Point position;
  if (lat_lon) {
    const std::string_view key = item.get("lat") != nullptr ? "lat" : "lon";
    if (item.get("x_m") != nullptr || item.get("y_m") != nullptr) {
      report(item.origin(key), item.path(),
             "give the position either as x_m and y_m or as lat and lon, not both");
      return false;
    }
    if (!map_.geographic()) {
      report(item.origin(key), item.path(key),
             "lat/lon positions need a geographic map (a map section with islands, bridges, "
             "ferries or an origin); write x_m and y_m");
      return false;
    }
    if (!map_.read_lat_lon(item, position)) return false;
    if (city_ok_ && (position.x_m < 0.0 || position.y_m < 0.0 || position.x_m > city.width_m ||
                     position.y_m > city.height_m)) {
      report(item.origin(key), item.path(),
             fmt::format("is outside the city: {} of its south-west corner, and the city is "
                         "{} × {} m",
                         describe_offset(position), city.width_m, city.height_m));
      return false;
    }
    map_.check_on_land(item.origin(key), item.path(), position);
  } else {
    bool ok = true;
    if (item.required("x_m") && item.number("x_m", position.x_m)) {
      check_inside_city(item, "x_m", position.x_m, city.width_m);
    } else {
      ok = false;
    }
    if (item.required("y_m") && item.number("y_m", position.y_m)) {
      check_inside_city(item, "y_m", position.y_m, city.height_m);
    } else {
      ok = false;
    }
    const bool inside = position.x_m >= 0.0 && position.y_m >= 0.0 &&
                        position.x_m <= city.width_m && position.y_m <= city.height_m;
    if (!ok || !inside) return false;  // outside the city: reported, unless the city is bad
    map_.check_on_land(item.origin("x_m"), item.path(), position);
  }
  x_m = position.x_m;
  y_m = position.y_m;
  return true;
}

void Loader::read_city(const Fields& top, ScenarioSpec& spec) {
  CitySpec& city = spec.city;
  const Fields fields(*this, top.get("city"), "city",
                      {"width_m", "height_m", "block_m", "arterial_every_blocks",
                       "arterial_speed_factor", "detour_factor", "density"},
                      top.origin());
  constexpr Limits kCitySide{0.0, true, kMaxCitySideM};
  if (map_.sides_from_islands()) {
    for (const std::string_view key : {"width_m", "height_m"}) {
      if (fields.get(key) != nullptr) {
        report(fields.origin(key), fields.path(key),
               "is set by the map's islands (their extent, with 2 km of sea around it): remove "
               "it");
      }
    }
  } else {
    city_ok_ = fields.number("width_m", city.width_m, kCitySide);
    city_ok_ = fields.number("height_m", city.height_m, kCitySide) && city_ok_;
  }
  city_ok_ = city_ok_ && map_.extent_ok();
  block_ok_ = fields.number("block_m", city.block_m, kPositive);
  if (block_ok_ && city_ok_) {
    check_block(fields.origin("block_m"), fields.path("block_m"), city, "width_m and height_m");
  }
  fields.integer("arterial_every_blocks", city.arterial_every_blocks, at_least(1.0));
  fields.number("arterial_speed_factor", city.arterial_speed_factor, Limits{1.0, false, 5.0});
  fields.number("detour_factor", city.detour_factor, Limits{1.0, false, 5.0});

  const Fields density(*this, fields.get("density"), "city.density", {"base_weight", "hotspots"},
                       fields.origin());
  bool weights_known = density.number("base_weight", city.density_base_weight, kNonNegative);
  double total_weight = city.density_base_weight;
  const std::string hotspots_path = density.path("hotspots");
  const std::vector<Node>* items = list(density.get("hotspots"), hotspots_path);
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(*this, &node, join(hotspots_path, i),
                      {"name", "x_m", "y_m", "lat", "lon", "radius_m", "weight"}, node.origin);
    weights_known = weights_known && item.valid();
    if (!item.valid()) continue;
    DensityHotspot spot;
    item.text("name", spot.name);
    read_position(item, city, spot.x_m, spot.y_m);
    item.number("radius_m", spot.radius_m, kPositive);
    weights_known = item.number("weight", spot.weight, kNonNegative) && weights_known;
    total_weight += spot.weight;
    city.hotspots.push_back(std::move(spot));
  }
  if (items != nullptr && weights_known && total_weight <= 0.0) {
    report(density.origin(), density.path(),
           "base_weight and every hotspot weight are 0, so customers and merchants have nowhere "
           "to be");
  }
}

void Loader::check_block(const Origin& origin, const std::string& field, const CitySpec& city,
                         std::string_view sides) {
  const double narrow_side = std::min(city.width_m, city.height_m);
  const double blocks_across = std::max(city.width_m, city.height_m) / city.block_m;
  if (city.block_m > narrow_side) {
    report(origin, field, fmt::format("must be <= {} ({} m)", sides, narrow_side));
  } else if (blocks_across > kMaxBlocksAcross) {
    report(origin, field,
           fmt::format("gives {:.0f} blocks across the city, more than {} (block_m is in metres)",
                       blocks_across, kMaxBlocksAcross));
  }
}

void Loader::read_stations(const Fields& top, ScenarioSpec& spec) {
  const std::vector<Node>* items = list(top.get("stations"), "stations");
  std::vector<std::pair<std::string, std::string>> seen;  // name, field path
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(
        *this, &node, join("stations", i),
        {"name", "x_m", "y_m", "lat", "lon", "capacity", "amenities", "opens", "closes"},
        node.origin);
    if (!item.valid()) continue;
    StationSpec station;
    if (item.required("name") && item.text("name", station.name)) {
      const auto same = std::find_if(
          seen.begin(), seen.end(), [&](const auto& other) { return other.first == station.name; });
      if (station.name.empty()) {
        report(item.origin("name"), item.path("name"), "must not be empty");
      } else if (same != seen.end()) {
        report(item.origin("name"), item.path("name"),
               fmt::format("duplicate station name '{}' (also {})", station.name, same->second));
      }
      seen.emplace_back(station.name, item.path("name"));
    }
    read_position(item, spec.city, station.x_m, station.y_m);
    read_station_welfare(*this, item, station);
    spec.stations.push_back(std::move(station));
  }
}

void Loader::read_merchants(const Fields& top, ScenarioSpec& spec) {
  const std::vector<std::string> categories = names_of<MerchantCategory>(kMerchantCategoryCount);
  const std::vector<Node>* items = list(top.get("merchants"), "merchants");
  merchants_known_ = items != nullptr;
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(
        *this, &node, join("merchants", i),
        {"category", "count", "prep_time_mean", "prep_time_sd", "opens", "closes", "island"},
        node.origin);
    if (!item.valid()) {
      merchants_known_ = false;
      continue;
    }
    MerchantGroupSpec group;
    const bool category_ok =
        item.required("category") &&
        item.choice("category", "merchant category", categories, group.category);
    const bool count_ok =
        item.required("count") && item.integer("count", group.count, Limits{0.0, false, kMaxCount});
    item.duration("prep_time_mean", group.prep_time_mean_ms, true);
    item.duration("prep_time_sd", group.prep_time_sd_ms, false);
    const bool opens_ok = item.clock("opens", group.opens_ms);
    const bool closes_ok = item.clock("closes", group.closes_ms, true);
    if (opens_ok && closes_ok && group.opens_ms % kMsPerDay == group.closes_ms % kMsPerDay) {
      group.opens_ms = 0;  // opens == closes: around the clock, spelt one way for the engine
      group.closes_ms = kMsPerDay;
    }
    if (item.get("island") != nullptr && item.text("island", group.island)) {
      std::vector<std::string> islands;
      for (const IslandSpec& island : spec.map.islands) islands.push_back(island.name);
      if (islands.empty()) {
        report(item.origin("island"), item.path("island"),
               "needs a map with islands (map.islands) to place the shops on");
      } else if (std::find(islands.begin(), islands.end(), group.island) == islands.end()) {
        report(item.origin("island"), item.path("island"),
               unknown_name("island", group.island, islands));
      }
    }
    if (category_ok && count_ok) {
      merchants_of_[static_cast<std::size_t>(group.category)] += group.count;
    } else {
      merchants_known_ = false;
    }
    spec.merchants.push_back(group);
  }
  long long total = 0;
  for (long long count : merchants_of_) total += count;
  if (merchants_known_ && total == 0 && !trace_present_) {
    const Node* node = top.get("merchants");
    report(node != nullptr ? node->origin : top.origin(), "merchants",
           "at least one merchant is needed (a group with count >= 1)");
  }
}

void Loader::read_profile(const Node& node, const std::string& field, std::array<double, 24>& out) {
  std::array<double, 24> values{};
  if (!hourly(node, field, kNonNegative, values)) return;
  double sum = 0.0;
  for (double value : values) sum += value;
  if (sum <= 0.0) {
    report(node.origin, field, "at least one hour must be > 0");
  } else {
    out = values;
  }
}

void Loader::read_demand(const Fields& top, ScenarioSpec& spec) {
  DemandSpec& demand = spec.demand;
  const Fields fields(*this, top.get("demand"), "demand",
                      {"orders_per_hour", "hourly_profile", "weekend_factor", "growth_factor",
                       "delivery_radius_m", "categories", "stairs_share"},
                      top.origin());
  fields.number("orders_per_hour", demand.orders_per_hour, kNonNegative);
  fields.number("stairs_share", spec.stairs_share, between(0.0, 1.0));
  if (const Node* node = fields.get("hourly_profile")) {
    read_profile(*node, fields.path("hourly_profile"), demand.hourly_profile);
  }
  fields.number("weekend_factor", demand.weekend_factor, kNonNegative);
  fields.number("growth_factor", demand.growth_factor, kNonNegative);
  fields.number("delivery_radius_m", demand.delivery_radius_m, kPositive);

  const std::vector<std::string> names = names_of<MerchantCategory>(kMerchantCategoryCount);
  const std::string categories_path = fields.path("categories");
  const Origin& categories_origin = fields.origin("categories");
  // Where to point at for a category's share: the share, else the nearest thing written.
  std::array<Origin, kMerchantCategoryCount> share_origin;
  share_origin.fill(categories_origin);
  bool shares_known = for_each_named(
      fields.get("categories"), categories_path, "merchant category", names,
      [&](std::size_t index, const yaml_tree::Entry& entry, const std::string& path) {
        CategoryDemandSpec& category = demand.categories[index];
        const Fields item(
            *this, &entry.value, path,
            {"share", "promise", "promise_per_km", "patience", "weight_kg_mean", "weight_kg_sd"},
            entry.key_origin);
        share_origin[index] = item.origin("share");
        item.duration("promise", category.promise_base_ms, true);
        item.duration("promise_per_km", category.promise_per_km_ms, false);
        item.duration("patience", category.patience_ms, true);
        item.number("weight_kg_mean", category.weight_kg_mean, kPositive);
        item.number("weight_kg_sd", category.weight_kg_sd, kNonNegative);
        return item.valid() && item.number("share", category.share, kNonNegative);
      });
  if (!shares_known) return;
  double total_share = 0.0;
  for (const CategoryDemandSpec& category : demand.categories) total_share += category.share;
  if (total_share <= 0.0) {
    report(categories_origin, categories_path,
           "the shares add up to 0: at least one category needs a share > 0");
    return;
  }
  long long merchants = 0;
  for (long long count : merchants_of_) merchants += count;
  if (!merchants_known_ || merchants == 0) return;  // the merchants problem says it all
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (demand.categories[i].share > 0.0 && merchants_of_[i] == 0) {
      report(share_origin[i], join(join(categories_path, names[i]), "share"),
             "no merchants of this category (add a merchant group or set the share to 0)");
    }
  }
}

void Loader::read_riders(const Fields& top, ScenarioSpec& spec) {
  RidersSpec& riders = spec.riders;
  const Fields fields(*this, top.get("riders"), "riders",
                      {"pickup_service", "dropoff_service", "return_radius_m", "fleets"},
                      top.origin());
  fields.duration("pickup_service", riders.pickup_service_ms, false);
  fields.duration("dropoff_service", riders.dropoff_service_ms, false);
  fields.number("return_radius_m", riders.return_radius_m, kNonNegative);
  const std::string fleets_path = fields.path("fleets");
  const std::vector<Node>* items = list(fields.get("fleets"), fleets_path);
  if (items == nullptr) return;
  if (items->empty() && fields.valid() && !trace_present_) {
    report(fields.origin("fleets"), fleets_path, "at least one fleet is needed");
    return;
  }
  std::vector<std::pair<std::string, std::string>> seen;  // name, field path
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Node& node = (*items)[i];
    const Fields item(*this, &node, join(fleets_path, i),
                      {"name", "count", "shift_start", "shift_end", "speed_kmh", "mode", "capacity",
                       "station", "pay", "kind", "people", "roster", "battery_range_km",
                       "recharge_below_share", "battery_swap"},
                      node.origin);
    if (!item.valid()) continue;
    FleetSpec fleet;
    if (item.required("name") && item.text("name", fleet.name)) {
      const auto same = std::find_if(seen.begin(), seen.end(),
                                     [&](const auto& other) { return other.first == fleet.name; });
      if (fleet.name.empty()) {
        report(item.origin("name"), item.path("name"), "must not be empty");
      } else if (same != seen.end()) {
        report(item.origin("name"), item.path("name"),
               fmt::format("duplicate fleet name '{}' (also {})", fleet.name, same->second));
      }
      seen.emplace_back(fleet.name, item.path("name"));
    }
    if (item.required("count") &&
        item.integer("count", fleet.count, Limits{-kInfinity, false, kMaxCount}) &&
        fleet.count < 1) {
      report(item.origin("count"), item.path("count"), "an empty fleet: count must be >= 1");
    }
    const bool start_ok = item.clock("shift_start", fleet.shift_start_ms);
    const bool end_ok = item.clock("shift_end", fleet.shift_end_ms);
    if (start_ok && end_ok && fleet.shift_start_ms == fleet.shift_end_ms) {
      // Blame shift_end, unless only shift_start was written, or only it was just overridden.
      const Node* start = item.get("shift_start");
      const Node* end = item.get("shift_end");
      const bool blame_start = end == nullptr || (start != nullptr && start->origin.from_override &&
                                                  !end->origin.from_override);
      const std::string_view key = blame_start ? "shift_start" : "shift_end";
      report(item.origin(key), item.path(key),
             "an empty shift: shift_end equals shift_start (a night shift is written e.g. "
             "22:00 to 06:00)");
    }
    if (item.number("speed_kmh", fleet.speed_kmh, Limits{0.0, true, 120.0}) &&
        fleet.speed_kmh < 1.0) {
      // Slower than a walk cannot be meant, and would overflow travel times.
      report(item.origin("speed_kmh"), item.path("speed_kmh"), "must be >= 1 (km/h)");
    }
    // Any map: on the analytic grid the mode is not used, so a fleet's file need not change.
    item.choice("mode", "travel mode", names_of<TravelMode>(kTravelModeCount), fleet.mode);
    item.integer("capacity", fleet.capacity, between(1.0, 20.0));
    if (item.get("station") != nullptr && item.text("station", fleet.station)) {
      fleet_stations_.push_back({item.origin("station"), item.path("station"), fleet.station});
    }
    const Fields pay(
        *this, item.get("pay"), item.path("pay"),
        {"per_order", "per_km", "hourly_guarantee", "weather_bonus", "peak_bonus", "peak_hours"},
        item.origin());
    pay.number("per_order", fleet.pay.per_order, kNonNegative);
    pay.number("per_km", fleet.pay.per_km, kNonNegative);
    pay.number("hourly_guarantee", fleet.pay.hourly_guarantee, kNonNegative);
    read_pay_bonuses(*this, pay, fleet.pay);
    read_fleet_welfare(*this, item, fleet);
    riders.fleets.push_back(std::move(fleet));
  }
}

void Loader::read_dispatch(const Fields& top, ScenarioSpec& spec) {
  DispatchSpec& dispatch = spec.dispatch;
  const Fields fields(*this, top.get("dispatch"), "dispatch",
                      {"strategy", "batch_interval", "batch_radius_m", "max_bundle_size",
                       "bundle_radius_m", "refusal_share", "offer_response", "rider_cancel_share"},
                      top.origin());
  fields.choice("strategy", "dispatch strategy", names_of<DispatchStrategy>(kDispatchStrategyCount),
                dispatch.strategy);
  // A round more often than every second costs a matching per second of simulated time and
  // changes nothing a rider could notice; a round less often than hourly is not dispatch.
  duration_within(fields, "batch_interval", dispatch.batch_interval_ms, kMsPerSecond, kMsPerHour);
  fields.number("batch_radius_m", dispatch.batch_radius_m, kPositive);
  fields.integer("max_bundle_size", dispatch.max_bundle_size, between(1.0, 20.0));
  // 0 is allowed: bundles of orders to the very same door only.
  fields.number("bundle_radius_m", dispatch.bundle_radius_m, kNonNegative);
  // Refusing every offer would leave orders circling for ever; 0.95 is already extreme.
  fields.number("refusal_share", dispatch.refusal_share, between(0.0, 0.95));
  // An offer is answered while the rider is stopped at a light, not after a break.
  duration_within(fields, "offer_response", dispatch.offer_response_ms, kMsPerSecond,
                  10 * kMsPerMinute);
  fields.number("rider_cancel_share", dispatch.rider_cancel_share, between(0.0, 0.5));
}

bool Loader::duration_within(const Fields& fields, std::string_view key, SimTime& out,
                             SimTime min_ms, SimTime max_ms) {
  SimTime value = out;
  if (!fields.duration(key, value, true)) return false;
  if (value < min_ms || value > max_ms) {
    report(fields.origin(key), fields.path(key),
           value < min_ms ? fmt::format("must be >= {}", format_duration(min_ms))
                          : fmt::format("must be <= {}", format_duration(max_ms)));
    return false;
  }
  out = value;
  return true;
}

}  // namespace knightsim::scenario_values

namespace knightsim {
namespace {

using namespace scenario_values;

/// Applies one `--set`; problems with it are reported as "--set" problems.
void apply_override(Node& root, const ScenarioOverride& change, Loader& loader) {
  const Origin set_origin{0, 0, true};
  std::vector<yaml_tree::PathStep> path;
  std::string error;
  if (!yaml_tree::parse_path(trim(change.path), path, error)) {
    loader.report(set_origin, change.path, std::move(error));
    return;
  }
  const std::string field = yaml_tree::format_path(path);
  std::vector<yaml_tree::TreeProblem> problems;
  // `demand.hourly_profile[12]=0.5` must work when the file relies on the default profile:
  // write the default out first. (Other lists default to empty, so there is nothing to index.)
  const std::vector<yaml_tree::PathStep> profile_path = {std::string("demand"),
                                                         std::string("hourly_profile")};
  if (root.is_map() && path.size() > 2 && path[0] == profile_path[0] &&
      path[1] == profile_path[1] && std::holds_alternative<std::size_t>(path[2])) {
    const Node* profile = yaml_tree::find_path(root, profile_path);
    if (profile == nullptr || profile->is_null()) {
      Node defaults;
      defaults.kind = Node::Kind::sequence;
      defaults.origin = set_origin;
      for (double value : DemandSpec{}.hourly_profile) {
        Node item;
        item.kind = Node::Kind::scalar;
        item.origin = set_origin;
        item.text = fmt::format("{}", value);
        defaults.items.push_back(std::move(item));
      }
      std::vector<yaml_tree::TreeProblem> ignored;  // set_path below reports the same ones
      yaml_tree::set_path(root, profile_path, std::move(defaults), ignored);
    }
  }
  std::optional<Node> value = yaml_tree::parse_yaml(change.value, true, problems);
  if (!value) {
    for (const yaml_tree::TreeProblem& problem : problems) {
      loader.report(set_origin, field,
                    fmt::format("cannot parse the value '{}': {}", change.value, problem.message));
    }
    return;
  }
  // A root that is not a map is reported by Loader::read; there is nothing to set into.
  if (root.is_map()) yaml_tree::set_path(root, path, std::move(*value), problems);
  for (yaml_tree::TreeProblem& problem : problems) {
    loader.report(set_origin, problem.field.empty() ? field : problem.field,
                  std::move(problem.message));
  }
}

}  // namespace

std::string ScenarioProblem::format() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  out += ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

std::optional<ScenarioOverride> parse_override(std::string_view text, std::string* error) {
  const auto fail = [&](std::string why) {
    if (error != nullptr) *error = std::move(why);
    return std::nullopt;
  };
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return fail(
        fmt::format("expected path=value, got '{}' (e.g. riders.fleets[0].count=40)", text));
  }
  const std::string_view path = trim(text.substr(0, equals));
  if (path.empty()) return fail(fmt::format("the path before '=' is empty in '{}'", text));
  std::vector<yaml_tree::PathStep> steps;
  std::string why;
  if (!yaml_tree::parse_path(path, steps, why)) return fail(std::move(why));
  return ScenarioOverride{std::string(path), std::string(text.substr(equals + 1))};
}

ScenarioLoadResult load_scenario_text(std::string_view yaml_text, const std::string& file_label,
                                      const std::vector<ScenarioOverride>& overrides) {
  ScenarioLoadResult result;
  Loader loader(file_label, result.problems);
  std::vector<yaml_tree::TreeProblem> tree_problems;
  std::optional<Node> root = yaml_tree::parse_yaml(yaml_text, false, tree_problems);
  for (yaml_tree::TreeProblem& problem : tree_problems) {
    loader.report(problem.origin, std::move(problem.field), std::move(problem.message));
  }
  if (!root) return result;  // a syntax error: the parser's one message is all we can say
  if (root->is_null()) root->kind = Node::Kind::map;  // an empty file: all defaults
  for (const ScenarioOverride& change : overrides) apply_override(*root, change, loader);
  ScenarioSpec spec = loader.read(*root);
  // The scenario file's problems by position, then the trace files' in the order found (each
  // file's by line), then the overrides'.
  const auto rank = [&](const ScenarioProblem& problem) {
    const int group = problem.file == "--set" ? 2 : problem.file == file_label ? 0 : 1;
    return group == 1 ? std::tuple(group, 0, 0) : std::tuple(group, problem.line, problem.column);
  };
  std::stable_sort(
      result.problems.begin(), result.problems.end(),
      [&](const ScenarioProblem& a, const ScenarioProblem& b) { return rank(a) < rank(b); });
  if (result.problems.empty()) result.spec = std::move(spec);
  return result;
}

ScenarioLoadResult load_scenario_file(const std::string& path,
                                      const std::vector<ScenarioOverride>& overrides) {
  std::string error;
  const std::optional<std::string> text = read_text_file(path, error);
  if (!text) {
    ScenarioLoadResult result;
    result.problems.push_back(
        ScenarioProblem{path, 0, 0, "", fmt::format("cannot read file: {}", error)});
    return result;
  }
  return load_scenario_text(*text, path, overrides);
}

}  // namespace knightsim
