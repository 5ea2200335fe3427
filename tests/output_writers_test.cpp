// The writers: orders.csv, riders.csv, summary.json and the console report. A one-hour run of a
// small city gives real records; the tests check the files against those records through the
// engine's public API only, and check the JSON and the report on hand-made summaries too.

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <locale>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/order.hpp"
#include "knightsim/output_writers.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

// A fleet name with a comma and quotes: user text that CSV must quote.
const std::string kFleetName = "Day \"A\", north";
const std::string kStationName = "Hub, east";

/// A small city with one restaurant group, one fleet of three riders and ~60 orders in an hour,
/// with rain from minute 30.
ScenarioSpec small_city_spec() {
  ScenarioSpec spec;
  spec.name = "writers fixture";
  spec.start = CivilDateTime{2026, 6, 17, 12, 0};  // a Wednesday lunchtime
  spec.duration_ms = kMsPerHour;
  spec.seed = 11;
  spec.city.width_m = 3000.0;
  spec.city.height_m = 3000.0;
  spec.city.hotspots = {DensityHotspot{"centre", 1500.0, 1500.0, 700.0, 1.0}};
  spec.stations = {StationSpec{kStationName, 1500.0, 1500.0}};

  MerchantGroupSpec restaurants;
  restaurants.category = MerchantCategory::restaurant;
  restaurants.count = 12;
  spec.merchants = {restaurants};

  spec.demand.orders_per_hour = 60.0;
  spec.demand.hourly_profile.fill(1.0);
  for (auto& category : spec.demand.categories) category.share = 0.0;
  spec.demand.categories[static_cast<std::size_t>(MerchantCategory::restaurant)].share = 1.0;

  FleetSpec fleet;
  fleet.name = kFleetName;
  fleet.count = 3;
  fleet.shift_start_ms = 11 * kMsPerHour;
  fleet.shift_end_ms = 15 * kMsPerHour;
  fleet.capacity = 2;
  fleet.station = kStationName;
  spec.riders.fleets = {fleet};

  spec.weather.initial = WeatherState::clear;
  spec.weather.timeline = {WeatherChange{30 * kMsPerMinute, WeatherState::rain}};
  return spec;
}

/// RFC 4180 reader: rows of fields; quoted fields may hold commas, quotes and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  REQUIRE_MESSAGE(!quoted, "unterminated quoted field");
  REQUIRE_MESSAGE((row.empty() && field.empty()), "last line does not end in \\n");
  return rows;
}

/// A strict little JSON reader that records every key path ("orders.by_category.grocery.created",
/// "hourly.0.weather") with the value's text (strings decoded), and throws on malformed input.
class JsonPaths {
 public:
  explicit JsonPaths(std::string_view text) : text_(text) {
    skip_space();
    value("");
    skip_space();
    if (pos_ != text_.size()) fail("trailing text");
  }
  bool has(const std::string& path) const { return values_.count(path) != 0; }
  const std::string& at(const std::string& path) const {
    const auto it = values_.find(path);
    if (it == values_.end()) throw std::runtime_error("no key " + path);
    return it->second;
  }
  /// Keys of the object at `path`, in document order.
  const std::vector<std::string>& keys(const std::string& path) const { return keys_.at(path); }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(pos_));
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  void value(const std::string& path) {
    const char c = peek();
    if (c == '{') {
      object(path);
    } else if (c == '[') {
      array(path);
    } else if (c == '"') {
      values_[path] = string();
    } else if (text_.substr(pos_, 4) == "null" || text_.substr(pos_, 4) == "true") {
      values_[path] = std::string(text_.substr(pos_, 4));
      pos_ += 4;
    } else if (text_.substr(pos_, 5) == "false") {
      values_[path] = "false";
      pos_ += 5;
    } else {
      values_[path] = number();
    }
  }

  void object(const std::string& path) {
    expect('{');
    values_[path] = "{}";
    auto& keys = keys_[path];
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_space();
      const std::string key = string();
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) fail("duplicate key " + key);
      keys.push_back(key);
      skip_space();
      expect(':');
      skip_space();
      value(join(path, key));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
  }

  void array(const std::string& path) {
    expect('[');
    skip_space();
    std::size_t index = 0;
    if (peek() == ']') {
      ++pos_;
      values_[path] = "[0]";
      return;
    }
    for (;;) {
      skip_space();
      value(join(path, std::to_string(index++)));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      values_[path] = "[" + std::to_string(index) + "]";
      return;
    }
  }

  std::string string() {
    expect('"');
    std::string result;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return result;
      if (static_cast<unsigned char>(c) < 0x20) fail("raw control character in string");
      if (c != '\\') {
        result.push_back(c);
        continue;
      }
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"':
          result.push_back('"');
          break;
        case '\\':
          result.push_back('\\');
          break;
        case '/':
          result.push_back('/');
          break;
        case 'n':
          result.push_back('\n');
          break;
        case 'r':
          result.push_back('\r');
          break;
        case 't':
          result.push_back('\t');
          break;
        case 'b':
          result.push_back('\b');
          break;
        case 'f':
          result.push_back('\f');
          break;
        case 'u': {
          const std::string hex(text_.substr(pos_, 4));
          if (hex.size() != 4 ||
              hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
            fail("bad \\u escape");
          }
          const unsigned long code = std::stoul(hex, nullptr, 16);
          if (code >= 0x80) fail("test reader handles ASCII \\u escapes only");
          result.push_back(static_cast<char>(code));
          pos_ += 4;
          break;
        }
        default:
          fail("bad escape");
      }
    }
  }

  /// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  std::string number() {
    const std::size_t begin = pos_;
    const auto digits = [&] {
      const std::size_t start = pos_;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
      if (pos_ == start) fail("expected a digit");
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else {
      digits();
    }
    if (peek() == '.') {
      ++pos_;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      digits();
    }
    return std::string(text_.substr(begin, pos_ - begin));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> keys_;
};

