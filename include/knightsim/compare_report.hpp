#pragma once
/// The report of `knightsim compare`: two scenarios run over the same seeds (common random
/// numbers), and per metric each side's mean with its 95 % confidence interval and the paired
/// difference B − A with its own interval (Student t on the per-replication differences).
/// Front-end code (knightsim_io); docs/compare.md describes the statistics and the files.

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/confidence_interval.hpp"
#include "knightsim/scenario_loader.hpp"

namespace knightsim {

/// A comparison that cannot be made as asked: an unknown or repeated metric, samples of
/// different lengths. The message says which, and what there is instead.
class CompareError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Metrics compared when none are asked for: service, cancellations, rider pay and work, cost.
const std::vector<std::string>& default_compare_metrics();

/// Every metric a comparison can name: the keys of summary_scalars (the number fields of
/// summary.json as dotted keys), in summary.json's order.
std::vector<std::string> compare_metric_keys();

/// Throws CompareError for a metric that is not in compare_metric_keys() (with a "did you
/// mean" hint) or is named twice.
void check_compare_metrics(const std::vector<std::string>& metrics,
                           const std::vector<std::string>& zone_keys = {});
/// The per-zone metric keys of a scenario (zones.<island or compass zone>.<figure>): they depend
/// on the scenario's islands, so they are checked once both sides are loaded.
std::vector<std::string> zone_metric_keys(const ScenarioSpec& spec);

/// One metric over paired replications: replication i of A and of B ran with the same seed.
struct PairedComparison {
  MeanEstimate a;
  MeanEstimate b;
  /// Of the per-replication differences b_i − a_i: its mean is B's mean minus A's, and its
  /// interval is narrower than the two sides' would suggest when common random numbers make
  /// a_i and b_i move together.
  MeanEstimate difference;
  /// 100 × difference / |A's mean|; NaN when A's mean is 0 (or undefined).
  double relative_difference_pct = std::numeric_limits<double>::quiet_NaN();
  /// The difference's 95 % interval excludes 0. False without an interval (fewer than 2
  /// replications); true for a constant non-zero difference (interval of width 0).
  bool significant = false;

  double difference_low() const { return difference.mean - difference.ci95_half_width; }
  double difference_high() const { return difference.mean + difference.ci95_half_width; }
};

/// `a[i]` and `b[i]` are replication i of each side; throws CompareError if the lengths differ.
PairedComparison compare_paired(const std::vector<double>& a, const std::vector<double>& b);

/// One side of a comparison, as the report names it.
struct CompareSide {
  std::string name;                        ///< the scenario's `name`
  std::string file;                        ///< the scenario file, as given
  std::vector<ScenarioOverride> settings;  ///< `--set` overrides applied to this side, in order
};

/// Replication i's scalars (summary_scalars of its run) on one side, i = 0 … reps − 1.
using ReplicationScalars = std::vector<std::vector<std::pair<std::string, double>>>;

struct CompareReport {
  CompareSide a;
  CompareSide b;
  std::vector<std::uint64_t> seeds;  ///< replication i's seed, the same on both sides
  std::vector<std::string> metrics;
  std::vector<PairedComparison> results;  ///< one per metric
};

/// Pairs replication i of A with replication i of B for each metric. `seeds`, `a_runs` and
/// `b_runs` must have one entry per replication, and every metric must be in every run's
/// scalars (CompareError otherwise).
CompareReport build_compare_report(CompareSide a, CompareSide b, std::vector<std::uint64_t> seeds,
                                   const std::vector<std::string>& metrics,
                                   const ReplicationScalars& a_runs,
                                   const ReplicationScalars& b_runs);

/// The report as an aligned text table: per metric A and B as "mean ± half-width", B − A with
/// its interval and relative change, and `*` when the difference is significant.
std::string format_compare_table(const CompareReport& report);

/// compare.csv: one row per metric, numbers at full precision (docs/compare.md).
void write_compare_csv(std::ostream& out, const CompareReport& report);

/// compare.json: the two sides, the replications' seeds and per metric the three estimates,
/// numbers at full precision (docs/compare.md).
void write_compare_json(std::ostream& out, const CompareReport& report);

}  // namespace knightsim
