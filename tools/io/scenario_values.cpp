// Scenario value formats and typed reading of YAML trees; see scenario_values.hpp.
#include "scenario_values.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <charconv>
#include <cmath>

namespace knightsim::scenario_values {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower case without '_' and '-': "Speed-KMH" and "speed_kmh" are the same name to a reader.
std::string loose(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '_' && c != '-') out += lower(c);
  }
  return out;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("rian"→"rain").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

struct DurationUnit {
  std::string_view name;
  SimTime ms;
};
constexpr std::array<DurationUnit, 5> kDurationUnits = {
    {{"d", kMsPerDay}, {"h", kMsPerHour}, {"min", kMsPerMinute}, {"s", kMsPerSecond}, {"ms", 1}}};

std::string got(const Node& node) {
  switch (node.kind) {
    case Node::Kind::null:
      return "got an empty value";
    case Node::Kind::scalar: {
      const std::string shown = node.text.size() > 40 ? node.text.substr(0, 37) + "..." : node.text;
      return node.quoted ? fmt::format("got the quoted text \"{}\"", shown)
                         : fmt::format("got '{}'", shown);
    }
    case Node::Kind::sequence:
      return "got a list";
    case Node::Kind::map:
      return "got a map";
  }
  return {};
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string did_you_mean(std::string_view given, const std::vector<std::string>& candidates) {
  const auto hint = [](const std::string& name) {
    return fmt::format(" (did you mean '{}'?)", name);
  };
  const std::string given_loose = loose(given);
  for (const std::string& name : candidates) {
    if (loose(name) == given_loose) return hint(name);
  }
  std::string given_lower;
  for (char c : given) given_lower += lower(c);
  for (const std::string& name : candidates) {  // the unit suffix left out: "speed" → "speed_kmh"
    if (name.size() > given_lower.size() + 1 &&
        name.compare(0, given_lower.size(), given_lower) == 0 && name[given_lower.size()] == '_') {
      return hint(name);
    }
  }
  // Short words are all within distance 2 of each other; only suggest for a single slip there.
  const std::size_t limit = given.size() <= 3 ? 1 : 2;
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& name : candidates) {
    // Both in lower case: names written by users (islands, stations) are often capitalised.
    std::string name_lower;
    for (char c : name) name_lower += lower(c);
    const std::size_t distance = edit_distance(given_lower, name_lower);
    if (distance < best_distance) {
      best = &name;
      best_distance = distance;
    }
  }
  return best != nullptr ? hint(*best) : std::string();
}

// ------------------------------------------------------------------------------------------
// Value formats.

std::optional<double> to_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // from_chars rejects '+'
  double value = 0.0;
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string format_duration(SimTime ms) {
  if (ms == 0) return "0s";
  std::string out;
  for (const DurationUnit& unit : kDurationUnits) {
    if (ms >= unit.ms) {
      out += fmt::format("{}{}", ms / unit.ms, unit.name);
      ms %= unit.ms;
    }
  }
  return out;
}

std::string parse_duration(std::string_view text, SimTime& out) {
  text = trim(text);
  const std::string shown(text);
  const std::string expected =
      fmt::format("expected a duration such as '90s', '15min' or '1h30min', got '{}'", shown);
  if (text.empty()) return "expected a duration such as '15min', got an empty value";
  if (to_number(text)) return "duration needs a unit: s, min, h (e.g. '90s', '15min', '2h')";
  const bool negative = text.front() == '-';
  if (negative) text.remove_prefix(1);
  double total_ms = 0.0;
  std::size_t next_unit = 0;  // units must come largest first, each once
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const std::size_t number_start = i;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    const std::string_view number = text.substr(number_start, i - number_start);
    const std::optional<double> amount = to_number(number);
    if (number.empty() || !is_digit(number.front()) || !amount) return expected;
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t unit_start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty()) {
      return fmt::format("missing unit after '{}' in '{}' (units: ms, s, min, h, d)", number,
                         shown);
    }
    const auto found = std::find_if(kDurationUnits.begin(), kDurationUnits.end(),
                                    [&](const DurationUnit& u) { return u.name == unit; });
    if (found == kDurationUnits.end()) {
      return fmt::format("unknown unit '{}' in duration '{}' (use ms, s, min, h or d)", unit,
                         shown);
    }
    const auto index = static_cast<std::size_t>(found - kDurationUnits.begin());
    if (index < next_unit) {
      return fmt::format("the units in '{}' must go from largest to smallest, each once", shown);
    }
    next_unit = index + 1;
    total_ms += *amount * static_cast<double>(found->ms);
  }
  if (negative) return "must not be negative";
  if (total_ms > static_cast<double>(kMaxDurationMs)) {
    return fmt::format("'{}' is too long (at most {})", shown, format_duration(kMaxDurationMs));
  }
  out = std::llround(total_ms);
  return {};
}

