#include "progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace knightsim::cli {

ProgressBar::ProgressBar(std::FILE* stream, bool enabled)
    : stream_(stream),
      // Only for a person at a terminal: not when the report is piped or redirected, where
      // the carriage returns would end up in a log.
      active_(enabled && ::isatty(::fileno(stream)) != 0 && ::isatty(STDOUT_FILENO) != 0),
      started_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(double fraction, const std::string& sim_clock) {
  update_status(fraction, "sim " + sim_clock);
}

void ProgressBar::update_status(double fraction, const std::string& status) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redraw at most ten times a second: drawing must not cost more than simulating.
  if (now - last_draw_ < std::chrono::milliseconds(100) && fraction < 1.0) return;
  last_draw_ = now;
  fraction = std::clamp(fraction, 0.0, 1.0);
  constexpr int kWidth = 30;
  const auto filled = static_cast<int>(std::lround(fraction * kWidth));
  const double elapsed_s = std::chrono::duration<double>(now - started_).count();
  std::string eta = "--";
  if (fraction > 0.01) {
    const double remaining_s = elapsed_s * (1.0 - fraction) / fraction;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0fs", remaining_s);
    eta = buffer;
  }
  const int written =
      std::fprintf(stream_, "\r[%s%s] %3.0f%%  %s  elapsed %.1fs  ETA %s   ",
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(kWidth - filled), '-').c_str(),
                   fraction * 100.0, status.c_str(), elapsed_s, eta.c_str());
  // Remember the widest line drawn, so clear() blanks all of it however long the status grew.
  if (written > drawn_width_) drawn_width_ = written;
  std::fflush(stream_);
}

void ProgressBar::finish() {
  clear();
}

void ProgressBar::clear() {
  if (!active_) return;
  std::fprintf(stream_, "\r%*s\r", drawn_width_, "");
  std::fflush(stream_);
  last_draw_ = {};  // redraw at the next update, whenever it comes
}

}  // namespace knightsim::cli
