// The `knightsim results` report: grouping, statistics and the two renderings (aligned text and
// CSV). The table rounds each mean to the precision its confidence interval supports (two
// significant digits of the half-width), so it never shows noise as if it were signal; the CSV
// keeps every digit for further analysis.

#include "knightsim/results_report.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

#include "report_table.hpp"
#include "scenario_values.hpp"

namespace knightsim {
namespace {

using report_table::Column;
using report_table::display_width;
using report_table::one_line;
using report_table::pad_right;
using scenario_values::did_you_mean;

/// Failed runs listed under the table; the rest are counted (all are in the runs table).
constexpr std::size_t kFailuresShown = 10;

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

/// Full precision, shortest text that reads back to the same double; "" when undefined.
std::string exact(double value) {
  return std::isfinite(value) ? fmt::format("{}", value) : "";
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

const StoredSweep& find_sweep(const ResultsDb& db, const std::vector<StoredSweep>& sweeps,
                              const std::string& id) {
  std::vector<std::string> ids;
  for (const StoredSweep& sweep : sweeps) ids.push_back(sweep.id);
  if (sweeps.empty()) throw ResultsQueryError(db.path() + ": no sweeps recorded yet");
  if (id.empty()) {
    if (sweeps.size() == 1) return sweeps.front();
    throw ResultsQueryError(fmt::format("{} holds {} sweeps ({}); choose one with --sweep ID",
                                        db.path(), sweeps.size(), joined(ids)));
  }
  for (const StoredSweep& sweep : sweeps) {
    if (sweep.id == id) return sweep;
  }
  throw ResultsQueryError(fmt::format("no sweep '{}' in {}{}; it holds: {}", id, db.path(),
                                      did_you_mean(id, ids), joined(ids)));
}

/// Duplicates would give two columns of the same name.
void reject_duplicates(const std::vector<std::string>& items, std::string_view what) {
  for (auto it = items.begin(); it != items.end(); ++it) {
    if (std::find(items.begin(), it, *it) != it) {
      throw ResultsQueryError(fmt::format("{} '{}' is given twice", what, *it));
    }
  }
}

std::vector<std::string> checked_metrics(const ResultsDb& db, const ResultsQuery& query) {
  std::vector<std::string> metrics =
      query.metrics.empty() ? default_results_metrics() : query.metrics;
  reject_duplicates(metrics, "metric");
  const std::vector<std::string> keys = db.scalar_keys();
  for (const std::string& metric : metrics) {
    if (std::find(keys.begin(), keys.end(), metric) == keys.end()) {
      throw ResultsQueryError(fmt::format(
          "unknown metric '{}'{}; metrics are the number fields of summary.json as dotted keys "
          "(orders.delivered, click_to_door_min.p90, …), listed in docs/results-database.md",
          metric, did_you_mean(metric, keys)));
    }
  }
  return metrics;
}

/// The sweep's parameter paths, in order, as recorded with its runs.
std::vector<std::string> parameter_paths(const std::vector<StoredRun>& runs) {
  std::vector<std::string> paths;
  for (const StoredRun& run : runs) {
    for (const ScenarioOverride& setting : run.settings) {
      if (std::find(paths.begin(), paths.end(), setting.path) == paths.end()) {
        paths.push_back(setting.path);
      }
    }
  }
  return paths;
}

std::string value_of(const StoredRun& run, const std::string& path) {
  for (const ScenarioOverride& setting : run.settings) {
    if (setting.path == path) return setting.value;
  }
  return "";
}

}  // namespace

const std::vector<std::string>& default_results_metrics() {
  static const std::vector<std::string> metrics = {"orders.delivered", "on_time_rate",
                                                   "click_to_door_min.mean", "riders.utilization",
                                                   "riders.earnings_per_hour"};
  return metrics;
}

ResultsReport build_results_report(const ResultsDb& db, const ResultsQuery& query) {
  ResultsReport report;
  report.db_path = db.path();
  report.sweep = find_sweep(db, db.sweeps(), query.sweep_id);
  report.metrics = checked_metrics(db, query);
  const std::vector<StoredRun> runs = db.runs(report.sweep.id, report.metrics);

  const std::vector<std::string> parameters = parameter_paths(runs);
  report.by_point = query.group_by.empty();
  if (report.by_point) {
    report.group_columns = parameters;
  } else {
    reject_duplicates(query.group_by, "group-by parameter");
    for (const std::string& path : query.group_by) {
      if (std::find(parameters.begin(), parameters.end(), path) == parameters.end()) {
        throw ResultsQueryError(
            parameters.empty()
                ? fmt::format("cannot group by '{}': sweep '{}' has no varied parameters in its "
                              "recorded runs",
                              path, report.sweep.id)
                : fmt::format("cannot group by '{}'{}: sweep '{}' varies {}", path,
                              did_you_mean(path, parameters), report.sweep.id, joined(parameters)));
      }
    }
    report.group_columns = query.group_by;
  }

  // Runs come ordered by point, so groups appear in the order of their first point.
  std::map<std::vector<std::string>, std::size_t> group_of_values;
  std::map<std::uint32_t, std::size_t> group_of_point;
  // [group][metric] → replication → (sum, count). A group that pools several points (with
  // --group-by) is first averaged per replication: replication r shares its seed across points,
  // so runs of one replication are not independent draws, and the interval must be over the
  // replications (n = R), not over every pooled run.
  std::vector<std::vector<std::map<std::uint32_t, std::pair<double, int>>>> samples;
  for (const StoredRun& run : runs) {
    std::vector<std::string> values;
    for (const std::string& path : report.group_columns) values.push_back(value_of(run, path));
    const std::size_t next = report.groups.size();
    const std::size_t index = report.by_point
                                  ? group_of_point.try_emplace(run.run.point, next).first->second
                                  : group_of_values.try_emplace(values, next).first->second;
    if (index == next) {
      ResultsGroup group;
      if (report.by_point) group.point = run.run.point;
      group.values = values;
      report.groups.push_back(std::move(group));
      samples.emplace_back(report.metrics.size());
    }
    ResultsGroup& group = report.groups[index];
    if (run.ok) {
      ++group.ok;
      ++report.runs_ok;
      for (std::size_t m = 0; m < report.metrics.size(); ++m) {
        if (run.values[m]) {
          auto& [sum, count] = samples[index][m][run.run.rep];
          sum += *run.values[m];
          ++count;
        }
      }
    } else {
      ++group.failed;
      ++report.runs_failed;
      report.failures.push_back(FailedRun{run.run, run.error});
    }
  }
  for (std::size_t g = 0; g < report.groups.size(); ++g) {
    for (const auto& by_rep : samples[g]) {
      std::vector<double> sample;
      for (const auto& [rep, sum_count] : by_rep) {
        sample.push_back(sum_count.first / sum_count.second);
      }
      report.groups[g].metrics.push_back(estimate_mean(sample));
    }
  }
  return report;
}

std::string format_results_table(const ResultsReport& report) {
  std::string text = fmt::format(
      "Sweep '{}' in {}: {} run{}, {} ok, {} failed\n", one_line(report.sweep.id), report.db_path,
      report.runs_ok + report.runs_failed, report.runs_ok + report.runs_failed == 1 ? "" : "s",
      report.runs_ok, report.runs_failed);
  text += fmt::format(
      "  file {}, base {}, registered {}\n", one_line(report.sweep.file),
      report.sweep.base_path.empty() ? "<built-in default>" : one_line(report.sweep.base_path),
      report.sweep.created_at);
  if (report.groups.empty()) return text + "No runs recorded yet.\n";
  text +=
      "Mean ± half-width of its 95 % confidence interval (Student t) over the ok runs;\n"
      "no interval for a single run.\n\n";

  // Columns: [point] parameters… ok failed metrics…; numbers right-aligned, text left-aligned.
  std::vector<Column> columns;
  if (report.by_point) {
    Column point{"point", {}, true};
    for (const ResultsGroup& group : report.groups)
      point.cells.push_back(fmt::format("{}", *group.point));
    columns.push_back(std::move(point));
  }
  for (std::size_t p = 0; p < report.group_columns.size(); ++p) {
    Column parameter{one_line(report.group_columns[p]), {}, false};
    for (const ResultsGroup& group : report.groups)
      parameter.cells.push_back(one_line(group.values[p]));
    columns.push_back(std::move(parameter));
  }
  Column ok{"ok", {}, true}, failed{"failed", {}, true};
  for (const ResultsGroup& group : report.groups) {
    ok.cells.push_back(fmt::format("{}", group.ok));
    failed.cells.push_back(fmt::format("{}", group.failed));
  }
  columns.push_back(std::move(ok));
  columns.push_back(std::move(failed));
  for (std::size_t m = 0; m < report.metrics.size(); ++m) {
    std::vector<report_table::EstimateCell> cells;
    for (const ResultsGroup& group : report.groups) {
      cells.push_back(report_table::estimate_cell(group.metrics[m]));
    }
    Column metric{report.metrics[m], report_table::aligned_estimates(cells), true};
    for (std::size_t g = 0; g < report.groups.size(); ++g) {
      // " (n=2)" when some ok runs have no value; an undefined mean ("-") needs no note.
      const MeanEstimate& estimate = report.groups[g].metrics[m];
      const bool defined = estimate.n > 0 && std::isfinite(estimate.mean);
      if (defined && estimate.n != report.groups[g].ok) {
        metric.cells[g] += fmt::format(" (n={})", estimate.n);
      }
    }
    // Notes are rare; when present they stick out to the right rather than misalign the ±.
    std::size_t width = 0;
    for (const std::string& cell : metric.cells) width = std::max(width, display_width(cell));
    for (std::string& cell : metric.cells) cell = pad_right(cell, width);
    columns.push_back(std::move(metric));
  }

  text += report_table::format_columns(columns, report.groups.size());

  if (!report.failures.empty()) {
    text += "\nFailed runs:\n";
    for (std::size_t i = 0; i < report.failures.size() && i < kFailuresShown; ++i) {
      const FailedRun& failure = report.failures[i];
      text += fmt::format("  point {}, rep {} (seed {}): {}\n", failure.run.point, failure.run.rep,
                          failure.run.seed, one_line(failure.error));
    }
    if (report.failures.size() > kFailuresShown) {
      text += fmt::format("  … and {} more (the error column of the runs table has them all)\n",
                          report.failures.size() - kFailuresShown);
    }
  }
  return text;
}

void write_results_csv(std::ostream& out, const ResultsReport& report) {
  std::vector<std::string> header;
  if (report.by_point) header.emplace_back("point");
  for (const std::string& path : report.group_columns) header.push_back(path);
  header.emplace_back("ok");
  header.emplace_back("failed");
  for (const std::string& metric : report.metrics) {
    header.push_back(metric + ":mean");
    header.push_back(metric + ":ci95");
    header.push_back(metric + ":n");
  }
  const auto write_row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << (i > 0 ? "," : "") << csv_field(cells[i]);
    }
    out << '\n';
  };
  write_row(header);
  for (const ResultsGroup& group : report.groups) {
    std::vector<std::string> cells;
    if (group.point) cells.push_back(fmt::format("{}", *group.point));
    for (const std::string& value : group.values) cells.push_back(value);
    cells.push_back(fmt::format("{}", group.ok));
    cells.push_back(fmt::format("{}", group.failed));
    for (const MeanEstimate& estimate : group.metrics) {
      cells.push_back(exact(estimate.mean));
      cells.push_back(exact(estimate.ci95_half_width));
      cells.push_back(fmt::format("{}", estimate.n));
    }
    write_row(cells);
  }
}

}  // namespace knightsim