std::string parse_clock(std::string_view text, bool allow_24, SimTime& out) {
  text = trim(text);
  const std::string expected = fmt::format("expected a clock time \"HH:MM\", got '{}'", text);
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 3) {
    return expected;
  }
  int hour = 0;
  int minute = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == colon) continue;
    if (!is_digit(text[i])) return expected;
    int& part = i < colon ? hour : minute;
    part = part * 10 + (text[i] - '0');
  }
  if (minute > 59) return fmt::format("'{}' is not a clock time: minutes go from 00 to 59", text);
  if (hour == 24 && minute == 0) {
    if (!allow_24) return "24:00 is only allowed as a closing time; write 00:00";
    out = kMsPerDay;
    return {};
  }
  if (hour > 23) {
    return fmt::format("'{}' is not a clock time: hours go from 00 to 23{}", text,
                       allow_24 ? " (or 24:00)" : "");
  }
  out = hour * kMsPerHour + minute * kMsPerMinute;
  return {};
}

std::string parse_date_time(std::string_view text, CivilDateTime& out) {
  text = trim(text);
  const std::string expected =
      fmt::format("expected a date-time \"YYYY-MM-DD HH:MM\", got '{}'", text);
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return expected;
  const auto digits = [&](std::size_t from, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!is_digit(text[i])) return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  CivilDateTime when;
  if (!digits(0, 4, when.year) || !digits(5, 2, when.month) || !digits(8, 2, when.day)) {
    return expected;
  }
  if (!is_valid_date(when.year, when.month, when.day)) {
    return fmt::format("{} is not a calendar date", text.substr(0, 10));
  }
  if (text.size() > 10) {
    if (text[10] != ' ' && text[10] != 'T') return expected;
    SimTime time_of_day = 0;
    if (std::string why = parse_clock(text.substr(11), false, time_of_day); !why.empty()) {
      return why;
    }
    when.hour = static_cast<int>(time_of_day / kMsPerHour);
    when.minute = static_cast<int>(time_of_day / kMsPerMinute % 60);
  } else {
    when.hour = 0;
    when.minute = 0;
  }
  out = when;
  return {};
}

// ------------------------------------------------------------------------------------------
// Ranges and paths.

std::string violation(double value, const Limits& limits) {
  const bool low = limits.min_exclusive ? value <= limits.min : value < limits.min;
  if (!low && value <= limits.max) return {};
  if (limits.say_between) return fmt::format("must be between {} and {}", limits.min, limits.max);
  if (low) return fmt::format("must be {} {}", limits.min_exclusive ? ">" : ">=", limits.min);
  return fmt::format("must be <= {}", limits.max);
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string join(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

// ------------------------------------------------------------------------------------------
// Reader.

void Reader::report(const Origin& origin, std::string field, std::string message) {
  ScenarioProblem problem;
  problem.file = origin.from_override ? "--set" : file_;
  problem.line = origin.from_override ? 0 : origin.line;
  problem.column = origin.from_override ? 0 : origin.column;
  problem.field = std::move(field);
  problem.message = std::move(message);
  problems_.push_back(std::move(problem));
}

bool Reader::wrong_type(const Node& node, const std::string& field, std::string_view expected) {
  report(node.origin, field, fmt::format("expected {}, {}", expected, got(node)));
  return false;
}

bool Reader::check(const Node& node, const std::string& field, double value, const Limits& limits) {
  if (std::string why = violation(value, limits); !why.empty()) {
    report(node.origin, field, std::move(why));
    return false;
  }
  return true;
}

bool Reader::number(const Node& node, const std::string& field, double& out, const Limits& limits) {
  std::optional<double> value;
  if (node.is_scalar() && !node.quoted) value = to_number(node.text);
  if (!value) return wrong_type(node, field, "a number");
  if (!check(node, field, *value, limits)) return false;
  out = *value;
  return true;
}

bool Reader::integer(const Node& node, const std::string& field, long long& out,
                     const Limits& limits) {
  if (!node.is_scalar() || node.quoted) return wrong_type(node, field, "an integer");
  std::string_view text = node.text;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code == std::errc::result_out_of_range) {
    const double infinity = std::numeric_limits<double>::infinity();
    report(node.origin, field, violation(text.front() == '-' ? -infinity : infinity, limits));
    return false;
  }
  if (code != std::errc() || end != text.data() + text.size()) {
    return wrong_type(node, field, "an integer");
  }
  if (!check(node, field, static_cast<double>(value), limits)) return false;
  out = value;
  return true;
}

bool Reader::integer(const Node& node, const std::string& field, int& out, Limits limits) {
  limits.min = std::max(limits.min, static_cast<double>(std::numeric_limits<int>::min()));
  limits.max = std::min(limits.max, static_cast<double>(std::numeric_limits<int>::max()));
  long long value = 0;
  if (!integer(node, field, value, limits)) return false;
  out = static_cast<int>(value);
  return true;
}

bool Reader::seed(const Node& node, const std::string& field, std::uint64_t& out) {
  if (!node.is_scalar() || node.quoted) return wrong_type(node, field, "an integer");
  const std::string_view text = node.text;
  std::uint64_t value = 0;
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (code == std::errc() && end == text.data() + text.size()) {
    out = value;
    return true;
  }
  if (code == std::errc::result_out_of_range) {
    report(node.origin, field,
           fmt::format("must be <= {}", std::numeric_limits<std::uint64_t>::max()));
    return false;
  }
  long long negative = 0;
  if (text.starts_with('-') &&
      std::from_chars(text.data(), text.data() + text.size(), negative).ec == std::errc()) {
    report(node.origin, field, "must be >= 0");
    return false;
  }
  return wrong_type(node, field, "an integer");
}

bool Reader::text(const Node& node, const std::string& field, std::string& out) {
  if (node.is_null()) {
    out.clear();
    return true;
  }
  if (!node.is_scalar()) return wrong_type(node, field, "a string");
  out = node.text;
  return true;
}

bool Reader::duration(const Node& node, const std::string& field, SimTime& out, bool positive) {
  if (!node.is_scalar()) return wrong_type(node, field, "a duration such as '15min'");
  SimTime value = 0;
  if (std::string why = parse_duration(node.text, value); !why.empty()) {
    report(node.origin, field, std::move(why));
    return false;
  }
  if (positive && value <= 0) {
    report(node.origin, field, "must be > 0");
    return false;
  }
  out = value;
  return true;
}

bool Reader::clock(const Node& node, const std::string& field, SimTime& out, bool allow_24) {
  if (!node.is_scalar()) return wrong_type(node, field, "a clock time \"HH:MM\"");
  if (std::string why = parse_clock(node.text, allow_24, out); !why.empty()) {
    report(node.origin, field, std::move(why));
    return false;
  }
  return true;
}

bool Reader::date_time(const Node& node, const std::string& field, CivilDateTime& out) {
  if (!node.is_scalar()) return wrong_type(node, field, "a date-time \"YYYY-MM-DD HH:MM\"");
  if (std::string why = parse_date_time(node.text, out); !why.empty()) {
    report(node.origin, field, std::move(why));
    return false;
  }
  return true;
}

bool Reader::hourly(const Node& node, const std::string& field, const Limits& limits,
                    std::array<double, 24>& out) {
  if (!node.is_sequence()) return wrong_type(node, field, "a list of 24 numbers");
  std::array<double, 24> values{};
  bool ok = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    double value = 0.0;
    if (number(node.items[i], join(field, i), value, limits)) {
      if (i < values.size()) values[i] = value;
    } else {
      ok = false;
    }
  }
  if (node.items.size() != values.size()) {
    report(
        node.origin, field,
        fmt::format("needs exactly 24 values, one per hour from 00:00; got {}", node.items.size()));
    return false;
  }
  if (ok) out = values;
  return ok;
}

