#pragma once
/// One run as the viewer shows it: the simulation, the observer that tracks it, and the
/// layers that draw it, back to front: city, night and weather shading, heatmap, ferries, work
/// (riders stay bright after dark), precipitation, HUD.
/// The window and the headless snapshot and frame writers all draw through Scene, so what a
/// PNG shows is what the window shows.

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include "camera.hpp"
#include "city_layer.hpp"
#include "ferry_layer.hpp"
#include "hud.hpp"
#include "knightsim/simulation.hpp"
#include "run_tracker.hpp"
#include "work_layer.hpp"

namespace knightsim::viz {

class Scene {
 public:
  Scene(const ScenarioSpec& spec, std::uint64_t seed, const sf::Font& font);
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;

  /// Runs the simulation to t (never backwards, never past the end) and shows that time.
  void advance_to(SimTime t);
  SimTime shown_ms() const { return shown_ms_; }
  SimTime end_ms() const { return simulation_.end_time(); }

  const Simulation& simulation() const { return simulation_; }
  const RunTracker& tracker() const { return tracker_; }
  WorldBounds bounds() const { return bounds_; }

  void draw(sf::RenderTarget& target, const Camera& camera, const ViewState& state);

 private:
  Simulation simulation_;
  WorldBounds bounds_;
  RunTracker tracker_;
  SimTime shown_ms_ = 0;
  CityLayer city_;
  FerryLayer ferries_;
  WorkLayer work_;
  Hud hud_;
};

}  // namespace knightsim::viz
