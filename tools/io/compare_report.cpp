// The `knightsim compare` report: paired statistics and the three renderings (aligned text,
// CSV, JSON). The table rounds each figure to the precision its interval supports, as the
// results report does; the files keep every digit.

#include "knightsim/compare_report.hpp"

#include "knightsim/zones.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

#include "json_writer.hpp"
#include "knightsim/results_db.hpp"
#include "knightsim/summary.hpp"
#include "report_table.hpp"
#include "scenario_values.hpp"

namespace knightsim {
namespace {

using report_table::Column;
using report_table::decimals_for;
using report_table::fixed;
using report_table::kNoValue;
using report_table::one_line;
using report_table::short_number;

constexpr std::string_view kSignificantMark = "*";
/// Seeds listed in full in the table's header; more are shown as "first, second, …, last".
constexpr std::size_t kSeedsListed = 4;

/// Full precision, the shortest text that reads back to the same double; `none` when undefined.
std::string exact(double value, std::string_view none) {
  return std::isfinite(value) ? fmt::format("{}", value) : std::string(none);
}

/// RFC 4180: a field with a comma, quote or line break is quoted, inner quotes doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

/// B − A as "+0.063" and its interval as "[+0.052, +0.074]", to the precision of the interval.
struct DifferenceCell {
  std::string mean;
  std::string interval;  ///< "" when there is no interval
};

DifferenceCell difference_cell(const PairedComparison& result) {
  const MeanEstimate& difference = result.difference;
  if (difference.n == 0 || !std::isfinite(difference.mean)) return {std::string(kNoValue), ""};
  const double half_width = difference.ci95_half_width;
  if (!std::isfinite(half_width)) return {short_number(difference.mean, true), ""};
  if (half_width == 0.0) {
    const std::string mean = short_number(difference.mean, true);
    return {mean, fmt::format("[{}, {}]", mean, mean)};
  }
  const int decimals = decimals_for(half_width, 2);
  return {fixed(difference.mean, decimals, true),
          fmt::format("[{}, {}]", fixed(result.difference_low(), decimals, true),
                      fixed(result.difference_high(), decimals, true))};
}

std::string relative_cell(double pct) {
  return std::isfinite(pct) ? fixed(pct, 1, true) + " %" : std::string(kNoValue);
}

std::string settings_text(const std::vector<ScenarioOverride>& settings) {
  std::string text;
  for (const ScenarioOverride& setting : settings) {
    text += " --set " + one_line(setting.path) + "=" + one_line(setting.value);
  }
  return text;
}

std::string seeds_text(const std::vector<std::uint64_t>& seeds) {
  if (seeds.size() <= kSeedsListed) return fmt::format("{}", fmt::join(seeds, ", "));
  return fmt::format("{}, {}, …, {}", seeds[0], seeds[1], seeds.back());
}

// ---- JSON, written by hand: the writers' JsonWriter prints numbers at fixed decimals, and
// these are statistics to be read back at full precision.

void json_number(json::Buffer& buf, double value) {
  json::append(buf, exact(value, "null"));
}

void json_estimate(json::Buffer& buf, std::string_view indent, const MeanEstimate& estimate) {
  const double low = estimate.mean - estimate.ci95_half_width;
  const double high = estimate.mean + estimate.ci95_half_width;
  fmt::format_to(std::back_inserter(buf), "{{\n{}  \"mean\": ", indent);
  json_number(buf, estimate.mean);
  fmt::format_to(std::back_inserter(buf), ",\n{}  \"ci95_half_width\": ", indent);
  json_number(buf, estimate.ci95_half_width);
  fmt::format_to(std::back_inserter(buf), ",\n{}  \"ci95_low\": ", indent);
  json_number(buf, low);
  fmt::format_to(std::back_inserter(buf), ",\n{}  \"ci95_high\": ", indent);
  json_number(buf, high);
}

void json_side(json::Buffer& buf, std::string_view key, const CompareSide& side) {
  fmt::format_to(std::back_inserter(buf), "  \"{}\": {{\n    \"name\": ", key);
  json::append_json_string(buf, side.name);
  json::append(buf, ",\n    \"file\": ");
  json::append_json_string(buf, side.file);
  json::append(buf, ",\n    \"settings\": [");
  for (std::size_t i = 0; i < side.settings.size(); ++i) {
    json::append(buf, i == 0 ? "" : ", ");
    json::append(buf, "{\"path\": ");
    json::append_json_string(buf, side.settings[i].path);
    json::append(buf, ", \"value\": ");
    json::append_json_string(buf, side.settings[i].value);
    json::append(buf, "}");
  }
  json::append(buf, "]\n  },\n");
}

}  // namespace

const std::vector<std::string>& default_compare_metrics() {
  static const std::vector<std::string> metrics = {
      "orders.delivered",      "on_time_rate",           "click_to_door_min.mean",
      "click_to_door_min.p90", "lateness_min.mean",      "cancellation_rate",
      "riders.utilization",    "riders.orders_per_hour", "riders.earnings_per_hour",
      "riders.earnings_total", "riders.distance_km",     "welfare.platform_cost",
      "welfare.coverage",      "safety.incidents",       "turnover.quits"};
  return metrics;
}

std::vector<std::string> compare_metric_keys() {
  // The keys do not depend on the values: any summary lists them all.
  std::vector<std::string> keys;
  for (const auto& [key, value] : summary_scalars(RunSummary{})) keys.push_back(key);
  return keys;
}

std::vector<std::string> zone_metric_keys(const ScenarioSpec& spec) {
  const Zones zones(spec);
  RunSummary summary;
  for (std::size_t z = 0; z < zones.count(); ++z) summary.zones.push_back({zones.name(z)});
  std::vector<std::string> keys;
  for (const auto& [key, value] : summary_scalars(summary)) {
    if (key.starts_with("zones.")) keys.push_back(key);
  }
  return keys;
}

void check_compare_metrics(const std::vector<std::string>& metrics,
                           const std::vector<std::string>& zone_keys) {
  std::vector<std::string> keys = compare_metric_keys();
  keys.insert(keys.end(), zone_keys.begin(), zone_keys.end());
  for (auto it = metrics.begin(); it != metrics.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), *it) == keys.end()) {
      throw CompareError(fmt::format(
          "unknown metric '{}'{}; metrics are the number fields of summary.json as dotted keys "
          "(orders.delivered, click_to_door_min.p90, …), listed in docs/results-database.md",
          *it, scenario_values::did_you_mean(*it, keys)));
    }
    if (std::find(metrics.begin(), it, *it) != it) {
      throw CompareError(fmt::format("metric '{}' is given twice", *it));
    }
  }
}

PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) {
    throw CompareError(
        fmt::format("cannot pair {} replications of A with {} of B", a.size(), b.size()));
  }
  std::vector<double> differences(a.size());
  std::transform(b.begin(), b.end(), a.begin(), differences.begin(), std::minus<>());
  PairedComparison result;
  result.a = estimate_mean(a);
  result.b = estimate_mean(b);
  result.difference = estimate_mean(differences);
  if (std::isfinite(result.a.mean) && result.a.mean != 0.0) {
    result.relative_difference_pct = 100.0 * result.difference.mean / std::fabs(result.a.mean);
  }
  // NaN bounds (no interval) compare false: not significant.
  result.significant = result.difference_low() > 0.0 || result.difference_high() < 0.0;
  return result;
}

CompareReport build_compare_report(CompareSide a, CompareSide b, std::vector<std::uint64_t> seeds,
                                   const std::vector<std::string>& metrics,
                                   const ReplicationScalars& a_runs,
                                   const ReplicationScalars& b_runs) {
  if (a_runs.size() != seeds.size() || b_runs.size() != seeds.size()) {
    throw CompareError(fmt::format("{} seeds but {} runs of A and {} of B", seeds.size(),
                                   a_runs.size(), b_runs.size()));
  }
  const auto value_of = [](const std::vector<std::pair<std::string, double>>& scalars,
                           const std::string& metric, std::string_view side, std::size_t rep) {
    for (const auto& [key, value] : scalars) {
      if (key == metric) return value;
    }
    throw CompareError(fmt::format("replication {} of {} has no metric '{}'", rep, side, metric));
  };
  CompareReport report;
  report.a = std::move(a);
  report.b = std::move(b);
  report.seeds = std::move(seeds);
  report.metrics = metrics;
  for (const std::string& metric : metrics) {
    std::vector<double> a_values, b_values;
    for (std::size_t rep = 0; rep < report.seeds.size(); ++rep) {
      a_values.push_back(value_of(a_runs[rep], metric, "A", rep));
      b_values.push_back(value_of(b_runs[rep], metric, "B", rep));
    }
    report.results.push_back(compare_paired(a_values, b_values));
  }
  return report;
}

