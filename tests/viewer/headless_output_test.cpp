// Headless output in-process: write_snapshot and write_frames put complete PNGs in place or
// nothing, and say why not.
#include "headless_output.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scratch_dir.hpp"
#include "viewer_testing.hpp"

using namespace knightsim;
using namespace knightsim::viz;
using namespace knightsim::view_testing;
namespace fs = std::filesystem;
using knightsim::testing::ScratchDir;

namespace {
constexpr SimTime kNoon = 30 * kMsPerMinute;
const sf::Vector2u kSize{200, 150};
}  // namespace

TEST_CASE("write_snapshot runs to the time asked and writes the picture render_image makes") {
  const ScratchDir dir("view-headless");
  const ScenarioSpec spec = load_spec(kTownYaml);
  Scene scene(spec, 7, test_font());
  const ViewState state;
  const std::string png = dir.file("noon.png");
  CHECK(write_snapshot(scene, png, kNoon, kSize, state) == "");
  CHECK(scene.shown_ms() == kNoon);
  CHECK(names_in(dir.path) == std::vector<std::string>{"noon.png"});  // no partial file left
  sf::Image written;
  REQUIRE(written.loadFromFile(png));
  CHECK(same_pixels(written, render_image(scene, kSize, state)));

  // Overwriting an existing snapshot replaces it whole.
  CHECK(write_snapshot(scene, png, kNoon + kMsPerMinute, kSize, state) == "");
  CHECK(names_in(dir.path) == std::vector<std::string>{"noon.png"});
  sf::Image later;
  REQUIRE(later.loadFromFile(png));
  CHECK_FALSE(same_pixels(written, later));
}

TEST_CASE("write_snapshot refuses other extensions and unwritable places, leaving nothing") {
  const ScratchDir dir("view-headless");
  Scene scene(load_spec(kTownYaml), 7, test_font());
  CHECK(write_snapshot(scene, dir.file("noon.jpg"), kNoon, kSize, {}) ==
        "--snapshot " + dir.file("noon.jpg") + ": must end in .png");
  const std::string nowhere = dir.file("missing-dir/noon.png");
  CHECK(write_snapshot(scene, nowhere, kNoon, kSize, {}) ==
        "--snapshot " + nowhere + ": cannot write the file");
  CHECK(names_in(dir.path).empty());
}

TEST_CASE("write_frames writes one frame per speed/fps simulated seconds, both ends included") {
  const ScratchDir dir("view-headless");
  Scene scene(load_spec(kTownYaml), 7, test_font());
  int written = -1;
  // 12:00 to 12:02 at 60 simulated seconds per video second and 1.5 fps: every 40 s, 4 frames.
  const FrameRange range{kNoon, kNoon + 2 * kMsPerMinute, 1.5, 60};
  CHECK(write_frames(scene, dir.file("frames"), range, kSize, {}, &written) == "");
  CHECK(written == 4);
  CHECK(scene.shown_ms() == kNoon + 2 * kMsPerMinute);
  CHECK(names_in(dir.path) == std::vector<std::string>{"frames"});
  CHECK(names_in(dir.path / "frames") ==
        std::vector<std::string>{"frame_00000.png", "frame_00001.png", "frame_00002.png",
                                 "frame_00003.png"});
  sf::Image last;
  REQUIRE(last.loadFromFile((dir.path / "frames" / "frame_00003.png").string()));
  CHECK(same_pixels(last, render_image(scene, kSize, {})));
}

TEST_CASE("write_frames refuses a directory that is not empty, and a file in the way") {
  const ScratchDir dir("view-headless");
  Scene scene(load_spec(kTownYaml), 7, test_font());
  fs::create_directories(dir.path / "full");
  dir.write("full/keep.txt", "mine");
  dir.write("file.txt", "not a directory");
  int written = -1;
  const FrameRange range{kNoon, kNoon + kMsPerMinute, 1, 60};
  CHECK(write_frames(scene, dir.file("full"), range, kSize, {}, &written) ==
        "--frames " + dir.file("full") + ": exists and is not an empty directory");
  CHECK(written == 0);
  CHECK(write_frames(scene, dir.file("file.txt"), range, kSize, {}, &written) ==
        "--frames " + dir.file("file.txt") + ": exists and is not an empty directory");
  CHECK(names_in(dir.path) == std::vector<std::string>{"file.txt", "full"});
  CHECK(names_in(dir.path / "full") == std::vector<std::string>{"keep.txt"});
  CHECK(scene.shown_ms() == 0);  // nothing was run
}
