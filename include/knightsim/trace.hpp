#pragma once
/// Trace-driven worlds: orders and riders replayed from logs (the Colombian order and courier
/// logs' columns) instead of generated. The front end reads the CSV files and projects
/// latitude/longitude to the scenario's metre plane; the engine sees only this plain data.

#include <string>
#include <vector>

#include "knightsim/geometry.hpp"
#include "knightsim/sim_time.hpp"

namespace knightsim {

/// One logged order. Times are since scenario start; a log time of day earlier than the
/// placement is on the next day.
struct TraceOrder {
  std::string id;
  Point pickup;   ///< metres, scenario plane
  Point dropoff;  ///< metres, scenario plane
  SimTime placed_ms = 0;
  SimTime ready_ms = 0;     ///< >= placed_ms
  SimTime promised_ms = 0;  ///< the log's expected drop-off time; >= placed_ms
};

/// One logged courier shift.
struct TraceCourier {
  std::string id;
  std::string vehicle;  ///< a name in TraceSpec::vehicles
  Point start;          ///< where the courier is when the shift starts
  SimTime on_ms = 0;
  SimTime off_ms = 0;  ///< > on_ms; no pickup at or after it
};

/// Speed and capacity of one vehicle type.
struct TraceVehicle {
  std::string name;
  double speed_kmh = 18.0;
  int capacity = 2;
};

struct TraceSpec {
  std::string orders_path;      ///< as written in the scenario (for reports)
  std::string couriers_path;    ///< as written in the scenario (for reports)
  double origin_lat_deg = 0.0;  ///< the projection's origin: (0, 0) in metres is here
  double origin_lng_deg = 0.0;
  std::vector<TraceVehicle> vehicles;
  std::vector<TraceOrder> orders;      ///< sorted by placed_ms, then id
  std::vector<TraceCourier> couriers;  ///< in file order
  bool enabled() const { return !orders_path.empty(); }
};

}  // namespace knightsim
