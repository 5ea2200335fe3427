// Sweep files (YAML) → a checked SweepSpec, and the points, runs, seeds and hashes of a sweep.
// docs/sweeps.md documents the format this implements.
#include "knightsim/sweep.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "knightsim/text_file.hpp"
#include "scenario_values.hpp"
#include "yaml_tree.hpp"

namespace knightsim {
namespace {

using namespace scenario_values;

constexpr std::string_view kBuiltInLabel = "<built-in default>";
constexpr std::string_view kWildcard = "[*]";
// Typo catchers: a range step of 0.001 instead of 1, or one more parameter than intended,
// should be a message and not a sweep that would run for a year.
constexpr double kMaxRangeValues = 10'000;
constexpr double kMaxRuns = 10'000'000;
constexpr double kMaxReplications = 1'000'000;

std::string base_label(const SweepSpec& sweep) {
  return sweep.base_file.empty() ? std::string(kBuiltInLabel) : sweep.base_file;
}

/// YAML text for a value, read back exactly like a `--set` value: a plain scalar stays plain
/// (so it can be a number), a quoted one stays a string, lists and maps in flow style.
void emit(YAML::Emitter& out, const Node& node) {
  switch (node.kind) {
    case Node::Kind::null:
      out << YAML::Null;
      break;
    case Node::Kind::scalar:
      if (node.quoted) out << YAML::DoubleQuoted;
      out << node.text;
      break;
    case Node::Kind::sequence:
      out << YAML::Flow << YAML::BeginSeq;
      for (const Node& item : node.items) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::map:
      out << YAML::Flow << YAML::BeginMap;
      for (const yaml_tree::Entry& entry : node.entries) {
        out << YAML::Key << entry.key << YAML::Value;
        emit(out, entry.value);
      }
      out << YAML::EndMap;
      break;
  }
}

std::string yaml_text(const Node& node) {
  if (node.is_null()) return "";  // like `--set path=`: an empty value
  if (node.is_scalar() && !node.quoted) return node.text;
  YAML::Emitter out;
  emit(out, node);
  return out.c_str();
}

/// "0.30000000000000004" → "0.3": range values are what the user would have typed.
std::string format_range_value(double value) {
  const std::string rounded = fmt::format("{:.12g}", value);
  return rounded == "-0" ? "0" : rounded;
}

/// Every concrete path a parameter path stands for: each `[*]` becomes [0], [1], … over the
/// entries of that list in `base`. "" and the reason in `error` if a `[*]` is not on a
/// non-empty list there.
std::vector<std::string> expand_wildcards(const Node& base, const std::string& path,
                                          std::string& error) {
  const std::size_t star = path.find(kWildcard);
  if (star == std::string::npos) return {path};
  const std::string list_path = path.substr(0, star);
  std::vector<yaml_tree::PathStep> steps;
  std::string why;
  if (!yaml_tree::parse_path(list_path, steps, why)) {
    error = why;
    return {};
  }
  const Node* list = yaml_tree::find_path(base, steps);
  if (list == nullptr || !list->is_sequence() || list->items.empty()) {
    error =
        fmt::format("'[*]' stands for every entry of '{}', but the base scenario has {}", list_path,
                    list == nullptr || list->is_null() ? "no such list"
                    : list->is_sequence()              ? "no entries in it"
                                                       : "something else than a list there");
    return {};
  }
  std::vector<std::string> out;
  const std::string rest = path.substr(star + kWildcard.size());
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    for (std::string& expanded :
         expand_wildcards(base, fmt::format("{}[{}]{}", list_path, i, rest), error)) {
      out.push_back(std::move(expanded));
    }
    if (!error.empty()) return {};
  }
  return out;
}

/// The base scenario as a tree, for `[*]` expansion; a null node if it does not parse (the
/// scenario loader then reports why).
Node base_tree(std::string_view base_text) {
  std::vector<yaml_tree::TreeProblem> ignored;
  std::optional<Node> root = yaml_tree::parse_yaml(base_text, false, ignored);
  return root ? std::move(*root) : Node{};
}

std::vector<ScenarioOverride> expand_settings(const Node& base,
                                              const std::vector<ScenarioOverride>& settings) {
  std::vector<ScenarioOverride> out;
  for (const ScenarioOverride& setting : settings) {
    std::string error;
    std::vector<std::string> paths = expand_wildcards(base, setting.path, error);
    // Unexpandable (only if the base changed since loading): hand the path on as written, so
    // the scenario loader reports it as a malformed path rather than dropping the setting.
    if (!error.empty()) paths = {setting.path};
    for (std::string& path : paths) out.push_back({std::move(path), setting.value});
  }
  return out;
}

/// Where each value of a parameter was written, for problems with that value.
struct ParameterSource {
  Origin key;
  std::vector<Origin> values;
};

class SweepLoader : public Reader {
 public:
  SweepLoader(std::string file, std::string directory, std::vector<ScenarioProblem>& problems)
      : Reader(file, problems),
        file_(std::move(file)),
        directory_(std::move(directory)),
        problems_(problems) {}

