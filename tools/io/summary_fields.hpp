#pragma once
// The fields of summary.json, in order, as one walk over a RunSummary. The JSON writer and the
// results database (summary_scalars) both follow this walk, so a field added here appears in
// both with the same dotted key and place, and they can never disagree. Internal to
// knightsim_io.

#include <cstdint>
#include <string_view>
#include <vector>

#include "knightsim/summary.hpp"

namespace knightsim::summary_fields {

/// What a numeric field says, which decides whether it is a result of the run.
enum class Role : std::uint8_t {
  result,    ///< a figure of the run: same scenario and seed, same value
  identity,  ///< names the run rather than measuring it (the seed)
  machine,   ///< measures the computer, not the run (wall-clock time)
};

/// Receives the fields in summary.json's order. Objects nest; `key` is the name inside the
/// enclosing object.
class Visitor {
 public:
  virtual ~Visitor() = default;
  virtual void begin_object(std::string_view key) = 0;
  virtual void end_object() = 0;
  virtual void text(std::string_view key, std::string_view value) = 0;
  virtual void count(std::string_view key, std::uint64_t value, Role role) = 0;
  /// `decimals`: how many summary.json prints for this quantity.
  virtual void number(std::string_view key, double value, int decimals, Role role) = 0;
  /// The hourly series (an array of objects, not scalars), at its place in the order.
  virtual void hourly(const std::vector<HourSummary>& hours) = 0;
};

/// Calls `visitor` for every field of `summary`, in summary.json's order.
void visit(const RunSummary& summary, Visitor& visitor);

// Decimals per kind of quantity, as summary.json prints them.
inline constexpr int kRateDecimals = 4;
inline constexpr int kMinutesDecimals = 2;
inline constexpr int kMoneyDecimals = 2;
inline constexpr int kHoursDecimals = 2;
inline constexpr int kKmDecimals = 2;
inline constexpr int kPerHourDecimals = 2;    // orders per rider-hour
inline constexpr int kMeanCountDecimals = 2;  // riders on shift / busy, averaged over an hour
inline constexpr int kWallSecondsDecimals = 3;

}  // namespace knightsim::summary_fields
