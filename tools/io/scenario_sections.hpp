#pragma once
// The scenario schema's reader (Loader), shared by the files that read its sections:
// scenario_loader.cpp (the top level, city, stations, merchants, demand, riders, dispatch and
// --set), scenario_weather_section.cpp (weather and the sea) and scenario_trace_section.cpp
// (replayed logs). The map and the welfare sections have loaders of their own.

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knightsim/scenario.hpp"
#include "scenario_map_loader.hpp"
#include "scenario_values.hpp"

namespace knightsim::scenario_values {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Upper bounds that catch typos (a count of 1e9, a block of 1.2 m) before the engine tries to
// allocate for them; real scenarios are far below.
inline constexpr double kMaxCount = 1'000'000;
// The Beaufort scale's top: hurricane force.
inline constexpr double kMaxWindForce = 12.0;
// Room between a trace's outermost positions and the city's edges, so that no rider or
// customer sits exactly on the edge of the grid.
inline constexpr double kTraceMarginM = 500.0;

/// The schema: reads each section into the spec, with the cross-field checks.
class Loader : public Reader {
 public:
  Loader(std::string file, std::vector<ScenarioProblem>& problems)
      : Reader(file, problems), file_(file), problems_(problems), map_(*this, std::move(file)) {}

  ScenarioSpec read(const Node& root);

 private:
  void read_city(const Fields& top, ScenarioSpec& spec);
  void read_stations(const Fields& top, ScenarioSpec& spec);
  void read_merchants(const Fields& top, ScenarioSpec& spec);
  void read_demand(const Fields& top, ScenarioSpec& spec);
  void read_riders(const Fields& top, ScenarioSpec& spec);
  void read_dispatch(const Fields& top, ScenarioSpec& spec);
  void read_weather(const Fields& top, ScenarioSpec& spec, bool times_known);
  void read_marine(const Fields& weather, ScenarioSpec& spec, bool times_known);
  /// The time since the start of a timeline entry: `at`, a clock time (the first time the
  /// clock shows it at or after `from_ms` since the start), or `after`, a duration. Nullopt if
  /// neither or both are given, or the value is bad (reported), or the start is unknown.
  /// `key` is set to the key given.
  std::optional<SimTime> entry_time(const Fields& item, SimTime start_of_day, SimTime from_ms,
                                    bool times_known, std::string_view& key);
  void read_trace(const Fields& top, ScenarioSpec& spec, bool times_known);
  bool read_vehicles(const Fields& trace, std::vector<TraceVehicle>& out);
  /// The file a trace path names: from the file, relative to the scenario's directory; from
  /// `--set`, as given (relative to the current directory, like any command-line path).
  std::string resolve(const Node& node, const std::string& written) const;
  /// block_m against the city's sides (`sides` names them in the message).
  void check_block(const Origin& origin, const std::string& field, const CitySpec& city,
                   std::string_view sides);
  void read_profile(const Node& node, const std::string& field, std::array<double, 24>& out);
  /// A duration > 0 and in [min_ms, max_ms]; like Fields::duration otherwise.
  bool duration_within(const Fields& fields, std::string_view key, SimTime& out, SimTime min_ms,
                       SimTime max_ms);
  void check_inside_city(const Fields& fields, std::string_view key, double value, double limit);
  /// A station's or hotspot's position: x_m and y_m, or lat and lon on a geographic map; inside
  /// the city, and on an island when there are islands. False if bad (reported).
  bool read_position(const Fields& item, const CitySpec& city, double& x_m, double& y_m);

  struct StationRef {
    Origin origin;
    std::string field;
    std::string name;
  };

  std::string file_;
  std::vector<ScenarioProblem>& problems_;  // the Reader's too: trace problems name CSV files
  bool trace_present_ = false;              // then merchants and fleets are not needed
  bool city_ok_ = true;
  bool block_ok_ = true;
  // Merchants per category, for the demand cross-check; unknown if a merchant group was bad.
  std::array<long long, kMerchantCategoryCount> merchants_of_{};
  bool merchants_known_ = true;
  std::vector<StationRef> fleet_stations_;  // checked once the stations are read
  MapLoader map_;
};

}  // namespace knightsim::scenario_values
