// Means with 95 % confidence intervals: the t quantiles against published values, and estimates
// against hand computations.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "knightsim/confidence_interval.hpp"

using knightsim::estimate_mean;
using knightsim::MeanEstimate;
using knightsim::student_t_975;

TEST_SUITE("confidence_interval") {
  TEST_CASE("t quantiles match the tables, and approach the normal 1.96") {
    CHECK(student_t_975(1) == doctest::Approx(12.706205).epsilon(1e-6));
    CHECK(student_t_975(2) == doctest::Approx(4.302653).epsilon(1e-6));
    CHECK(student_t_975(4) == doctest::Approx(2.776445).epsilon(1e-6));
    CHECK(student_t_975(9) == doctest::Approx(2.262157).epsilon(1e-6));
    CHECK(student_t_975(29) == doctest::Approx(2.045230).epsilon(1e-6));
    CHECK(student_t_975(30) == doctest::Approx(2.042272).epsilon(1e-6));
    CHECK(student_t_975(60) == doctest::Approx(2.000298).epsilon(1e-6));
    CHECK(student_t_975(120) == doctest::Approx(1.979930).epsilon(1e-6));
    // Between the knots: interpolated, within 5e-5 of the exact quantile.
    CHECK(student_t_975(35) == doctest::Approx(2.030108).epsilon(5e-5));
    CHECK(student_t_975(70) == doctest::Approx(1.994437).epsilon(5e-5));
    CHECK(student_t_975(200) == doctest::Approx(1.971896).epsilon(5e-5));
    CHECK(student_t_975(1'000'000) == doctest::Approx(1.959966).epsilon(1e-5));
    for (std::size_t df = 1; df < 500; ++df) {
      INFO("df " << df);
      CHECK(student_t_975(df + 1) < student_t_975(df));  // strictly decreasing
    }
  }

  TEST_CASE("an empty sample has no mean; a single value has no interval") {
    const MeanEstimate none = estimate_mean({});
    CHECK(none.n == 0);
    CHECK(std::isnan(none.mean));
    CHECK(std::isnan(none.ci95_half_width));
    const MeanEstimate one = estimate_mean({7.5});
    CHECK(one.n == 1);
    CHECK(one.mean == 7.5);
    CHECK(std::isnan(one.ci95_half_width));
  }

  TEST_CASE("mean and half-width by hand") {
    // {1, 2, 3, 4}: mean 2.5, s² = 5/3, standard error √(5/3)/2, t(3) = 3.182446.
    const MeanEstimate four = estimate_mean({4.0, 1.0, 3.0, 2.0});
    CHECK(four.n == 4);
    CHECK(four.mean == 2.5);
    CHECK(four.ci95_half_width == doctest::Approx(3.182446 * std::sqrt(5.0 / 3.0) / 2.0));
    // Equal values: no spread, a zero-width interval.
    CHECK(estimate_mean({3.0, 3.0, 3.0}).ci95_half_width == 0.0);
    // A large mean with a small spread loses no digits: s = 1, t(2) = 4.302653.
    const MeanEstimate large = estimate_mean({1e9 + 1, 1e9 + 2, 1e9 + 3});
    CHECK(large.mean == 1e9 + 2);
    CHECK(large.ci95_half_width == doctest::Approx(4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  }
}
