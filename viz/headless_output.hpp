#pragma once
/// The viewer without a window: one snapshot at a given simulated time, or numbered frames
/// over a time span for a video. Drawn off screen (a render texture) through the same Scene as
/// the window. Files appear complete or not at all: a snapshot is written under a temporary
/// name and renamed, frames go to a temporary directory renamed when the last one is written.

#include <SFML/Graphics/Image.hpp>
#include <string>

#include "scene.hpp"

namespace knightsim::viz {

/// The scene at its shown time, whole map in view, `size` pixels. Throws std::runtime_error
/// when no off-screen surface can be made.
sf::Image render_image(Scene& scene, sf::Vector2u size, const ViewState& state);

/// Runs to `at` and writes a PNG. Returns an error message, empty on success.
std::string write_snapshot(Scene& scene, const std::string& png_path, SimTime at, sf::Vector2u size,
                           const ViewState& state);

/// Writes `image` to `png_path` under a temporary name, renamed when complete.
bool save_png(const sf::Image& image, const std::string& png_path);

struct FrameRange {
  SimTime from_ms = 0;
  SimTime to_ms = 0;
  double fps = 30;
  double speed = 60;  ///< simulated seconds per second of video
};

/// Writes frame_00000.png … into `directory` (which must not exist, or be empty): one frame
/// per 1/fps second of video, i.e. speed/fps simulated seconds apart, from `from_ms` to
/// `to_ms` inclusive. Returns an error message, empty on success; `frames_written` counts.
std::string write_frames(Scene& scene, const std::string& directory, const FrameRange& range,
                         sf::Vector2u size, const ViewState& state, int* frames_written);

}  // namespace knightsim::viz
