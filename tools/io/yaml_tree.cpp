// YAML text → value tree with origins; override paths. See yaml_tree.hpp for why this exists.
#include "yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <cassert>
#include <charconv>
#include <utility>

namespace knightsim::yaml_tree {
namespace {

// Scenario files are a few hundred nodes. These limits only stop pathological input: aliases
// that refer to themselves (yaml-cpp builds a cycle) or expand exponentially ("billion laughs").
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 100'000;

Origin origin_of(const YAML::Mark& mark, bool from_override) {
  if (from_override) return Origin{0, 0, true};
  if (mark.line < 0 || mark.column < 0) return Origin{};
  return Origin{mark.line + 1, mark.column + 1, false};
}

std::string where(const Origin& origin) {
  if (origin.from_override) return "earlier in the same value";
  return "at line " + std::to_string(origin.line);
}

class Converter {
 public:
  Converter(bool from_override, std::vector<TreeProblem>& problems)
      : from_override_(from_override), problems_(problems) {}

  /// `path` is the field path of `in` ("riders.fleets[0]"), for messages.
  Node convert(const YAML::Node& in, int depth, const std::string& path) {
    Node out;
    out.origin = origin_of(in.Mark(), from_override_);
    // Past a limit, report once and stop converting altogether: the problem means the loader
    // returns no spec, so the truncated tree is never used.
    if (gave_up_) return out;
    if (++nodes_ > kMaxNodes) {
      problems_.push_back({out.origin, path,
                           "the document is too large (more than " + std::to_string(kMaxNodes) +
                               " nodes once aliases are expanded)"});
      gave_up_ = true;
      return out;
    }
    if (depth > kMaxDepth) {
      problems_.push_back({out.origin, path,
                           "nested too deeply (more than " + std::to_string(kMaxDepth) +
                               " levels; does an alias refer to itself?)"});
      gave_up_ = true;
      return out;
    }
    switch (in.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = Node::Kind::scalar;
        out.text = in.Scalar();
        // yaml-cpp tags plain scalars "?" and quoted or block scalars "!". An explicit
        // `!!str` also means "this is text".
        out.quoted = in.Tag() == "!" || in.Tag() == "tag:yaml.org,2002:str";
        break;
      case YAML::NodeType::Sequence:
        out.kind = Node::Kind::sequence;
        for (const YAML::Node& item : in) {
          const std::string item_path = path + "[" + std::to_string(out.items.size()) + "]";
          out.items.push_back(convert(item, depth + 1, item_path));
        }
        break;
      case YAML::NodeType::Map:
        out.kind = Node::Kind::map;
        for (auto it = in.begin(); it != in.end(); ++it) {
          add_entry(out, it->first, it->second, depth, path);
        }
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        break;
    }
    return out;
  }

 private:
  void add_entry(Node& map, const YAML::Node& key, const YAML::Node& value, int depth,
                 const std::string& path) {
    const Origin key_origin = origin_of(key.Mark(), from_override_);
    if (!key.IsScalar() && !key.IsNull()) {
      problems_.push_back({key_origin, path, "a map key must be a plain name, not a list or map"});
      return;
    }
    const std::string name = key.IsScalar() ? key.Scalar() : std::string();
    const std::string entry_path = path.empty() ? name : path + "." + name;
    for (const Entry& existing : map.entries) {
      if (existing.key == name) {
        problems_.push_back(
            {key_origin, entry_path,
             "duplicate key '" + name + "' (first given " + where(existing.key_origin) + ")"});
        return;
      }
    }
    Entry entry{name, key_origin, convert(value, depth + 1, entry_path)};
    // yaml-cpp marks an empty value (`key:` then a newline) at the start of the next line;
    // the key is where the user should look.
    if (entry.value.is_null()) entry.value.origin = key_origin;
    map.entries.push_back(std::move(entry));
  }

  bool from_override_;
  std::vector<TreeProblem>& problems_;
  std::size_t nodes_ = 0;
  bool gave_up_ = false;
};

const char* kind_name(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::null:
      return "empty";
    case Node::Kind::scalar:
      return "a single value";
    case Node::Kind::sequence:
      return "a list";
    case Node::Kind::map:
      return "a map";
  }
  return "?";
}

std::string prefix_of(const std::vector<PathStep>& path, std::size_t length) {
  return format_path(
      std::vector<PathStep>(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(length)));
}

// Walks `path` without changing anything; empty if the override can be applied, else why not.
// A missing key is fine (set_path creates a map there), but nothing can be indexed inside it.
std::string check_path(const Node& root, const std::vector<PathStep>& path) {
  const Node* current = &root;  // nullptr once we are inside maps that do not exist yet
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      if (current == nullptr || current->is_null()) {
        current = nullptr;
        continue;
      }
      if (!current->is_map()) {
        return "cannot set '" + format_path(path) + "': '" + prefix_of(path, i) + "' is " +
               kind_name(current->kind) + ", not a map";
      }
      current = current->find(*key);
      continue;
    }
    const std::size_t index = std::get<std::size_t>(path[i]);
    const std::string list = prefix_of(path, i);
    if (current == nullptr || current->is_null()) {
      return "index " + std::to_string(index) + " is past the end of '" + list +
             "' (it has no entries)";
    }
    if (!current->is_sequence()) {
      return "cannot index '" + list + "': it is " + kind_name(current->kind) + ", not a list";
    }
    if (index >= current->items.size()) {
      const std::size_t size = current->items.size();
      return "index " + std::to_string(index) + " is past the end of '" + list + "' (it has " +
             std::to_string(size) + (size == 1 ? " entry)" : " entries)");
    }
    current = &current->items[index];
  }
  return {};
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

