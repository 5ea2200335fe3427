#pragma once
/// The generated city: a grid of streets `block_m` apart, every n-th street an arterial where
/// riders go faster. Travel follows the quickest of a few Manhattan-style paths (streets only,
/// or via the nearest arterials), stretched by a detour factor for one-ways, crossings and
/// building entrances. Later map sources (road graphs) will answer the same questions.

#include "knightsim/geometry.hpp"
#include "knightsim/road_path.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

class City {
 public:
  explicit City(const CitySpec& spec);

  double width_m() const { return spec_.width_m; }
  double height_m() const { return spec_.height_m; }
  /// Distance between arterials, metres.
  double arterial_spacing_m() const { return arterial_spacing_m_; }
  const CitySpec& spec() const { return spec_; }
  Point centre() const { return {spec_.width_m / 2, spec_.height_m / 2}; }
  Point clamp(Point p) const;

  /// Quickest path from a to b (streets vs arterials weighed by arterial_speed_factor). Both
  /// points must lie in the city (clamp() them); outside it the model is not meaningful.
  RoadPath path(Point from, Point to) const;
  /// Time to ride `path` at `street_speed_kmh` (arterials are arterial_speed_factor faster).
  SimTime travel_time_ms(const RoadPath& path, double street_speed_kmh) const;
  /// travel_time_ms(path(from, to), speed), without building the path (the dispatch hot path).
  SimTime travel_time_ms(Point from, Point to, double street_speed_kmh) const;
  /// A lower bound on the travel time over straight-line distance `straight_m` at
  /// `street_speed_kmh`: every path is at least that long and no faster than an arterial.
  SimTime travel_time_lower_bound_ms(double straight_m, double street_speed_kmh) const;

 private:
  CitySpec spec_;
  double arterial_spacing_m_;
};

}  // namespace knightsim
