#pragma once
/// A YAML document as a plain value tree that remembers where each node came from (file
/// position, or a `--set` override), and the path syntax used by overrides.
///
/// Why not validate yaml-cpp nodes directly: yaml-cpp nodes are shared references (aliases and
/// assignment make two places in the tree one node), so overriding `riders.fleets[0]` could
/// silently change `riders.fleets[1]`; and nodes parsed from an override string carry positions
/// inside that string, which mean nothing to the user. This tree has value semantics and an
/// explicit origin per node.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace knightsim::yaml_tree {

/// Where a node or key was written. line/column are 1-based; 0 when unknown.
struct Origin {
  int line = 0;
  int column = 0;
  bool from_override = false;  ///< written by a `--set`, not in the file
};

struct Entry;

struct Node {
  enum class Kind : unsigned char { null, scalar, sequence, map };

  Kind kind = Kind::null;
  Origin origin;
  bool quoted = false;  ///< scalar written quoted or as a block: a string, never a number
  std::string text;     ///< scalar text
  std::vector<Node> items;
  std::vector<Entry> entries;  ///< map entries in document order; keys are unique

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
  /// The value under `key`, or nullptr (also when this is not a map).
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
};

struct Entry {
  std::string key;
  Origin key_origin;
  Node value;
};

/// A problem found while building or changing a tree; the loader adds the file name.
struct TreeProblem {
  Origin origin;
  std::string field;
  std::string message;
};

/// Parses YAML text into a tree. A syntax error gives exactly one problem and nullopt; an empty
/// document gives a null node.
/// Duplicate keys, non-scalar keys, extra documents and runaway alias expansion are reported
/// as problems (the first occurrence of a duplicate key wins). `from_override` marks every
/// node as coming from a `--set` value.
std::optional<Node> parse_yaml(std::string_view text, bool from_override,
                               std::vector<TreeProblem>& problems);

/// One step of an override path: a map key, or a list index.
using PathStep = std::variant<std::string, std::size_t>;

/// Parses "riders.fleets[0].speed_kmh"; false (and a message in `error`) if malformed.
bool parse_path(std::string_view text, std::vector<PathStep>& steps, std::string& error);
/// The canonical spelling of a path: keys joined by '.', indices as "[i]".
std::string format_path(const std::vector<PathStep>& steps);

/// The node at `path`, or nullptr if there is none.
const Node* find_path(const Node& root, const std::vector<PathStep>& path);

/// Replaces (or adds) the node at `path` with `value`. Missing maps along the way are created
/// (marked as coming from an override); an index past the end of a list, or stepping into a
/// scalar, is a problem and leaves the tree unchanged.
void set_path(Node& root, const std::vector<PathStep>& path, Node value,
              std::vector<TreeProblem>& problems);

}  // namespace knightsim::yaml_tree