  /// The sweep, if its own fields are good (the points' scenarios are checked after).
  std::optional<SweepSpec> read(const Node& root);
  /// Loads every point's scenario; problems are reported at the parameters' lines.
  void check_points(const SweepSpec& sweep);

 private:
  bool read_base(const Fields& top, SweepSpec& sweep);
  bool read_parameters(const Fields& top, SweepSpec& sweep);
  bool read_values(const Node& node, const std::string& field, SweepParameter& parameter,
                   ParameterSource& source);
  bool read_range(const Node& node, const std::string& field, SweepParameter& parameter,
                  ParameterSource& source);
  bool check_sizes(const SweepSpec& sweep);
  void report_point_problem(const SweepSpec& sweep, const SweepPoint& point,
                            const ScenarioProblem& problem);

  std::string file_;
  std::string directory_;
  std::vector<ScenarioProblem>& problems_;
  Origin parameters_origin_;
  std::vector<ParameterSource> sources_;                   // parallel to SweepSpec::parameters
  std::vector<std::vector<std::string>> canonical_paths_;  // each parameter's, expanded
};

std::optional<SweepSpec> SweepLoader::read(const Node& root) {
  if (!root.is_map()) {
    wrong_type(root, "", "a map of sweep settings (sweep: ..., parameters: ...)");
    return std::nullopt;
  }
  const Fields top(*this, &root, "",
                   {"sweep", "description", "base", "replications", "seed", "mode", "parameters"},
                   root.origin);
  const std::size_t problems_before = problems_.size();
  SweepSpec sweep;
  sweep.file = file_;
  if (top.required("sweep") && top.text("sweep", sweep.id) && sweep.id.empty()) {
    report(top.origin("sweep"), "sweep", "must not be empty (it names the sweep's results)");
  }
  if (const Node* replications = top.get("replications")) {
    integer(*replications, "replications", sweep.replications, between(1, kMaxReplications));
  }
  if (const Node* seed_node = top.get("seed")) seed(*seed_node, "seed", sweep.master_seed);
  top.choice("mode", "mode", {"grid", "zip"}, sweep.mode);
  const bool base_ok = read_base(top, sweep);
  if (read_parameters(top, sweep) && base_ok) check_sizes(sweep);
  if (problems_.size() != problems_before) return std::nullopt;
  return sweep;
}

bool SweepLoader::read_base(const Fields& top, SweepSpec& sweep) {
  const Node* base = top.get("base");
  std::string written;
  if (base == nullptr || !text(*base, "base", written)) {
    sweep.base_text = std::string(default_scenario_text());
    return base == nullptr;
  }
  if (written.empty()) {
    report(base->origin, "base", "must name a scenario file (omit it for the built-in default)");
    return false;
  }
  namespace fs = std::filesystem;
  const fs::path path(written);
  sweep.base_path = written;
  sweep.base_file = path.is_absolute() || directory_.empty()
                        ? written
                        : (fs::path(directory_) / path).lexically_normal().string();
  std::string error;
  std::optional<std::string> base_text = read_text_file(sweep.base_file, error);
  if (!base_text) {
    report(base->origin, "base", fmt::format("cannot read '{}': {}", sweep.base_file, error));
    return false;
  }
  sweep.base_text = std::move(*base_text);
  return true;
}

bool SweepLoader::read_parameters(const Fields& top, SweepSpec& sweep) {
  if (!top.required("parameters")) return false;
  const Node& parameters = *top.get("parameters");
  parameters_origin_ = parameters.origin;
  if (!parameters.is_map() || parameters.entries.empty()) {
    if (parameters.is_map() || parameters.is_null()) {
      report(parameters.origin, "parameters",
             "must name at least one parameter (path: [values...])");
      return false;
    }
    return wrong_type(parameters, "parameters", "a map of parameter paths to values");
  }
  bool ok = true;
  for (const yaml_tree::Entry& entry : parameters.entries) {
    SweepParameter parameter;
    parameter.path = std::string(trim(entry.key));
    parameter.line = entry.key_origin.line;
    ParameterSource source{entry.key_origin, {}};
    // The path as `--set` would parse it, with [0] standing in for [*].
    std::string probe = parameter.path;
    for (std::size_t at = probe.find(kWildcard); at != std::string::npos;
         at = probe.find(kWildcard, at)) {
      probe.replace(at, kWildcard.size(), "[0]");
    }
    std::vector<yaml_tree::PathStep> steps;
    std::string error;
    if (!yaml_tree::parse_path(probe, steps, error)) {
      report(entry.key_origin, parameter.path,
             probe == parameter.path ? error : error + " ('[*]' read as '[0]')");
      ok = false;
      continue;
    }
    const std::string field = parameter.path;
    if (!read_values(entry.value, field, parameter, source)) {
      ok = false;
      continue;
    }
    sweep.parameters.push_back(std::move(parameter));
    sources_.push_back(std::move(source));
  }
  return ok;
}

bool SweepLoader::read_values(const Node& node, const std::string& field, SweepParameter& parameter,
                              ParameterSource& source) {
  if (node.is_map()) {
    const bool is_range = node.find("from") || node.find("to") || node.find("step");
    if (is_range) return read_range(node, field, parameter, source);
    return wrong_type(node, field,
                      "a list of values, one value, or a range {from: A, to: B, step: S}");
  }
  if (node.is_sequence()) {
    if (node.items.empty()) {
      report(node.origin, field, "the list of values is empty");
      return false;
    }
    for (const Node& item : node.items) {
      parameter.values.push_back(yaml_text(item));
      source.values.push_back(item.origin);
    }
    return true;
  }
  if (node.is_null()) {
    report(node.origin, field, "no values given (a list of values, one value, or a range)");
    return false;
  }
  // One value: the same at every point (a setting common to the whole sweep).
  parameter.values.push_back(yaml_text(node));
  source.values.push_back(node.origin);
  return true;
}

bool SweepLoader::read_range(const Node& node, const std::string& field, SweepParameter& parameter,
                             ParameterSource& source) {
  const Fields range(*this, &node, field, {"from", "to", "step"}, node.origin);
  double from = 0, to = 0, step = 0;
  bool ok = range.required("from") && range.number("from", from);
  ok = range.required("to") && range.number("to", to) && ok;
  ok = range.required("step") && range.number("step", step) && ok;
  if (!ok) return false;
  if (step == 0) {
    report(range.origin("step"), range.path("step"), "must not be 0");
    return false;
  }
  if ((to - from) * step < 0) {
    report(range.origin("step"), range.path("step"),
           fmt::format("must be {} to go from {} to {}", step > 0 ? "negative" : "positive",
                       format_range_value(from), format_range_value(to)));
    return false;
  }
  // A little slack so that {from: 0, to: 1, step: 0.1} ends at 1, not 0.9.
  const double steps = std::floor((to - from) / step + 1e-9);
  if (steps + 1 > kMaxRangeValues) {
    report(range.origin("step"), range.path("step"),
           fmt::format("gives {} values, more than {} (is the step right?)", steps + 1,
                       kMaxRangeValues));
    return false;
  }
  for (int i = 0; i <= static_cast<int>(steps); ++i) {
    parameter.values.push_back(format_range_value(from + i * step));
    source.values.push_back(node.origin);
  }
  return true;
}

bool SweepLoader::check_sizes(const SweepSpec& sweep) {
  const Node tree = base_tree(sweep.base_text);
  // Two parameters that set the same field: the later would silently win.
  std::map<std::string, std::size_t> first_setter;
  for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
    const SweepParameter& parameter = sweep.parameters[p];
    std::string error;
    std::vector<std::string> paths = expand_wildcards(tree, parameter.path, error);
    if (!error.empty()) {
      report(sources_[p].key, parameter.path, error);
      return false;
    }
    for (std::string& path : paths) {
      std::vector<yaml_tree::PathStep> steps;
      std::string ignored;
      yaml_tree::parse_path(path, steps, ignored);
      path = yaml_tree::format_path(steps);
      const auto [it, inserted] = first_setter.emplace(path, p);
      if (!inserted) {
        const SweepParameter& first = sweep.parameters[it->second];
        const bool plain_paths = first.path.find(kWildcard) == std::string::npos &&
                                 parameter.path.find(kWildcard) == std::string::npos;
        report(sources_[p].key, parameter.path,
               plain_paths ? fmt::format("duplicate parameter (first given at line {})", first.line)
                           : fmt::format("sets {}, which '{}' (line {}) sets too", path, first.path,
                                         first.line));
        return false;
      }
    }
    canonical_paths_.push_back(std::move(paths));
  }

