#pragma once
/// How fast simulated time runs in the window: a speed factor (simulated seconds per real
/// second) from real time to an hour per second, and pause. The window advances the run by
/// the simulated time that corresponds to each frame's real time, never more than a few
/// frames' worth at once, so the picture stays smooth when a frame is slow.

#include <array>
#include <string>

#include "knightsim/sim_time.hpp"

namespace knightsim::viz {

/// Keys 1..6: real time, 10×, 1 min/s, 5 min/s, 15 min/s, 1 h/s.
inline constexpr std::array<double, 6> kSpeedLevels = {1, 10, 60, 300, 900, 3600};

class Playback {
 public:
  explicit Playback(double speed_factor = 60.0);
  void set_level(int level);  ///< 0..5, an index into kSpeedLevels
  void faster();              ///< the next level above the current factor
  void slower();              ///< the next level below
  void toggle_pause() { paused_ = !paused_; }
  void set_paused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }
  double speed_factor() const { return factor_; }
  /// "60× (1 min/s)".
  std::string label() const;
  /// The simulated time to show after `wall_seconds` of real time at `now`, never past `end`
  /// (a stall of the window costs at most a quarter second of simulated time × speed).
  SimTime advance(SimTime now, double wall_seconds, SimTime end) const;

 private:
  double factor_;
  bool paused_ = false;
};

}  // namespace knightsim::viz
