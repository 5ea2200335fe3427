// The statistics of `knightsim compare` against hand computations (paired t on the
// per-replication differences), the metric names it accepts, and its three renderings.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/compare_report.hpp"

using knightsim::build_compare_report;
using knightsim::check_compare_metrics;
using knightsim::compare_metric_keys;
using knightsim::compare_paired;
using knightsim::CompareError;
using knightsim::CompareReport;
using knightsim::CompareSide;
using knightsim::default_compare_metrics;
using knightsim::PairedComparison;
using knightsim::ReplicationScalars;

namespace {

constexpr double kT3 = 3.182446;  // t(0.975, 3 degrees of freedom)

/// Replications of two metrics, "orders.delivered" and "on_time_rate", on one side.
ReplicationScalars two_metric_runs(const std::vector<double>& delivered,
                                   const std::vector<double>& on_time) {
  ReplicationScalars runs;
  for (std::size_t i = 0; i < delivered.size(); ++i) {
    runs.push_back({{"orders.created", 999.0},
                    {"orders.delivered", delivered[i]},
                    {"on_time_rate", on_time[i]}});
  }
  return runs;
}

/// A: delivered {10, 12, 14, 16}, on time 0.9 throughout; B: delivered {11, 14, 15, 19} (the
/// paired example below), on time the same as A.
CompareReport example_report() {
  return build_compare_report(
      CompareSide{"lunch", "a.yaml", {}},
      CompareSide{"lunch, more riders", "b.yaml", {{"riders.fleets[0].count", "80"}}},
      {7, 8, 9, 10}, {"on_time_rate", "orders.delivered"},
      two_metric_runs({10, 12, 14, 16}, {0.9, 0.9, 0.9, 0.9}),
      two_metric_runs({11, 14, 15, 19}, {0.9, 0.9, 0.9, 0.9}));
}

}  // namespace

