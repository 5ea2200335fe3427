// Benchmark: the viewer's frame time. A scenario scaled to a target number of riders is run
// to a start time, then N frames are drawn off screen as the window would draw them, each
// advancing the simulation by speed/60 simulated seconds (60 frames a second). Prints the
// simulation's and the drawing's share of each frame. Needs an X display (xvfb-run -a).
//
//   knightsim_bench_view SCENARIO [--riders N (0: as the scenario has it)] [--orders N] [--from
//   HH:MM] [--frames N]
//                        [--speed X] [--size WxH] [--seed N] [--antialiasing N]
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/OpenGL.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "font_finder.hpp"
#include "knightsim/demand_profile.hpp"
#include "knightsim/road_map.hpp"
#include "knightsim/scenario_loader.hpp"
#include "scaled_scenario.hpp"
#include "scene.hpp"
#include "view_time.hpp"

using namespace knightsim;
using Clock = std::chrono::steady_clock;

namespace {

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[index];
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string path, from_text = "12:00";
  double target_orders = 0, speed = 60;
  int target_riders = 5000, frames = 600, antialiasing = 0;
  unsigned width = 1280, height = 800;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--riders") {
      target_riders = std::atoi(next());
    } else if (arg == "--orders") {
      target_orders = std::atof(next());
    } else if (arg == "--from") {
      from_text = next();
    } else if (arg == "--frames") {
      frames = std::atoi(next());
    } else if (arg == "--speed") {
      speed = std::atof(next());
    } else if (arg == "--antialiasing") {
      antialiasing = std::atoi(next());
    } else if (arg == "--seed") {
      seed = std::strtoull(next(), nullptr, 10);
    } else if (arg == "--size") {
      if (std::sscanf(next(), "%ux%u", &width, &height) != 2) return 2;
    } else if (path.empty() && arg.rfind("--", 0) != 0) {
      path = arg;
    } else {
      std::fprintf(stderr, "unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  if (path.empty() || target_riders < 0 || frames <= 0 || speed <= 0) {
    std::fprintf(stderr, "usage: knightsim_bench_view SCENARIO [--riders N] [--orders N] ...\n");
    return 2;
  }
  const ScenarioLoadResult loaded = load_scenario_file(path);
  for (const auto& problem : loaded.problems)
    std::fprintf(stderr, "%s\n", problem.format().c_str());
  if (!loaded.ok()) return 2;
  int base_riders = 0;
  for (const auto& fleet : loaded.spec->riders.fleets) base_riders += fleet.count;
  // Demand scales with the riders unless --orders says otherwise (the base scenario's load).
  ScenarioSpec base = *loaded.spec;
  // The base scenario's expected orders (the demand profile over the run), per rider.
  const double base_orders = base.demand.orders_per_hour * expected_orders_per_unit_rate(base);
  if (target_riders == 0) target_riders = base_riders;  // --riders 0: the scenario as it is
  const bool as_shipped = target_riders == base_riders && target_orders <= 0;
  if (target_orders <= 0) target_orders = base_orders * target_riders / std::max(1, base_riders);
  const ScenarioSpec spec = as_shipped ? base : bench::scaled(base, target_orders, target_riders);

  const auto font_path = viz::find_font();
  sf::Font font;
  if (!font_path || !font.loadFromFile(*font_path)) {
    std::fprintf(stderr, "%s\n", viz::missing_font_message().c_str());
    return 1;
  }
  std::string error;
  const auto from =
      viz::parse_view_time(from_text, ScenarioClock(spec.start), spec.duration_ms, &error);
  if (!from) {
    std::fprintf(stderr, "--from %s\n", error.c_str());
    return 2;
  }
  viz::Scene scene(spec, seed, font);
  const auto warm_start = Clock::now();
  scene.advance_to(*from);
  const double warm_ms = ms_between(warm_start, Clock::now());

  sf::RenderTexture texture;
  sf::ContextSettings settings;
  settings.antialiasingLevel = static_cast<unsigned>(antialiasing);
  if (!texture.create(width, height, settings)) return 1;
  viz::Camera camera({width, height});
  camera.fit(scene.bounds());
  viz::ViewState state;
  state.speed_label = "bench";
  const SimTime step_ms = seconds_to_ms(speed / 60.0);

  std::vector<double> simulate_ms, draw_ms, total_ms;
  for (int frame = 0; frame < frames && scene.shown_ms() < scene.end_ms(); ++frame) {
    const auto t0 = Clock::now();
    scene.advance_to(scene.shown_ms() + step_ms);
    const auto t1 = Clock::now();
    scene.draw(texture, camera, state);
    texture.display();
    glFinish();  // count the rasterising, not just the queuing of draw calls
    const auto t2 = Clock::now();
    simulate_ms.push_back(ms_between(t0, t1));
    draw_ms.push_back(ms_between(t1, t2));
    total_ms.push_back(ms_between(t0, t2));
  }
  int present = 0, moving = 0;
  for (const Rider& rider : scene.simulation().riders()) {
    if (viz::rider_present(rider, scene.shown_ms())) ++present;
    if (rider.leg.moving) ++moving;
  }
  std::printf("scenario %s %s %d riders, %.0f orders expected; %ux%u; speed %gx (%g s per frame)\n",
              spec.name.c_str(), as_shipped ? "as shipped:" : "scaled to", target_riders,
              target_orders, width, height, speed, speed / 60.0);
  if (const RoadMap* map = scene.simulation().road_map()) {
    std::printf("road graph: %zu nodes, %zu directed edges\n", map->graph().node_count(),
                map->graph().edge_count());
  }
  std::printf(
      "run to %s first: %.0f ms; at the end %d riders present, %d moving, %zu open orders\n",
      from_text.c_str(), warm_ms, present, moving, scene.tracker().open_orders().size());
  std::printf("%zu frames: total mean %.2f ms, median %.2f, p95 %.2f (%.0f fps)\n", total_ms.size(),
              mean(total_ms), percentile(total_ms, 0.5), percentile(total_ms, 0.95),
              1000.0 / mean(total_ms));
  std::printf("  simulate mean %.2f ms, p95 %.2f; draw mean %.2f ms, p95 %.2f\n", mean(simulate_ms),
              percentile(simulate_ms, 0.95), mean(draw_ms), percentile(draw_ms, 0.95));
  return 0;
}
