#pragma once
/// Minimum-cost assignment on a sparse bipartite graph, for batch dispatch: rows are the things
/// to place (orders or bundles), columns the things that take them (riders), arcs the candidate
/// pairs that passed the dispatcher's filters. Every row may also stay unassigned at its own
/// cost, so the problem is always feasible and "leave it for the next round" competes with
/// every poor match.

#include <cstdint>
#include <limits>
#include <vector>

namespace knightsim {

struct AssignmentArc {
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  double cost = 0.0;  ///< finite; may be negative
};

struct AssignmentProblem {
  std::uint32_t rows = 0;
  std::uint32_t columns = 0;
  std::vector<AssignmentArc> arcs;      ///< any order; a repeated (row, column) keeps the cheapest
  std::vector<double> unassigned_cost;  ///< one per row, finite
};

inline constexpr std::uint32_t kUnassigned = std::numeric_limits<std::uint32_t>::max();

struct AssignmentSolution {
  std::vector<std::uint32_t> column_of_row;  ///< kUnassigned when the row stays unassigned
  double total_cost = 0.0;                   ///< sum of chosen arcs plus unassigned costs
};

/// An optimal assignment: each row to at most one column, each column to at most one row,
/// minimising total_cost. Deterministic for a given problem (ties resolved the same way on
/// every run and platform). Throws std::invalid_argument for an arc out of range, a non-finite
/// cost or an unassigned_cost vector of the wrong size.
AssignmentSolution solve_assignment(const AssignmentProblem& problem);

}  // namespace knightsim
