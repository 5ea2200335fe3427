// knightsim-view: watch a scenario deliver, in a window or as PNG snapshots and frames.
// A thin front end: it parses options, loads the scenario and hands over to the viz library.
#include <SFML/Graphics/Font.hpp>
#include <boost/program_options.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "font_finder.hpp"
#include "headless_output.hpp"
#include "interactive_viewer.hpp"
#include "knightsim/scenario_loader.hpp"
#include "playback.hpp"
#include "scene.hpp"
#include "view_time.hpp"

namespace po = boost::program_options;
using namespace knightsim;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // not the user's input: no display, no font
constexpr int kExitBadInput = 2;  // bad scenario, option or time

int bad_input(const std::string& message) {
  std::fprintf(stderr, "knightsim-view: %s\n", message.c_str());
  return kExitBadInput;
}

bool parse_size(const std::string& text, sf::Vector2u& size) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  unsigned width = 0, height = 0;
  const auto w = std::from_chars(text.data(), text.data() + x, width);
  const auto h = std::from_chars(text.data() + x + 1, text.data() + text.size(), height);
  if (w.ec != std::errc() || w.ptr != text.data() + x || h.ec != std::errc() ||
      h.ptr != text.data() + text.size() || width < 64 || height < 64 || width > 8192 ||
      height > 8192) {
    return false;
  }
  size = {width, height};
  return true;
}

