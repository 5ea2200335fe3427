#pragma once
/// Randomness: one run seed split into independent named streams, so that changing one part of
/// a scenario (say, the fleet) does not reshuffle another (the orders). The generator and every
/// distribution are implemented here rather than taken from <random>, whose distributions differ
/// between standard libraries: the same seed gives the same run on any platform.

#include <cstdint>
#include <string_view>

namespace knightsim {

/// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();
  /// Uniform in [0, 1), 53 random bits.
  double uniform01();
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  /// Uniform integer in [0, n); n > 0. Lemire's nearly-divisionless method, unbiased.
  std::uint64_t below(std::uint64_t n);
  bool bernoulli(double p) { return uniform01() < p; }
  /// Exponential with the given mean.
  double exponential(double mean);
  /// Standard normal (Box–Muller; the second variate is kept for the next call).
  double normal();
  /// Lognormal with the given mean and standard deviation of the variate itself (not of its
  /// logarithm), which is how planners state prep times. sd <= 0 gives exactly `mean`, and a
  /// mean <= 0 gives 0.
  double lognormal_mean_sd(double mean, double sd);

 private:
  std::uint64_t state_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

/// Derives independent streams from one seed by name.
class RngStreams {
 public:
  explicit RngStreams(std::uint64_t seed) : seed_(seed) {}
  /// The stream called `name`; the same (seed, name) always gives the same stream.
  Rng stream(std::string_view name) const;
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
};

}  // namespace knightsim
