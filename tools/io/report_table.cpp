// The console table shared by the `results` and `compare` reports (report_table.hpp).

#include "report_table.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace knightsim::report_table {
namespace {

constexpr std::string_view kColumnGap = "  ";

bool all_zero_digits(std::string_view digits) {
  return digits.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return result;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t used = display_width(text);
  return std::string(width > used ? width - used : 0, ' ') + std::string(text);
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t used = display_width(text);
  return std::string(text) + std::string(width > used ? width - used : 0, ' ');
}

int decimals_for(double magnitude, int significant) {
  if (!(magnitude > 0.0) || !std::isfinite(magnitude)) return 0;
  return std::clamp(significant - 1 - static_cast<int>(std::floor(std::log10(magnitude))), 0, 6);
}

std::string fixed(double value, int decimals, bool plus) {
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  if (all_zero_digits(digits)) return digits;
  if (value < 0) return "-" + digits;
  return plus ? "+" + digits : digits;
}

std::string short_number(double value, bool plus) {
  std::string text = fixed(value, decimals_for(std::fabs(value), 4), plus);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

EstimateCell estimate_cell(const MeanEstimate& estimate) {
  if (estimate.n == 0 || !std::isfinite(estimate.mean)) return {std::string(kNoValue), ""};
  const double half_width = estimate.ci95_half_width;
  if (std::isfinite(half_width) && half_width > 0.0) {
    const int decimals = decimals_for(half_width, 2);
    return {fixed(estimate.mean, decimals), fixed(half_width, decimals)};
  }
  // A half-width of 0: every run gave the same value.
  return {short_number(estimate.mean), half_width == 0.0 ? "0" : ""};
}

std::vector<std::string> aligned_estimates(const std::vector<EstimateCell>& cells) {
  std::size_t mean_width = 0, half_width_width = 0;
  for (const EstimateCell& cell : cells) {
    mean_width = std::max(mean_width, display_width(cell.mean));
    half_width_width = std::max(half_width_width, display_width(cell.half_width));
  }
  std::vector<std::string> shown;
  for (const EstimateCell& cell : cells) {
    std::string joined = pad_left(cell.mean, mean_width);
    if (half_width_width > 0) {
      joined += cell.half_width.empty() ? std::string(3 + half_width_width, ' ')
                                        : " ± " + pad_right(cell.half_width, half_width_width);
    }
    shown.push_back(joined);
  }
  return shown;
}

std::string format_columns(const std::vector<Column>& columns, std::size_t rows) {
  std::vector<std::size_t> widths;
  for (const Column& column : columns) {
    std::size_t width = display_width(column.header);
    for (const std::string& cell : column.cells) width = std::max(width, display_width(cell));
    widths.push_back(width);
  }
  std::string text;
  const auto add_row = [&](const auto& cell_of) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) line += kColumnGap;
      const std::string cell = cell_of(columns[c]);
      line += columns[c].right_aligned ? pad_left(cell, widths[c]) : pad_right(cell, widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + '\n';
  };
  add_row([](const Column& column) { return column.header; });
  for (std::size_t row = 0; row < rows; ++row) {
    add_row([row](const Column& column) { return column.cells[row]; });
  }
  return text;
}

}  // namespace knightsim::report_table
