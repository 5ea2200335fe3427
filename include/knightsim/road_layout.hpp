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
/// the polygon are kept, with the edges between them that stay on land (none across a bay).
/// Pieces cut off by the clipping are dropped: the result is the largest strongly connected
/// component for bikes (possibly empty, for land smaller than a block). Every layout is built
/// strongly connected for bikes, so without a clip nothing is dropped.
/// The result is not finalized (callers append several layouts, then finalize once).
/// Throws std::invalid_argument for a non-positive width, height or block_m, or a block_m so
/// small the grid would exceed 20 million intersections.
RoadGraph generate_roads(const RoadLayoutSpec& spec, Point origin, double width_m, double height_m,
                         const Polygon* clip, std::uint64_t seed);

}  // namespace knightsim
