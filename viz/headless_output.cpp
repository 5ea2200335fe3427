#include "headless_output.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <SFML/Graphics/RenderTexture.hpp>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace knightsim::viz {
namespace fs = std::filesystem;

namespace {

class OffscreenSurface {
 public:
  OffscreenSurface(sf::Vector2u size, unsigned antialiasing) : camera_(size) {
    sf::ContextSettings settings;
    settings.antialiasingLevel = antialiasing;
    if (!texture_.create(size.x, size.y, settings)) {
      throw std::runtime_error(
          fmt::format("cannot create a {}x{} off-screen surface", size.x, size.y));
    }
  }
  sf::Image render(Scene& scene, const ViewState& state) {
    camera_.fit(state.region ? *state.region : scene.bounds());
    scene.draw(texture_, camera_, state);
    texture_.display();
    return texture_.getTexture().copyToImage();
  }

 private:
  Camera camera_;
  sf::RenderTexture texture_;
};

/// A sibling of `target` that is ours alone, ending in ".png" when `target` does (SFML picks
/// the image format by extension).
fs::path temporary_sibling(const fs::path& target) {
  // fmt, not "." + string: GCC 12 warns falsely on that at -O3 (-Wrestrict, bug 105651).
  const std::string name = fmt::format(".{}.partial-{}", target.filename().string(), getpid());
  return target.parent_path() / (target.extension() == ".png" ? name + ".png" : name);
}

}  // namespace

sf::Image render_image(Scene& scene, sf::Vector2u size, const ViewState& state) {
  OffscreenSurface surface(size, state.antialiasing);
  return surface.render(scene, state);
}

bool save_png(const sf::Image& image, const std::string& png_path) {
  const fs::path target(png_path);
  const fs::path partial = temporary_sibling(target);
  std::error_code error;
  if (!image.saveToFile(partial.string())) {
    fs::remove(partial, error);
    return false;
  }
  fs::rename(partial, target, error);
  if (error) {
    fs::remove(partial, error);
    return false;
  }
  return true;
}

std::string write_snapshot(Scene& scene, const std::string& png_path, SimTime at, sf::Vector2u size,
                           const ViewState& state) {
  const fs::path target(png_path);
  if (target.extension() != ".png") return "--snapshot " + png_path + ": must end in .png";
  scene.advance_to(at);
  if (!save_png(render_image(scene, size, state), png_path)) {
    return "--snapshot " + png_path + ": cannot write the file";
  }
  return {};
}

std::string write_frames(Scene& scene, const std::string& directory, const FrameRange& range,
                         sf::Vector2u size, const ViewState& state, int* frames_written) {
  if (frames_written) *frames_written = 0;
  fs::path target(directory);
  if (!target.has_filename()) target = target.parent_path();  // "frames/" names "frames"
  std::error_code error;
  if (fs::exists(target, error) &&
      !(fs::is_directory(target, error) && fs::is_empty(target, error))) {
    return "--frames " + directory + ": exists and is not an empty directory";
  }
  const fs::path partial = temporary_sibling(target);
  fs::remove_all(partial, error);
  if (!fs::create_directories(partial, error) || error) {
    return "--frames " + directory + ": cannot create a directory next to it";
  }
  const auto cleanup = [&partial] {
    std::error_code ignored;
    fs::remove_all(partial, ignored);
  };
  const double step_ms = range.speed / range.fps * kMsPerSecond;
  OffscreenSurface surface(size, state.antialiasing);
  int frame = 0;
  for (;; ++frame) {
    const SimTime at = range.from_ms + static_cast<SimTime>(frame * step_ms + 0.5);
    if (at > range.to_ms) break;
    scene.advance_to(at);
    const sf::Image image = surface.render(scene, state);
    const fs::path file = partial / fmt::format("frame_{:05d}.png", frame);
    if (!image.saveToFile(file.string())) {
      cleanup();
      return "--frames " + directory + ": cannot write " + file.filename().string();
    }
  }
  fs::remove(target, error);  // the empty directory it replaces, if any
  fs::rename(partial, target, error);
  if (error) {
    cleanup();
    return "--frames " + directory + ": cannot move the frames into place";
  }
  if (frames_written) *frames_written = frame;
  return {};
}

}  // namespace knightsim::viz
