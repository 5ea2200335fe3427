// Sparse minimum-cost assignment by successive shortest augmenting paths (Jonker–Volgenant
// style; the dual update is the one of Crouse, "On implementing 2D rectangular assignment
// algorithms", IEEE TAES 2016), with Dijkstra on reduced costs over a binary heap.
//
// Model. Every row r gets a private dummy column `columns + r` whose only arc is (r, dummy) at
// unassigned_cost[r]. Every row is then always matchable, and an optimal perfect matching of
// the rows (each to a real or to its own dummy column) is an optimal answer to the problem.
//
// Duals. Row potentials u and column potentials v keep every arc's reduced cost
// c - u[row] - v[column] non-negative, are tight (zero) on matched arcs, and keep v = 0 on every
// free column (v only ever decreases, and only on columns already matched). That is the dual of
// the rectangular problem in which columns may stay free, so each partial matching is optimal
// for the rows it covers. No shift of the costs is needed for negative costs: u starts at 0,
// the arcs out of the row being added may have negative reduced cost, but they all leave the
// search's source, and Dijkstra tolerates arbitrary labels there; every later arc belongs to a
// matched row and is non-negative by dual feasibility.
//
// Cost. Rows are added one at a time; each search stops at the first free column it settles,
// and a row's own dummy is always free while the row is being added, so searches stay short in
// practice: O(R · (A' log A')) in the worst case, with A' the arcs the search scans. All
// workspace is sized once per call; "stamps" mark the entries valid in the current search, so
// nothing of size O(columns) is cleared or allocated per search.
//
// Determinism. Arcs are put in a canonical order (by row, then column) before solving, so the
// answer does not depend on the order of problem.arcs; the heap breaks ties between equal
// distances by preferring a free column, then the lower column index (real columns before
// dummies, so an exact tie between a match and staying unassigned is settled as a match when
// the search meets it first). Only IEEE arithmetic in a fixed order is used.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "knightsim/assignment.hpp"

namespace knightsim {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::string arc_message(std::size_t arc_index, const std::string& what) {
  return "assignment arc " + std::to_string(arc_index) + ": " + what;
}

void validate(const AssignmentProblem& problem) {
  if (problem.unassigned_cost.size() != problem.rows)
    throw std::invalid_argument("assignment: unassigned_cost has " +
                                std::to_string(problem.unassigned_cost.size()) + " entries for " +
                                std::to_string(problem.rows) + " rows");
  for (std::size_t row = 0; row < problem.unassigned_cost.size(); ++row)
    if (!std::isfinite(problem.unassigned_cost[row]))
      throw std::invalid_argument("assignment: unassigned_cost of row " + std::to_string(row) +
                                  " is not finite");
  // Dummy columns are numbered columns + row; both must fit a uint32 with kNone left over.
  if (static_cast<std::uint64_t>(problem.rows) + problem.columns >= kNone)
    throw std::invalid_argument("assignment: rows + columns must be below 2^32 - 1");
  for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
    const AssignmentArc& arc = problem.arcs[i];
    if (arc.row >= problem.rows)
      throw std::invalid_argument(
          arc_message(i, "row " + std::to_string(arc.row) +
                             " out of range (rows = " + std::to_string(problem.rows) + ")"));
    if (arc.column >= problem.columns)
      throw std::invalid_argument(
          arc_message(i, "column " + std::to_string(arc.column) +
                             " out of range (columns = " + std::to_string(problem.columns) + ")"));
    if (!std::isfinite(arc.cost)) throw std::invalid_argument(arc_message(i, "cost is not finite"));
  }
}

/// The arcs in compressed-row form, duplicates reduced to the cheapest, each row ending with
/// its dummy arc. Arcs of a row are sorted by column, which fixes the scan order.
struct RowArcs {
  std::vector<std::size_t> first;  ///< rows + 1 offsets into column / cost
  std::vector<std::uint32_t> column;
  std::vector<double> cost;
};

RowArcs compress(const AssignmentProblem& problem) {
  const std::uint32_t rows = problem.rows;
  std::vector<std::size_t> count(std::size_t{rows} + 1, 0);
  for (const AssignmentArc& arc : problem.arcs) ++count[arc.row + 1];
  for (std::uint32_t r = 0; r < rows; ++r) count[r + 1] += count[r];
  // Bucket by row (counting sort), then sort each row's bucket by (column, cost).
  std::vector<std::pair<std::uint32_t, double>> bucketed(problem.arcs.size());
  {
    std::vector<std::size_t> next(count.begin(), count.end() - 1);
    for (const AssignmentArc& arc : problem.arcs)
      bucketed[next[arc.row]++] = {arc.column, arc.cost};
  }
  RowArcs out;
  out.first.reserve(std::size_t{rows} + 1);
  out.column.reserve(problem.arcs.size() + rows);
  out.cost.reserve(problem.arcs.size() + rows);
  for (std::uint32_t r = 0; r < rows; ++r) {
    out.first.push_back(out.column.size());
    const auto begin = bucketed.begin() + static_cast<std::ptrdiff_t>(count[r]);
    const auto end = bucketed.begin() + static_cast<std::ptrdiff_t>(count[r + 1]);
    std::sort(begin, end);
    for (auto it = begin; it != end; ++it) {
      if (it != begin && it->first == (it - 1)->first) continue;  // a dearer duplicate
      out.column.push_back(it->first);
      out.cost.push_back(it->second);
    }
    out.column.push_back(problem.columns + r);
    out.cost.push_back(problem.unassigned_cost[r]);
  }
  out.first.push_back(out.column.size());
  return out;
}

