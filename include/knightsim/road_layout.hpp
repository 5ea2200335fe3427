#pragma once
/// Generated road networks from a handful of parameters: a grid with arterials, rings and
/// radials, or irregular "organic" blocks, over a rectangle or clipped to a land polygon.
/// Deterministic for a given spec and seed.

#include <cstdint>

#include "knightsim/land.hpp"
#include "knightsim/map_spec.hpp"
#include "knightsim/road_graph.hpp"

namespace knightsim {

/// Lays out roads over [origin, origin + (width_m, height_m)]. With `clip`, only nodes inside
/// the polygon are kept, with the edges between them; components cut off by the clipping are
/// left in (the oracle keeps per-component answers; the map builder joins or drops them).
/// The result is not finalized (callers append several layouts, then finalize once).
RoadGraph generate_roads(const RoadLayoutSpec& spec, Point origin, double width_m, double height_m,
                         const Polygon* clip, std::uint64_t seed);

}  // namespace knightsim
