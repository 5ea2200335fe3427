#pragma once
/// Loading scenario files (YAML) into a validated ScenarioSpec. Front-end code: the engine never
/// includes this. Every problem is collected (not just the first) with file, line, column and
/// the field's path, so `knightsim validate` can report them all at once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/scenario.hpp"

namespace knightsim {

/// One problem in a scenario. line and column are 1-based; 0 when unknown.
struct ScenarioProblem {
  std::string file;  ///< path as given, or "--set" for a command-line override
  int line = 0;
  int column = 0;
  std::string field;    ///< e.g. "riders.fleets[0].speed_kmh"; empty for syntax errors
  std::string message;  ///< e.g. "must be > 0"
  /// "scenarios/x.yaml:12:5: riders.fleets[0].speed_kmh: must be > 0"
  std::string format() const;
};

/// A `--set path.to.field=value` override. The value is parsed as YAML (so lists work).
struct ScenarioOverride {
  std::string path;
  std::string value;
};

/// Parses "path.to.field=value"; nullopt (and a message in `error`) if malformed.
std::optional<ScenarioOverride> parse_override(std::string_view text, std::string* error);

struct ScenarioLoadResult {
  std::optional<ScenarioSpec> spec;  ///< set only when there are no problems
  std::vector<ScenarioProblem> problems;
  bool ok() const { return spec.has_value(); }
};

/// Loads and validates a scenario file, applying overrides first.
ScenarioLoadResult load_scenario_file(const std::string& path,
                                      const std::vector<ScenarioOverride>& overrides = {});
/// Same, for text in memory; `file_label` names it in messages.
ScenarioLoadResult load_scenario_text(std::string_view yaml_text, const std::string& file_label,
                                      const std::vector<ScenarioOverride>& overrides = {});

/// For front ends (the CLI, the viewer): loads `path`, or the built-in default scenario when
/// `path` is empty; prints every problem to stderr, then how many, and returns nullopt if there
/// were any.
std::optional<ScenarioSpec> load_scenario_or_report(
    const std::string& path, const std::vector<ScenarioOverride>& overrides = {});

/// The default scenario (scenarios/default.yaml), compiled into the binary.
std::string_view default_scenario_text();

}  // namespace knightsim
