// Names of the map spec's enumerations as they appear in scenario files and reports.
#include "knightsim/map_spec.hpp"

#include <array>
#include <cstddef>

namespace knightsim {
namespace {

constexpr std::array<const char*, 3> kRoadLayoutNames = {"grid", "ring_radial", "organic"};
constexpr std::array<const char*, kVesselClassCount> kVesselClassNames = {
    "high_speed", "conventional", "car_ferry"};

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

}  // namespace knightsim
