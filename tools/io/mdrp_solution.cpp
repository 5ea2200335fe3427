// MDRP solution files: reader and writer (formats in docs/mdrp.md). The reader checks syntax
// only (headers, field counts, numbers); whether ids exist and rules hold is the checker's job,
// so a solution naming an unknown order is "invalid" (exit 1), not "unreadable" (exit 2).
// The writer separates fields with tabs, so the files are both whitespace-separated and TSV;
// an undelivered order's empty fields are written as empty strings between tabs.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "knightsim/mdrp.hpp"
#include "knightsim/output_writers.hpp"
#include "mdrp_text.hpp"

namespace knightsim {
namespace {

using mdrp_text::Field;

constexpr std::string_view kAssignmentColumns[] = {"assignment_time", "pickup_time", "courier",
                                                   "order"};
constexpr std::string_view kOrderColumns[] = {"order",       "placement_time", "ready_time",
                                              "pickup_time", "dropoff_time",   "courier"};
constexpr std::string_view kMoveColumns[] = {"courier", "departure_time", "origin", "destination"};
constexpr std::size_t kUndeliveredOrderFields = 3;

/// Data lines of a whitespace-separated file, split; nullopt when unreadable or the header's
/// first `columns` names differ (extra header names are allowed only if `open_ended`).
template <std::size_t N>
std::optional<std::vector<std::pair<int, std::vector<Field>>>> read_rows(
    const std::string& path, const std::string_view (&columns)[N], bool open_ended,
    std::vector<MdrpProblem>& problems) {
  const auto lines = mdrp_text::read_lines(path, problems);
  if (!lines) return std::nullopt;
  if (lines->empty()) {
    problems.push_back({path, 1, 0, "", "empty file: a header line is expected"});
    return std::nullopt;
  }
  const std::vector<Field> header = mdrp_text::split_whitespace(lines->front().text);
  bool header_ok = open_ended ? header.size() >= N : header.size() == N;
  for (std::size_t i = 0; i < N && i < header.size(); ++i) {
    // The open-ended assignments header may say "order", "orders" or "order1".
    const bool same = open_ended && i + 1 == N ? header[i].text.starts_with(columns[i])
                                               : header[i].text == columns[i];
    header_ok = header_ok && same;
  }
  if (!header_ok) {
    problems.push_back({path, lines->front().number, 1, "",
                        fmt::format("header must be: {}", fmt::join(columns, " ")) +
                            (open_ended ? " [order...]" : "")});
    return std::nullopt;
  }
  std::vector<std::pair<int, std::vector<Field>>> rows;
  for (std::size_t l = 1; l < lines->size(); ++l) {
    rows.emplace_back((*lines)[l].number, mdrp_text::split_whitespace((*lines)[l].text));
  }
  return rows;
}

/// Parses a time field; records a problem and returns false when it is not a number.
bool read_time(const std::string& path, int line, const Field& field, std::string_view column,
               double& out, std::vector<MdrpProblem>& problems) {
  const auto value = mdrp_text::parse_number(field.text);
  if (!value) {
    problems.push_back({path, line, field.column, std::string(column),
                        fmt::format("'{}' is not a number of minutes", field.text)});
    return false;
  }
  out = *value;
  return true;
}

void read_assignments(const std::string& dir, MdrpSolution& solution,
                      std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, kMdrpAssignmentsFile);
  const auto rows = read_rows(path, kAssignmentColumns, true, problems);
  if (!rows) return;
  for (const auto& [line, fields] : *rows) {
    if (fields.size() < 4) {
      problems.push_back({path, line, 0, "",
                          fmt::format("at least 4 fields expected (assignment_time pickup_time "
                                      "courier order...), {} found",
                                      fields.size())});
      continue;
    }
    MdrpAssignment assignment;
    assignment.line = line;
    bool ok =
        read_time(path, line, fields[0], "assignment_time", assignment.assignment_min, problems);
    ok = read_time(path, line, fields[1], "pickup_time", assignment.pickup_min, problems) && ok;
    assignment.courier = std::string(fields[2].text);
    for (std::size_t i = 3; i < fields.size(); ++i) {
      assignment.orders.emplace_back(fields[i].text);
    }
    if (ok) solution.assignments.push_back(std::move(assignment));
  }
}

void read_orders(const std::string& dir, MdrpSolution& solution,
                 std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, kMdrpOrdersFile);
  const auto rows = read_rows(path, kOrderColumns, false, problems);
  if (!rows) return;
  for (const auto& [line, fields] : *rows) {
    if (fields.size() != kUndeliveredOrderFields && fields.size() != std::size(kOrderColumns)) {
      problems.push_back(
          {path, line, 0, "",
           fmt::format("6 fields expected (3 for an undelivered order), {} found", fields.size())});
      continue;
    }
    MdrpOrderRecord record;
    record.line = line;
    record.order = std::string(fields[0].text);
    bool ok = read_time(path, line, fields[1], kOrderColumns[1], record.placement_min, problems);
    ok = read_time(path, line, fields[2], kOrderColumns[2], record.ready_min, problems) && ok;
    if (fields.size() == std::size(kOrderColumns)) {
      double pickup = 0.0, dropoff = 0.0;
      ok = read_time(path, line, fields[3], kOrderColumns[3], pickup, problems) && ok;
      ok = read_time(path, line, fields[4], kOrderColumns[4], dropoff, problems) && ok;
      record.pickup_min = pickup;
      record.dropoff_min = dropoff;
      record.courier = std::string(fields[5].text);
    }
    if (ok) solution.orders.push_back(std::move(record));
  }
}

