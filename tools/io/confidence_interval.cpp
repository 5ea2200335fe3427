// Student t quantiles from a table: a handful of constants is simpler and more obviously right
// than an inverse incomplete beta function, and replications rarely exceed a few dozen.

#include "knightsim/confidence_interval.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <limits>

namespace knightsim {
namespace {

/// t(0.975, df) for df = 1…30.
constexpr std::array<double, 30> kSmallDf = {
    12.7062047362, 4.3026527297, 3.1824463053, 2.7764451052, 2.5705818356, 2.4469118511,
    2.3646242516,  2.3060041352, 2.2621571628, 2.2281388520, 2.2009851601, 2.1788128297,
    2.1603686565,  2.1447866879, 2.1314495456, 2.1199052992, 2.1098155778, 2.1009220402,
    2.0930240544,  2.0859634473, 2.0796138447, 2.0738730679, 2.0686576104, 2.0638985616,
    2.0595385528,  2.0555294386, 2.0518305165, 2.0484071418, 2.0452296421, 2.0422724563};

struct Knot {
  double df;
  double t;
};
/// Beyond 30, t is nearly linear in 1/df; these knots keep the interpolation error below 5e-5.
constexpr std::array<Knot, 8> kLargeDf = {
    {{30, 2.0422724563},
     {40, 2.0210753903},
     {50, 2.0085591121},
     {60, 2.0002978220},
     {80, 1.9900634213},
     {100, 1.9839715185},
     {120, 1.9799304050},
     {std::numeric_limits<double>::infinity(), 1.9599639845}}};

}  // namespace

double student_t_975(std::size_t degrees_of_freedom) {
  assert(degrees_of_freedom >= 1);
  if (degrees_of_freedom <= kSmallDf.size()) return kSmallDf[degrees_of_freedom - 1];
  const double inverse = 1.0 / static_cast<double>(degrees_of_freedom);
  for (std::size_t i = 1; i < kLargeDf.size(); ++i) {
    const Knot& low = kLargeDf[i - 1];
    const Knot& high = kLargeDf[i];
    if (static_cast<double>(degrees_of_freedom) <= high.df) {
      const double weight = (1.0 / low.df - inverse) / (1.0 / low.df - 1.0 / high.df);
      return low.t + (high.t - low.t) * weight;
    }
  }
  return kLargeDf.back().t;  // not reached: the last knot is infinite
}

MeanEstimate estimate_mean(const std::vector<double>& sample) {
  MeanEstimate estimate;
  estimate.n = sample.size();
  if (sample.empty()) return estimate;
  double sum = 0.0;
  for (const double x : sample) sum += x;
  estimate.mean = sum / static_cast<double>(sample.size());
  if (sample.size() < 2) return estimate;
  // Two passes: the sum of squared deviations, not of squares, so large means with a small
  // spread (thousands of orders ± a few) lose no digits.
  double squares = 0.0;
  for (const double x : sample) squares += (x - estimate.mean) * (x - estimate.mean);
  const double n = static_cast<double>(sample.size());
  const double standard_error = std::sqrt(squares / (n - 1.0)) / std::sqrt(n);
  estimate.ci95_half_width = student_t_975(sample.size() - 1) * standard_error;
  return estimate;
}

}  // namespace knightsim
