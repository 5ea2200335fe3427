// Line and field reading for the MDRP readers: see mdrp_text.hpp.

#include "mdrp_text.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace knightsim::mdrp_text {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/// Trims spaces and tabs, moving `column` along with the start.
Field trimmed(std::string_view text, int column) {
  while (!text.empty() && is_blank(text.front())) {
    text.remove_prefix(1);
    ++column;
  }
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return Field{std::string(text), column};
}

}  // namespace

std::optional<std::vector<Line>> read_lines(const std::string& path,
                                            std::vector<MdrpProblem>& problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    problems.push_back(
        {path, 0, 0, "", fmt::format("cannot read: {}", error != 0 ? std::strerror(error) : "")});
    return std::nullopt;
  }
  std::vector<Line> lines;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    lines.push_back(Line{number, std::move(text)});
  }
  if (in.bad()) {
    problems.push_back({path, number, 0, "", "read error"});
    return std::nullopt;
  }
  return lines;
}

std::vector<Field> split_tabs(std::string_view line) {
  std::vector<Field> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    const std::size_t end = tab == std::string_view::npos ? line.size() : tab;
    fields.push_back(trimmed(line.substr(start, end - start), static_cast<int>(start) + 1));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::vector<Field> split_whitespace(std::string_view line) {
  std::vector<Field> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    fields.push_back(
        Field{std::string(line.substr(start, i - start)), static_cast<int>(start) + 1});
  }
  return fields;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int> parse_whole(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string join_path(const std::string& dir, const char* file) {
  if (dir.empty()) return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

}  // namespace knightsim::mdrp_text