/// "--region": an island's name, or "X0,Y0,X1,Y1" in metres.
std::optional<viz::WorldBounds> parse_region(const std::string& text, const ScenarioSpec& spec,
                                             std::string* error) {
  for (const IslandSpec& island : spec.map.islands) {
    if (island.name == text) {
      return viz::WorldBounds{min_corner(island.outline), max_corner(island.outline)};
    }
  }
  double numbers[4];
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int k = 0; k < 4; ++k) {
    const auto parsed = std::from_chars(p, end, numbers[k]);
    if (parsed.ec != std::errc() || (k < 3 && (parsed.ptr == end || *parsed.ptr != ',')) ||
        (k == 3 && parsed.ptr != end)) {
      std::string names;
      for (const IslandSpec& island : spec.map.islands) {
        names += (names.empty() ? "" : ", ") + island.name;
      }
      *error = "'" + text + "' is neither X0,Y0,X1,Y1 in metres nor an island" +
               (names.empty() ? std::string(" (the scenario has none)") : " (" + names + ")");
      return std::nullopt;
    }
    p = parsed.ptr + (k < 3 ? 1 : 0);
  }
  if (!(numbers[2] > numbers[0] && numbers[3] > numbers[1])) {
    *error = "'" + text + "': X1 must exceed X0 and Y1 exceed Y0";
    return std::nullopt;
  }
  return viz::WorldBounds{{numbers[0], numbers[1]}, {numbers[2], numbers[3]}};
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description options(
      "Usage: knightsim-view [SCENARIO] [options]\n"
      "Runs SCENARIO (a YAML file; the built-in default scenario if omitted) and shows it in a\n"
      "window, or writes a snapshot (--snapshot) or video frames (--frames) without one.\n"
      "Times are HH:MM on the run's first day, or YYYY-MM-DD HH:MM.\n\nOptions");
  std::string scenario_path, seed_text, snapshot_path, at_text, frames_dir, from_text, to_text;
  std::string size_text = "1280x800";
  std::string region_text, heatmap_text;
  std::vector<std::string> set_texts;
  double speed = 60.0, fps = 30.0;
  unsigned antialiasing = 0;
  options.add_options()("help,h", "show this help")("scenario", po::value(&scenario_path),
                                                    "scenario file (positional)")(
      "seed", po::value(&seed_text), "random seed (default: the scenario's `seed`)")(
      "speed", po::value(&speed),
      "simulated seconds per real second (default 60; keys 1-6 change it in the window)")(
      "set", po::value(&set_texts)->composing(), "override a scenario field, e.g. --set seed=3")(
      "size", po::value(&size_text), "window or image size WIDTHxHEIGHT (default 1280x800)")(
      "snapshot", po::value(&snapshot_path), "write one frame to FILE.png and exit (needs --at)")(
      "at", po::value(&at_text), "simulated time of the snapshot")(
      "frames", po::value(&frames_dir), "write numbered PNG frames to DIR (needs --from, --to)")(
      "fps", po::value(&fps), "frames per second of video for --frames (default 30)")(
      "from", po::value(&from_text), "first frame's simulated time")("to", po::value(&to_text),
                                                                     "last frame's simulated time")(
      "antialiasing", po::value(&antialiasing),
      "multisampling level, e.g. 4 (default 0: off; smoother lines, slower without a GPU)")(
      "heatmap", po::value(&heatmap_text),
      "start with a heatmap: demand or lateness (key H in the window)")(
      "region", po::value(&region_text),
      "what to show first: an island's name, or X0,Y0,X1,Y1 in metres (default: everything)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(),
              values);
    po::notify(values);
  } catch (const po::error& error) {
    return bad_input(std::string(error.what()) + " (see --help)");
  }
  if (values.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  sf::Vector2u size;
  if (!parse_size(size_text, size))
    return bad_input("--size " + size_text + ": expected WIDTHxHEIGHT, each 64 to 8192");
  if (!(speed > 0) || speed > 1e6) return bad_input("--speed: must be > 0 and at most 1000000");
  if (!(fps > 0) || fps > 240) return bad_input("--fps: must be > 0 and at most 240");
  const bool snapshot = !snapshot_path.empty();
  const bool frames = !frames_dir.empty();
  if (snapshot && frames) return bad_input("--snapshot and --frames cannot be combined");
  if (snapshot != !at_text.empty()) return bad_input("--snapshot and --at go together");
  if (frames != (!from_text.empty() && !to_text.empty())) {
    return bad_input("--frames needs --from and --to (and they need --frames)");
  }

  std::vector<ScenarioOverride> overrides;
  for (const std::string& text : set_texts) {
    std::string error;
    const auto parsed = parse_override(text, &error);
    if (!parsed) return bad_input("--set " + text + ": " + error);
    overrides.push_back(*parsed);
  }
  const std::optional<ScenarioSpec> loaded = load_scenario_or_report(scenario_path, overrides);
  if (!loaded) return kExitBadInput;
  const ScenarioSpec& spec = *loaded;
  std::uint64_t seed = spec.seed;
  if (values.count("seed")) {
    const auto parsed =
        std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed);
    if (parsed.ec != std::errc() || parsed.ptr != seed_text.data() + seed_text.size()) {
      return bad_input("--seed " + seed_text + ": must be a whole number from 0 to 2^64-1");
    }
  }
  const ScenarioClock clock(spec.start);
  std::optional<SimTime> at, from, to;
  std::string error;
  if (snapshot && !(at = viz::parse_view_time(at_text, clock, spec.duration_ms, &error))) {
    return bad_input("--at " + error);
  }
  if (frames) {
    if (!(from = viz::parse_view_time(from_text, clock, spec.duration_ms, &error))) {
      return bad_input("--from " + error);
    }
    if (!(to = viz::parse_view_time(to_text, clock, spec.duration_ms, &error))) {
      return bad_input("--to " + error);
    }
    if (*to < *from) return bad_input("--to " + to_text + " is before --from " + from_text);
  }

  // Every mode draws with OpenGL through X11 (SFML aborts without a display).
  if (const char* display = std::getenv("DISPLAY"); display == nullptr || *display == '\0') {
    std::fprintf(stderr,
                 "knightsim-view: no X display (DISPLAY is not set). Without a screen, run it "
                 "under Xvfb: xvfb-run -a knightsim-view ...\n");
    return kExitFailure;
  }
  const std::optional<std::string> font_path = viz::find_font();
  sf::Font font;
  if (!font_path || !font.loadFromFile(*font_path)) {
    std::fprintf(stderr, "%s\n", viz::missing_font_message().c_str());
    return kExitFailure;
  }

  viz::ViewState state;
  if (antialiasing > 16) return bad_input("--antialiasing: must be 0 to 16");
  state.antialiasing = antialiasing;
  if (heatmap_text == "demand") {
    state.heatmap = viz::HeatmapMode::demand;
  } else if (heatmap_text == "lateness") {
    state.heatmap = viz::HeatmapMode::lateness;
  } else if (!heatmap_text.empty()) {
    return bad_input("--heatmap " + heatmap_text + ": expected demand or lateness");
  }
  if (!region_text.empty()) {
    state.region = parse_region(region_text, spec, &error);
    if (!state.region) return bad_input("--region " + error);
  }
  viz::Scene scene(spec, seed, font);
  viz::Playback playback(speed);
  state.speed_label = playback.label();
  try {
    if (snapshot) {
      error = viz::write_snapshot(scene, snapshot_path, *at, size, state);
      if (!error.empty()) return bad_input(error);
      return kExitOk;
    }
    if (frames) {
      int written = 0;
      error = viz::write_frames(scene, frames_dir, {*from, *to, fps, speed}, size, state, &written);
      if (!error.empty()) return bad_input(error);
      std::fprintf(stderr, "knightsim-view: %d frames written to %s\n", written,
                   frames_dir.c_str());
      return kExitOk;
    }
    return viz::run_window(scene, playback, size, state);
  } catch (const std::exception& failure) {
    std::fprintf(stderr, "knightsim-view: %s\n", failure.what());
    return kExitFailure;
  }
}
