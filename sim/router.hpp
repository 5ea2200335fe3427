#pragma once
// The run's way-finder: travel times and paths on whichever map the scenario has. On the
// analytic grid it is the closed-form City; on a road graph it asks the travel-time oracle of
// the rider's mode and, where water lies between, searches the ferry timetable for the
// earliest arrival (a time-dependent search over piers). Dispatch asks for estimates (fast,
// bounded error), movement for exact paths.

#include <memory>
#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/ferry_schedule.hpp"
#include "knightsim/road_map.hpp"
#include "knightsim/road_path.hpp"
#include "knightsim/scenario.hpp"

namespace knightsim {

/// A travel time for "cannot get there before the run ends" (every sailing cancelled).
inline constexpr SimTime kUnreachableMs = 1'000 * kMsPerDay;

class Router {
 public:
  /// `map` null: the analytic grid. `ferries` may be null when the map has none.
  Router(const City& city, std::shared_ptr<const RoadMap> map, FerrySchedule* ferries);

  bool on_graph() const { return map_ != nullptr; }
  /// The mode places are snapped for and distances measured in (bikes when built).
  TravelMode main_mode() const { return main_mode_; }
  const RoadMap* map() const { return map_.get(); }

  /// Where a place generated at p really is: on the analytic grid p itself, on a road graph the
  /// nearest road node of the map's main mode (so shops, doors and stations are on roads).
  Point snap(Point p) const;
  /// Which land mass a place is on: the road component of its nearest node (main mode), so
  /// places joined by bridges share one; 0 for every place on the analytic grid.
  std::uint32_t land_of(Point p) const;
  /// Metres by road between two places (pay and promises); ferry crossings not counted.
  double road_distance_m(Point from, Point to, TravelMode mode);

  /// The rider's path from `from` to `to` leaving at `depart_ms` at `speed_kmh`, with the time
  /// of every point; books a seat on each sailing it takes. Returns the arrival time.
  SimTime plan_leg(Point from, Point to, double speed_kmh, TravelMode mode, SimTime depart_ms,
                   RoadPath& out);
  /// The path when nothing can take the rider to `to` before the run ends (every sailing left
  /// is cancelled): it rides to the most promising pier and waits there; arrival is
  /// depart_ms + kUnreachableMs.
  SimTime plan_stranded(Point from, Point to, double speed_kmh, TravelMode mode, SimTime depart_ms,
                        RoadPath& out);
  /// Gives back the seats of sailings on `path` not yet boarded at `now_ms`.
  void release_seats(const RoadPath& path, SimTime now_ms);

  /// Travel time for dispatch decisions: exact on the analytic grid, the oracle's estimate on a
  /// road graph (with the timetable searched when the trip may need a ferry).
  SimTime dispatch_time_ms(Point from, Point to, double speed_kmh, TravelMode mode,
                           SimTime depart_ms) const;
  /// Never more than any travel time over straight-line distance `straight_m` at `speed_kmh`.
  SimTime lower_bound_ms(double straight_m, double speed_kmh) const;

 private:
  /// One part of a trip: a ride on roads between two points, or a sailing.
  struct Hop {
    bool sailing = false;
    Point from, to;
    NodeId from_node = kNoNode, to_node = kNoNode;
    SimTime start_ms = 0;  ///< road: departure; sailing: arrival at the pier
    SimTime end_ms = 0;    ///< road: arrival; sailing: landing
    std::uint32_t sailing_index = 0;
  };
  /// Earliest arrival from a to b leaving at t; `exact` chooses CH costs or estimates for the
  /// road parts. Fills `hops` (road parts and sailings, in order) when not null.
  SimTime earliest_arrival(Point a, Point b, double speed_kmh, TravelMode mode, SimTime t,
                           bool exact, std::vector<Hop>* hops) const;
  SimTime road_time_ms(double cost_m, double speed_kmh) const;
  double road_cost(Point a, NodeId na, Point b, NodeId nb, TravelMode mode, bool exact) const;
  /// Appends the road part `hop` to `out`, its points timed over [hop.start_ms, hop.end_ms].
  void append_road(const Hop& hop, TravelMode mode, RoadPath& out) const;

  const City& city_;
  std::shared_ptr<const RoadMap> map_;
  FerrySchedule* ferries_;
  TravelMode main_mode_ = TravelMode::bike;
  double min_crossing_ms_ = 0.0;
  double fastest_water_m_per_ms_ = 0.0;
  mutable std::vector<std::unique_ptr<OracleQuery>> queries_;  ///< per mode
  mutable std::vector<NodeId> path_nodes_;                     // scratch of append_road
  mutable std::vector<Point> points_;
  mutable std::vector<double> cost_to_;
  std::vector<Hop> hops_;
};

}  // namespace knightsim
