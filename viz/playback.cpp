#include "playback.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace knightsim::viz {

Playback::Playback(double speed_factor) : factor_(std::max(0.01, speed_factor)) {}

void Playback::set_level(int level) {
  factor_ = kSpeedLevels[static_cast<std::size_t>(std::clamp(level, 0, 5))];
}

void Playback::faster() {
  for (double level : kSpeedLevels) {
    if (level > factor_ * 1.001) {
      factor_ = level;
      return;
    }
  }
}

void Playback::slower() {
  for (auto it = kSpeedLevels.rbegin(); it != kSpeedLevels.rend(); ++it) {
    if (*it < factor_ * 0.999) {
      factor_ = *it;
      return;
    }
  }
}

std::string Playback::label() const {
  std::string per_second;
  if (factor_ >= 3600) {
    per_second = fmt::format("{:g} h/s", factor_ / 3600);
  } else if (factor_ >= 60) {
    per_second = fmt::format("{:g} min/s", factor_ / 60);
  } else {
    per_second = factor_ == 1 ? "real time" : fmt::format("{:g} s/s", factor_);
  }
  return fmt::format("{:g}x ({})", factor_, per_second);
}

SimTime Playback::advance(SimTime now, double wall_seconds, SimTime end) const {
  if (paused_) return now;
  constexpr double kMaxStepS = 0.25;
  const double step_s = std::clamp(wall_seconds, 0.0, kMaxStepS) * factor_;
  return std::min(end, now + seconds_to_ms(step_s));
}

}  // namespace knightsim::viz
