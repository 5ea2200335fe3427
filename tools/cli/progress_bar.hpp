#pragma once
// A one-line progress bar on a terminal: share done, what is being done (simulated time for a
// run, runs done for a sweep), wall time and ETA.

#include <chrono>
#include <cstdio>
#include <string>

namespace knightsim::cli {

class ProgressBar {
 public:
  /// Draws to `stream` only if `enabled` and both it and stdout are terminals.
  ProgressBar(std::FILE* stream, bool enabled);
  /// fraction in [0, 1]; sim_clock is the simulated date-time to show.
  void update(double fraction, const std::string& sim_clock);
  /// fraction in [0, 1]; status says what is done ("12/40 runs, 1 failed").
  void update_status(double fraction, const std::string& status);
  /// Clears the line so a message can be printed; the next update redraws it.
  void clear();
  /// Clears the line.
  void finish();
  bool active() const { return active_; }

 private:
  std::FILE* stream_;
  bool active_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
  int drawn_width_ = 0;  ///< characters of the widest line drawn so far
};

}  // namespace knightsim::cli