/// A heap entry; stale entries (a later, shorter label was pushed) are skipped on pop.
struct Label {
  double distance;
  std::uint64_t tie;  ///< (column matched ? 1 : 0) << 32 | column: free first, then by index
};

/// std heaps are max-heaps; this orders the smallest (distance, tie) at the top.
bool later(const Label& a, const Label& b) {
  if (a.distance != b.distance) return a.distance > b.distance;
  return a.tie > b.tie;
}

}  // namespace

AssignmentSolution solve_assignment(const AssignmentProblem& problem) {
  validate(problem);
  const std::uint32_t rows = problem.rows;
  const std::size_t all_columns = std::size_t{problem.columns} + rows;  // real, then dummies
  const RowArcs arcs = compress(problem);

  std::vector<double> row_potential(rows, 0.0);
  std::vector<double> column_potential(all_columns, 0.0);
  std::vector<std::uint32_t> column_of_row(rows, kNone);
  std::vector<std::uint32_t> row_of_column(all_columns, kNone);
  std::vector<std::size_t> arc_of_row(rows, 0);  ///< the matched arc, for its cost

  // Per-search workspace. An entry of `distance` / `reached_by_arc` is valid only when
  // `label_stamp` equals the current search's stamp; a column is settled when `settled_stamp`
  // does. Stamps count from 1, so the zero-initialised arrays start out invalid.
  std::vector<double> distance(all_columns, 0.0);
  std::vector<std::size_t> reached_by_arc(all_columns, 0);
  std::vector<std::uint32_t> label_stamp(all_columns, 0);
  std::vector<std::uint32_t> settled_stamp(all_columns, 0);
  std::vector<std::uint32_t> settled_columns;  // in settling order, the sink last
  std::vector<std::uint32_t> arc_row(arcs.column.size());
  for (std::uint32_t r = 0; r < rows; ++r)
    std::fill(arc_row.begin() + static_cast<std::ptrdiff_t>(arcs.first[r]),
              arc_row.begin() + static_cast<std::ptrdiff_t>(arcs.first[r + 1]), r);
  std::vector<Label> heap;

  for (std::uint32_t source = 0; source < rows; ++source) {
    const std::uint32_t stamp = source + 1;
    heap.clear();
    settled_columns.clear();

    // Relaxes the arcs of `row`, reached at distance `row_distance` (0 for the source).
    auto scan = [&](std::uint32_t row, double row_distance) {
      const double u = row_potential[row];
      for (std::size_t a = arcs.first[row]; a < arcs.first[row + 1]; ++a) {
        const std::uint32_t j = arcs.column[a];
        if (settled_stamp[j] == stamp) continue;
        const double d = row_distance + (arcs.cost[a] - u - column_potential[j]);
        if (label_stamp[j] == stamp && !(d < distance[j])) continue;
        label_stamp[j] = stamp;
        distance[j] = d;
        reached_by_arc[j] = a;
        const std::uint64_t matched = row_of_column[j] == kNone ? 0 : 1;
        heap.push_back({d, (matched << 32) | j});
        std::push_heap(heap.begin(), heap.end(), later);
      }
    };

    // Dijkstra until the first free column is settled. The source's own dummy is free and
    // reachable, so the heap cannot run dry first.
    scan(source, 0.0);
    std::uint32_t sink = kNone;
    double sink_distance = 0.0;
    while (sink == kNone) {
      std::pop_heap(heap.begin(), heap.end(), later);
      const Label top = heap.back();
      heap.pop_back();
      const auto j = static_cast<std::uint32_t>(top.tie & 0xffffffffu);
      if (settled_stamp[j] == stamp || top.distance != distance[j]) continue;  // stale
      settled_stamp[j] = stamp;
      settled_columns.push_back(j);
      if (row_of_column[j] == kNone) {
        sink = j;
        sink_distance = top.distance;
      } else {
        scan(row_of_column[j], top.distance);
      }
    }

    // Dual update (Crouse): settled columns drop by how much earlier than the sink they were
    // settled, and the rows matched to them rise by the same amount, so path arcs become tight
    // and all reduced costs stay non-negative. The sink's potential is unchanged (still 0).
    row_potential[source] += sink_distance;
    for (const std::uint32_t j : settled_columns) {
      const double slack = sink_distance - distance[j];
      column_potential[j] -= slack;
      if (j != sink) row_potential[row_of_column[j]] += slack;
    }

    // Augment along the search tree from the sink back to the source.
    for (std::uint32_t j = sink;;) {
      const std::size_t a = reached_by_arc[j];
      const std::uint32_t i = arc_row[a];
      const std::uint32_t previous = column_of_row[i];
      column_of_row[i] = j;
      row_of_column[j] = i;
      arc_of_row[i] = a;
      if (i == source) break;
      j = previous;
    }
  }

  AssignmentSolution solution;
  solution.column_of_row.assign(rows, kUnassigned);
  for (std::uint32_t r = 0; r < rows; ++r) {
    solution.total_cost += arcs.cost[arc_of_row[r]];
    if (column_of_row[r] < problem.columns) solution.column_of_row[r] = column_of_row[r];
  }
  return solution;
}

}  // namespace knightsim
