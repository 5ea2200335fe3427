#pragma once
/// Typed reading of a scenario's YAML tree: the value formats (numbers, durations "1h30min",
/// clock times "HH:MM", date-times), range checks, and problem collection with positions and
/// "did you mean" hints. The schema itself (which keys, which limits) is in scenario_loader.cpp.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/scenario_loader.hpp"
#include "knightsim/sim_time.hpp"
#include "yaml_tree.hpp"

namespace knightsim::scenario_values {

using yaml_tree::Node;
using yaml_tree::Origin;

// ---- Value formats. The parsers return "" on success, else the problem message.

/// Longest accepted duration: catches a unit typo ("4000h") before the engine runs for ever.
inline constexpr SimTime kMaxDurationMs = 3650 * kMsPerDay;

/// Strips spaces and tabs at both ends.
std::string_view trim(std::string_view text);
/// " (did you mean 'x'?)" when a candidate is close to `given` (edit distance, ignoring case, with
/// transpositions <= 2, 1 for words of up to 3 letters; or the same ignoring case, '_' and '-';
/// or `given` is a candidate without its "_unit" suffix); else "".
std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates);
/// A decimal number as YAML writes it ("8000", "1.35", "-2", "1e3"); no inf, nan or hex.
std::optional<double> to_number(std::string_view text);
/// "90s", "15min", "1h30min", "1.5h", "500ms", "2d"; units ms, s, min, h, d, largest first.
std::string parse_duration(std::string_view text, SimTime& out_ms);
/// The shortest exact spelling of a duration: 9900000 → "2h45min".
std::string format_duration(SimTime ms);
/// "HH:MM" (00:00–23:59; one-digit hours accepted) → ms since midnight. "24:00" (= kMsPerDay)
/// only when `allow_24`, for closing times.
std::string parse_clock(std::string_view text, bool allow_24, SimTime& out_ms);
/// "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM", or "YYYY-MM-DD" (midnight); a real calendar date.
std::string parse_date_time(std::string_view text, CivilDateTime& out);

// ---- Ranges.

struct Limits {
  double min = -std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  double max = std::numeric_limits<double>::infinity();
  bool say_between = false;  ///< "must be between 1 and 20" rather than one side
};
/// Every name of an enumeration in enum order, by its to_string (for choice() and its
/// did-you-mean).
template <class Enum>
std::vector<std::string> names_of(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.emplace_back(to_string(static_cast<Enum>(i)));
  return names;
}

inline constexpr Limits kAnyNumber{};
inline constexpr Limits kNonNegative{0.0};
inline constexpr Limits kPositive{0.0, true};
constexpr Limits at_least(double min) {
  return Limits{min};
}
constexpr Limits between(double min, double max) {
  return Limits{min, false, max, true};
}
/// "" if `value` is within `limits`, else "must be > 0" and the like.
std::string violation(double value, const Limits& limits);

/// Field paths: join("riders", "fleets") = "riders.fleets", join("riders.fleets", 0) = "…[0]".
std::string join(const std::string& path, std::string_view key);
std::string join(const std::string& path, std::size_t index);

/// Collects problems and reads typed values out of tree nodes. Each reader returns true and
/// sets `out` if the value is good; else it reports the problem and returns false.
class Reader {
 public:
  Reader(std::string file, std::vector<ScenarioProblem>& problems)
      : file_(std::move(file)), problems_(problems) {}

  /// A problem at `origin`: the file position, or "--set" for a node from an override.
  void report(const Origin& origin, std::string field, std::string message);
  /// Reports "expected <expected>, got …"; always false.
  bool wrong_type(const Node& node, const std::string& field, std::string_view expected);

