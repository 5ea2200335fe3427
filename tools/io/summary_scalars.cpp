// summary_scalars: the numeric results of summary.json, flattened to dotted keys, for the
// results database (one column per key). Derived from the same walk as the JSON writer, so the
// keys and their order are summary.json's by construction. Left out: text fields (names,
// dates), the seed (the run's identity, a column of its own), the wall-clock fields (they
// measure the machine) and the hourly series (not scalars).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "knightsim/results_db.hpp"
#include "summary_fields.hpp"

namespace knightsim {
namespace {

using summary_fields::Role;

class ScalarCollector final : public summary_fields::Visitor {
 public:
  std::vector<std::pair<std::string, double>> scalars;

  void begin_object(std::string_view key) override { prefixes_.push_back(dotted(key) + "."); }
  void end_object() override { prefixes_.pop_back(); }
  void text(std::string_view /*key*/, std::string_view /*value*/) override {}
  void count(std::string_view key, std::uint64_t value, Role role) override {
    if (role == Role::result) scalars.emplace_back(dotted(key), static_cast<double>(value));
  }
  void number(std::string_view key, double value, int /*decimals*/, Role role) override {
    if (role == Role::result) scalars.emplace_back(dotted(key), value);
  }
  void hourly(const std::vector<HourSummary>& /*hours*/) override {}

 private:
  std::string dotted(std::string_view key) const {
    return (prefixes_.empty() ? std::string() : prefixes_.back()) + std::string(key);
  }

  std::vector<std::string> prefixes_;  ///< "orders.", "orders.by_category.", … innermost last
};

}  // namespace

std::vector<std::pair<std::string, double>> summary_scalars(const RunSummary& summary) {
  ScalarCollector collector;
  summary_fields::visit(summary, collector);
  return std::move(collector.scalars);
}

}  // namespace knightsim
