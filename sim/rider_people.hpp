#pragma once
// Who a rider is: gender, disability, age band and experience, drawn from the fleet's
// distributions.

#include "knightsim/rider.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

/// Draws the rider's attributes from `rng` (the run's "world.riders" stream). Always the same
/// five draws per rider, whatever the shares, so changing one fleet's shares does not change
/// who the riders of later fleets are.
/// Draws the rider's attributes with one draw from `stream` (the run's "world.riders"), so
/// changing one fleet's shares does not change who the riders of later fleets are.
void draw_rider_person(const FleetSpec& fleet, const PoliciesSpec& policies, Rng& stream,
                       Rider& rider);

}  // namespace knightsim
