#pragma once
/// The work under way: riders coloured by state with a short trail along the road behind each,
/// open orders at the customer's door coloured by how much of their promise has gone,
/// merchants and stations, and the selected rider's next stops. Rebuilt every frame in pixel
/// space as a few vertex arrays (a handful of draw calls for any number of riders).

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <optional>

#include "camera.hpp"
#include "knightsim/simulation.hpp"
#include "run_tracker.hpp"

namespace knightsim::viz {

/// What the user clicked: a rider or a merchant (at most one).
struct Selection {
  std::optional<RiderId> rider;
  std::optional<MerchantId> merchant;
  bool empty() const { return !rider && !merchant; }
};

/// Riders that exist at `now`: hired and not yet gone (turnover keeps reserves and leavers).
bool rider_present(const Rider& rider, SimTime now);

/// The rider or merchant drawn nearest `pixel` within `radius_px`, riders first.
Selection pick(const Simulation& simulation, const Camera& camera, sf::Vector2f pixel, SimTime now,
               float radius_px = 10.0f);

class WorkLayer {
 public:
  explicit WorkLayer(const Simulation& simulation) : simulation_(simulation) {}
  void draw(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
            const Selection& selection, SimTime now);

 private:
  const Simulation& simulation_;
  // Kept between frames so their memory is reused.
  sf::VertexArray places_{sf::Triangles};
  sf::VertexArray trails_{sf::Lines};
  sf::VertexArray markers_{sf::Triangles};
  sf::VertexArray selection_{sf::Lines};
};

}  // namespace knightsim::viz