std::optional<Node> parse_yaml(std::string_view text, bool from_override,
                               std::vector<TreeProblem>& problems) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {  // ParserException, and yaml-cpp's depth limit
    problems.push_back({origin_of(error.mark, from_override), "", error.msg});
    return std::nullopt;
  }
  if (documents.empty()) {
    Node empty;
    empty.origin = from_override ? Origin{0, 0, true} : Origin{1, 1, false};
    return empty;
  }
  if (documents.size() > 1) {
    problems.push_back({origin_of(documents[1].Mark(), from_override), "",
                        "only one YAML document is allowed (remove the second '---')"});
  }
  Converter converter(from_override, problems);
  return converter.convert(documents.front(), 0, "");
}

bool parse_path(std::string_view text, std::vector<PathStep>& steps, std::string& error) {
  steps.clear();
  const auto fail = [&](const std::string& why) {
    error = "malformed path '" + std::string(text) + "': " + why;
    steps.clear();
    return false;
  };
  if (text.empty()) return fail("it is empty");
  std::size_t i = 0;
  while (true) {
    const std::size_t key_start = i;
    while (i < text.size() && text[i] != '.' && text[i] != '[' && text[i] != ']') {
      if (text[i] == ' ' || text[i] == '\t') return fail("unexpected space");
      ++i;
    }
    if (i == key_start) return fail("expected a key at position " + std::to_string(i + 1));
    steps.emplace_back(std::string(text.substr(key_start, i - key_start)));
    while (i < text.size() && text[i] == '[') {
      const std::size_t digits_start = ++i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      if (i == digits_start) return fail("a list index must be a non-negative integer");
      if (i >= text.size() || text[i] != ']') return fail("missing ']'");
      std::size_t index = 0;
      const auto [end, code] = std::from_chars(text.data() + digits_start, text.data() + i, index);
      if (code != std::errc() || end != text.data() + i) return fail("list index is too large");
      steps.emplace_back(index);
      ++i;  // ']'
    }
    if (i == text.size()) return true;
    if (text[i] != '.') return fail("unexpected '" + std::string(1, text[i]) + "'");
    ++i;
  }
}

std::string format_path(const std::vector<PathStep>& steps) {
  std::string out;
  for (const PathStep& step : steps) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!out.empty()) out += '.';
      out += *key;
    } else {
      out += '[' + std::to_string(std::get<std::size_t>(step)) + ']';
    }
  }
  return out;
}

const Node* find_path(const Node& root, const std::vector<PathStep>& path) {
  const Node* current = &root;
  for (const PathStep& step : path) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      current = current->find(*key);
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      current = current->is_sequence() && index < current->items.size() ? &current->items[index]
                                                                        : nullptr;
    }
    if (current == nullptr) return nullptr;
  }
  return current;
}

void set_path(Node& root, const std::vector<PathStep>& path, Node value,
              std::vector<TreeProblem>& problems) {
  assert(!path.empty());
  const Origin set_origin{0, 0, true};
  if (std::string why = check_path(root, path); !why.empty()) {
    problems.push_back({set_origin, format_path(path), std::move(why)});
    return;
  }
  Node* current = &root;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const bool last = i + 1 == path.size();
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      if (current->is_null()) {
        // An empty value in the file (`effects:`), or a map we just created: the override
        // writes its content, so problems inside it are the override's.
        current->kind = Node::Kind::map;
        current->origin = set_origin;
      }
      Node* next = current->find(*key);
      if (next == nullptr) {
        Node fresh;
        fresh.origin = set_origin;
        current->entries.push_back(Entry{*key, set_origin, std::move(fresh)});
        next = &current->entries.back().value;
      }
      current = next;
    } else {
      current = &current->items[std::get<std::size_t>(path[i])];
    }
    if (last) *current = std::move(value);
  }
}

}  // namespace knightsim::yaml_tree
