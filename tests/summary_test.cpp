// Summary statistics shared by the run summary and the MDRP measures.
#include <doctest/doctest.h>

#include <vector>

#include "knightsim/summary.hpp"

using namespace knightsim;

TEST_CASE("nearest_rank_percentile picks the smallest value with p% at or below it") {
  const std::vector<double> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(nearest_rank_percentile(ten, 10) == 1);
  CHECK(nearest_rank_percentile(ten, 50) == 5);
  CHECK(nearest_rank_percentile(ten, 51) == 6);
  CHECK(nearest_rank_percentile(ten, 90) == 9);
  CHECK(nearest_rank_percentile(ten, 95) == 10);
  CHECK(nearest_rank_percentile(ten, 100) == 10);
  CHECK(nearest_rank_percentile({7.5}, 50) == 7.5);
  CHECK(nearest_rank_percentile({}, 50) == 0.0);
}
