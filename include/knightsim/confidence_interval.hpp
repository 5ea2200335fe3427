#pragma once
/// The mean of a sample of replications with a 95 % confidence interval (Student t), as the
/// results report and comparisons show it. Front-end code (knightsim_io).

#include <cstddef>
#include <limits>
#include <vector>

namespace knightsim {

/// The 0.975 quantile of Student's t with `degrees_of_freedom` (>= 1): the multiplier of the
/// standard error for a two-sided 95 % interval. Tabulated to 10 digits for 1–30, 40, 50, 60,
/// 80, 100 and 120 degrees; in between and beyond, interpolated linearly in 1/df towards the
/// normal 1.959964 (relative error below 5e-5).
double student_t_975(std::size_t degrees_of_freedom);

/// The mean of a sample with the half-width of its 95 % confidence interval.
struct MeanEstimate {
  std::size_t n = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();  ///< NaN when n == 0
  /// t(0.975, n−1) × s / √n with s the sample standard deviation; NaN when n < 2.
  double ci95_half_width = std::numeric_limits<double>::quiet_NaN();
};

MeanEstimate estimate_mean(const std::vector<double>& sample);

}  // namespace knightsim
