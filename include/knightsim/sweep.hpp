#pragma once
/// Sweeps: many variants of one scenario, each with several replications. A sweep file names a
/// base scenario, the parameters to vary (paths as for `--set`), how to combine them (full
/// grid or zipped lists), the replications per point and a master seed. Front-end code
/// (knightsim_io); docs/sweeps.md documents the format.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/scenario_loader.hpp"

namespace knightsim {

/// One varied parameter: a `--set` path and the values it takes, in order. Values are YAML
/// text, applied exactly like `--set path=value` (so "[1, 2]" is a list).
struct SweepParameter {
  std::string path;
  std::vector<std::string> values;
  int line = 0;  ///< in the sweep file, for messages
};

enum class SweepMode : std::uint8_t {
  grid,  ///< every combination of the parameters' values
  zip,   ///< the i-th value of every parameter together (all lists the same length)
};

struct SweepSpec {
  std::string id;    ///< names the sweep in the results database
  std::string file;  ///< the sweep file's path, as given
  /// The base scenario's path as written in the sweep file; "" for the built-in default. Part
  /// of the sweep's definition, so it must not depend on where the sweep is started from.
  std::string base_path;
  /// base_path resolved against the sweep file's directory: the file that was read, and the
  /// name its problems carry. "" for the built-in default.
  std::string base_file;
  std::string base_text;  ///< the base scenario's text (part of each run's scenario hash)
  SweepMode mode = SweepMode::grid;
  std::vector<SweepParameter> parameters;
  int replications = 1;
  std::uint64_t master_seed = 1;
};

/// A point of the sweep: one combination of parameter values.
struct SweepPoint {
  std::uint32_t index = 0;
  std::vector<ScenarioOverride> settings;  ///< one per parameter, in the file's order
};

/// One run: a point and a replication. Replication r uses the same seed at every point
/// (common random numbers), so differences between points are not noise between seeds.
struct SweepRun {
  std::uint32_t point = 0;
  std::uint32_t rep = 0;
  std::uint64_t seed = 0;
  std::uint64_t scenario_hash = 0;  ///< of the base text and the point's settings
};

struct SweepLoadResult {
  std::optional<SweepSpec> sweep;  ///< set only when there are no problems
  std::vector<ScenarioProblem> problems;
  bool ok() const { return sweep.has_value(); }
};

/// Reads and checks a sweep file: its own fields, and every point's scenario (so an unknown
/// parameter path or a bad value is reported before anything runs, at the parameter's line).
SweepLoadResult load_sweep_file(const std::string& path);
/// Same, for text in memory; relative base paths are resolved against `directory`.
SweepLoadResult load_sweep_text(std::string_view yaml_text, const std::string& file_label,
                                const std::string& directory);

std::vector<SweepPoint> sweep_points(const SweepSpec& sweep);
/// Every (point, replication) in a fixed order: point-major.
std::vector<SweepRun> sweep_runs(const SweepSpec& sweep);
std::uint64_t replication_seed(std::uint64_t master_seed, std::uint32_t rep);
/// FNV-1a over the base text and the settings (path and value, in order).
std::uint64_t scenario_hash(std::string_view base_text,
                            const std::vector<ScenarioOverride>& settings);

/// The overrides that turn the base scenario into the point's: its settings in order, with a
/// `[*]` list index (`riders.fleets[*].pay.per_order`) expanded to every entry of that list in
/// the base scenario.
std::vector<ScenarioOverride> point_overrides(const SweepSpec& sweep, const SweepPoint& point);
/// The point's scenario: the base text (as read when the sweep was loaded) with
/// point_overrides applied. The sweep loader has loaded every point once already, so this
/// fails only if files the base scenario reads (trace logs) changed since.
ScenarioLoadResult load_point_scenario(const SweepSpec& sweep, const SweepPoint& point);

}  // namespace knightsim