  double points = 1.0;
  if (sweep.mode == SweepMode::zip) {
    // One value is a setting common to every point; every list must be as long as the first.
    const SweepParameter* first_list = nullptr;
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
      const SweepParameter& parameter = sweep.parameters[p];
      if (parameter.values.size() == 1) continue;
      if (first_list == nullptr) {
        first_list = &parameter;
        points = static_cast<double>(parameter.values.size());
      } else if (parameter.values.size() != first_list->values.size()) {
        report(sources_[p].key, parameter.path,
               fmt::format("has {} values, but '{}' has {}: zip mode takes the i-th value of "
                           "every parameter together, so all lists must be equally long",
                           parameter.values.size(), first_list->path, first_list->values.size()));
        return false;
      }
    }
  } else {
    for (const SweepParameter& parameter : sweep.parameters) {
      points *= static_cast<double>(parameter.values.size());
    }
  }
  if (points * sweep.replications > kMaxRuns) {
    report(parameters_origin_, "parameters",
           fmt::format("{} points x {} replications is more than {} runs", points,
                       sweep.replications, kMaxRuns));
    return false;
  }
  return true;
}

void SweepLoader::check_points(const SweepSpec& sweep) {
  const std::string label = base_label(sweep);
  // The base alone first: its own problems are the base file's, not any parameter's.
  const ScenarioLoadResult base = load_scenario_text(sweep.base_text, label);
  if (!base.ok()) {
    for (const ScenarioProblem& problem : base.problems) problems_.push_back(problem);
    return;
  }
  for (const SweepPoint& point : sweep_points(sweep)) {
    const ScenarioLoadResult result = load_point_scenario(sweep, point);
    for (const ScenarioProblem& problem : result.problems) {
      report_point_problem(sweep, point, problem);
    }
  }
  // A grid repeats each value at many points: say each problem once.
  std::set<std::string> seen;
  std::vector<ScenarioProblem> unique;
  for (ScenarioProblem& problem : problems_) {
    if (seen.insert(problem.format()).second) unique.push_back(std::move(problem));
  }
  problems_ = std::move(unique);
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ScenarioProblem& a, const ScenarioProblem& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
}

