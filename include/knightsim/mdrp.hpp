#pragma once
/// The Meal Delivery Routing Problem (Grubhub MDRP benchmark): instances, solutions, the rules a
/// solution must keep, and the standard measures. The structs and `travel_minutes` are plain
/// data and header-only, so an MDRP simulation mode in the engine can use them; the loaders,
/// writers and the checker are front-end code in knightsim_io. Rules, formats and conventions
/// are documented in docs/mdrp.md.
///
/// Time is in minutes since the instance's time zero. Instance times are whole minutes; solution
/// times may end in .5, because half of each service time is spent before the pickup or drop-off
/// and half after, and service times may be odd.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace knightsim {

// ---------------------------------------------------------------------------------------------
// Instance

/// A point of the instance plane, in metres.
struct MdrpPoint {
  double x_m = 0.0;
  double y_m = 0.0;
};

/// instance_parameters.txt (one row).
struct MdrpParameters {
  double meters_per_minute = 0.0;     ///< courier speed; > 0
  int pickup_service_min = 0;         ///< at the restaurant, half before and half after pickup
  int dropoff_service_min = 0;        ///< at the customer, half before and half after drop-off
  int target_click_to_door_min = 0;   ///< the service target (overage is measured beyond it)
  int maximum_click_to_door_min = 0;  ///< informative; not a feasibility rule
  double pay_per_order = 0.0;         ///< courier pay per delivered order
  double guaranteed_pay_per_hour = 0.0;
};

struct MdrpRestaurant {
  std::string id;
  MdrpPoint position;
};

struct MdrpOrder {
  std::string id;
  MdrpPoint position;  ///< the customer
  int placement_min = 0;
  std::size_t restaurant = 0;  ///< index into MdrpInstance::restaurants
  int ready_min = 0;           ///< >= placement_min
};

struct MdrpCourier {
  std::string id;
  MdrpPoint position;  ///< where the courier is at on_min
  int on_min = 0;
  int off_min = 0;  ///< > on_min; no pickup at or after it
};

/// An MDRP instance. Ids are unique across restaurants and orders and never "0" (the loader
/// checks), because solution files name places by these ids.
struct MdrpInstance {
  MdrpParameters parameters;
  std::vector<MdrpRestaurant> restaurants;
  std::vector<MdrpOrder> orders;
  std::vector<MdrpCourier> couriers;

  /// Id → index maps; filled by the loader, or call rebuild_index() after building by hand.
  std::unordered_map<std::string, std::size_t> restaurant_index;
  std::unordered_map<std::string, std::size_t> order_index;
  std::unordered_map<std::string, std::size_t> courier_index;

  void rebuild_index();
  std::optional<std::size_t> find_restaurant(std::string_view id) const;
  std::optional<std::size_t> find_order(std::string_view id) const;
  std::optional<std::size_t> find_courier(std::string_view id) const;
};

/// The MDRP travel rule: ceil(euclidean metres / meters_per_minute) whole minutes.
inline int travel_minutes(MdrpPoint a, MdrpPoint b, double meters_per_minute) {
  const double metres = std::hypot(a.x_m - b.x_m, a.y_m - b.y_m);
  return static_cast<int>(std::ceil(metres / meters_per_minute));
}

/// One problem in an instance or solution file. line and column are 1-based; 0 when unknown.
struct MdrpProblem {
  std::string file;  ///< path of the file
  int line = 0;
  int column = 0;
  std::string field;  ///< column name; empty when the problem is not about one field
  std::string message;
  /// "dir/orders.txt:12:9: ready_time: must not be before placement_time (743)"
  std::string format() const;
};

struct MdrpLoadResult {
  std::optional<MdrpInstance> instance;  ///< set only when there are no problems
  std::vector<MdrpProblem> problems;
  bool ok() const { return instance.has_value(); }
};

/// Reads orders.txt, restaurants.txt, couriers.txt and instance_parameters.txt from `dir`
/// (tab-separated, exact header names) and reports every problem found.
MdrpLoadResult load_mdrp_instance(const std::string& dir);

// ---------------------------------------------------------------------------------------------
// Solution

/// File names of a solution directory.
inline constexpr const char* kMdrpAssignmentsFile = "solution_info_assignments.txt";
inline constexpr const char* kMdrpOrdersFile = "solution_info_orders.txt";
inline constexpr const char* kMdrpCouriersFile = "solution_info_couriers.txt";

/// Where a move starts or ends: "0" for the courier's start position, otherwise a restaurant
/// id or an order id (that order's customer).
inline constexpr std::string_view kMdrpStartPosition = "0";

/// A row of solution_info_assignments.txt: a courier gets a bundle of orders from one
/// restaurant, listed in drop-off sequence.
struct MdrpAssignment {
  double assignment_min = 0.0;
  double pickup_min = 0.0;
  std::string courier;
  std::vector<std::string> orders;
  int line = 0;  ///< in the file, for messages; 0 when built in memory
};

