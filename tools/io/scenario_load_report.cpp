// Loading a scenario for a front end: the built-in default when no path is given, and every
// problem reported on stderr in the FILE:LINE:COL: FIELD: MESSAGE form.
#include <cstdio>

#include "knightsim/scenario_loader.hpp"

namespace knightsim {

std::optional<ScenarioSpec> load_scenario_or_report(
    const std::string& path, const std::vector<ScenarioOverride>& overrides) {
  const ScenarioLoadResult result =
      path.empty() ? load_scenario_text(default_scenario_text(), "<built-in default>", overrides)
                   : load_scenario_file(path, overrides);
  for (const ScenarioProblem& problem : result.problems) {
    std::fprintf(stderr, "%s\n", problem.format().c_str());
  }
  if (!result.ok()) {
    std::fprintf(stderr, "%zu problem%s found.\n", result.problems.size(),
                 result.problems.size() == 1 ? "" : "s");
    return std::nullopt;
  }
  return result.spec;
}

}  // namespace knightsim
