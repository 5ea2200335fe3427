#pragma once
// A console table of means with their 95 % intervals, as the `results` and `compare` reports
// print it: each figure rounded to the precision its interval supports, "mean ± half-width"
// cells whose ± signs line up, and columns aligned by display width. Internal to knightsim_io.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/confidence_interval.hpp"

namespace knightsim::report_table {

/// Shown for a figure that is undefined (no runs, NaN).
inline constexpr std::string_view kNoValue = "-";

/// User text on one line: a newline in a name, a value or an error would break the table.
std::string one_line(std::string_view text);

/// Columns a text takes in a terminal: UTF-8 code points ("±" is two bytes, one column).
std::size_t display_width(std::string_view text);

std::string pad_left(std::string_view text, std::size_t width);
std::string pad_right(std::string_view text, std::size_t width);

/// Decimals that keep `significant` digits of `magnitude`, between 0 and 6.
int decimals_for(double magnitude, int significant);

/// Fixed decimals, with a '+' on positive values when `plus`; never "-0.00" or "+0.00".
std::string fixed(double value, int decimals, bool plus = false);

/// Four significant digits without trailing zeros, for a value with no interval to round it
/// by: 0.5, 20, 1502, 0.9375.
std::string short_number(double value, bool plus = false);

/// "0.912 ± 0.012" split at the ±, so the table can line the signs up.
struct EstimateCell {
  std::string mean;
  std::string half_width;  ///< "" when there is no interval
};

/// The mean to the precision its interval supports (two significant digits of the
/// half-width); kNoValue when undefined, four significant digits when there is no interval.
EstimateCell estimate_cell(const MeanEstimate& estimate);

/// One column's cells as "mean ± half-width", the means right-aligned and the half-widths
/// left-aligned so the ± signs line up.
std::vector<std::string> aligned_estimates(const std::vector<EstimateCell>& cells);

struct Column {
  std::string header;
  std::vector<std::string> cells;  ///< one per row
  bool right_aligned = true;
};

/// The header line and `rows` rows, each column as wide as its widest cell, columns two
/// spaces apart, no trailing spaces.
std::string format_columns(const std::vector<Column>& columns, std::size_t rows);

}  // namespace knightsim::report_table
