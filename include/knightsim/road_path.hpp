#pragma once
/// A rider's way from one place to another: the corners of an analytic-grid path, or the timed
/// points of a road-graph path (with any ferry crossings on it). Riders follow it, so where a
/// rider is at any time lies on a road (or on a ferry's crossing line).

#include <cstdint>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

/// A sailing taken on the way: the rider waits at `from_pier` until board_ms and lands at
/// `to_pier` at land_ms.
struct FerryCrossing {
  std::uint32_t sailing = 0;  ///< index into the run's FerrySchedule
  SimTime arrive_at_pier_ms = 0;
  SimTime board_ms = 0;
  SimTime land_ms = 0;
  Point from_pier;
  Point to_pier;
};

struct RoadPath {
  // --- analytic grid: up to five corners; the position moves by share of length ---
  static constexpr int kMaxWaypoints = 5;
  Point waypoints[kMaxWaypoints];
  int waypoint_count = 0;
  double street_m = 0.0;    ///< metres on ordinary streets
  double arterial_m = 0.0;  ///< metres on arterials

  // --- road graph: points with the time the rider passes each (absolute SimTime). Two points
  // at one place with different times are a wait (at a pier); a crossing is a straight line. ---
  std::vector<Point> points;
  std::vector<SimTime> at_ms;
  double graph_length_m = 0.0;  ///< metres ridden (roads only, not the sea)
  std::vector<FerryCrossing> crossings;

  bool timed() const { return !points.empty(); }
  double length_m() const { return timed() ? graph_length_m : street_m + arterial_m; }
  Point start() const { return timed() ? points.front() : waypoints[0]; }
  Point end() const { return timed() ? points.back() : waypoints[waypoint_count - 1]; }
};

/// Position along an analytic-grid path after covering `fraction` (0..1) of its length.
Point point_along(const RoadPath& path, double fraction);
/// Position along a timed path at time t (clamped to its ends).
Point point_at(const RoadPath& path, SimTime t);
/// Metres ridden on a timed path by time t (ferry crossings excluded).
double ridden_by_m(const RoadPath& path, SimTime t);
/// The crossing under way at t (boarded and not landed), or null.
const FerryCrossing* crossing_at(const RoadPath& path, SimTime t);

}  // namespace knightsim
