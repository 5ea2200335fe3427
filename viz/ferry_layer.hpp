#pragma once
/// Ferry routes and the boats on them: each route a dashed line between its piers, red with
/// crosses at the piers while its sailings are suspended; each sailing under way a boat moving
/// from pier to pier on the scenario clock.

#include <SFML/Graphics/RenderTarget.hpp>
#include <string>
#include <vector>

#include "camera.hpp"
#include "knightsim/simulation.hpp"

namespace knightsim::viz {

/// True when `route`'s sailings are suspended at `now`: the next sailing due in either
/// direction is cancelled.
bool route_suspended(const FerrySchedule& schedule, std::uint32_t route, SimTime now);

class FerryLayer {
 public:
  explicit FerryLayer(const Simulation& simulation) : simulation_(simulation) {}
  void draw(sf::RenderTarget& target, const Camera& camera, SimTime now) const;
  /// Names of the routes suspended at `now` (for the HUD).
  std::vector<std::string> suspended_routes(SimTime now) const;
  /// Sailings under way at `now`.
  int boats_at_sea(SimTime now) const;

 private:
  const Simulation& simulation_;
};

}  // namespace knightsim::viz
