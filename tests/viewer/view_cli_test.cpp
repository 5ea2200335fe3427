// knightsim-view as users run it: --snapshot and --frames write complete PNGs or nothing, and
// bad input exits 2 with a message that says what is wrong.
#include <doctest/doctest.h>

#include <SFML/Graphics/Image.hpp>
#include <cstdlib>
#include <filesystem>

#include "scratch_dir.hpp"
#include "viewer_testing.hpp"

using namespace knightsim;
using namespace knightsim::view_testing;
namespace fs = std::filesystem;
using knightsim::testing::ScratchDir;

namespace {

/// A scratch directory holding the town as `town.yaml` and an empty `out/` for outputs (stdout
/// and stderr are captured next to town.yaml, so `out/` holds only what the viewer wrote).
struct Workspace {
  ScratchDir dir{"view-cli"};
  std::string scenario = dir.write("town.yaml", kTownYaml);
  fs::path out = dir.path / "out";
  Workspace() { fs::create_directories(out); }

  ViewResult run(const std::string& args) const { return run_view(args, dir.path); }
  std::vector<std::string> outputs() const { return names_in(out); }
};

}  // namespace

TEST_CASE("--snapshot writes a PNG of the requested size") {
  const Workspace ws;
  const ViewResult result = ws.run("town.yaml --snapshot out/noon.png --at 12:00 --size 320x240");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(ws.outputs() == std::vector<std::string>{"noon.png"});
  sf::Image image;
  REQUIRE(image.loadFromFile((ws.out / "noon.png").string()));
  CHECK(image.getSize() == sf::Vector2u{320, 240});
  // Not a blank picture.
  const sf::Color corner = image.getPixel(0, 0);
  bool varied = false;
  for (unsigned y = 0; y < 240 && !varied; y += 3) {
    for (unsigned x = 0; x < 320 && !varied; x += 3) varied = image.getPixel(x, y) != corner;
  }
  CHECK(varied);
}

TEST_CASE("bad input exits 2 with a clear message and writes nothing") {
  const Workspace ws;
  struct Case {
    const char* what;
    std::string args;
    std::string message;
  };
  ScratchDir broken_dir("view-cli-broken");
  const std::string broken =
      broken_dir.write("broken.yaml", town_with("width_m: 3000", "width_m: wide"));
  const std::string missing = ws.dir.file("no-such-scenario.yaml");
  const Case cases[] = {
      {"a missing scenario file", "'" + missing + "' --snapshot out/a.png --at 12:00", missing},
      {"a scenario with a bad field", "'" + broken + "' --snapshot out/a.png --at 12:00",
       broken + ":" + std::to_string(kTownWidthLine) + ":"},
      {"--at after the run", "town.yaml --snapshot out/a.png --at 14:00",
       "--at '14:00' is outside the run, which lasts from 2026-06-17 11:30 to 2026-06-17 13:30"},
      {"--at before the run", "town.yaml --snapshot out/a.png --at 11:00",
       "--at '11:00' is outside the run"},
      {"--at on another day", "town.yaml --snapshot out/a.png --at '2026-06-18 12:00'",
       "is outside the run"},
      {"--at malformed", "town.yaml --snapshot out/a.png --at 12h30",
       "--at '12h30' is not a time HH:MM"},
      {"--snapshot without --at", "town.yaml --snapshot out/a.png",
       "--snapshot and --at go together"},
      {"--at without --snapshot", "town.yaml --at 12:00", "--snapshot and --at go together"},
      {"--frames without --to", "town.yaml --frames out/frames --from 12:00",
       "--frames needs --from and --to"},
      {"--to before --from", "town.yaml --frames out/frames --from 12:30 --to 12:00",
       "--to 12:00 is before --from 12:30"},
      {"a bad --size", "town.yaml --snapshot out/a.png --at 12:00 --size 12x12",
       "--size 12x12: expected WIDTHxHEIGHT"},
      {"a snapshot not named .png", "town.yaml --snapshot out/a.jpg --at 12:00",
       "--snapshot out/a.jpg: must end in .png"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const ViewResult result = ws.run(c.args);
    CAPTURE(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(ws.outputs().empty());
  }
}

TEST_CASE("--frames writes numbered frames over the span and leaves no temporary directory") {
  const Workspace ws;
  // 12:00 to 12:01 at 2 frames per second of video and 60 simulated seconds per second: a
  // frame every 30 simulated seconds, at 12:00:00, 12:00:30 and 12:01:00.
  const ViewResult result = ws.run(
      "town.yaml --frames out/frames --from 12:00 --to 12:01 --fps 2 --speed 60 "
      "--size 160x120");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("3 frames written to out/frames") != std::string::npos);
  CHECK(ws.outputs() == std::vector<std::string>{"frames"});
  CHECK(names_in(ws.out / "frames") ==
        std::vector<std::string>{"frame_00000.png", "frame_00001.png", "frame_00002.png"});
  sf::Image frame;
  REQUIRE(frame.loadFromFile((ws.out / "frames" / "frame_00002.png").string()));
  CHECK(frame.getSize() == sf::Vector2u{160, 120});

  // An existing empty directory is filled; the frames differ as time passes.
  fs::create_directories(ws.out / "empty");
  const ViewResult into_empty = ws.run(
      "town.yaml --frames out/empty/ --from 12:00 --to 12:10 --fps 1 --speed 300 --size 160x120");
  INFO(into_empty.err);
  REQUIRE(into_empty.exit_code == 0);
  CHECK(names_in(ws.out / "empty") ==
        std::vector<std::string>{"frame_00000.png", "frame_00001.png", "frame_00002.png"});
  sf::Image first, last;
  REQUIRE(first.loadFromFile((ws.out / "empty" / "frame_00000.png").string()));
  REQUIRE(last.loadFromFile((ws.out / "empty" / "frame_00002.png").string()));
  CHECK_FALSE(same_pixels(first, last));
  CHECK(ws.outputs() == std::vector<std::string>{"empty", "frames"});
}

TEST_CASE("--frames into a directory that is not empty exits 2 and touches nothing") {
  const Workspace ws;
  fs::create_directories(ws.out / "frames");
  std::ofstream(ws.out / "frames" / "keep.txt") << "mine";
  const ViewResult result =
      ws.run("town.yaml --frames out/frames --from 12:00 --to 12:01 --size 160x120");
  CAPTURE(result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--frames out/frames: exists and is not an empty directory") !=
        std::string::npos);
  CHECK(ws.outputs() == std::vector<std::string>{"frames"});  // no temporary sibling
  CHECK(names_in(ws.out / "frames") == std::vector<std::string>{"keep.txt"});
  CHECK(slurp(ws.out / "frames" / "keep.txt") == "mine");
}

TEST_CASE("without a display the viewer says how to run it under Xvfb") {
  const Workspace ws;
  const ViewResult result =
      run_view("town.yaml --snapshot out/a.png --at 12:00", ws.dir.path, "env -u DISPLAY");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("no X display (DISPLAY is not set)") != std::string::npos);
  CHECK(result.err.find("xvfb-run -a knightsim-view") != std::string::npos);
  CHECK(ws.outputs().empty());
}
