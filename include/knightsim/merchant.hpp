#pragma once

#include "knightsim/geometry.hpp"
#include "knightsim/ids.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

struct Merchant {
  MerchantId id = kNoId;
  MerchantCategory category = MerchantCategory::restaurant;
  Point location;
  std::uint32_t group = 0;  ///< index into ScenarioSpec::merchants (prep time, opening hours)
};

/// True if a merchant open from opens_ms to closes_ms (times of day) is open at time of day t.
inline bool is_open_at(SimTime opens_ms, SimTime closes_ms, SimTime time_of_day_ms) {
  if (opens_ms == closes_ms) return true;  // open around the clock
  if (opens_ms < closes_ms) return time_of_day_ms >= opens_ms && time_of_day_ms < closes_ms;
  return time_of_day_ms >= opens_ms || time_of_day_ms < closes_ms;  // past midnight
}

}  // namespace knightsim
