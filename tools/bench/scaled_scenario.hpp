#pragma once
/// Benchmarks scale a scenario up to a target number of orders and riders by tiling its city
/// (shared by knightsim_bench and knightsim_bench_view).

#include "knightsim/scenario.hpp"

namespace knightsim::bench {

/// The base city tiled k × k times (k² copies of its hotspots and stations side by side, its
/// merchants and uniform base mass multiplied by k²), with k the smallest tiling that keeps the
/// riders no denser than in the base scenario; fleets scaled to `target_riders` and demand to
/// `target_orders`. Tiling, not stretching, keeps trip lengths and station spacing realistic.
ScenarioSpec scaled(ScenarioSpec spec, double target_orders, int target_riders);

}  // namespace knightsim::bench
