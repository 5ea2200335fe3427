// SpatialGrid: membership, swap-remove, and the nearest-ring-first search with its lower bounds.
#include "knightsim/spatial_grid.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <vector>

namespace {

using knightsim::Point;
using knightsim::SpatialGrid;

/// Visit counts of every id, searching the whole grid.
std::vector<int> visit_all(const SpatialGrid& grid, Point p, std::size_t id_count) {
  std::vector<int> visits(id_count, 0);
  grid.nearest_first(
      p, [](double) { return true; }, [&](std::uint32_t id) { ++visits.at(id); });
  return visits;
}

std::set<std::uint32_t> ids_found(const SpatialGrid& grid, Point p) {
  std::set<std::uint32_t> found;
  grid.nearest_first(
      p, [](double) { return true; }, [&](std::uint32_t id) { found.insert(id); });
  return found;
}

/// Random points over a grid of `width` × `height` with cells of `cell`: mostly inside, some on
/// cell borders, on the grid's edges, and outside it.
class PointSource {
 public:
  PointSource(double width, double height, double cell, std::uint64_t seed)
      : width_(width), height_(height), cell_(cell), engine_(seed) {}

  Point next() { return {coordinate(width_), coordinate(height_)}; }

 private:
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }
  double coordinate(double limit) {
    switch (engine_() % 8) {
      case 0:
        return std::floor(uniform(0, limit / cell_ + 1)) * cell_;  // a cell border
      case 1:
        return uniform(-0.5 * limit, 0.0);  // before the grid
      case 2:
        return uniform(limit, 1.5 * limit);  // after it
      case 3:
        return engine_() % 2 == 0 ? 0.0 : limit;  // on its edge
      default:
        return uniform(0, limit);
    }
  }

  double width_, height_, cell_;
  std::mt19937_64 engine_;
};

}  // namespace

TEST_CASE("insert, remove, move, contains and size") {
  SpatialGrid grid(1000, 500, 100);
  CHECK(grid.size() == 0);
  CHECK(grid.cell_m() == 100);
  CHECK_FALSE(grid.contains(0));

  grid.insert(0, {50, 50});
  grid.insert(7, {950, 450});  // ids need not be inserted in order
  grid.insert(3, {500, 250});
  CHECK(grid.size() == 3);
  CHECK(grid.contains(0));
  CHECK(grid.contains(3));
  CHECK(grid.contains(7));
  CHECK_FALSE(grid.contains(1));
  CHECK_FALSE(grid.contains(100));  // beyond any id seen

  grid.remove(3);
  CHECK(grid.size() == 2);
  CHECK_FALSE(grid.contains(3));
  grid.remove(3);    // absent: no-op
  grid.remove(500);  // never seen: no-op
  CHECK(grid.size() == 2);

  grid.move(0, {900, 400});  // to another cell
  grid.move(0, {910, 410});  // within the cell
  grid.move(5, {10, 10});    // absent: inserted
  CHECK(grid.size() == 3);
  CHECK(grid.contains(5));
  CHECK(ids_found(grid, {0, 0}) == std::set<std::uint32_t>{0, 5, 7});

  // After the move, id 0 is found in its new cell, not its old one: the first ring around
  // (910, 410) holds ids 0 and 7 only.
  std::set<std::uint32_t> first_ring;
  int ring = -1;
  grid.nearest_first(
      {910, 410}, [&](double) { return ++ring == 0; },
      [&](std::uint32_t id) { first_ring.insert(id); });
  CHECK(first_ring == std::set<std::uint32_t>{0, 7});
}

