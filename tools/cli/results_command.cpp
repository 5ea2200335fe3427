// knightsim results: the report of a sweep's results database (docs/results-database.md).
// Opens the database read-only, so it can watch a sweep that is still running.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/results_db.hpp"
#include "knightsim/results_report.hpp"
#include "options.hpp"

namespace po = boost::program_options;

namespace knightsim::cli {
namespace {

bool has_empty_item(const std::vector<std::string>& items) {
  for (const std::string& item : items) {
    if (item.empty()) return true;
  }
  return false;
}

}  // namespace

int results_command(const std::vector<std::string>& args) {
  po::options_description options(
      "Usage: knightsim results DB [options]\n"
      "Reports a sweep's results database: per point (or per group of the named parameters),\n"
      "the number of ok and failed runs and, for each metric, the mean over the ok runs with\n"
      "the half-width of its 95 % confidence interval (Student t).\n"
      "Exit code 0, or 2 for a database that cannot be read or an unknown sweep, metric or\n"
      "parameter.\n\nOptions");
  std::string db_path, sweep_id, group_by_text, metrics_text, csv_path;
  options.add_options()("help,h", "show this help")(
      "sweep", po::value(&sweep_id)->value_name("ID"),
      "the sweep to report (needed when the database holds several)")(
      "group-by", po::value(&group_by_text)->value_name("PATH[,PATH...]"),
      "group runs by these parameters (pooling the others) instead of by point")(
      "metrics", po::value(&metrics_text)->value_name("KEY[,KEY...]"),
      "summary.json keys to report (default: orders.delivered, on_time_rate,\n"
      "click_to_door_min.mean, riders.utilization, riders.earnings_per_hour)")(
      "csv", po::value(&csv_path)->value_name("FILE"),
      "also write the table as CSV, with full precision")("db", po::value(&db_path),
                                                          "results database (positional)");
  po::positional_options_description positional;
  positional.add("db", 1);
  const auto values = parse_options("results", args, options, positional);
  if (!values) return kExitBadInput;
  if (values->count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (db_path.empty()) {
    std::fprintf(stderr, "knightsim results: DB is required\nTry 'knightsim results --help'.\n");
    return kExitBadInput;
  }

  ResultsQuery query;
  query.sweep_id = sweep_id;
  if (values->count("group-by")) query.group_by = split_list(group_by_text);
  if (values->count("metrics")) query.metrics = split_list(metrics_text);
  if (has_empty_item(query.group_by) || has_empty_item(query.metrics)) {
    std::fprintf(stderr,
                 "knightsim results: --group-by and --metrics take comma-separated "
                 "names, none empty\n");
    return kExitBadInput;
  }
  if (values->count("sweep") && sweep_id.empty()) {
    std::fprintf(stderr, "knightsim results: --sweep needs an id\n");
    return kExitBadInput;
  }

  ResultsReport report;
  try {
    const ResultsDb db(db_path, ResultsDb::Access::read_only);
    report = build_results_report(db, query);
  } catch (const ResultsDbError& error) {
    std::fprintf(stderr, "knightsim results: %s\n", error.what());
    return kExitBadInput;
  } catch (const ResultsQueryError& error) {
    std::fprintf(stderr, "knightsim results: %s\n", error.what());
    return kExitBadInput;
  }

  std::cout << format_results_table(report);
  if (!csv_path.empty()) {
    try {
      write_file_atomically(csv_path, [&](std::ostream& out) { write_results_csv(out, report); });
    } catch (const OutputError& error) {
      std::fprintf(stderr, "knightsim results: %s\n", error.what());
      return kExitFailure;
    }
    std::cout << "CSV: " << csv_path << "\n";
  }
  return kExitOk;
}

}  // namespace knightsim::cli