std::string format_compare_table(const CompareReport& report) {
  const std::size_t reps = report.seeds.size();
  std::string text =
      fmt::format("B against A over {} paired replication{}: seed{} {}, each run on both sides\n",
                  reps, reps == 1 ? "" : "s", reps == 1 ? "" : "s", seeds_text(report.seeds));
  text += fmt::format("  A: {}  ({}{})\n", one_line(report.a.name), one_line(report.a.file),
                      settings_text(report.a.settings));
  text += fmt::format("  B: {}  ({}{})\n", one_line(report.b.name), one_line(report.b.file),
                      settings_text(report.b.settings));
  text += reps < 2 ? "Means of a single replication: no intervals, nothing is significant.\n\n"
                   : "Mean ± half-width of its 95 % confidence interval (Student t). B − A: the "
                     "mean paired\ndifference with its 95 % interval, * where that interval "
                     "excludes 0 (significant).\n\n";

  Column metric_column{"metric", {}, false};
  Column a_column{"A", {}, true}, b_column{"B", {}, true};
  Column difference_column{"B − A", {}, true}, interval_column{"95 % interval", {}, false};
  Column relative_column{"B − A %", {}, true};
  std::vector<report_table::EstimateCell> a_cells, b_cells;
  for (std::size_t m = 0; m < report.metrics.size(); ++m) {
    const PairedComparison& result = report.results[m];
    metric_column.cells.push_back(one_line(report.metrics[m]));
    a_cells.push_back(report_table::estimate_cell(result.a));
    b_cells.push_back(report_table::estimate_cell(result.b));
    const DifferenceCell difference = difference_cell(result);
    difference_column.cells.push_back(difference.mean);
    interval_column.cells.push_back(
        result.significant ? fmt::format("{} {}", difference.interval, kSignificantMark)
                           : difference.interval);
    relative_column.cells.push_back(relative_cell(result.relative_difference_pct));
  }
  a_column.cells = report_table::aligned_estimates(a_cells);
  b_column.cells = report_table::aligned_estimates(b_cells);
  text += report_table::format_columns(
      {metric_column, a_column, b_column, difference_column, interval_column, relative_column},
      report.metrics.size());
  std::size_t significant = 0;
  for (const PairedComparison& result : report.results) significant += result.significant;
  text += fmt::format("\n{} of {} metric{} differ{} significantly.\n", significant,
                      report.metrics.size(), report.metrics.size() == 1 ? "" : "s",
                      significant == 1 ? "s" : "");
  return text;
}

void write_compare_csv(std::ostream& out, const CompareReport& report) {
  out << "metric,n,a_mean,a_ci95,b_mean,b_ci95,diff_mean,diff_ci95,diff_low,diff_high,"
         "diff_pct,significant\n";
  for (std::size_t m = 0; m < report.metrics.size(); ++m) {
    const PairedComparison& result = report.results[m];
    const std::vector<std::string> cells = {csv_field(report.metrics[m]),
                                            fmt::format("{}", result.difference.n),
                                            exact(result.a.mean, ""),
                                            exact(result.a.ci95_half_width, ""),
                                            exact(result.b.mean, ""),
                                            exact(result.b.ci95_half_width, ""),
                                            exact(result.difference.mean, ""),
                                            exact(result.difference.ci95_half_width, ""),
                                            exact(result.difference_low(), ""),
                                            exact(result.difference_high(), ""),
                                            exact(result.relative_difference_pct, ""),
                                            result.significant ? "true" : "false"};
    out << fmt::format("{}\n", fmt::join(cells, ","));
  }
}

void write_compare_json(std::ostream& out, const CompareReport& report) {
  json::Buffer buf;
  const auto add = [&buf](std::string_view text) { json::append(buf, text); };
  add("{\n  \"format\": \"knightsim-compare\",\n  \"version\": 1,\n");
  fmt::format_to(std::back_inserter(buf), "  \"replications\": {},\n  \"seeds\": [{}],\n",
                 report.seeds.size(), fmt::join(report.seeds, ", "));
  json_side(buf, "a", report.a);
  json_side(buf, "b", report.b);
  add("  \"metrics\": {");
  for (std::size_t m = 0; m < report.metrics.size(); ++m) {
    const PairedComparison& result = report.results[m];
    add(m == 0 ? "\n    " : ",\n    ");
    json::append_json_string(buf, report.metrics[m]);
    add(": {\n      \"a\": ");
    json_estimate(buf, "      ", result.a);
    add("\n      },\n      \"b\": ");
    json_estimate(buf, "      ", result.b);
    add("\n      },\n      \"difference\": ");
    json_estimate(buf, "      ", result.difference);
    add(",\n        \"relative_pct\": ");
    json_number(buf, result.relative_difference_pct);
    fmt::format_to(std::back_inserter(buf), ",\n        \"significant\": {}\n      }}\n    }}",
                   result.significant);
  }
  add(report.metrics.empty() ? "}\n}\n" : "\n  }\n}\n");
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace knightsim
