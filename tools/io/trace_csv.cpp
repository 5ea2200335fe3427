// The order and courier logs of trace-driven worlds → TraceSpec data; see trace_csv.hpp and
// docs/scenario-format.md ("trace") for the formats and the rules checked here.
#include "knightsim/trace_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>
#include <tuple>
#include <utility>

#include "knightsim/geometry.hpp"
#include "knightsim/local_projection.hpp"
#include "scenario_values.hpp"

namespace knightsim {
namespace {

using scenario_values::format_duration;

// A ready or expected drop-off time more than this after the placement is not an order's life
// but, by the next-day rule, a time logged a little *before* the placement: an error. The logs'
// longest is about 4 h.
constexpr SimTime kMaxAfterPlacementMs = 12 * kMsPerHour;

constexpr std::array<const char*, 9> kOrderColumns = {
    "order_id",       "pick_up_lat",      "pick_up_lng", "drop_off_lat",          "drop_off_lng",
    "placement_time", "preparation_time", "ready_time",  "expected_drop_off_time"};
constexpr std::array<const char*, 6> kCourierColumns = {"courier_id", "vehicle", "on_lat",
                                                        "on_lng",     "on_time", "off_time"};

struct Field {
  std::string_view text;
  int column = 0;  // 1-based character column of the field's first character
};

/// Splits at commas and trims spaces and tabs; columns count from the line's start.
std::vector<Field> split_commas(std::string_view line) {
  std::vector<Field> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    std::size_t first = start;
    while (first < end && (line[first] == ' ' || line[first] == '\t')) ++first;
    std::size_t last = end;
    while (last > first && (line[last - 1] == ' ' || line[last - 1] == '\t')) --last;
    fields.push_back({line.substr(first, last - first), static_cast<int>(first) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

std::string shown(std::string_view text) {
  return text.size() > 40 ? std::string(text.substr(0, 37)) + "..." : std::string(text);
}

/// "HH:MM:SS" (one-digit hours accepted) → ms since midnight; "" on success, else the problem.
std::string parse_time_of_day(std::string_view text, SimTime& out_ms) {
  if (text.empty()) return "expected a time of day HH:MM:SS, got an empty value";
  const std::string expected =
      fmt::format("expected a time of day HH:MM:SS, got '{}'", shown(text));
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() != colon + 6 ||
      text[colon + 3] != ':') {
    return expected;
  }
  std::array<int, 3> parts{};  // hours, minutes, seconds
  std::size_t part = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ':') {
      ++part;
      continue;
    }
    if (text[i] < '0' || text[i] > '9') return expected;
    parts[part] = parts[part] * 10 + (text[i] - '0');
  }
  if (parts[0] > 23) {
    return fmt::format(
        "'{}' is not a time of day: hours go from 00 to 23 (a time past midnight is written "
        "00:10:00 and counts as the next day when it is earlier than the placement)",
        text);
  }
  if (parts[1] > 59 || parts[2] > 59) {
    return fmt::format("'{}' is not a time of day: minutes and seconds go from 00 to 59", text);
  }
  out_ms = parts[0] * kMsPerHour + parts[1] * kMsPerMinute + parts[2] * kMsPerSecond;
  return {};
}

std::string format_time_of_day(SimTime ms) {
  const SimTime s = ms / kMsPerSecond;
  return fmt::format("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60);
}

/// Whole numbers first, compared by value (then spelling, so "07" and "7" stay ordered); other
/// ids after them, as text. A total order, whatever mix of ids a log has.
bool id_less(const std::string& a, const std::string& b) {
  const auto digits = [](const std::string& id) {
    return !id.empty() &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto significant = [](const std::string& id) {
    const std::size_t first = id.find_first_not_of('0');
    return first == std::string::npos ? std::string_view() : std::string_view(id).substr(first);
  };
  const bool a_number = digits(a), b_number = digits(b);
  if (a_number != b_number) return a_number;
  if (!a_number) return a < b;
  const std::string_view a_value = significant(a), b_value = significant(b);
  return std::tuple(a_value.size(), a_value, std::string_view(a)) <
         std::tuple(b_value.size(), b_value, std::string_view(b));
}

/// A position read from a log, remembered for the extent and for pointing at an outlier.
struct LoggedPoint {
  double lat_deg = 0.0;
  double lng_deg = 0.0;
  std::size_t file = 0;  // index into Parser::files_
  int line = 0;
  int lat_column = 0;
  const char* lat_name = "";
};

struct OrderRow {
  std::string id;
  std::size_t pickup = 0, dropoff = 0;  // indices into Parser::points_
  SimTime placed_ms = 0, ready_ms = 0, promised_ms = 0;
};

struct CourierRow {
  std::string id;
  std::string vehicle;
  std::size_t start = 0;
  SimTime on_ms = 0, off_ms = 0;
};

/// One CSV file: its lines, and its problems with the per-file cap.
class CsvFile {
 public:
  CsvFile(const TraceCsvText& source, int max_problems)
      : source_(source), max_problems_(max_problems) {}

  bool has_problems() const { return !problems_.empty() || suppressed_ > 0; }

  void report(int line, int column, std::string field, std::string message) {
    if (static_cast<int>(problems_.size()) >= max_problems_) {
      ++suppressed_;
      return;
    }
    problems_.push_back({source_.file, line, column, std::move(field), std::move(message)});
  }

  /// A time before the scenario start: one problem for the first such row, with a count of the
  /// others, since a start later than the log's first time puts half a log before it.
  void report_before_start(int line, int column, std::string field, std::string message) {
    if (before_start_rows_++ == 0) {
      before_start_problem_ = problems_.size();
      report(line, column, std::move(field), std::move(message));
    }
  }

  /// Calls fn(line_number, fields) for each non-blank line after a good header; false (and a
  /// problem) if the header is not `columns`. `other_header` is the other file's, for a hint.
  template <std::size_t N, class Fn>
  bool for_each_row(const std::array<const char*, N>& columns, const char* other_header,
                    const char* other_key, Fn&& fn) {
    std::string_view text = source_.text;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's UTF-8 mark
    int line_number = 0;
    bool header_seen = false;
    std::string expected_header;
    for (const char* column : columns) {
      if (!expected_header.empty()) expected_header += ',';
      expected_header += column;
    }
    while (!text.empty()) {
      const std::size_t newline = text.find('\n');
      std::string_view line = text.substr(0, newline);
      text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
      ++line_number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      const std::vector<Field> fields = split_commas(line);
      if (!header_seen) {
        header_seen = true;
        if (!check_header(line_number, line, fields, columns, expected_header, other_header,
                          other_key)) {
          return false;
        }
        continue;
      }
      ++rows_;
      if (fields.size() < N) {
        report(line_number, static_cast<int>(line.size()) + 1, columns[fields.size()],
               fmt::format("missing: the line has {} field{}, the header {}", fields.size(),
                           fields.size() == 1 ? "" : "s", N));
        continue;
      }
      if (fields.size() > N) {
        report(line_number, fields[N].column, "",
               fmt::format("the line has {} fields, the header {}", fields.size(), N));
        continue;
      }
      fn(line_number, fields);
    }
    if (!header_seen) {
      report(1, 1, "", fmt::format("the file is empty; expected the header {}", expected_header));
      return false;
    }
    return true;
  }

  /// Lines after the header that are not blank, good or bad.
  int rows() const { return rows_; }

  /// This file's problems, with how many were left out, if any.
  void finish(std::vector<ScenarioProblem>& out) {
    if (before_start_rows_ > 1 && before_start_problem_ < problems_.size()) {
      problems_[before_start_problem_].message +=
          fmt::format(" ({} more row{} of this file {} too)", before_start_rows_ - 1,
                      before_start_rows_ == 2 ? "" : "s", before_start_rows_ == 2 ? "is" : "are");
    }
    if (suppressed_ > 0) {
      problems_.push_back(
          {source_.file, 0, 0, "",
           fmt::format("{} more problem{} in this file not shown (the first {} are above)",
                       suppressed_, suppressed_ == 1 ? "" : "s", max_problems_)});
    }
    for (ScenarioProblem& problem : problems_) out.push_back(std::move(problem));
  }

 private:
  template <std::size_t N>
  bool check_header(int line_number, std::string_view line, const std::vector<Field>& fields,
                    const std::array<const char*, N>& columns, const std::string& expected_header,
                    const char* other_header, const char* other_key) {
    if (line == other_header) {
      report(line_number, 1, "",
             fmt::format("this is the header of {} log; this file needs the header {}", other_key,
                         expected_header));
      return false;
    }
    const std::vector<std::string> names(columns.begin(), columns.end());
    for (std::size_t i = 0; i < std::max(fields.size(), N); ++i) {
      if (i < fields.size() && i < N && fields[i].text == columns[i]) continue;
      if (i >= fields.size()) {
        report(
            line_number, static_cast<int>(line.size()) + 1, columns[i],
            fmt::format("missing column '{}'; the header must be {}", columns[i], expected_header));
      } else if (i >= N) {
        report(line_number, fields[i].column, "",
               fmt::format("unexpected column '{}'; the header must be {}", shown(fields[i].text),
                           expected_header));
      } else {
        report(line_number, fields[i].column, columns[i],
               fmt::format("expected the column '{}', got '{}'{}; the header must be {}",
                           columns[i], shown(fields[i].text),
                           scenario_values::did_you_mean(fields[i].text, names), expected_header));
      }
      return false;
    }
    return true;
  }

  const TraceCsvText& source_;
  int max_problems_;
  std::vector<ScenarioProblem> problems_;
  int suppressed_ = 0;
  int rows_ = 0;
  int before_start_rows_ = 0;
  std::size_t before_start_problem_ = static_cast<std::size_t>(-1);  // none
};

class Parser {
 public:
  Parser(const TraceCsvText& orders, const TraceCsvText& couriers, const TraceReadOptions& options,
         TraceReadResult& result)
      : options_(options),
        result_(result),
        files_{{CsvFile(orders, options.max_problems_per_file),
                CsvFile(couriers, options.max_problems_per_file)}} {}

  void run();

 private:
  void read_orders();
  void read_couriers();
  bool check_extent();
  void build();
  bool any_problems() const { return files_[0].has_problems() || files_[1].has_problems(); }

  // Field readers: true and `out` set if good, else a problem at the field.
  bool id(CsvFile& file, int line, const Field& field, const char* column,
          std::map<std::string, int>& seen, std::string& out);
  bool point(std::size_t file_index, int line, const Field& lat, const Field& lng,
             const char* lat_name, const char* lng_name, std::size_t& out);
  bool coordinate(CsvFile& file, int line, const Field& field, const char* column, double limit,
                  const char* what, double& out);
  bool time_of_day(CsvFile& file, int line, const Field& field, const char* column,
                   SimTime& out_ms);
  /// A log time that must not come before the scenario start, → SimTime.
  bool start_time(CsvFile& file, int line, const Field& field, const char* column, SimTime& out_ms);
  /// A time of day at or after `from_ms` (a SimTime), earlier ones on the next day → SimTime.
  bool time_after(CsvFile& file, int line, const Field& field, const char* column, SimTime from_ms,
                  SimTime& out_ms);

  const TraceReadOptions& options_;
  TraceReadResult& result_;
  std::array<CsvFile, 2> files_;
  std::vector<LoggedPoint> points_;
  std::vector<OrderRow> orders_;
  std::vector<CourierRow> couriers_;
};

void Parser::run() {
  read_orders();
  read_couriers();
  if (!any_problems() && check_extent()) build();
  for (CsvFile& file : files_) file.finish(result_.problems);
  if (!result_.ok()) {
    result_.orders.clear();
    result_.couriers.clear();
  }
}

bool Parser::id(CsvFile& file, int line, const Field& field, const char* column,
                std::map<std::string, int>& seen, std::string& out) {
  if (field.text.empty()) {
    file.report(line, field.column, column, "must not be empty");
    return false;
  }
  const auto [where, added] = seen.emplace(std::string(field.text), line);
  if (!added) {
    file.report(
        line, field.column, column,
        fmt::format("duplicate {} '{}' (also line {})", column, shown(field.text), where->second));
    return false;
  }
  out = std::string(field.text);
  return true;
}

bool Parser::coordinate(CsvFile& file, int line, const Field& field, const char* column,
                        double limit, const char* what, double& out) {
  const std::optional<double> value = scenario_values::to_number(field.text);
  if (!value) {
    file.report(line, field.column, column,
                field.text.empty() ? std::string("expected a number, got an empty value")
                                   : fmt::format("expected a number, got '{}'", shown(field.text)));
    return false;
  }
  if (std::abs(*value) > limit) {
    file.report(line, field.column, column,
                fmt::format("must be between -{} and {} (degrees of {})", limit, limit, what));
    return false;
  }
  out = *value;
  return true;
}

bool Parser::point(std::size_t file_index, int line, const Field& lat, const Field& lng,
                   const char* lat_name, const char* lng_name, std::size_t& out) {
  CsvFile& file = files_[file_index];
  LoggedPoint logged{0.0, 0.0, file_index, line, lat.column, lat_name};
  const bool lat_ok = coordinate(file, line, lat, lat_name, 90.0, "latitude", logged.lat_deg);
  const bool lng_ok = coordinate(file, line, lng, lng_name, 180.0, "longitude", logged.lng_deg);
  if (!lat_ok || !lng_ok) return false;
  out = points_.size();
  points_.push_back(logged);
  return true;
}

bool Parser::time_of_day(CsvFile& file, int line, const Field& field, const char* column,
                         SimTime& out_ms) {
  if (std::string why = parse_time_of_day(field.text, out_ms); !why.empty()) {
    file.report(line, field.column, column, std::move(why));
    return false;
  }
  return true;
}

bool Parser::start_time(CsvFile& file, int line, const Field& field, const char* column,
                        SimTime& out_ms) {
  SimTime clock_ms = 0;
  if (!time_of_day(file, line, field, column, clock_ms)) return false;
  if (clock_ms < options_.start_time_of_day_ms) {
    file.report_before_start(
        line, field.column, column,
        fmt::format("{} is before the scenario start ({}): a log's times are of the "
                    "start's day, so a trace's start is normally that day at 00:00",
                    field.text, format_time_of_day(options_.start_time_of_day_ms)));
    return false;
  }
  out_ms = clock_ms - options_.start_time_of_day_ms;
  return true;
}

bool Parser::time_after(CsvFile& file, int line, const Field& field, const char* column,
                        SimTime from_ms, SimTime& out_ms) {
  SimTime clock_ms = 0;
  if (!time_of_day(file, line, field, column, clock_ms)) return false;
  const SimTime from_clock_ms = (from_ms + options_.start_time_of_day_ms) % kMsPerDay;
  SimTime after_ms = clock_ms - from_clock_ms;
  if (after_ms < 0) after_ms += kMsPerDay;
  out_ms = from_ms + after_ms;
  return true;
}

void Parser::read_orders() {
  CsvFile& file = files_[0];
  std::map<std::string, int> seen;
  const bool header_ok = file.for_each_row(
      kOrderColumns, kTraceCouriersHeader, "a courier", [&](int line, const std::vector<Field>& f) {
        OrderRow row;
        bool ok = id(file, line, f[0], kOrderColumns[0], seen, row.id);
        ok = point(0, line, f[1], f[2], kOrderColumns[1], kOrderColumns[2], row.pickup) && ok;
        ok = point(0, line, f[3], f[4], kOrderColumns[3], kOrderColumns[4], row.dropoff) && ok;
        const bool placed_ok = start_time(file, line, f[5], kOrderColumns[5], row.placed_ms);
        SimTime prepared_ms = 0;
        std::array<std::pair<std::size_t, SimTime*>, 3> later = {
            {{6, &prepared_ms}, {7, &row.ready_ms}, {8, &row.promised_ms}}};
        for (auto [index, out] : later) {
          if (!placed_ok) {
            SimTime ignored = 0;  // still checked for its format
            ok = time_of_day(file, line, f[index], kOrderColumns[index], ignored) && ok;
            continue;
          }
          if (!time_after(file, line, f[index], kOrderColumns[index], row.placed_ms, *out)) {
            ok = false;
            continue;
          }
          if (*out - row.placed_ms > kMaxAfterPlacementMs) {
            file.report(line, f[index].column, kOrderColumns[index],
                        fmt::format("{} is {} after placement_time {} (an earlier time of day "
                                    "counts as the next day); more than {} is taken as an error, "
                                    "most likely a time logged just before the placement",
                                    f[index].text, format_duration(*out - row.placed_ms), f[5].text,
                                    format_duration(kMaxAfterPlacementMs)));
            ok = false;
          }
        }
        if (ok && placed_ok) orders_.push_back(std::move(row));
      });
  if (header_ok && file.rows() == 0) {
    file.report(1, 1, "", "no orders: the file has a header and nothing else");
  }
}

void Parser::read_couriers() {
  CsvFile& file = files_[1];
  std::map<std::string, int> seen;
  const bool header_ok = file.for_each_row(
      kCourierColumns, kTraceOrdersHeader, "an order", [&](int line, const std::vector<Field>& f) {
        CourierRow row;
        bool ok = id(file, line, f[0], kCourierColumns[0], seen, row.id);
        row.vehicle = std::string(f[1].text);
        if (options_.check_vehicles &&
            std::find(options_.vehicle_names.begin(), options_.vehicle_names.end(), row.vehicle) ==
                options_.vehicle_names.end()) {
          file.report(line, f[1].column, kCourierColumns[1],
                      row.vehicle.empty() ? std::string("must not be empty")
                                          : scenario_values::Reader::unknown_name(
                                                "vehicle", row.vehicle, options_.vehicle_names) +
                                                "; vehicles are defined under trace.vehicles");
          ok = false;
        }
        ok = point(1, line, f[2], f[3], kCourierColumns[2], kCourierColumns[3], row.start) && ok;
        const bool on_ok = start_time(file, line, f[4], kCourierColumns[4], row.on_ms);
        if (on_ok) {
          ok = time_after(file, line, f[5], kCourierColumns[5], row.on_ms, row.off_ms) && ok;
        } else {
          SimTime ignored = 0;
          ok = time_of_day(file, line, f[5], kCourierColumns[5], ignored) && ok;
        }
        if (!ok || !on_ok) return;
        if (row.off_ms == row.on_ms) {
          // Logged on and off in the same second: a shift that never was. The real logs have a
          // few dozen; reading them as 24 h shifts would invent couriers.
          ++result_.zero_length_shifts;
          return;
        }
        couriers_.push_back(std::move(row));
      });
  if (header_ok && file.rows() == 0) {
    file.report(1, 1, "", "no couriers: the file has a header and nothing else");
  } else if (header_ok && !any_problems() && couriers_.empty()) {
    file.report(1, 1, "", "no couriers: every shift ends when it starts (off_time == on_time)");
  }
}

bool Parser::check_extent() {
  double min_lat = 90.0, max_lat = -90.0, min_lng = 180.0, max_lng = -180.0;
  for (const LoggedPoint& p : points_) {
    min_lat = std::min(min_lat, p.lat_deg);
    max_lat = std::max(max_lat, p.lat_deg);
    min_lng = std::min(min_lng, p.lng_deg);
    max_lng = std::max(max_lng, p.lng_deg);
  }
  const double margin_m = options_.margin_m;
  const LocalProjection projection = LocalProjection::with_corner_at(min_lat, min_lng, margin_m);
  const Point far_corner = projection.to_metres(max_lat, max_lng);
  result_.origin_lat_deg = projection.origin_lat_deg();
  result_.origin_lng_deg = projection.origin_lng_deg();
  // Whole metres, rounded up (less a rounding error's worth, so a margin of exactly 500 m
  // stays 500): the city is reported and compared in metres.
  result_.width_m = std::ceil(far_corner.x_m + margin_m - 1e-6);
  result_.height_m = std::ceil(far_corner.y_m + margin_m - 1e-6);
  if (result_.width_m <= options_.max_side_m && result_.height_m <= options_.max_side_m) {
    return true;
  }
  // Too large for a city. One bad position (0, 0 for a missing fix, a swapped sign) is the
  // usual cause, so point at the position furthest from the median of all of them.
  std::vector<double> lats, lngs;
  for (const LoggedPoint& p : points_) {
    lats.push_back(p.lat_deg);
    lngs.push_back(p.lng_deg);
  }
  const auto median = [](std::vector<double>& values) {
    std::nth_element(values.begin(),
                     values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
  };
  const double median_lat = median(lats), median_lng = median(lngs);
  const LoggedPoint* furthest = nullptr;
  double furthest_m = -1.0;
  for (const LoggedPoint& p : points_) {
    const double distance_m = haversine_m(median_lat, median_lng, p.lat_deg, p.lng_deg);
    if (distance_m > furthest_m) {
      furthest = &p;
      furthest_m = distance_m;
    }
  }
  files_[furthest->file].report(
      furthest->line, furthest->lat_column, furthest->lat_name,
      fmt::format("the trace's positions need a city of {:.0f} × {:.0f} km, more than the {:.0f} "
                  "km a side may be; the position furthest from the others, ({}, {}) here, is "
                  "{:.0f} km from their median (a position of 0, 0 often means a missing fix)",
                  result_.width_m / 1000.0, result_.height_m / 1000.0, options_.max_side_m / 1000.0,
                  furthest->lat_deg, furthest->lng_deg, furthest_m / 1000.0));
  return false;
}

void Parser::build() {
  const LocalProjection projection(result_.origin_lat_deg, result_.origin_lng_deg);
  const auto at = [&](std::size_t index) {
    const LoggedPoint& p = points_[index];
    return projection.to_metres(p.lat_deg, p.lng_deg);
  };
  for (OrderRow& row : orders_) {
    result_.orders.push_back(TraceOrder{std::move(row.id), at(row.pickup), at(row.dropoff),
                                        row.placed_ms, row.ready_ms, row.promised_ms});
  }
  std::sort(result_.orders.begin(), result_.orders.end(),
            [](const TraceOrder& a, const TraceOrder& b) {
              if (a.placed_ms != b.placed_ms) return a.placed_ms < b.placed_ms;
              return id_less(a.id, b.id);
            });
  for (CourierRow& row : couriers_) {
    result_.couriers.push_back(TraceCourier{std::move(row.id), std::move(row.vehicle),
                                            at(row.start), row.on_ms, row.off_ms});
  }
}

}  // namespace

TraceReadResult parse_trace(const TraceCsvText& orders, const TraceCsvText& couriers,
                            const TraceReadOptions& options) {
  TraceReadResult result;
  Parser(orders, couriers, options, result).run();
  return result;
}

}  // namespace knightsim
