#pragma once
/// The parts of a scenario about riders as people: a fleet's kind, people, roster and pay
/// bonuses, a station's capacity, amenities and hours, and the `safety:` and `policies:`
/// sections. scenario_loader.cpp calls these; docs/scenario-format.md ("riders as people") and
/// docs/policies.md are the reference.

#include "knightsim/scenario.hpp"
#include "scenario_values.hpp"

namespace knightsim::scenario_values {

/// kind, people and roster of a fleet (item is the fleet's map).
void read_fleet_welfare(Reader& reader, const Fields& item, FleetSpec& fleet);
/// weather_bonus, peak_bonus and peak_hours of a fleet's pay.
void read_pay_bonuses(Reader& reader, const Fields& pay, PaySpec& out);
/// capacity, amenities, opens and closes of a station.
void read_station_welfare(Reader& reader, const Fields& item, StationSpec& station);
/// The `safety:` section.
void read_safety(Reader& reader, const Fields& top, SafetySpec& safety);
/// The `turnover:` section: listed = on, unless `enabled: false`.
void read_turnover(Reader& reader, const Fields& top, TurnoverSpec& turnover);
/// The `policies:` section: a policy listed is on unless it says `enabled: false`.
void read_policies(Reader& reader, const Fields& top, PoliciesSpec& policies);

}  // namespace knightsim::scenario_values
