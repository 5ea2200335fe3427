// knightsim validate: load and check a scenario, report every problem, run nothing.
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"

namespace po = boost::program_options;

namespace knightsim::cli {

int validate_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim validate SCENARIO [options]\n"
      "Checks SCENARIO and reports every problem as FILE:LINE:COLUMN: FIELD: MESSAGE.\n"
      "Exit code 0 if it is valid, 2 if not.\n\nOptions");
  std::string scenario_path;
  std::vector<std::string> set_texts;
  options.add_options()("help,h", "show this help")("scenario", po::value(&scenario_path),
                                                    "scenario file (positional)")(
      "set", po::value(&set_texts)->composing(), "override a scenario field (repeatable)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto values = parse_options("validate", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (scenario_path.empty()) {
    std::fprintf(
        stderr,
        "knightsim validate: a SCENARIO file is required\nTry 'knightsim validate --help'.\n");
    return kExitBadInput;
  }
  const auto overrides = parse_overrides(set_texts);
  if (!overrides) return kExitBadInput;
  const auto spec = load_scenario_or_report(scenario_path, *overrides);
  if (!spec) return kExitBadInput;
  if (spec->trace.enabled()) {
    // The engine ignores fleets and merchants with a trace, so the trace is what to report.
    const TraceSpec& trace = spec->trace;
    std::printf(
        "%s: ok — scenario '%s', %.1f h from %04d-%02d-%02d %02d:%02d, trace of %zu orders and "
        "%zu couriers in a city of %.1f × %.1f km\n",
        scenario_path.c_str(), spec->name.c_str(),
        static_cast<double>(spec->duration_ms) / static_cast<double>(kMsPerHour), spec->start.year,
        spec->start.month, spec->start.day, spec->start.hour, spec->start.minute,
        trace.orders.size(), trace.couriers.size(), spec->city.width_m / 1000.0,
        spec->city.height_m / 1000.0);
    return kExitOk;
  }
  int riders = 0;
  for (const auto& fleet : spec->riders.fleets) riders += fleet.count;
  int merchants = 0;
  for (const auto& group : spec->merchants) merchants += group.count;
  std::printf(
      "%s: ok — scenario '%s', %.1f h from %04d-%02d-%02d %02d:%02d, %zu fleet%s with %d riders, "
      "%d merchants\n",
      scenario_path.c_str(), spec->name.c_str(),
      static_cast<double>(spec->duration_ms) / static_cast<double>(kMsPerHour), spec->start.year,
      spec->start.month, spec->start.day, spec->start.hour, spec->start.minute,
      spec->riders.fleets.size(), spec->riders.fleets.size() == 1 ? "" : "s", riders, merchants);
  return kExitOk;
}

}  // namespace knightsim::cli
