#pragma once
/// Dense integer ids: each is the index of its record in the world's vector.

#include <cstdint>
#include <limits>

namespace knightsim {

using OrderId = std::uint32_t;
using RiderId = std::uint32_t;
using MerchantId = std::uint32_t;
using StationId = std::uint32_t;

inline constexpr std::uint32_t kNoId = std::numeric_limits<std::uint32_t>::max();

}  // namespace knightsim
