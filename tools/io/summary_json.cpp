// summary.json: the RunSummary as nested objects (keys documented in docs/outputs.md), in the
// order summary_fields.cpp walks it. A small emitter of our own: keys come out in the order
// written, numbers with a fixed number of decimals per kind of quantity (rates 4, minutes 2,
// money 2), and never NaN or infinity, which JSON cannot carry — a non-finite value is written as
// null.

#include <ostream>
#include <string_view>
#include <vector>

#include "json_writer.hpp"
#include "knightsim/output_writers.hpp"
#include "summary_fields.hpp"

namespace knightsim {
namespace {

using json::Buffer;
using json::JsonWriter;
using summary_fields::Role;

class JsonFieldWriter final : public summary_fields::Visitor {
 public:
  explicit JsonFieldWriter(JsonWriter& json) : json_(json) {}

  void begin_object(std::string_view key) override { json_.begin_object(key); }
  void end_object() override { json_.end_object(); }
  void text(std::string_view key, std::string_view value) override { json_.string(key, value); }
  void count(std::string_view key, std::uint64_t value, Role /*role*/) override {
    json_.integer(key, value);
  }
  void number(std::string_view key, double value, int decimals, Role /*role*/) override {
    json_.number(key, value, decimals);
  }

  /// One hour per line (compact objects), so the series reads as a table.
  void hourly(const std::vector<HourSummary>& hours) override {
    using namespace summary_fields;
    json_.begin_array("hourly");
    for (const HourSummary& hour : hours) {
      json_.begin_object({}, JsonWriter::Layout::compact);
      json_.string("starts_at", hour.starts_at);
      json_.string("weather", to_string(hour.weather));
      json_.integer("placed", hour.placed);
      json_.integer("delivered", hour.delivered);
      json_.integer("cancelled", hour.cancelled);
      json_.number("on_time_rate", hour.on_time_rate, kRateDecimals);
      json_.number("click_to_door_mean_min", hour.click_to_door_mean_min, kMinutesDecimals);
      json_.number("riders_on_shift", hour.riders_on_shift, kMeanCountDecimals);
      json_.number("riders_busy", hour.riders_busy, kMeanCountDecimals);
      json_.end_object();
    }
    json_.end_array();
  }

 private:
  JsonWriter& json_;
};

}  // namespace

void write_summary_json(std::ostream& out, const RunSummary& summary) {
  Buffer buf;
  JsonWriter json(buf);
  json.begin_object();
  JsonFieldWriter fields(json);
  summary_fields::visit(summary, fields);
  json.end_object();
  json.finish();
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace knightsim