/// Whether `field` is `path` or lies along it ("riders.fleets[0]" and
/// "riders.fleets[0].count"), comparing whole steps.
bool along(const std::string& field, const std::string& path) {
  const auto within = [](const std::string& shorter, const std::string& longer) {
    return longer.starts_with(shorter) &&
           (longer.size() == shorter.size() || longer[shorter.size()] == '.' ||
            longer[shorter.size()] == '[');
  };
  return within(field, path) || within(path, field);
}

void SweepLoader::report_point_problem(const SweepSpec& sweep, const SweepPoint& point,
                                       const ScenarioProblem& problem) {
  if (problem.file == "--set") {
    // A problem with a parameter: its path (where the key is written) or its value (where
    // that value is written).
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
      const bool matches =
          std::any_of(canonical_paths_[p].begin(), canonical_paths_[p].end(),
                      [&](const std::string& path) { return along(problem.field, path); });
      if (!matches) continue;
      const std::string& value = point.settings[p].value;
      const bool about_path =
          problem.message.starts_with("unknown key ") || problem.message.starts_with("index ") ||
          problem.message.starts_with("cannot ") || problem.message.starts_with("malformed path ");
      if (about_path) {
        report(sources_[p].key, problem.field, problem.message);
        return;
      }
      const std::size_t value_index = static_cast<std::size_t>(
          std::find(sweep.parameters[p].values.begin(), sweep.parameters[p].values.end(), value) -
          sweep.parameters[p].values.begin());
      const Origin& where = value_index < sources_[p].values.size()
                                ? sources_[p].values[value_index]
                                : sources_[p].key;
      report(where, problem.field,
             problem.message.find("'" + value + "'") != std::string::npos || value.empty()
                 ? problem.message
                 : fmt::format("{} (value {})", problem.message, value));
      return;
    }
  }
  // A problem the point's values cause elsewhere in the scenario (a cross-field check): say
  // which point, at the parameters.
  std::vector<std::string> values;
  for (const ScenarioOverride& setting : point.settings) {
    values.push_back(fmt::format("{}={}", setting.path, setting.value));
  }
  report(
      parameters_origin_, "parameters",
      fmt::format("at point {} ({}): {}", point.index, fmt::join(values, ", "), problem.format()));
}