std::string orders_csv(const Simulation& simulation) {
  std::ostringstream out;
  write_orders_csv(out, simulation);
  return out.str();
}

std::string riders_csv(const Simulation& simulation) {
  std::ostringstream out;
  write_riders_csv(out, simulation);
  return out.str();
}

std::string summary_json(const RunSummary& summary) {
  std::ostringstream out;
  write_summary_json(out, summary);
  return out.str();
}

/// The expected text of a time cell.
std::string time_cell(SimTime ms) {
  return ms == kNever ? "" : format_ms_as_seconds(ms);
}

/// A summary with every field set to something distinguishable, and user text that needs
/// escaping.
RunSummary handmade_summary() {
  RunSummary s;
  s.scenario_name = "Typhoon \"Muifa\" \\ day 2\n\ttest\x01";
  s.seed = 18446744073709551615ULL;
  s.start = "2026-06-17 10:30";
  s.duration_h = 4.0;
  s.dispatch_strategy = "batch";
  s.dispatch_offers = 2300;
  s.dispatch_offers_refused = 17;
  s.zones = {{"Main", 900, 850, 20, 0.95, 24.5, 33.25}, {"Isle", 200, 120, 60, 0.5, 61.0, 95.5}};
  s.zones_are_islands = true;
  s.ferry.routes = 1;
  s.ferry.sailings = 48;
  s.ferry.cancelled_sailings = 12;
  s.ferry.crossings = 30;
  s.ferry.wait_min = {30, 9.5, 8.0, 18.0, 19.0, 21.0};
  s.dispatch_rider_give_backs = 4;
  s.orders_created = 1234;
  s.orders_delivered = 1100;
  s.orders_cancelled = 100;
  s.orders_cancelled_unassigned = 40;
  s.orders_open_at_end = 34;
  s.demand_without_open_merchant = 7;
  s.by_category[0] = {900, 820, 60, 0.91234, 27.456};
  s.by_category[1] = {334, 280, 40, 0.8, 33.3};
  s.click_to_door_min = {1100, 28.123, 26.5, 41.0, 47.3, 80.0};
  s.ready_to_pickup_min = {1100, 3.5, 2.0, 8.0, 10.0, 22.0};
  s.placed_to_assigned_min = {1140, 0.75, 0.1, 2.0, 4.0, 19.0};
  s.on_time_rate = 0.876543;
  s.cancellation_rate = 100.0 / 1200.0;
  s.mean_lateness_min = 6.789;
  s.riders_count = 120;
  s.rider_hours = 410.5;
  s.riders_utilization = 0.7312;
  s.riders_earnings_total = 10234.5;
  s.riders_earnings_per_hour = 24.93;
  s.riders_orders_per_hour = 2.68;
  s.riders_distance_km = 6543.21;
  s.weather_hours[static_cast<std::size_t>(WeatherState::clear)] = 3.0;
  s.weather_hours[static_cast<std::size_t>(WeatherState::heavy_rain)] = 1.0;
  for (int h = 0; h < 4; ++h) {
    HourSummary hour;
    hour.starts_at = "2026-06-17 1" + std::to_string(h) + ":30";
    hour.weather = h == 3 ? WeatherState::heavy_rain : WeatherState::clear;
    hour.placed = 300;
    hour.delivered = 270;
    hour.cancelled = 25;
    hour.on_time_rate = 0.9;
    hour.click_to_door_mean_min = 28.0;
    hour.riders_on_shift = 100.5;
    hour.riders_busy = 70.25;
    s.hourly.push_back(hour);
  }
  s.engine_events = 9876543;
  s.engine_wall_s = 1.2346;
  s.engine_events_per_s = 8000441.2;
  return s;
}

