#pragma once
/// The report of `knightsim results`: a sweep's runs grouped by point (or by some of its
/// parameters), with the number of ok and failed runs and each metric's mean and 95 %
/// confidence interval over the ok runs. Front-end code (knightsim_io).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "knightsim/confidence_interval.hpp"
#include "knightsim/results_db.hpp"

namespace knightsim {

/// A question the database cannot answer: an unknown sweep, metric or parameter. The message
/// says which, and what there is instead.
class ResultsQueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Metrics reported when none are asked for.
const std::vector<std::string>& default_results_metrics();

struct ResultsQuery {
  std::string sweep_id;               ///< "" when the database holds a single sweep
  std::vector<std::string> group_by;  ///< parameter paths; empty: one group per point
  std::vector<std::string> metrics;   ///< scalar keys; empty: default_results_metrics()
};

struct ResultsGroup {
  std::optional<std::uint32_t> point;  ///< set when grouping by point
  std::vector<std::string> values;     ///< one per ResultsReport::group_columns
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::vector<MeanEstimate> metrics;  ///< one per ResultsReport::metrics, over the ok runs
};

struct FailedRun {
  SweepRun run;
  std::string error;
};

struct ResultsReport {
  std::string db_path;
  StoredSweep sweep;
  bool by_point = true;
  std::vector<std::string> group_columns;  ///< parameter paths, one column each
  std::vector<std::string> metrics;
  std::vector<ResultsGroup> groups;  ///< by point, or in order of first appearance
  std::size_t runs_ok = 0;
  std::size_t runs_failed = 0;
  std::vector<FailedRun> failures;  ///< in run order
};

/// Reads the sweep's runs and groups them; throws ResultsQueryError for a query that does not fit
/// the database, ResultsDbError if the database cannot be read.
ResultsReport build_results_report(const ResultsDb& db, const ResultsQuery& query);

/// The report as an aligned text table, "mean ± half-width" per metric.
std::string format_results_table(const ResultsReport& report);

/// The report as CSV: one row per group; per metric `KEY:mean`, `KEY:ci95` (half-width, empty
/// for fewer than 2 runs) and `KEY:n`, numbers at full precision.
void write_results_csv(std::ostream& out, const ResultsReport& report);

}  // namespace knightsim