TEST_SUITE("compare_report") {
  TEST_CASE("paired difference and its interval by hand; pairing finds what the sides miss") {
    // Differences {1, 2, 1, 3}: mean 1.75, s² = 2.75 / 3, standard error √(s² / 4).
    const PairedComparison result = compare_paired({10, 12, 14, 16}, {11, 14, 15, 19});
    CHECK(result.a.n == 4);
    CHECK(result.a.mean == 13.0);
    CHECK(result.b.mean == 14.75);
    CHECK(result.difference.n == 4);
    CHECK(result.difference.mean == 1.75);
    const double half_width = kT3 * std::sqrt(2.75 / 3.0 / 4.0);
    CHECK(result.difference.ci95_half_width == doctest::Approx(half_width).epsilon(1e-6));
    CHECK(result.difference_low() == doctest::Approx(1.75 - half_width).epsilon(1e-6));
    CHECK(result.difference_high() == doctest::Approx(1.75 + half_width).epsilon(1e-6));
    CHECK(result.relative_difference_pct == doctest::Approx(100.0 * 1.75 / 13.0));
    CHECK(result.significant);
    // Each side's own interval (A: s² = 20/3) is far wider than the difference: the sides'
    // intervals overlap although the paired difference is clearly positive.
    CHECK(result.a.ci95_half_width ==
          doctest::Approx(kT3 * std::sqrt(20.0 / 3.0 / 4.0)).epsilon(1e-6));
    CHECK(result.a.mean + result.a.ci95_half_width > result.b.mean - result.b.ci95_half_width);
  }

  TEST_CASE("a difference whose interval holds 0 is not significant") {
    // Differences {1, -1, 2, -3}: mean -0.25, interval about ±3.
    const PairedComparison result = compare_paired({5, 5, 5, 5}, {6, 4, 7, 2});
    CHECK(result.difference.mean == -0.25);
    CHECK(result.difference_low() < 0.0);
    CHECK(result.difference_high() > 0.0);
    CHECK_FALSE(result.significant);
    CHECK(result.relative_difference_pct == -5.0);
  }

  TEST_CASE("identical sides: exactly 0 with a zero-width interval, not significant") {
    const PairedComparison result = compare_paired({0.91, 0.87, 0.95}, {0.91, 0.87, 0.95});
    CHECK(result.difference.mean == 0.0);
    CHECK(result.difference.ci95_half_width == 0.0);
    CHECK(result.relative_difference_pct == 0.0);
    CHECK_FALSE(result.significant);
  }

  TEST_CASE("a constant shift is certain: zero width, significant") {
    const PairedComparison result = compare_paired({1, 2, 3}, {3, 4, 5});
    CHECK(result.difference.mean == 2.0);
    CHECK(result.difference.ci95_half_width == 0.0);
    CHECK(result.significant);
    CHECK(result.relative_difference_pct == 100.0);
  }

  TEST_CASE("edge cases: A's mean 0, a single replication, unequal lengths") {
    const PairedComparison from_zero = compare_paired({0, 0}, {1, 3});
    CHECK(std::isnan(from_zero.relative_difference_pct));
    CHECK(from_zero.difference.mean == 2.0);
    CHECK(from_zero.difference.ci95_half_width == doctest::Approx(12.706205).epsilon(1e-6));

    const PairedComparison single = compare_paired({1}, {5});
    CHECK(single.difference.mean == 4.0);
    CHECK(std::isnan(single.difference.ci95_half_width));
    CHECK_FALSE(single.significant);  // no interval, no verdict

    CHECK_THROWS_AS(compare_paired({1, 2}, {1, 2, 3}), CompareError);
  }

  TEST_CASE("metric names are summary.json's number keys; unknown and repeated ones refused") {
    const std::vector<std::string> keys = compare_metric_keys();
    const auto has = [&keys](const std::string& key) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    CHECK(has("on_time_rate"));
    CHECK(has("click_to_door_min.p90"));
    CHECK(has("orders.by_category.grocery.on_time_rate"));
    CHECK_FALSE(has("seed"));           // names the run
    CHECK_FALSE(has("engine.wall_s"));  // measures the machine
    CHECK_FALSE(has("scenario.name"));  // text
    for (const std::string& metric : default_compare_metrics()) {
      INFO(metric);
      CHECK(has(metric));
    }
    CHECK_NOTHROW(check_compare_metrics(default_compare_metrics()));
    CHECK_THROWS_WITH_AS(check_compare_metrics({"orders.delivered", "on_time"}),
                         doctest::Contains("unknown metric 'on_time' (did you mean "
                                           "'on_time_rate'?)"),
                         CompareError);
    CHECK_THROWS_WITH_AS(check_compare_metrics({"on_time_rate", "on_time_rate"}),
                         doctest::Contains("'on_time_rate' is given twice"), CompareError);
  }

  TEST_CASE("the report pairs replication i of both sides per metric, in the order asked") {
    const CompareReport report = example_report();
    REQUIRE(report.results.size() == 2);
    CHECK(report.metrics == std::vector<std::string>{"on_time_rate", "orders.delivered"});
    CHECK(report.results[0].difference.mean == 0.0);
    CHECK_FALSE(report.results[0].significant);
    CHECK(report.results[1].difference.mean == 1.75);
    CHECK(report.results[1].significant);
    CHECK(report.seeds == std::vector<std::uint64_t>{7, 8, 9, 10});

    // A run without the metric, or sides of different lengths: refused, never a guess.
    ReplicationScalars short_side = two_metric_runs({10, 12, 14}, {0.9, 0.9, 0.9});
    CHECK_THROWS_AS(build_compare_report({}, {}, {1, 2, 3, 4}, {"orders.delivered"},
                                         two_metric_runs({1, 2, 3, 4}, {1, 1, 1, 1}), short_side),
                    CompareError);
    CHECK_THROWS_WITH_AS(
        build_compare_report({}, {}, {1, 2}, {"riders.utilization"},
                             two_metric_runs({1, 2}, {1, 1}), two_metric_runs({1, 2}, {1, 1})),
        doctest::Contains("no metric 'riders.utilization'"), CompareError);
  }

  TEST_CASE("CSV: one row per metric at full precision") {
    std::ostringstream csv;
    write_compare_csv(csv, example_report());
    std::istringstream lines(csv.str());
    std::string header, on_time, delivered, extra;
    std::getline(lines, header);
    std::getline(lines, on_time);
    std::getline(lines, delivered);
    CHECK_FALSE(std::getline(lines, extra));
    CHECK(header ==
          "metric,n,a_mean,a_ci95,b_mean,b_ci95,diff_mean,diff_ci95,diff_low,diff_high,"
          "diff_pct,significant");
    CHECK(on_time == "on_time_rate,4,0.9,0,0.9,0,0,0,0,0,0,false");
    CHECK(delivered.starts_with("orders.delivered,4,13,"));
    CHECK(delivered.find(",14.75,") != std::string::npos);
    CHECK(delivered.find(",1.75,") != std::string::npos);
    CHECK(delivered.ends_with(",true"));
  }

  TEST_CASE("JSON: sides, seeds and per metric the three estimates") {
    std::ostringstream json;
    write_compare_json(json, example_report());
    const std::string text = json.str();
    CHECK(text.starts_with("{\n  \"format\": \"knightsim-compare\",\n  \"version\": 1,\n"));
    CHECK(text.find("\"replications\": 4,\n  \"seeds\": [7, 8, 9, 10],") != std::string::npos);
    CHECK(text.find("\"name\": \"lunch, more riders\"") != std::string::npos);
    CHECK(text.find("\"settings\": [{\"path\": \"riders.fleets[0].count\", \"value\": \"80\"}]") !=
          std::string::npos);
    CHECK(text.find("\"orders.delivered\": {\n      \"a\": {\n        \"mean\": 13,") !=
          std::string::npos);
    CHECK(text.find("\"relative_pct\": 0,\n        \"significant\": false") != std::string::npos);
    CHECK(text.find("\"mean\": 1.75,") != std::string::npos);
    CHECK(text.find("\"significant\": true") != std::string::npos);
    CHECK(text.ends_with("    }\n  }\n}\n"));
    // Braces balance (a cheap check of the hand-written structure).
    CHECK(std::count(text.begin(), text.end(), '{') == std::count(text.begin(), text.end(), '}'));

    // An undefined figure is null, never NaN (not JSON).
    CompareReport from_zero = example_report();
    from_zero.results[0] = compare_paired({0, 0, 0, 0}, {1, 1, 2, 2});
    std::ostringstream with_null;
    write_compare_json(with_null, from_zero);
    CHECK(with_null.str().find("\"relative_pct\": null") != std::string::npos);
    CHECK(with_null.str().find("nan") == std::string::npos);
  }

  TEST_CASE("table: figures rounded to their intervals, * on significant differences only") {
    const std::string table = format_compare_table(example_report());
    CHECK(table.find("over 4 paired replications: seeds 7, 8, 9, 10") != std::string::npos);
    CHECK(table.find("A: lunch  (a.yaml)") != std::string::npos);
    CHECK(table.find("B: lunch, more riders  (b.yaml --set riders.fleets[0].count=80)") !=
          std::string::npos);
    // on_time_rate: 0.9 ± 0 on both sides, difference 0 exactly, no mark.
    const std::size_t on_time = table.find("\non_time_rate");
    const std::size_t delivered = table.find("\norders.delivered");
    REQUIRE(on_time != std::string::npos);
    REQUIRE(delivered != std::string::npos);
    const std::string on_time_row =
        table.substr(on_time + 1, table.find('\n', on_time + 1) - on_time);
    const std::string delivered_row =
        table.substr(delivered + 1, table.find('\n', delivered + 1) - delivered);
    CHECK(on_time_row.find("0.9 ± 0") != std::string::npos);
    CHECK(on_time_row.find("[0, 0]") != std::string::npos);
    CHECK(on_time_row.find('*') == std::string::npos);
    // delivered, each figure to two significant digits of its half-width: A 13 ± 4.11 (by
    // hand t3·√(20/3)/2), B 14.75 ± 5.26 (t3·√(32.75/3)/2), B − A 1.75 ± 1.52, so [0.23, 3.27].
    CHECK(delivered_row.find("13.0 ± 4.1") != std::string::npos);
    CHECK(delivered_row.find("14.8 ± 5.3") != std::string::npos);
    CHECK(delivered_row.find("+1.8") != std::string::npos);
    CHECK(delivered_row.find("[+0.2, +3.3] *") != std::string::npos);
    CHECK(delivered_row.find("+13.5 %") != std::string::npos);
    CHECK(table.find("1 of 2 metrics differs significantly.") != std::string::npos);
  }
}