void fnv1a(std::uint64_t& hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
}

}  // namespace

SweepLoadResult load_sweep_text(std::string_view yaml_text, const std::string& file_label,
                                const std::string& directory) {
  SweepLoadResult result;
  SweepLoader loader(file_label, directory, result.problems);
  std::vector<yaml_tree::TreeProblem> tree_problems;
  std::optional<Node> root = yaml_tree::parse_yaml(yaml_text, false, tree_problems);
  for (yaml_tree::TreeProblem& problem : tree_problems) {
    loader.report(problem.origin, std::move(problem.field), std::move(problem.message));
  }
  if (!root) return result;
  std::optional<SweepSpec> sweep = loader.read(*root);
  if (!sweep || !result.problems.empty()) return result;
  loader.check_points(*sweep);
  if (result.problems.empty()) result.sweep = std::move(sweep);
  return result;
}

SweepLoadResult load_sweep_file(const std::string& path) {
  std::string error;
  const std::optional<std::string> text = read_text_file(path, error);
  if (!text) {
    SweepLoadResult result;
    result.problems.push_back({path, 0, 0, "", fmt::format("cannot read file: {}", error)});
    return result;
  }
  return load_sweep_text(*text, path, std::filesystem::path(path).parent_path().string());
}

std::vector<SweepPoint> sweep_points(const SweepSpec& sweep) {
  std::vector<SweepPoint> points;
  if (sweep.parameters.empty()) return points;
  if (sweep.mode == SweepMode::zip) {
    std::size_t count = 1;
    for (const SweepParameter& parameter : sweep.parameters) {
      count = std::max(count, parameter.values.size());
    }
    for (std::size_t i = 0; i < count; ++i) {
      SweepPoint point;
      point.index = static_cast<std::uint32_t>(i);
      for (const SweepParameter& parameter : sweep.parameters) {
        const std::size_t pick = parameter.values.size() == 1 ? 0 : i;
        point.settings.push_back({parameter.path, parameter.values.at(pick)});
      }
      points.push_back(std::move(point));
    }
    return points;
  }
  // Grid: like nested loops in the file's order, the first parameter outermost (slowest).
  std::size_t count = 1;
  for (const SweepParameter& parameter : sweep.parameters) count *= parameter.values.size();
  for (std::size_t i = 0; i < count; ++i) {
    SweepPoint point;
    point.index = static_cast<std::uint32_t>(i);
    point.settings.resize(sweep.parameters.size());
    std::size_t rest = i;
    for (std::size_t p = sweep.parameters.size(); p-- > 0;) {
      const SweepParameter& parameter = sweep.parameters[p];
      point.settings[p] = {parameter.path, parameter.values[rest % parameter.values.size()]};
      rest /= parameter.values.size();
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<SweepRun> sweep_runs(const SweepSpec& sweep) {
  std::vector<SweepRun> runs;
  for (const SweepPoint& point : sweep_points(sweep)) {
    const std::uint64_t hash = scenario_hash(sweep.base_text, point.settings);
    for (int rep = 0; rep < sweep.replications; ++rep) {
      const auto r = static_cast<std::uint32_t>(rep);
      runs.push_back({point.index, r, replication_seed(sweep.master_seed, r), hash});
    }
  }
  return runs;
}

std::uint64_t replication_seed(std::uint64_t master_seed, std::uint32_t rep) {
  // The (rep + 1)-th output of splitmix64 started at the master seed: nearby master seeds and
  // reps give unrelated seeds. The top bit is cleared so every seed is a non-negative SQLite
  // INTEGER (signed 64-bit) and survives a round trip through pandas or R.
  std::uint64_t z = master_seed + 0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(rep) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return z & 0x7fff'ffff'ffff'ffffULL;
}

std::uint64_t scenario_hash(std::string_view base_text,
                            const std::vector<ScenarioOverride>& settings) {
  // Separators that cannot occur in a path and delimit fields, so ("a", "bc") and ("ab", "c")
  // differ. Top bit cleared, like seeds, to fit a SQLite INTEGER.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  fnv1a(hash, base_text);
  for (const ScenarioOverride& setting : settings) {
    fnv1a(hash, "\x1e");
    fnv1a(hash, setting.path);
    fnv1a(hash, "\x1f");
    fnv1a(hash, setting.value);
  }
  return hash & 0x7fff'ffff'ffff'ffffULL;
}

std::vector<ScenarioOverride> point_overrides(const SweepSpec& sweep, const SweepPoint& point) {
  const bool has_wildcard = std::any_of(
      point.settings.begin(), point.settings.end(),
      [](const ScenarioOverride& s) { return s.path.find(kWildcard) != std::string::npos; });
  if (!has_wildcard) return point.settings;
  return expand_settings(base_tree(sweep.base_text), point.settings);
}

ScenarioLoadResult load_point_scenario(const SweepSpec& sweep, const SweepPoint& point) {
  return load_scenario_text(sweep.base_text, base_label(sweep), point_overrides(sweep, point));
}

}  // namespace knightsim