TEST_CASE("an empty grid calls nothing") {
  SpatialGrid grid(1000, 1000, 100);
  int calls = 0;
  grid.nearest_first(
      {500, 500}, [&](double) { return ++calls, true; }, [&](std::uint32_t) { ++calls; });
  CHECK(calls == 0);
  grid.insert(1, {1, 1});
  grid.remove(1);
  grid.nearest_first(
      {500, 500}, [&](double) { return ++calls, true; }, [&](std::uint32_t) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("nearest_first visits every item exactly once when never stopped") {
  // A grid whose size is not a multiple of the cell, so the last row and column are partial.
  constexpr double kWidth = 1050, kHeight = 730, kCell = 100;
  PointSource points(kWidth, kHeight, kCell, 1);
  SpatialGrid grid(kWidth, kHeight, kCell);
  constexpr std::uint32_t kItems = 300;
  for (std::uint32_t id = 0; id < kItems; ++id) grid.insert(id, points.next());

  int bad_queries = 0;
  for (int q = 0; q < 200; ++q) {
    const auto visits = visit_all(grid, points.next(), kItems);
    if (std::any_of(visits.begin(), visits.end(), [](int v) { return v != 1; })) ++bad_queries;
  }
  CHECK(bad_queries == 0);
}

TEST_CASE("ring lower bounds hold for every item visited after them") {
  int cases = 0, violations = 0, positive_bounds = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    // Vary the shape: square, wide, tall, a single row, cells larger than the grid.
    const double width = 200.0 + static_cast<double>(seed % 5) * 450.0;
    const double height = seed % 7 == 0 ? 50.0 : 300.0 + static_cast<double>(seed % 3) * 400.0;
    const double cell = seed % 11 == 0 ? 2000.0 : 60.0 + static_cast<double>(seed % 4) * 45.0;
    PointSource points(width, height, cell, seed);
    SpatialGrid grid(width, height, cell);
    std::vector<Point> where;
    const auto items = static_cast<std::uint32_t>(5 + seed * 3);
    for (std::uint32_t id = 0; id < items; ++id) {
      where.push_back(points.next());
      grid.insert(id, where.back());
    }
    for (int q = 0; q < 50; ++q) {
      const Point p = points.next();
      double bound = 0.0;
      grid.nearest_first(
          p,
          [&](double lower_bound_m) {
            bound = lower_bound_m;
            if (bound > 0) ++positive_bounds;
            return true;
          },
          [&](std::uint32_t id) {
            // Tolerance for the rounding of cell arithmetic, far below any real distance.
            if (knightsim::euclidean_m(p, where[id]) < bound - 1e-9) ++violations;
          });
      ++cases;
    }
  }
  CHECK(cases == 2000);
  CHECK(violations == 0);
  CHECK(positive_bounds > 1000);  // the bounds are not trivially zero
}

TEST_CASE("a search that stops once the bound passes the best distance finds the nearest") {
  constexpr double kWidth = 2000, kHeight = 1500, kCell = 100;
  PointSource points(kWidth, kHeight, kCell, 2);
  SpatialGrid grid(kWidth, kHeight, kCell);
  std::vector<Point> where;
  for (std::uint32_t id = 0; id < 200; ++id) {
    where.push_back(points.next());
    grid.insert(id, where.back());
  }

  int wrong = 0;
  std::size_t visited = 0;
  for (int q = 0; q < 1000; ++q) {
    const Point p = points.next();
    double best = std::numeric_limits<double>::infinity();
    grid.nearest_first(
        p, [&](double lower_bound_m) { return lower_bound_m < best; },
        [&](std::uint32_t id) {
          ++visited;
          best = std::min(best, knightsim::euclidean_m(p, where[id]));
        });
    double brute = std::numeric_limits<double>::infinity();
    for (const Point item : where) brute = std::min(brute, knightsim::euclidean_m(p, item));
    if (std::abs(best - brute) > 1e-9) ++wrong;
  }
  CHECK(wrong == 0);
  // Stopping early actually prunes: far fewer visits than a full scan (200 per query).
  CHECK(visited < 1000 * 200 / 4);
}

TEST_CASE("swap-remove keeps the other items of the cell findable") {
  SpatialGrid grid(1000, 1000, 100);
  std::set<std::uint32_t> expected;
  for (std::uint32_t id = 0; id < 10; ++id) {
    grid.insert(id, {150.0 + static_cast<double>(id), 150});  // all in one cell
    expected.insert(id);
  }
  grid.insert(10, {850, 850});  // and one elsewhere
  expected.insert(10);

  // Remove from the middle, the front and the back of the cell's list; then remove the item
  // that was swapped into a hole, which only works if its slot was updated.
  for (const std::uint32_t id : {3U, 0U, 9U, 8U, 5U}) {
    CAPTURE(id);
    grid.remove(id);
    expected.erase(id);
    CHECK_FALSE(grid.contains(id));
    CHECK(grid.size() == expected.size());
    CHECK(ids_found(grid, {150, 150}) == expected);
    const auto visits = visit_all(grid, {500, 500}, 11);
    CHECK(std::count(visits.begin(), visits.end(), 1) ==
          static_cast<std::ptrdiff_t>(expected.size()));
  }
  // Moving an item whose slot changed, and reinserting a removed id.
  grid.move(7, {950, 50});
  grid.insert(3, {150, 150});
  expected.insert(3);
  CHECK(ids_found(grid, {0, 0}) == expected);
  CHECK(grid.size() == expected.size());
}