  bool number(const Node& node, const std::string& field, double& out, const Limits& limits);
  bool integer(const Node& node, const std::string& field, long long& out, const Limits& limits);
  bool integer(const Node& node, const std::string& field, int& out, Limits limits);
  bool seed(const Node& node, const std::string& field, std::uint64_t& out);
  /// Any scalar; an empty value is "".
  bool text(const Node& node, const std::string& field, std::string& out);
  bool duration(const Node& node, const std::string& field, SimTime& out, bool positive);
  bool clock(const Node& node, const std::string& field, SimTime& out, bool allow_24);
  bool date_time(const Node& node, const std::string& field, CivilDateTime& out);
  /// A list of exactly 24 numbers within `limits`, one per hour from 00:00 (an hourly profile);
  /// `out` is only written when all are good.
  bool hourly(const Node& node, const std::string& field, const Limits& limits,
              std::array<double, 24>& out);
  /// One of `names` ("unknown <what> 'x'" with a hint otherwise); its index in `out`.
  bool choice(const Node& node, const std::string& field, std::string_view what,
              const std::vector<std::string>& names, std::size_t& out);
  static std::string unknown_name(std::string_view what, std::string_view given,
                                  const std::vector<std::string>& names);
  /// The items of a list; nullptr if it is not a list (reported). Absent or an empty value is
  /// an empty list, so a list whose entries are all commented out still loads.
  const std::vector<Node>* list(const Node* node, const std::string& field);

  /// Calls fn(index, entry, path) for each entry of a map keyed by one of `names` (weather
  /// states, categories), reporting unknown keys; false if the map was bad or fn said so.
  template <class Fn>
  bool for_each_named(const Node* node, const std::string& path, std::string_view what,
                      const std::vector<std::string>& names, Fn&& fn) {
    if (node == nullptr || node->is_null()) return true;
    if (!node->is_map()) return wrong_type(*node, path, fmt::format("a map keyed by {}", what));
    bool ok = true;
    for (const yaml_tree::Entry& entry : node->entries) {
      const std::string entry_path = join(path, entry.key);
      const auto found = std::find(names.begin(), names.end(), entry.key);
      if (found == names.end()) {
        report(entry.key_origin, entry_path, unknown_name(what, entry.key, names));
        continue;
      }
      ok = fn(static_cast<std::size_t>(found - names.begin()), entry, entry_path) && ok;
    }
    return ok;
  }

 private:
  bool check(const Node& node, const std::string& field, double value, const Limits& limits);

  std::string file_;
  std::vector<ScenarioProblem>& problems_;
};

/// A map in the scenario with a fixed set of keys. Reports unknown keys (with a hint) on
/// construction; each reader keeps the default when its key is absent and returns false only
/// on a problem.
class Fields {
 public:
  /// `node` may be nullptr (the section is absent); `fallback` positions problems then.
  Fields(Reader& reader, const Node* node, std::string path,
         std::initializer_list<std::string_view> known, const Origin& fallback);

  /// False if the node was there but not a map (already reported).
  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  std::string path(std::string_view key) const { return join(path_, key); }
  const Origin& origin() const { return origin_; }
  const Node* get(std::string_view key) const { return node_ ? node_->find(key) : nullptr; }
  /// Where to point at for a problem about `key`: its value if given, else this map.
  const Origin& origin(std::string_view key) const {
    const Node* node = get(key);
    return node ? node->origin : origin_;
  }

  /// True if `key` is given; reports it missing otherwise (unless this map itself was bad).
  bool required(std::string_view key) const;

  bool number(std::string_view key, double& out, const Limits& limits = kAnyNumber) const {
    const Node* node = get(key);
    return node == nullptr || reader_.number(*node, path(key), out, limits);
  }
  bool integer(std::string_view key, int& out, const Limits& limits) const {
    const Node* node = get(key);
    return node == nullptr || reader_.integer(*node, path(key), out, limits);
  }
  bool text(std::string_view key, std::string& out) const {
    const Node* node = get(key);
    return node == nullptr || reader_.text(*node, path(key), out);
  }
  bool duration(std::string_view key, SimTime& out, bool positive) const {
    const Node* node = get(key);
    return node == nullptr || reader_.duration(*node, path(key), out, positive);
  }
  bool clock(std::string_view key, SimTime& out, bool allow_24 = false) const {
    const Node* node = get(key);
    return node == nullptr || reader_.clock(*node, path(key), out, allow_24);
  }
  template <class Enum>
  bool choice(std::string_view key, std::string_view what, const std::vector<std::string>& names,
              Enum& out) const {
    const Node* node = get(key);
    std::size_t index = 0;
    if (node == nullptr) return true;
    if (!reader_.choice(*node, path(key), what, names, index)) return false;
    out = static_cast<Enum>(index);
    return true;
  }

 private:
  Reader& reader_;
  std::string path_;
  Origin origin_;
  const Node* node_ = nullptr;
  bool valid_ = true;
};

}  // namespace knightsim::scenario_values
