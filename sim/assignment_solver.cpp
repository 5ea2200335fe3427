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
// Cost. Rows are added one at a time, in index order; each search stops at the first free
// column it settles. The worst case is O(R · A log A) for R rows and A arcs, but a search
// only explores the rows that compete with the new one, and a row's own dummy is always a
// way out: where riders are not scarce most searches settle one or two columns, and only
// where orders crowd around few riders do they grow to hundreds (tools/bench/
// bench_assignment.cpp times both). All workspace is allocated once per call; per-search
// marks say which labels are current, so nothing of size O(columns) is cleared between
// searches. The relaxation loop is the hot spot: it keeps a column's state in one struct and
// takes one data-dependent branch per arc where the obvious code takes two, which cut the
// crowded benchmark's time by about a fifth (mispredictions dominate there).
//
// Determinism. Arcs are put in a canonical order (by row, then column) before solving, so the
// answer does not depend on the order of problem.arcs. The heap breaks ties between equal
// distances by preferring a free column, then the lower column index (real columns come
// before the dummies). Only IEEE arithmetic in a fixed order is used.
#include <algorithm>
#include <cassert>
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

/// Orders the smallest (distance, tie) at the top of a std heap (a max-heap). A type rather
/// than a function so that the heap algorithms inline it.
struct Later {
  bool operator()(const Label& a, const Label& b) const {
    if (a.distance != b.distance) return a.distance > b.distance;
    return a.tie > b.tie;
  }
};

/// One column's state, kept together because the inner loop reads all of it for each arc.
struct Column {
  double potential = 0.0;          ///< v: <= 0, and 0 while the column is free
  double distance = 0.0;           ///< label in the current search, if mark is that search's
  std::uint32_t mark = 0;          ///< == the search's label mark when labelled, + 1 when settled
  std::uint32_t row = kNone;       ///< the matched row
  std::size_t reached_by_arc = 0;  ///< the arc that gave `distance`
};

}  // namespace

AssignmentSolution solve_assignment(const AssignmentProblem& problem) {
  validate(problem);
  const std::uint32_t rows = problem.rows;
  const std::size_t all_columns = std::size_t{problem.columns} + rows;  // real, then dummies
  const RowArcs arcs = compress(problem);

  std::vector<double> row_potential(rows, 0.0);  // u
  std::vector<std::uint32_t> column_of_row(rows, kNone);
  std::vector<Column> columns(all_columns);
  std::vector<std::size_t> arc_of_row(rows, 0);  // the matched arc, for its cost

  // Per-search workspace. Each search has its own label mark (2, 4, 6, ...; settled is one
  // more), so a column's label is current only when its mark says so and nothing is cleared
  // between searches; the marks start again from 2 after a (practically unreachable)
  // wrap-around.
  std::vector<std::uint32_t> settled_columns;  // in settling order, the sink last
  std::vector<Label> heap;
  std::uint32_t label_mark = 0;

  Column* const column = columns.data();
  const std::uint32_t* const arc_column = arcs.column.data();
  const double* const arc_cost = arcs.cost.data();
  const std::size_t* const first_arc = arcs.first.data();

  for (std::uint32_t source = 0; source < rows; ++source) {
    if (label_mark >= kNone - 2) {
      for (Column& c : columns) c.mark = 0;
      label_mark = 0;
    }
    label_mark += 2;
    const std::uint32_t settled_mark = label_mark + 1;
    heap.clear();
    settled_columns.clear();

    // Labels that cannot beat the best free column labelled so far (`sink_bound`) are kept
    // out of the heap: the search ends before they could be popped.
    double sink_bound = std::numeric_limits<double>::infinity();
    auto scan = [&](std::uint32_t row, double row_distance) {
      const double u = row_potential[row];
      const std::size_t end = first_arc[row + 1];
      for (std::size_t a = first_arc[row]; a < end; ++a) {
        const std::uint32_t j = arc_column[a];
        Column& c = column[j];
        const double d = row_distance + (arc_cost[a] - u - c.potential);
        // Unlabelled in this search (older marks are smaller), or labelled and improved; not
        // settled. Bitwise operators, so that this is one branch rather than two.
        const bool improves = (c.mark < label_mark) | ((c.mark == label_mark) & (d < c.distance));
        if (!improves) continue;
        c.mark = label_mark;
        c.distance = d;
        c.reached_by_arc = a;
        if (d > sink_bound) continue;
        std::uint64_t matched = 1;
        if (c.row == kNone) {
          matched = 0;
          sink_bound = d;
        }
        heap.push_back({d, (matched << 32) | j});
        std::push_heap(heap.begin(), heap.end(), Later{});
      }
    };

    // Dijkstra until the first free column is settled. The source's own dummy is free and
    // reachable, so the heap cannot run dry first.
    scan(source, 0.0);
    std::uint32_t sink = kNone;
    double sink_distance = 0.0;
    while (sink == kNone) {
      assert(!heap.empty());
      std::pop_heap(heap.begin(), heap.end(), Later{});
      const Label top = heap.back();
      heap.pop_back();
      const auto j = static_cast<std::uint32_t>(top.tie & 0xffffffffu);
      Column& c = column[j];
      if (c.mark == settled_mark || top.distance != c.distance) continue;  // stale
      c.mark = settled_mark;
      settled_columns.push_back(j);
      if (c.row == kNone) {
        sink = j;
        sink_distance = top.distance;
      } else {
        scan(c.row, top.distance);
      }
    }

    // Dual update (Crouse): settled columns drop by how much earlier than the sink they were
    // settled, and the rows matched to them rise by the same amount, so path arcs become tight
    // and all reduced costs stay non-negative. The sink's potential is unchanged (still 0).
    row_potential[source] += sink_distance;
    for (const std::uint32_t j : settled_columns) {
      const double slack = sink_distance - column[j].distance;
      column[j].potential -= slack;
      if (j != sink) row_potential[column[j].row] += slack;
    }

    // Augment along the search tree from the sink back to the source. Paths are short, so
    // the row of an arc is looked up rather than stored for every arc.
    for (std::uint32_t j = sink;;) {
      const std::size_t a = column[j].reached_by_arc;
      const auto i = static_cast<std::uint32_t>(
          std::upper_bound(first_arc, first_arc + rows + 1, a) - first_arc - 1);
      const std::uint32_t previous = column_of_row[i];
      column_of_row[i] = j;
      arc_of_row[i] = a;
      column[j].row = i;
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
