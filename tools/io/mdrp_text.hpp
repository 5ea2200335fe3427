#pragma once
// Line and field reading shared by the MDRP instance and solution readers (internal to
// knightsim_io). Fields remember their 1-based column so problems can point at them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/mdrp.hpp"

namespace knightsim::mdrp_text {

struct Field {
  std::string text;  ///< owned: fields outlive the line they were split from
  int column = 0;    ///< 1-based character column of the field's first character
};

struct Line {
  int number = 0;  ///< 1-based
  std::string text;
};

/// The lines of a file, without line terminators ("\r\n" too), blank lines dropped. nullopt
/// (and a problem) when the file cannot be read.
std::optional<std::vector<Line>> read_lines(const std::string& path,
                                            std::vector<MdrpProblem>& problems);

/// Fields separated by single tabs (empty fields kept), each trimmed of spaces.
std::vector<Field> split_tabs(std::string_view line);
/// Fields separated by runs of spaces and tabs.
std::vector<Field> split_whitespace(std::string_view line);

/// Decimal number, finite, the whole field ("12", "-3.5", "1e3"); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);
/// Whole number in int range, the whole field ("12", "-3"); nullopt otherwise.
std::optional<int> parse_whole(std::string_view text);

/// "a/b" with a single separator, for file paths in messages.
std::string join_path(const std::string& dir, const char* file);

}  // namespace knightsim::mdrp_text
