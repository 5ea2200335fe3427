#pragma once
// A small JSON emitter for the writers (summary.json, MDRP measures): keys come out in the order
// written, numbers with a fixed number of decimals, and never NaN or inf (null instead), so the
// text is deterministic. Internal to knightsim_io.

#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace knightsim::json {

using Buffer = fmt::memory_buffer;

inline void append(Buffer& buf, std::string_view text) {
  buf.append(text.data(), text.data() + text.size());
}

inline void append_json_string(Buffer& buf, std::string_view text) {
  buf.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        append(buf, "\\\"");
        break;
      case '\\':
        append(buf, "\\\\");
        break;
      case '\n':
        append(buf, "\\n");
        break;
      case '\r':
        append(buf, "\\r");
        break;
      case '\t':
        append(buf, "\\t");
        break;
      case '\b':
        append(buf, "\\b");
        break;
      case '\f':
        append(buf, "\\f");
        break;
      default:
        // Other control characters must be escaped; bytes >= 0x80 (UTF-8) pass through.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          fmt::format_to(std::back_inserter(buf), "\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          buf.push_back(c);
        }
    }
  }
  buf.push_back('"');
}

/// Writes JSON with two-space indentation. Containers opened as `compact` (and everything inside
/// them) stay on one line, which keeps the hourly table readable: one hour per line.
class JsonWriter {
 public:
  enum class Layout { indented, compact };

  explicit JsonWriter(Buffer& buf) : buf_(buf) {}

  void begin_object(std::string_view key = {}, Layout layout = Layout::indented) {
    open(key, '{', layout);
  }
  void end_object() { close('}'); }
  void begin_array(std::string_view key, Layout layout = Layout::indented) {
    open(key, '[', layout);
  }
  void end_array() { close(']'); }

  void string(std::string_view key, std::string_view value) {
    start_value(key);
    append_json_string(buf_, value);
  }
  void integer(std::string_view key, std::uint64_t value) {
    start_value(key);
    fmt::format_to(std::back_inserter(buf_), "{}", value);
  }
  /// Fixed decimals; null when not finite; "-0.00" comes out as "0.00".
  void number(std::string_view key, double value, int decimals) {
    start_value(key);
    if (!std::isfinite(value)) {
      append(buf_, "null");
      return;
    }
    const std::string text = fmt::format("{:.{}f}", value, decimals);
    const bool negative_zero =
        text[0] == '-' && text.find_first_not_of("0.", 1) == std::string::npos;
    append(buf_, negative_zero ? std::string_view(text).substr(1) : std::string_view(text));
  }

  /// Call once, after the top-level container is closed.
  void finish() { buf_.push_back('\n'); }

 private:
  struct Level {
    bool compact = false;
    bool empty = true;
  };

  void open(std::string_view key, char bracket, Layout layout) {
    const bool compact = layout == Layout::compact || (!levels_.empty() && levels_.back().compact);
    start_value(key);
    buf_.push_back(bracket);
    levels_.push_back(Level{compact, true});
  }

  void close(char bracket) {
    const Level level = levels_.back();
    levels_.pop_back();
    if (!level.compact && !level.empty) newline();
    buf_.push_back(bracket);
  }

  /// Separator, line break and key before a value; `key` is empty inside arrays.
  void start_value(std::string_view key) {
    if (levels_.empty()) return;
    Level& level = levels_.back();
    if (!level.empty) buf_.push_back(',');
    if (level.compact) {
      if (!level.empty) buf_.push_back(' ');
    } else {
      newline();
    }
    level.empty = false;
    if (!key.empty()) {
      append_json_string(buf_, key);
      append(buf_, ": ");
    }
  }

  void newline() {
    buf_.push_back('\n');
    for (std::size_t i = 0; i < levels_.size(); ++i) append(buf_, "  ");
  }

  Buffer& buf_;
  std::vector<Level> levels_;
};

}  // namespace knightsim::json
