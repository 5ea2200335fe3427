#pragma once
/// The heads-up display: the clock, the speed, the run's counts so far, the weather and the
/// wind, suspended ferries, a legend, the inspector for the selected rider or merchant, and
/// the help overlay (F1). Drawn in pixels over everything else.

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <optional>
#include <string>
#include <vector>

#include "camera.hpp"
#include "heatmap_layer.hpp"
#include "knightsim/ferry_schedule.hpp"
#include "knightsim/simulation.hpp"
#include "run_tracker.hpp"
#include "work_layer.hpp"

namespace knightsim::viz {

/// What the user has chosen to see, and the state of the playback, for the HUD.
struct ViewState {
  Selection selection;
  HeatmapMode heatmap = HeatmapMode::off;
  bool show_help = false;
  bool show_legend = true;
  bool following = false;  ///< the camera follows the selected rider
  bool paused = false;
  std::string speed_label;  ///< e.g. "60× (1 min/s)"
  /// The part of the map to show first (--region); the whole map when unset.
  std::optional<WorldBounds> region;
  /// Multisampling level (0 = off). 4 looks smoother; rendered in software (Xvfb, no GPU) it
  /// makes a frame about four times slower (docs/benchmarks.md).
  unsigned antialiasing = 0;
};

/// Beaufort force 0..12 as words ("gale").
const char* beaufort_name(double force);

/// Riders by what they are doing at `now` (present riders only).
struct RiderCounts {
  int on_shift = 0;
  int busy = 0;  ///< to a merchant, waiting there, or to a customer
  int idle = 0;
  int resting = 0;
  int returning = 0;
  int offline = 0;
};
RiderCounts count_riders(const Simulation& simulation, SimTime now);

class Hud {
 public:
  Hud(const Simulation& simulation, const sf::Font& font);
  void draw(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
            const ViewState& state, const std::vector<std::string>& suspended_ferries,
            SimTime now) const;
  /// The HUD's text lines (the status panel), for tests and the window title.
  std::vector<std::string> status_lines(const RunTracker& tracker, const ViewState& state,
                                        const std::vector<std::string>& suspended_ferries,
                                        SimTime now) const;
  std::vector<std::string> inspector_lines(const RunTracker& tracker, const Selection& selection,
                                           SimTime now) const;
  /// The strongest wind force (Beaufort) anywhere on the map at `now`.
  double wind_force_at(SimTime now) const;

 private:
  /// Returns the panel's size in pixels.
  sf::Vector2f draw_panel(sf::RenderTarget& target, sf::Vector2f top_left,
                          const std::vector<std::string>& lines, unsigned size) const;
  void draw_legend(sf::RenderTarget& target, const Camera& camera) const;
  void draw_wind(sf::RenderTarget& target, sf::Vector2f centre, double force) const;
  /// Island names at their centres (the zones results are broken down by).
  void draw_island_names(sf::RenderTarget& target, const Camera& camera) const;

  const Simulation& simulation_;
  const sf::Font& font_;
  MarineWeather marine_;
};

}  // namespace knightsim::viz
