// xoshiro256** with splitmix64 seeding, and portable distributions.
#include <cassert>
#include <cmath>
#include <numbers>

#include "knightsim/rng.hpp"

namespace knightsim {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit type.
__extension__ using Uint128 = unsigned __int128;

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
  std::uint64_t sm = seed;
  for (auto& word : state_) word = splitmix64(sm);
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Rng::uniform01() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint64_t Rng::below(std::uint64_t n) {
  assert(n > 0);
  Uint128 product = static_cast<Uint128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<Uint128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

double Rng::exponential(double mean) {
  // 1 - u lies in (0, 1], so the logarithm is finite.
  return -mean * std::log(1.0 - uniform01());
}

double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  const double u1 = 1.0 - uniform01();
  const double u2 = uniform01();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * u2;
  spare_normal_ = radius * std::sin(angle);
  has_spare_normal_ = true;
  return radius * std::cos(angle);
}

double Rng::lognormal_mean_sd(double mean, double sd) {
  if (mean <= 0 || sd <= 0) return mean > 0 ? mean : 0.0;
  // For X = exp(N(mu, sigma²)): E[X] = exp(mu + sigma²/2), Var[X] = (exp(sigma²) - 1) E[X]².
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  const double mu = std::log(mean) - sigma2 / 2.0;
  return std::exp(mu + std::sqrt(sigma2) * normal());
}

Rng RngStreams::stream(std::string_view name) const {
  // Mix the name's hash with the seed through splitmix so nearby seeds give unrelated streams.
  std::uint64_t mix = seed_ ^ fnv1a64(name);
  return Rng(splitmix64(mix));
}

}  // namespace knightsim