/// Every key summary.json must have (docs/outputs.md), as dotted paths.
std::vector<std::string> required_json_paths(std::size_t hours) {
  std::vector<std::string> paths = {"scenario.name",
                                    "scenario.start",
                                    "scenario.duration_h",
                                    "seed",
                                    "orders.created",
                                    "orders.delivered",
                                    "orders.cancelled",
                                    "orders.cancelled_unassigned",
                                    "orders.open_at_end",
                                    "demand.without_open_merchant",
                                    "on_time_rate",
                                    "cancellation_rate",
                                    "lateness_min.mean",
                                    "riders.count",
                                    "riders.hours",
                                    "riders.utilization",
                                    "riders.earnings_total",
                                    "riders.earnings_per_hour",
                                    "riders.orders_per_hour",
                                    "riders.distance_km",
                                    "hourly",
                                    "dispatch.strategy",
                                    "dispatch.offers",
                                    "dispatch.offers_refused",
                                    "dispatch.rider_give_backs",
                                    "engine.events",
                                    "engine.wall_s",
                                    "engine.events_per_s"};
  for (int c = 0; c < kMerchantCategoryCount; ++c) {
    const std::string base =
        std::string("orders.by_category.") + to_string(static_cast<MerchantCategory>(c)) + ".";
    for (const char* key :
         {"created", "delivered", "cancelled", "on_time_rate", "click_to_door_mean_min"}) {
      paths.push_back(base + key);
    }
  }
  for (const char* stats : {"click_to_door_min", "ready_to_pickup_min", "placed_to_assigned_min"}) {
    for (const char* key : {"count", "mean", "p50", "p90", "p95", "max"}) {
      paths.push_back(std::string(stats) + "." + key);
    }
  }
  for (int w = 0; w < kWeatherStateCount; ++w) {
    paths.push_back(std::string("weather.hours.") + to_string(static_cast<WeatherState>(w)));
  }
  for (std::size_t h = 0; h < hours; ++h) {
    for (const char* key :
         {"starts_at", "weather", "placed", "delivered", "cancelled", "on_time_rate",
          "click_to_door_mean_min", "riders_on_shift", "riders_busy"}) {
      paths.push_back("hourly." + std::to_string(h) + "." + key);
    }
  }
  return paths;
}

bool has_non_finite_text(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos;
}

/// Decimal comma and digit grouping: what a German locale would do to `out << 1234.5`.
struct CommaDecimal : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

/// One simulated hour, shared by the tests (the engine is deterministic, so one run will do).
const Simulation& fixture_run() {
  static const std::unique_ptr<Simulation> simulation = [] {
    const ScenarioSpec spec = small_city_spec();
    auto sim = std::make_unique<Simulation>(spec, spec.seed);
    sim->run();
    return sim;
  }();
  return *simulation;
}

}  // namespace

