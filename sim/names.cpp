// Names of enumerations as they appear in scenario files and outputs.
#include <array>
#include <string_view>

#include "knightsim/map_spec.hpp"
#include "knightsim/order.hpp"
#include "knightsim/rider.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {
namespace {

constexpr std::array<const char*, kMerchantCategoryCount> kCategoryNames = {
    "restaurant", "grocery", "pharmacy", "convenience"};
constexpr std::array<const char*, kWeatherStateCount> kWeatherNames = {
    "clear", "rain", "heavy_rain", "storm", "snow", "heat", "cold"};
constexpr std::array<const char*, kDispatchStrategyCount> kDispatchNames = {
    "earliest_pickup", "nearest_idle", "insertion", "batch"};
constexpr std::array<const char*, 5> kOrderStatusNames = {"pending", "assigned", "picked_up",
                                                          "delivered", "cancelled"};
constexpr std::array<const char*, kRoadLayoutCount> kRoadLayoutNames = {"grid", "ring_radial",
                                                                        "organic"};
constexpr std::array<const char*, kVesselClassCount> kVesselClassNames = {
    "high_speed", "conventional", "car_ferry"};
constexpr std::array<const char*, kRiderStateCount> kRiderStateNames = {
    "offline", "idle", "to_merchant", "waiting_at_merchant", "to_customer", "returning", "resting"};

template <class Enum, std::size_t N>
bool parse_name(const std::array<const char*, N>& names, const std::string& text, Enum& out) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == names[i]) {
      out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

}  // namespace

const char* to_string(RoadLayout layout) {
  return kRoadLayoutNames[static_cast<std::size_t>(layout)];
}
bool parse_road_layout(const std::string& name, RoadLayout& out) {
  return parse_name(kRoadLayoutNames, name, out);
}
const char* to_string(VesselClass vessel) {
  return kVesselClassNames[static_cast<std::size_t>(vessel)];
}
bool parse_vessel_class(const std::string& name, VesselClass& out) {
  return parse_name(kVesselClassNames, name, out);
}
const char* to_string(MerchantCategory category) {
  return kCategoryNames[static_cast<std::size_t>(category)];
}
bool parse_merchant_category(const std::string& name, MerchantCategory& out) {
  return parse_name(kCategoryNames, name, out);
}
const char* to_string(WeatherState state) {
  return kWeatherNames[static_cast<std::size_t>(state)];
}
bool parse_weather_state(const std::string& name, WeatherState& out) {
  return parse_name(kWeatherNames, name, out);
}
const char* to_string(DispatchStrategy strategy) {
  return kDispatchNames[static_cast<std::size_t>(strategy)];
}
bool parse_dispatch_strategy(const std::string& name, DispatchStrategy& out) {
  return parse_name(kDispatchNames, name, out);
}
const char* to_string(OrderStatus status) {
  return kOrderStatusNames[static_cast<std::size_t>(status)];
}
const char* to_string(RiderState state) {
  return kRiderStateNames[static_cast<std::size_t>(state)];
}
const char* to_string(FleetKind kind) {
  static constexpr std::array<const char*, kFleetKindCount> kNames = {"full_time", "part_time",
                                                                      "crowd"};
  return kNames[static_cast<std::size_t>(kind)];
}
const char* to_string(AgeBand band) {
  static constexpr std::array<const char*, kAgeBandCount> kNames = {"under_30", "30_to_44",
                                                                    "45_plus"};
  return kNames[static_cast<std::size_t>(band)];
}

}  // namespace knightsim
