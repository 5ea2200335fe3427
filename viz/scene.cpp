#include "scene.hpp"

#include <algorithm>

#include "heatmap_layer.hpp"
#include "palette.hpp"
#include "weather_layer.hpp"

namespace knightsim::viz {

Scene::Scene(const ScenarioSpec& spec, std::uint64_t seed, const sf::Font& font)
    : simulation_(spec, seed),
      bounds_(world_bounds(simulation_)),
      tracker_(bounds_, simulation_.merchants().size()),
      city_(simulation_),
      ferries_(simulation_),
      work_(simulation_),
      hud_(simulation_, font) {
  simulation_.add_observer(&tracker_);
}

void Scene::advance_to(SimTime t) {
  const SimTime target = std::clamp(t, shown_ms_, simulation_.end_time());
  simulation_.run_until(target);
  shown_ms_ = target;
}

void Scene::draw(sf::RenderTarget& target, const Camera& camera, const ViewState& state) {
  // Island maps are sea beyond the city rectangle too; grid cities end at their edge.
  target.clear(simulation_.spec().map.islands.empty() ? kOutsideCityColour : kSeaColour);
  city_.draw(target, camera);
  draw_shading(target, camera, simulation_, shown_ms_);
  draw_heatmap(target, camera, tracker_, state.heatmap);  // an analysis overlay: never shaded
  ferries_.draw(target, camera, shown_ms_);
  work_.draw(target, camera, tracker_, state.selection, shown_ms_);
  draw_precipitation(target, camera, simulation_, shown_ms_);
  hud_.draw(target, camera, tracker_, state, ferries_.suspended_routes(shown_ms_), shown_ms_);
}

}  // namespace knightsim::viz