/// A row of solution_info_orders.txt. Undelivered orders have no pickup, drop-off or courier.
struct MdrpOrderRecord {
  std::string order;
  double placement_min = 0.0;
  double ready_min = 0.0;
  std::optional<double> pickup_min;
  std::optional<double> dropoff_min;
  std::string courier;  ///< empty when undelivered
  int line = 0;
};

/// A row of solution_info_couriers.txt: the courier leaves `origin` at `departure_min` and
/// arrives at `destination` travel_minutes later.
struct MdrpMove {
  std::string courier;
  double departure_min = 0.0;
  std::string origin;
  std::string destination;
  int line = 0;
};

/// The three solution files, rows in file order.
struct MdrpSolution {
  std::vector<MdrpAssignment> assignments;
  std::vector<MdrpOrderRecord> orders;
  std::vector<MdrpMove> moves;
};

struct MdrpSolutionLoadResult {
  std::optional<MdrpSolution> solution;  ///< set only when there are no problems
  std::vector<MdrpProblem> problems;
  bool ok() const { return solution.has_value(); }
};

/// Reads the three solution files of `dir` (whitespace-separated, one header line each). Only
/// the syntax is checked here; ids and rules are check_mdrp_solution's business.
MdrpSolutionLoadResult load_mdrp_solution(const std::string& dir);

/// A time as written in solution files: shortest exact decimal, "12", "12.5".
std::string format_mdrp_minutes(double minutes);

/// Each file as text (tab-separated, header line first).
void write_mdrp_assignments(std::ostream& out, const MdrpSolution& solution);
void write_mdrp_orders(std::ostream& out, const MdrpSolution& solution);
void write_mdrp_moves(std::ostream& out, const MdrpSolution& solution);
/// Writes the three files into `dir` (created if needed), each atomically; throws OutputError.
void write_mdrp_solution(const std::filesystem::path& dir, const MdrpSolution& solution);

// ---------------------------------------------------------------------------------------------
// Check and measures

/// Times closer than this (minutes) are equal: solution files carry decimals.
inline constexpr double kMdrpTimeTolerance = 1e-6;

/// One broken rule. `rule` is a short stable tag (see docs/mdrp.md) for tests and tools.
struct MdrpViolation {
  std::string rule;     ///< e.g. "pickup_service"
  std::string message;  ///< names the file row, courier and orders involved
};

struct MdrpCheckReport {
  std::vector<MdrpViolation> violations;
  bool valid() const { return violations.empty(); }
  bool has(std::string_view rule) const;
};

/// Where `place` is for courier index `courier`: "0" is its start position, otherwise a
/// restaurant or an order's customer; nullopt for an unknown id.
std::optional<MdrpPoint> mdrp_place_position(const MdrpInstance& instance, std::size_t courier,
                                             std::string_view place);

/// Checks a solution against the instance under the MDRP rules (docs/mdrp.md) and lists every
/// violation found.
MdrpCheckReport check_mdrp_solution(const MdrpInstance& instance, const MdrpSolution& solution);

/// Distribution of a sample in minutes (nearest-rank percentiles). All zero when empty.
struct MdrpMinutesStats {
  std::uint64_t count = 0;
  double mean = 0.0;
  double p10 = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
  double max = 0.0;
};

/// The standard MDRP measures of a solution.
struct MdrpMeasures {
  std::uint64_t orders = 0;
  std::uint64_t orders_delivered = 0;
  std::uint64_t bundles = 0;  ///< assignments
  std::uint64_t couriers = 0;
  double courier_hours = 0.0;            ///< sum of shifts (off - on)
  MdrpMinutesStats click_to_door_min;    ///< drop-off - placement
  MdrpMinutesStats ready_to_door_min;    ///< drop-off - ready
  MdrpMinutesStats ready_to_pickup_min;  ///< pickup - ready
  double within_target_share = 0.0;      ///< delivered with click-to-door <= target
  double overage_mean_min = 0.0;         ///< mean of max(0, click-to-door - target), delivered
  double orders_per_courier_hour = 0.0;
  double bundles_per_courier_hour = 0.0;
  double bundle_size_mean = 0.0;
  double driving_min = 0.0;  ///< sum of travel over all moves
  double service_min = 0.0;  ///< pickup service per bundle + drop-off service per order
  double utilization = 0.0;  ///< (driving + service) / shift minutes, all couriers
  double pay_total = 0.0;    ///< sum over couriers of max(per-order pay, hourly guarantee)
  double pay_per_order_delivered = 0.0;
  std::uint64_t couriers_paid_guarantee = 0;  ///< couriers whose guarantee exceeds order pay
};

/// Measures of a solution; meaningful for a solution that check_mdrp_solution accepts.
MdrpMeasures compute_mdrp_measures(const MdrpInstance& instance, const MdrpSolution& solution);
/// The measures as a JSON object (keys documented in docs/mdrp.md).
void write_mdrp_measures_json(std::ostream& out, const MdrpMeasures& measures);
/// The measures as the table `knightsim mdrp-check` prints.
std::string format_mdrp_measures_table(const MdrpMeasures& measures);

}  // namespace knightsim