TEST_SUITE("output_writers") {
  TEST_CASE("times print exactly from integer milliseconds") {
    CHECK(format_ms_as_seconds(0) == "0");
    CHECK(format_ms_as_seconds(1) == "0.001");
    CHECK(format_ms_as_seconds(10) == "0.01");
    CHECK(format_ms_as_seconds(999) == "0.999");
    CHECK(format_ms_as_seconds(1000) == "1");
    CHECK(format_ms_as_seconds(1500) == "1.5");
    CHECK(format_ms_as_seconds(1050) == "1.05");
    CHECK(format_ms_as_seconds(754200) == "754.2");
    CHECK(format_ms_as_seconds(754000) == "754");
    CHECK(format_ms_as_seconds(86400001) == "86400.001");
    // Beyond double's exact range: no rounding through floating point.
    CHECK(format_ms_as_seconds(9007199254740993) == "9007199254740.993");
    CHECK(format_ms_as_seconds(-1500) == "-1.5");
  }

  TEST_CASE("orders.csv: header, one row per order, cells match the Order records") {
    const Simulation& simulation = fixture_run();
    const auto orders = simulation.orders();
    REQUIRE(orders.size() > 20);  // ~60 expected; the test needs a real mix

    const auto rows = parse_csv(orders_csv(simulation));
    const std::vector<std::string> header = {
        "order_id",     "category",        "merchant_id", "placed_s",    "ready_s",
        "assigned_s",   "picked_up_s",     "delivered_s", "cancelled_s", "rider_id",
        "promised_s",   "distance_m",      "weight_kg",   "status",      "customer_x_m",
        "customer_y_m", "click_to_door_s", "on_time",     "zone"};
    REQUIRE(!rows.empty());
    CHECK(rows[0] == header);
    REQUIRE(rows.size() == orders.size() + 1);

    std::size_t delivered = 0;
    std::size_t open_or_cancelled = 0;
    for (std::size_t i = 0; i < orders.size(); ++i) {
      const Order& order = orders[i];
      const auto& row = rows[i + 1];
      CAPTURE(i);
      REQUIRE(row.size() == header.size());
      CHECK(row[0] == std::to_string(order.id));
      CHECK(row[1] == to_string(order.category));
      CHECK(row[2] == std::to_string(order.merchant));
      CHECK(row[3] == time_cell(order.placed_ms));
      CHECK(row[4] == time_cell(order.ready_ms));
      CHECK(row[5] == time_cell(order.assigned_ms));
      CHECK(row[6] == time_cell(order.picked_up_ms));
      CHECK(row[7] == time_cell(order.delivered_ms));
      CHECK(row[8] == time_cell(order.cancelled_ms));
      CHECK(row[9] == (order.rider == kNoId ? "" : std::to_string(order.rider)));
      CHECK(row[10] == time_cell(order.promised_ms));
      CHECK(std::abs(std::stod(row[11]) - order.distance_m) <= 0.05 + 1e-9);
      CHECK(std::abs(std::stod(row[12]) - order.weight_kg) <= 0.005 + 1e-9);
      CHECK(row[13] == to_string(order.status));
      CHECK(std::abs(std::stod(row[14]) - order.customer.x_m) <= 0.05 + 1e-9);
      CHECK(std::abs(std::stod(row[15]) - order.customer.y_m) <= 0.05 + 1e-9);
      // Fixed decimals: one for metres, two for kilograms.
      CHECK(row[11].size() - row[11].find('.') == 2);
      CHECK(row[12].size() - row[12].find('.') == 3);
      if (order.status == OrderStatus::delivered) {
        ++delivered;
        CHECK(row[16] == format_ms_as_seconds(order.delivered_ms - order.placed_ms));
        CHECK(row[17] == (order.delivered_ms <= order.promised_ms ? "1" : "0"));
        CHECK(row[18].size() <= 2);  // a compass zone of the small city: "C", "NE", …
        CHECK(!row[18].empty());
      } else {
        ++open_or_cancelled;
        CHECK(row[7].empty());
        CHECK(row[16].empty());
        CHECK(row[17].empty());
      }
    }
    // The fixture must exercise both filled and empty cells.
    CHECK(delivered > 0);
    CHECK(open_or_cancelled > 0);
  }

  TEST_CASE("riders.csv: header, one row per rider, quoted fleet and station names") {
    const Simulation& simulation = fixture_run();
    const auto riders = simulation.riders();
    const std::string text = riders_csv(simulation);
    // The raw text carries the RFC 4180 quoting, not just something a lenient reader accepts.
    CHECK(text.find(",\"Day \"\"A\"\", north\",") != std::string::npos);
    CHECK(text.find(",\"Hub, east\",") != std::string::npos);

    const auto rows = parse_csv(text);
    const std::vector<std::string> header = {
        "rider_id", "fleet", "shift_start_s", "shift_end_s", "orders_delivered", "busy_s", "idle_s",
        "on_shift_s", "distance_m", "earnings", "order_earnings", "earnings_per_hour",
        "utilization", "speed_kmh", "capacity", "home_station",
        // Riders as people.
        "fleet_kind", "woman", "disabled", "opted_out", "age_band", "experience_days",
        "days_worked", "bonus_earnings", "subsidy", "insurance_payout", "covered_days", "incidents",
        "injuries", "breaks", "rest_s", "heat_exposure_s", "cold_exposure_s", "peak_fatigue_h",
        "policy_cancellations", "hired_s", "quit_s"};
    REQUIRE(!rows.empty());
    CHECK(rows[0] == header);
    REQUIRE(riders.size() == 3);
    REQUIRE(rows.size() == riders.size() + 1);

    for (std::size_t i = 0; i < riders.size(); ++i) {
      const Rider& rider = riders[i];
      const auto& row = rows[i + 1];
      CAPTURE(i);
      REQUIRE(row.size() == header.size());
      CHECK(row[0] == std::to_string(rider.id));
      CHECK(row[1] == kFleetName);
      CHECK(row[2] == (rider.first_shift_start_ms == Rider::kNoShift
                           ? ""
                           : format_ms_as_seconds(rider.first_shift_start_ms)));
      CHECK(row[3] == (rider.last_shift_end_ms == Rider::kNoShift
                           ? ""
                           : format_ms_as_seconds(rider.last_shift_end_ms)));
      CHECK(row[4] == std::to_string(rider.orders_delivered));
      CHECK(row[5] == format_ms_as_seconds(rider.busy_ms));
      CHECK(row[6] == format_ms_as_seconds(rider.on_shift_ms - rider.busy_ms));
      CHECK(row[7] == format_ms_as_seconds(rider.on_shift_ms));
      CHECK(std::abs(std::stod(row[8]) - rider.distance_m) <= 0.05 + 1e-9);
      CHECK(std::abs(std::stod(row[9]) - rider.earnings) <= 0.005 + 1e-9);
      CHECK(std::abs(std::stod(row[10]) - rider.order_earnings) <= 0.005 + 1e-9);
      REQUIRE(rider.on_shift_ms > 0);  // the shift covers the whole run
      const double hours = static_cast<double>(rider.on_shift_ms) / 3.6e6;
      CHECK(std::abs(std::stod(row[11]) - rider.earnings / hours) <= 0.005 + 1e-9);
      CHECK(std::abs(std::stod(row[12]) -
                     static_cast<double>(rider.busy_ms) / static_cast<double>(rider.on_shift_ms)) <=
            0.00005 + 1e-12);
      CHECK(row[13] == "18.0");
      CHECK(row[14] == "2");
      CHECK(row[15] == kStationName);
    }
  }

  TEST_CASE("CSV output is byte-identical across runs and ignores the locale") {
    const ScenarioSpec spec = small_city_spec();
    Simulation again(spec, spec.seed);
    again.run();
    const std::string orders = orders_csv(fixture_run());
    const std::string riders = riders_csv(fixture_run());
    CHECK(orders_csv(again) == orders);
    CHECK(riders_csv(again) == riders);
    CHECK(orders.find('\r') == std::string::npos);

    // A stream and a global locale with a decimal comma must not change a byte.
    const std::locale comma(std::locale::classic(), new CommaDecimal);
    const std::locale previous = std::locale::global(comma);
    std::ostringstream orders_out;
    std::ostringstream riders_out;
    orders_out.imbue(comma);
    riders_out.imbue(comma);
    write_orders_csv(orders_out, fixture_run());
    write_riders_csv(riders_out, fixture_run());
    std::locale::global(previous);
    CHECK(orders_out.str() == orders);
    CHECK(riders_out.str() == riders);
  }

  TEST_CASE("summary.json of a run: valid JSON with every required key") {
    const Simulation& simulation = fixture_run();
    const RunSummary summary = summarize(simulation);
    const std::string text = summary_json(summary);
    const JsonPaths json(text);
    for (const std::string& path : required_json_paths(summary.hourly.size())) {
      CHECK_MESSAGE(json.has(path), "missing key " << path);
    }
    CHECK(json.at("hourly") == "[" + std::to_string(summary.hourly.size()) + "]");
    CHECK(json.at("scenario.name") == "writers fixture");
    CHECK(json.at("orders.created") == std::to_string(summary.orders_created));
    CHECK(!has_non_finite_text(text));
    CHECK(text.back() == '\n');
  }

  TEST_CASE("summary.json: values, precision, key order and escaping") {
    const RunSummary summary = handmade_summary();
    const std::string text = summary_json(summary);
    const JsonPaths json(text);
    for (const std::string& path : required_json_paths(summary.hourly.size())) {
      CHECK_MESSAGE(json.has(path), "missing key " << path);
    }
    CHECK(json.at("scenario.name") == summary.scenario_name);  // escaped and decoded back
    CHECK(json.at("seed") == "18446744073709551615");
    CHECK(json.at("scenario.duration_h") == "4.00");
    CHECK(json.at("on_time_rate") == "0.8765");
    CHECK(json.at("cancellation_rate") == "0.0833");
    CHECK(json.at("click_to_door_min.mean") == "28.12");
    CHECK(json.at("click_to_door_min.count") == "1100");
    CHECK(json.at("lateness_min.mean") == "6.79");
    CHECK(json.at("riders.earnings_total") == "10234.50");
    CHECK(json.at("riders.utilization") == "0.7312");
    CHECK(json.at("orders.by_category.restaurant.on_time_rate") == "0.9123");
    CHECK(json.at("orders.by_category.restaurant.click_to_door_mean_min") == "27.46");
    CHECK(json.at("orders.by_category.pharmacy.created") == "0");
    CHECK(json.at("weather.hours.heavy_rain") == "1.00");
    CHECK(json.at("hourly.3.weather") == "heavy_rain");
    CHECK(json.at("hourly.0.starts_at") == "2026-06-17 10:30");
    CHECK(json.at("engine.events_per_s") == "8000441");
    CHECK(json.at("dispatch.strategy") == "batch");
    CHECK(json.at("dispatch.offers_refused") == "17");
    CHECK(json.at("ferry.cancelled_sailings") == "12");
    CHECK(json.at("ferry.wait_min.mean") == "9.50");
    CHECK(json.at("zones.Isle.orders") == "200");
    CHECK(json.at("zones.Isle.on_time_rate") == "0.5000");
    CHECK(json.at("zones.Main.click_to_door_p90_min") == "33.25");
    CHECK(json.keys("zones") == std::vector<std::string>{"Main", "Isle"});

    const std::vector<std::string> top = {"scenario",
                                          "seed",
                                          "orders",
                                          "demand",
                                          "click_to_door_min",
                                          "ready_to_pickup_min",
                                          "placed_to_assigned_min",
                                          "on_time_rate",
                                          "cancellation_rate",
                                          "lateness_min",
                                          "riders",
                                          "dispatch",
                                          "welfare",
                                          "safety",
                                          "turnover",
                                          "groups",
                                          "ferry",
                                          "zones",
                                          "weather",
                                          "hourly",
                                          "engine"};
    CHECK(json.keys("") == top);
    std::vector<std::string> weather_keys;
    for (int w = 0; w < kWeatherStateCount; ++w) {
      weather_keys.emplace_back(to_string(static_cast<WeatherState>(w)));
    }
    CHECK(json.keys("weather.hours") == weather_keys);
    // One hour per line keeps the file readable and diffable.
    CHECK(text.find("\n    {\"starts_at\": \"2026-06-17 11:30\", \"weather\": \"clear\",") !=
          std::string::npos);
  }

  TEST_CASE("summary.json: non-finite numbers become null, never nan or inf") {
    RunSummary summary = handmade_summary();
    summary.scenario_name = "plain";
    summary.on_time_rate = std::numeric_limits<double>::quiet_NaN();
    summary.riders_earnings_per_hour = std::numeric_limits<double>::infinity();
    summary.click_to_door_min.p95 = -std::numeric_limits<double>::infinity();
    summary.engine_events_per_s = std::numeric_limits<double>::quiet_NaN();
    summary.mean_lateness_min = -0.0001;  // rounds to zero: no "-0.00"
    const std::string text = summary_json(summary);
    const JsonPaths json(text);
    CHECK(json.at("on_time_rate") == "null");
    CHECK(json.at("riders.earnings_per_hour") == "null");
    CHECK(json.at("click_to_door_min.p95") == "null");
    CHECK(json.at("engine.events_per_s") == "null");
    CHECK(json.at("lateness_min.mean") == "0.00");
    CHECK(!has_non_finite_text(text));
  }

  TEST_CASE("summary.json: an empty run is still complete") {
    RunSummary summary;
    const std::string text = summary_json(summary);
    const JsonPaths json(text);
    for (const std::string& path : required_json_paths(0)) {
      CHECK_MESSAGE(json.has(path), "missing key " << path);
    }
    CHECK(json.at("hourly") == "[0]");
  }

  TEST_CASE("summary table: every section and figure a planner needs, within 78 columns") {
    const RunSummary summary = handmade_summary();
    const std::string table = format_summary_table(summary);
    INFO("\n" << table);

    std::istringstream lines(table);
    std::string line;
    while (std::getline(lines, line)) {
      CAPTURE(line);
      CHECK(line.size() <= 78);
    }
    CHECK(table.find('\x1b') == std::string::npos);
    CHECK(!has_non_finite_text(table));

    const auto has = [&](std::string_view needle) {
      return table.find(needle) != std::string::npos;
    };
    // The scenario name with its control characters flattened to spaces.
    CHECK(has("Typhoon \"Muifa\" \\ day 2  test "));
    CHECK(has("2026-06-17 10:30"));
    CHECK(has("4.00 h"));
    CHECK(has("18446744073709551615"));
    CHECK(has("dispatch  batch"));
    CHECK(has("offers refused     17 of 2,300    handed back                  4"));
    CHECK(has("1,234"));  // created
    CHECK(has("1,100"));  // delivered
    CHECK(has("cancelled/closed          8.3%"));
    CHECK(has("28.1"));     // click-to-door mean
    CHECK(has("26.5"));     // p50
    CHECK(has("47.3"));     // p95
    CHECK(has("87.7%"));    // on-time
    CHECK(has("6.8 min"));  // lateness
    CHECK(has("food waits for rider"));
    CHECK(has("time to assign"));
    CHECK(has("restaurant"));
    CHECK(has("grocery"));
    CHECK(!has("pharmacy"));  // no orders in that category
    CHECK(has("91.2%"));      // restaurant on-time
    CHECK(has("73.1%"));      // utilisation
    CHECK(has("24.93"));      // earnings per hour
    CHECK(has("2.68"));       // orders per rider-hour
    CHECK(has("6,543.2 km"));
    CHECK(has("10,234.50"));  // earnings total
    CHECK(has("410.5"));      // rider hours
    CHECK(has("clear 3.00"));
    CHECK(has("heavy_rain 1.00"));
    CHECK(!has("storm"));  // zero hours
    CHECK(has("HOUR BY HOUR"));
    CHECK(has("  13:30  heavy_rain     300       270        25    90.0%    28.0"));
    CHECK(has("  10:30  clear"));
    CHECK(has("70/10"));      // riders busy / on shift, whole riders
    CHECK(has("9,876,543"));  // events
    CHECK(has("1.235 s"));    // wall time
    CHECK(has("8,000,441"));  // events per second
  }

  TEST_CASE("summary table: undefined figures show '-', not a misleading zero") {
    RunSummary summary;
    summary.scenario_name = "empty";
    summary.engine_events_per_s = std::numeric_limits<double>::quiet_NaN();
    const std::string table = format_summary_table(summary);
    CHECK(!has_non_finite_text(table));
    CHECK(table.find("(no orders)") != std::string::npos);
    CHECK(table.find("0.0%") == std::string::npos);  // no rate is defined without deliveries
    std::istringstream lines(table);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.find("on-time rate") != std::string::npos) {
        CHECK(line.find(" -") != std::string::npos);
      }
    }
  }

  TEST_CASE("summary table of a run") {
    const RunSummary summary = summarize(fixture_run());
    const std::string table = format_summary_table(summary);
    INFO("\n" << table);
    CHECK(table.find("writers fixture") != std::string::npos);
    std::istringstream lines(table);
    std::string line;
    while (std::getline(lines, line)) CHECK(line.size() <= 78);
  }
}
