#pragma once
/// ScenarioSpec: everything a run needs, as plain validated data. The YAML loader fills it;
/// the engine reads it and nothing else. Every default here is the documented default of
/// docs/scenario-format.md.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "knightsim/map_spec.hpp"
#include "knightsim/road_graph.hpp"
#include "knightsim/sim_time.hpp"
#include "knightsim/trace.hpp"
#include "knightsim/welfare_spec.hpp"

namespace knightsim {

enum class MerchantCategory : std::uint8_t { restaurant, grocery, pharmacy, convenience };
inline constexpr int kMerchantCategoryCount = 4;
/// "restaurant", "grocery", …
const char* to_string(MerchantCategory category);
/// Parses a category name; false if unknown.
bool parse_merchant_category(const std::string& name, MerchantCategory& out);

enum class WeatherState : std::uint8_t { clear, rain, heavy_rain, storm, snow, heat, cold };
inline constexpr int kWeatherStateCount = 7;
const char* to_string(WeatherState state);
bool parse_weather_state(const std::string& name, WeatherState& out);

/// A gaussian cluster of population (and of merchants) in the density map.
struct DensityHotspot {
  std::string name;
  double x_m = 0.0;
  double y_m = 0.0;
  double radius_m = 1000.0;  ///< standard deviation of the gaussian, metres
  double weight = 1.0;       ///< share of the map's mass, relative to other hotspots and base
};

struct CitySpec {
  double width_m = 8000.0;
  double height_m = 8000.0;
  double block_m = 120.0;               ///< street spacing
  int arterial_every_blocks = 8;        ///< every n-th street in each direction is an arterial
  double arterial_speed_factor = 1.35;  ///< riders go this much faster on arterials
  double detour_factor = 1.2;           ///< real path length / Manhattan length
  double density_base_weight = 0.25;    ///< mass spread uniformly over the city
  std::vector<DensityHotspot> hotspots;
};

struct StationSpec {
  std::string name;
  double x_m = 0.0;
  double y_m = 0.0;
  int capacity = 0;  ///< riders resting at once; 0 = no limit
  bool rest = true;  ///< riders may take their breaks here
  bool charging = false;
  bool first_aid = false;
  SimTime opens_ms = 0;           ///< time of day
  SimTime closes_ms = kMsPerDay;  ///< time of day; closes <= opens means past midnight
};

/// A group of merchants of one category, placed by the density map.
struct MerchantGroupSpec {
  MerchantCategory category = MerchantCategory::restaurant;
  int count = 0;
  SimTime prep_time_mean_ms = 12 * kMsPerMinute;  ///< lognormal preparation time
  SimTime prep_time_sd_ms = 4 * kMsPerMinute;
  SimTime opens_ms = 0;           ///< time of day
  SimTime closes_ms = kMsPerDay;  ///< time of day; closes <= opens means past midnight
  /// Island maps: place the group's shops on this island only ("" = wherever people are).
  std::string island;
};

struct CategoryDemandSpec {
  double share = 0.0;                           ///< relative share of orders
  SimTime promise_base_ms = 30 * kMsPerMinute;  ///< promised time = base + per_km × road km
  SimTime promise_per_km_ms = 2 * kMsPerMinute;
  SimTime patience_ms = 45 * kMsPerMinute;  ///< cancel if not picked up by then
  double weight_kg_mean = 1.0;              ///< lognormal parcel weight
  double weight_kg_sd = 0.5;
};

/// Share of customers whose door is up stairs (no lift), per order from stream "demand.stairs".
inline constexpr double kDefaultStairsShare = 0.3;

struct DemandSpec {
  double orders_per_hour = 600.0;  ///< rate when the hourly profile is 1.0
  /// Multiplier per hour of day (index 0 = 00:00–01:00), linearly interpolated between
  /// hour midpoints.
  std::array<double, 24> hourly_profile = {0.10, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.25,
                                           0.35, 0.40, 0.60, 0.95, 1.00, 0.75, 0.45, 0.40,
                                           0.50, 0.75, 0.95, 0.85, 0.60, 0.45, 0.30, 0.18};
  double weekend_factor = 1.1;  ///< applied on Saturday and Sunday
  double growth_factor = 1.0;   ///< scales all demand (what-if growth)
  /// Customers choose uniformly among open merchants of the category within this distance
  /// (straight line); with none in reach, the nearest open one.
  double delivery_radius_m = 3000.0;
  std::array<CategoryDemandSpec, kMerchantCategoryCount> categories = {
      CategoryDemandSpec{0.70, 30 * kMsPerMinute, 2 * kMsPerMinute, 45 * kMsPerMinute, 1.0, 0.5},
      CategoryDemandSpec{0.15, 35 * kMsPerMinute, 2 * kMsPerMinute, 60 * kMsPerMinute, 4.0, 2.0},
      CategoryDemandSpec{0.05, 30 * kMsPerMinute, 2 * kMsPerMinute, 60 * kMsPerMinute, 0.5, 0.3},
      CategoryDemandSpec{0.10, 30 * kMsPerMinute, 2 * kMsPerMinute, 45 * kMsPerMinute, 2.0, 1.0}};
};

struct PaySpec {
  double per_order = 6.0;         ///< currency per delivered order
  double per_km = 1.0;            ///< currency per road km merchant→customer
  double hourly_guarantee = 0.0;  ///< minimum currency per on-shift hour; 0 = none
  /// Bonus per order delivered in each weather state (indexed by WeatherState).
  std::array<double, 7> weather_bonus_per_order{};
  /// Bonus per order delivered in a peak hour (peak_hours[h]: hour h of the day is a peak).
  double peak_bonus_per_order = 0.0;
  std::array<bool, 24> peak_hours{};
};

/// An e-bike battery (docs/policies.md "Charging"): charge falls with km ridden; below
/// recharge_below_share of a full pack a rider takes no new orders, finishes what it holds and
/// rides to the nearest open station with the `charging` amenity and a free place to swap
/// packs for swap_ms; with none in reach it ends its shift. Full at each shift's start.
struct BatterySpec {
  double range_km = 0.0;  ///< km of riding on a full pack; 0 = no battery model
  double recharge_below_share = 0.2;
  SimTime swap_ms = 5 * kMsPerMinute;
};

struct FleetSpec {
  std::string name;
  int count = 0;
  SimTime shift_start_ms = 10 * kMsPerHour;  ///< time of day; repeats every day
  SimTime shift_end_ms = 14 * kMsPerHour;    ///< time of day; <= start means next day
  double speed_kmh = 18.0;                   ///< cruising speed on ordinary streets
  /// Which roads the fleet may use on a road-graph map (the analytic grid has one kind of road).
  TravelMode mode = TravelMode::bike;
  int capacity = 3;     ///< orders assigned and not yet delivered
  std::string station;  ///< home station name; "" = first station
  PaySpec pay;
  FleetKind kind = FleetKind::full_time;
  RiderPeopleSpec people;
  RosterSpec roster;
  BatterySpec battery;
};

struct RidersSpec {
  SimTime pickup_service_ms = 2 * kMsPerMinute;   ///< at the merchant, after the order is ready
  SimTime dropoff_service_ms = 2 * kMsPerMinute;  ///< at the customer's door
  double return_radius_m = 1500.0;  ///< idle riders further than this from home head back
  std::vector<FleetSpec> fleets;
};

enum class DispatchStrategy : std::uint8_t { earliest_pickup, nearest_idle, insertion, batch };
inline constexpr int kDispatchStrategyCount = 4;
const char* to_string(DispatchStrategy strategy);
bool parse_dispatch_strategy(const std::string& name, DispatchStrategy& out);

struct DispatchSpec {
  DispatchStrategy strategy = DispatchStrategy::earliest_pickup;
  /// batch: time between matching rounds.
  SimTime batch_interval_ms = 30 * kMsPerSecond;
  /// batch: riders further than this (straight line) from a bundle's merchant are not
  /// candidates for it.
  double batch_radius_m = 3000.0;
  /// batch: orders per bundle (also bounded by the rider's capacity).
  int max_bundle_size = 3;
  /// batch: a bundle's drop-offs lie within this distance (straight line) of its first one, or
  /// along the way to it.
  double bundle_radius_m = 1500.0;
  /// Acceptance model: the share of offers a rider refuses; a refused order goes back to the
  /// dispatcher after offer_response_ms.
  double refusal_share = 0.0;
  SimTime offer_response_ms = 20 * kMsPerSecond;
  /// No-fault cancellations: the share of accepted orders a rider gives back before pickup
  /// (breakdown, emergency); the order is dispatched again at once.
  double rider_cancel_share = 0.0;
};

struct WeatherEffect {
  double speed_factor = 1.0;    ///< multiplies rider speed
  double demand_factor = 1.0;   ///< multiplies order rate
  double temperature_c = 22.0;  ///< air temperature riders are exposed to (SafetySpec)
};

struct WeatherChange {
  SimTime at_ms = 0;  ///< since scenario start
  WeatherState state = WeatherState::clear;
};

/// Wind and visibility, which decide whether ferries sail. A change applies to one region (an
/// island's name) or, with an empty region, everywhere; it holds until the next change for that
/// region (a change everywhere resets every region).
struct MarineChange {
  SimTime at_ms = 0;
  std::string region;
  double wind_force = 3.0;  ///< Beaufort
  double visibility_km = 10.0;
};

struct WeatherSpec {
  WeatherState initial = WeatherState::clear;
  std::vector<WeatherChange> timeline;  ///< sorted by at_ms
  /// Conditions at sea at the start, everywhere.
  double initial_wind_force = 3.0;
  double initial_visibility_km = 10.0;
  std::vector<MarineChange> marine;  ///< sorted by at_ms
  /// Indexed by WeatherState.
  std::array<WeatherEffect, kWeatherStateCount> effects = {
      WeatherEffect{1.00, 1.00, 22.0},   // clear
      WeatherEffect{0.85, 1.20, 18.0},   // rain
      WeatherEffect{0.70, 1.35, 16.0},   // heavy_rain
      WeatherEffect{0.55, 0.90, 20.0},   // storm
      WeatherEffect{0.65, 1.25, -3.0},   // snow
      WeatherEffect{0.92, 1.10, 37.0},   // heat
      WeatherEffect{0.95, 1.10, -5.0}};  // cold
};

struct ScenarioSpec {
  std::string name = "unnamed";
  std::string description;
  CivilDateTime start;  ///< local date-time of SimTime 0
  SimTime duration_ms = 4 * kMsPerHour;
  std::uint64_t seed = 1;
  /// The extent of the plane (width_m, height_m), the density map, and, without a map, the
  /// analytic grid's streets.
  CitySpec city;
  /// Roads, islands, bridges and ferries; MapSource::analytic_grid when the scenario has none.
  MapSpec map;
  std::vector<StationSpec> stations;
  std::vector<MerchantGroupSpec> merchants;
  DemandSpec demand;
  RidersSpec riders;
  DispatchSpec dispatch;
  WeatherSpec weather;
  /// When enabled, orders, riders and merchants come from the trace; demand, merchants,
  /// stations and fleets sections are not used (docs/scenario-format.md).
  TraceSpec trace;
  /// Share of customers up stairs (DisabledSupport::stairs_free refers to it).
  double stairs_share = kDefaultStairsShare;
  SafetySpec safety;
  PoliciesSpec policies;
  TurnoverSpec turnover;
};

}  // namespace knightsim
