// solve_assignment: hand examples with known optima, input validation, and a randomised
// comparison against exhaustive search on small instances.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

#include "knightsim/assignment.hpp"

namespace {

using knightsim::AssignmentArc;
using knightsim::AssignmentProblem;
using knightsim::AssignmentSolution;
using knightsim::kUnassigned;
using knightsim::solve_assignment;

AssignmentProblem problem_of(std::uint32_t rows, std::uint32_t columns,
                             std::vector<AssignmentArc> arcs, std::vector<double> unassigned) {
  AssignmentProblem problem;
  problem.rows = rows;
  problem.columns = columns;
  problem.arcs = std::move(arcs);
  problem.unassigned_cost = std::move(unassigned);
  return problem;
}

/// The cheapest arc cost for each (row, column), or nullopt where there is no arc.
std::vector<std::vector<std::optional<double>>> cheapest_costs(const AssignmentProblem& problem) {
  std::vector<std::vector<std::optional<double>>> cost(
      problem.rows, std::vector<std::optional<double>>(problem.columns));
  for (const AssignmentArc& arc : problem.arcs) {
    auto& slot = cost[arc.row][arc.column];
    if (!slot || arc.cost < *slot) slot = arc.cost;
  }
  return cost;
}

/// Checks that `solution` is a matching that uses only existing arcs and that total_cost is
/// its cost, recomputed here (cheapest arc of each chosen pair, unassigned cost otherwise).
void check_valid(const AssignmentProblem& problem, const AssignmentSolution& solution) {
  REQUIRE(solution.column_of_row.size() == problem.rows);
  const auto cost = cheapest_costs(problem);
  std::vector<bool> taken(problem.columns, false);
  double total = 0.0;
  for (std::uint32_t r = 0; r < problem.rows; ++r) {
    const std::uint32_t c = solution.column_of_row[r];
    if (c == kUnassigned) {
      total += problem.unassigned_cost[r];
      continue;
    }
    REQUIRE(c < problem.columns);
    REQUIRE(cost[r][c].has_value());
    CHECK_FALSE(taken[c]);
    taken[c] = true;
    total += *cost[r][c];
  }
  CHECK(solution.total_cost == doctest::Approx(total).epsilon(1e-12));
}

/// The optimum by exhaustive search over every matching (rows and columns at most ~8).
double brute_force_optimum(const AssignmentProblem& problem) {
  const auto cost = cheapest_costs(problem);
  auto best_from = [&](auto&& self, std::uint32_t row, std::uint32_t taken_mask) -> double {
    if (row == problem.rows) return 0.0;
    double best = problem.unassigned_cost[row] + self(self, row + 1, taken_mask);
    for (std::uint32_t c = 0; c < problem.columns; ++c) {
      const std::uint32_t bit = 1u << c;
      if ((taken_mask & bit) != 0 || !cost[row][c]) continue;
      best = std::min(best, *cost[row][c] + self(self, row + 1, taken_mask | bit));
    }
    return best;
  };
  return best_from(best_from, 0, 0);
}

/// A random instance of at most `max_size` rows and columns, with random sparsity, costs in
/// whole units from [-10, 10] (so sums are exact and ties frequent) or fractional, and some
/// duplicated arcs.
AssignmentProblem random_problem(std::mt19937& engine, std::uint32_t max_size, bool whole) {
  std::uniform_int_distribution<std::uint32_t> size(0, max_size);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto random_cost = [&](double lo, double hi) {
    const double x = lo + (hi - lo) * unit(engine);
    return whole ? std::round(x) : x;
  };
  AssignmentProblem problem;
  problem.rows = size(engine);
  problem.columns = size(engine);
  const double density = unit(engine);
  for (std::uint32_t r = 0; r < problem.rows; ++r) {
    problem.unassigned_cost.push_back(random_cost(-5, 15));
    for (std::uint32_t c = 0; c < problem.columns; ++c) {
      if (unit(engine) >= density) continue;
      problem.arcs.push_back({r, c, random_cost(-10, 10)});
      if (unit(engine) < 0.1) problem.arcs.push_back({r, c, random_cost(-10, 10)});
    }
  }
  std::shuffle(problem.arcs.begin(), problem.arcs.end(), engine);
  return problem;
}

/// The optimum by the dense O(n² m) Hungarian method (the classic formulation with a virtual
/// column 0), on the rows × (columns + one dummy per row) matrix with `kMissing` where there is
/// no arc. An independent check for instances too large to enumerate.
double dense_hungarian_optimum(const AssignmentProblem& problem) {
  constexpr double kMissing = 1e9;  // dearer than any solution using dummies only
  const std::size_t n = problem.rows, m = std::size_t{problem.columns} + problem.rows;
  std::vector<std::vector<double>> a(n + 1, std::vector<double>(m + 1, kMissing));
  for (const AssignmentArc& arc : problem.arcs)
    a[arc.row + 1][arc.column + 1] = std::min(a[arc.row + 1][arc.column + 1], arc.cost);
  for (std::size_t r = 0; r < n; ++r)
    a[r + 1][problem.columns + r + 1] = problem.unassigned_cost[r];
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<bool> used(m + 1, false);
    do {
      used[j0] = true;
      const std::size_t i0 = p[j0];
      double delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double cur = a[i0][j] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  double total = 0.0;
  for (std::size_t j = 1; j <= m; ++j)
    if (p[j] != 0) total += a[p[j]][j];
  return total;
}

/// Rows and columns at random places on a line, arcs between those within `reach`, at their
/// distance plus a little noise: neighbours compete for the same columns, so augmenting paths
/// run long, as when orders crowd around a few riders.
AssignmentProblem crowded_line_problem(std::mt19937& engine) {
  std::uniform_int_distribution<std::uint32_t> size(20, 60);
  std::uniform_int_distribution<int> place(0, 100), noise(0, 3), unassigned(5, 60);
  AssignmentProblem problem;
  problem.rows = size(engine);
  problem.columns = size(engine);
  std::vector<int> row_at(problem.rows), column_at(problem.columns);
  for (int& x : row_at) x = place(engine);
  for (int& x : column_at) x = place(engine);
  const int reach = 5 + noise(engine) * 5;
  for (std::uint32_t r = 0; r < problem.rows; ++r) {
    problem.unassigned_cost.push_back(unassigned(engine));
    for (std::uint32_t c = 0; c < problem.columns; ++c) {
      const int distance = std::abs(row_at[r] - column_at[c]);
      if (distance <= reach)
        problem.arcs.push_back({r, c, static_cast<double>(distance + noise(engine))});
    }
  }
  return problem;
}

}  // namespace

TEST_CASE("assignment: an empty problem has an empty solution") {
  const AssignmentSolution none = solve_assignment(problem_of(0, 0, {}, {}));
  CHECK(none.column_of_row.empty());
  CHECK(none.total_cost == 0.0);
  const AssignmentSolution no_rows = solve_assignment(problem_of(0, 5, {}, {}));
  CHECK(no_rows.column_of_row.empty());
  CHECK(no_rows.total_cost == 0.0);
}

TEST_CASE("assignment: rows without arcs, or without columns, stay unassigned") {
  const AssignmentSolution no_columns = solve_assignment(problem_of(2, 0, {}, {3.0, 4.0}));
  CHECK(no_columns.column_of_row == std::vector<std::uint32_t>{kUnassigned, kUnassigned});
  CHECK(no_columns.total_cost == 7.0);

  // Row 1 has no arc although column 1 is free.
  const AssignmentSolution some_arcs =
      solve_assignment(problem_of(3, 2, {{0, 0, 1.0}, {2, 1, 2.0}}, {10.0, 20.0, 30.0}));
  CHECK(some_arcs.column_of_row == std::vector<std::uint32_t>{0, kUnassigned, 1});
  CHECK(some_arcs.total_cost == 23.0);
}

TEST_CASE("assignment: a 2 x 2 optimum that the row-by-row greedy choice misses") {
  // Greedy gives row 0 its cheapest column 1 (1), leaving row 1 column 0 (2): 3. Here that is
  // also the optimum; the second instance makes the greedy choice wrong.
  const AssignmentSolution easy = solve_assignment(
      problem_of(2, 2, {{0, 0, 4.0}, {0, 1, 1.0}, {1, 0, 2.0}, {1, 1, 3.0}}, {100.0, 100.0}));
  CHECK(easy.column_of_row == std::vector<std::uint32_t>{1, 0});
  CHECK(easy.total_cost == 3.0);

  // Row 0 prefers column 0 (1 against 2), but row 1 can only use column 0: the search must
  // move row 0 to column 1 along an augmenting path.
  const AssignmentSolution moved =
      solve_assignment(problem_of(2, 2, {{0, 0, 1.0}, {0, 1, 2.0}, {1, 0, 1.0}}, {100.0, 100.0}));
  CHECK(moved.column_of_row == std::vector<std::uint32_t>{1, 0});
  CHECK(moved.total_cost == 3.0);
}

TEST_CASE("assignment: staying unassigned wins when every match costs more") {
  const AssignmentSolution alone = solve_assignment(problem_of(1, 1, {{0, 0, 10.0}}, {5.0}));
  CHECK(alone.column_of_row == std::vector<std::uint32_t>{kUnassigned});
  CHECK(alone.total_cost == 5.0);

  // Both rows want column 0. Giving it to row 1 (2 + 10) costs more than giving it to row 0
  // and leaving row 1 out (1 + 3).
  const AssignmentSolution contested =
      solve_assignment(problem_of(2, 1, {{0, 0, 1.0}, {1, 0, 2.0}}, {10.0, 3.0}));
  CHECK(contested.column_of_row == std::vector<std::uint32_t>{0, kUnassigned});
  CHECK(contested.total_cost == 4.0);

  // Row 1 is added second; taking column 0 from row 0 would cost 10 - 1 more for row 0 than
  // row 1 saves (8 - 2), so row 1 stays out.
  const AssignmentSolution kept =
      solve_assignment(problem_of(2, 1, {{0, 0, 1.0}, {1, 0, 2.0}}, {10.0, 8.0}));
  CHECK(kept.column_of_row == std::vector<std::uint32_t>{0, kUnassigned});
  CHECK(kept.total_cost == 9.0);
}

TEST_CASE("assignment: negative costs") {
  const AssignmentSolution both = solve_assignment(
      problem_of(2, 2, {{0, 0, -5.0}, {0, 1, -3.0}, {1, 0, -4.0}, {1, 1, -10.0}}, {0.0, 0.0}));
  CHECK(both.column_of_row == std::vector<std::uint32_t>{0, 1});
  CHECK(both.total_cost == -15.0);

  // Row 0 alone would take column 0 (-10); with row 1 the optimum moves it to column 1.
  const AssignmentSolution moved =
      solve_assignment(problem_of(2, 2, {{0, 0, -10.0}, {0, 1, -9.0}, {1, 0, -10.0}}, {0.0, 0.0}));
  CHECK(moved.column_of_row == std::vector<std::uint32_t>{1, 0});
  CHECK(moved.total_cost == -19.0);

  // A negative unassigned cost below every arc: staying out is optimal.
  const AssignmentSolution out =
      solve_assignment(problem_of(1, 2, {{0, 0, -1.0}, {0, 1, 0.0}}, {-2.0}));
  CHECK(out.column_of_row == std::vector<std::uint32_t>{kUnassigned});
  CHECK(out.total_cost == -2.0);
}

TEST_CASE("assignment: a repeated arc counts at its cheapest cost") {
  for (const std::vector<AssignmentArc>& arcs : {
           std::vector<AssignmentArc>{{0, 0, 5.0}, {0, 0, 2.0}, {0, 0, 7.0}},
           std::vector<AssignmentArc>{{0, 0, 7.0}, {0, 0, 5.0}, {0, 0, 2.0}},
           std::vector<AssignmentArc>{{0, 0, 2.0}, {0, 0, 7.0}, {0, 0, 5.0}},
       }) {
    const AssignmentSolution solution = solve_assignment(problem_of(1, 1, arcs, {3.0}));
    CHECK(solution.column_of_row == std::vector<std::uint32_t>{0});
    CHECK(solution.total_cost == 2.0);
  }
}

TEST_CASE("assignment: more rows than columns, and more columns than rows") {
  const AssignmentSolution tall =
      solve_assignment(problem_of(3, 1, {{0, 0, 3.0}, {1, 0, 1.0}, {2, 0, 2.0}}, {5.0, 5.0, 5.0}));
  CHECK(tall.column_of_row == std::vector<std::uint32_t>{kUnassigned, 0, kUnassigned});
  CHECK(tall.total_cost == 11.0);

  const AssignmentSolution wide =
      solve_assignment(problem_of(1, 3, {{0, 0, 3.0}, {0, 1, 1.0}, {0, 2, 2.0}}, {5.0}));
  CHECK(wide.column_of_row == std::vector<std::uint32_t>{1});
  CHECK(wide.total_cost == 1.0);

  // Three rows compete for the first two of four columns; a chain of moves is needed.
  const AssignmentSolution chain = solve_assignment(problem_of(
      3, 4, {{0, 0, 1.0}, {0, 1, 2.0}, {1, 1, 1.0}, {1, 2, 4.0}, {2, 0, 1.0}, {2, 3, 9.0}},
      {50.0, 50.0, 50.0}));
  CHECK(chain.column_of_row == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(chain.total_cost == 7.0);
}

TEST_CASE("assignment: invalid input throws, naming the arc or row") {
  CHECK_THROWS_WITH_AS(solve_assignment(problem_of(2, 2, {{0, 0, 1.0}, {2, 0, 1.0}}, {0, 0})),
                       "assignment arc 1: row 2 out of range (rows = 2)", std::invalid_argument);
  CHECK_THROWS_WITH_AS(solve_assignment(problem_of(2, 2, {{1, 2, 1.0}}, {0, 0})),
                       "assignment arc 0: column 2 out of range (columns = 2)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(solve_assignment(problem_of(1, 1, {{0, 0, 1.0}, {0, 0, std::nan("")}}, {0})),
                       "assignment arc 1: cost is not finite", std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      solve_assignment(problem_of(1, 1, {{0, 0, -std::numeric_limits<double>::infinity()}}, {0})),
      "assignment arc 0: cost is not finite", std::invalid_argument);
  CHECK_THROWS_WITH_AS(solve_assignment(problem_of(2, 1, {}, {0})),
                       "assignment: unassigned_cost has 1 entries for 2 rows",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(
      solve_assignment(problem_of(2, 1, {}, {0, std::numeric_limits<double>::infinity()})),
      "assignment: unassigned_cost of row 1 is not finite", std::invalid_argument);
}

TEST_CASE("assignment: the answer does not depend on the order of the arcs") {
  std::mt19937 engine(20261129);
  for (int instance = 0; instance < 200; ++instance) {
    AssignmentProblem problem = random_problem(engine, 8, true);
    const AssignmentSolution first = solve_assignment(problem);
    std::shuffle(problem.arcs.begin(), problem.arcs.end(), engine);
    const AssignmentSolution second = solve_assignment(problem);
    CHECK(second.column_of_row == first.column_of_row);
    CHECK(second.total_cost == first.total_cost);
  }
}

TEST_CASE("assignment: optimal against a dense Hungarian method on crowded instances") {
  std::mt19937 engine(11);
  for (int instance = 0; instance < 100; ++instance) {
    const AssignmentProblem problem = crowded_line_problem(engine);
    CAPTURE(instance);
    const AssignmentSolution solution = solve_assignment(problem);
    check_valid(problem, solution);
    CHECK(solution.total_cost == dense_hungarian_optimum(problem));  // whole units: exact
  }
}

TEST_CASE("assignment: optimal against exhaustive search on small random instances") {
  std::mt19937 engine(7);
  for (const bool whole : {true, false}) {
    for (int instance = 0; instance < 1500; ++instance) {
      const AssignmentProblem problem = random_problem(engine, 6, whole);
      CAPTURE(instance);
      CAPTURE(whole);
      const AssignmentSolution solution = solve_assignment(problem);
      check_valid(problem, solution);
      const double optimum = brute_force_optimum(problem);
      if (whole)
        CHECK(solution.total_cost == optimum);  // whole-unit sums are exact
      else
        CHECK(solution.total_cost == doctest::Approx(optimum).epsilon(1e-9));
    }
  }
}