void read_moves(const std::string& dir, MdrpSolution& solution,
                std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, kMdrpCouriersFile);
  const auto rows = read_rows(path, kMoveColumns, false, problems);
  if (!rows) return;
  for (const auto& [line, fields] : *rows) {
    if (fields.size() != std::size(kMoveColumns)) {
      problems.push_back({path, line, 0, "",
                          fmt::format("4 fields expected (courier departure_time origin "
                                      "destination), {} found",
                                      fields.size())});
      continue;
    }
    MdrpMove move;
    move.line = line;
    move.courier = std::string(fields[0].text);
    const bool ok = read_time(path, line, fields[1], kMoveColumns[1], move.departure_min, problems);
    move.origin = std::string(fields[2].text);
    move.destination = std::string(fields[3].text);
    if (ok) solution.moves.push_back(std::move(move));
  }
}

}  // namespace

MdrpSolutionLoadResult load_mdrp_solution(const std::string& dir) {
  MdrpSolutionLoadResult result;
  MdrpSolution solution;
  read_assignments(dir, solution, result.problems);
  read_orders(dir, solution, result.problems);
  read_moves(dir, solution, result.problems);
  if (result.problems.empty()) result.solution = std::move(solution);
  return result;
}

std::string format_mdrp_minutes(double minutes) {
  // Shortest representation that reads back to the same double: "12", "12.5", "0.1".
  if (minutes == 0.0) return "0";  // never "-0"
  return fmt::format("{}", minutes);
}

void write_mdrp_assignments(std::ostream& out, const MdrpSolution& solution) {
  out << "assignment_time\tpickup_time\tcourier\torders\n";
  for (const MdrpAssignment& a : solution.assignments) {
    out << format_mdrp_minutes(a.assignment_min) << '\t' << format_mdrp_minutes(a.pickup_min)
        << '\t' << a.courier;
    for (const std::string& order : a.orders) out << '\t' << order;
    out << '\n';
  }
}

void write_mdrp_orders(std::ostream& out, const MdrpSolution& solution) {
  out << fmt::format("{}\n", fmt::join(kOrderColumns, "\t"));
  for (const MdrpOrderRecord& r : solution.orders) {
    out << r.order << '\t' << format_mdrp_minutes(r.placement_min) << '\t'
        << format_mdrp_minutes(r.ready_min) << '\t'
        << (r.pickup_min ? format_mdrp_minutes(*r.pickup_min) : "") << '\t'
        << (r.dropoff_min ? format_mdrp_minutes(*r.dropoff_min) : "") << '\t' << r.courier << '\n';
  }
}

void write_mdrp_moves(std::ostream& out, const MdrpSolution& solution) {
  out << fmt::format("{}\n", fmt::join(kMoveColumns, "\t"));
  for (const MdrpMove& m : solution.moves) {
    out << m.courier << '\t' << format_mdrp_minutes(m.departure_min) << '\t' << m.origin << '\t'
        << m.destination << '\n';
  }
}

void write_mdrp_solution(const std::filesystem::path& dir, const MdrpSolution& solution) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw OutputError(fmt::format("cannot create directory {}: {}", dir.string(), error.message()));
  }
  write_file_atomically(dir / kMdrpAssignmentsFile,
                        [&](std::ostream& out) { write_mdrp_assignments(out, solution); });
  write_file_atomically(dir / kMdrpOrdersFile,
                        [&](std::ostream& out) { write_mdrp_orders(out, solution); });
  write_file_atomically(dir / kMdrpCouriersFile,
                        [&](std::ostream& out) { write_mdrp_moves(out, solution); });
}

}  // namespace knightsim