bool Reader::choice(const Node& node, const std::string& field, std::string_view what,
                    const std::vector<std::string>& names, std::size_t& out) {
  if (!node.is_scalar()) return wrong_type(node, field, fmt::format("a {} name", what));
  if (const auto found = std::find(names.begin(), names.end(), node.text); found != names.end()) {
    out = static_cast<std::size_t>(found - names.begin());
    return true;
  }
  report(node.origin, field, unknown_name(what, node.text, names));
  return false;
}

std::string Reader::unknown_name(std::string_view what, std::string_view given,
                                 const std::vector<std::string>& names) {
  std::string hint = did_you_mean(given, names);
  if (hint.empty()) hint = fmt::format(" (one of: {})", fmt::join(names, ", "));
  return fmt::format("unknown {} '{}'{}", what, given, hint);
}

const std::vector<Node>* Reader::list(const Node* node, const std::string& field) {
  static const std::vector<Node> kNone;
  if (node == nullptr || node->is_null()) return &kNone;
  if (!node->is_sequence()) {
    wrong_type(*node, field, "a list");
    return nullptr;
  }
  return &node->items;
}

// ------------------------------------------------------------------------------------------
// Fields.

Fields::Fields(Reader& reader, const Node* node, std::string path,
               std::initializer_list<std::string_view> known, const Origin& fallback)
    : reader_(reader), path_(std::move(path)), origin_(node ? node->origin : fallback) {
  if (node == nullptr || node->is_null()) return;
  if (!node->is_map()) {
    reader_.wrong_type(*node, path_, "a map");
    valid_ = false;
    return;
  }
  node_ = node;
  const std::vector<std::string> names(known.begin(), known.end());
  for (const yaml_tree::Entry& entry : node->entries) {
    if (std::find(names.begin(), names.end(), entry.key) == names.end()) {
      reader_.report(entry.key_origin, join(path_, entry.key),
                     fmt::format("unknown key '{}'{}", entry.key, did_you_mean(entry.key, names)));
    }
  }
}

bool Fields::required(std::string_view key) const {
  if (get(key) != nullptr) return true;
  if (valid_) reader_.report(origin_, path_, fmt::format("missing required key '{}'", key));
  return false;
}

}  // namespace knightsim::scenario_values
