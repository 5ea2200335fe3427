// The scenario's `trace` section: a replayed order and courier log (the Colombian logs'
// columns) instead of generated demand and fleets. See docs/scenario-format.md, "trace".
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "knightsim/trace_csv.hpp"
#include "scenario_sections.hpp"

namespace knightsim::scenario_values {
namespace {

/// The vehicles of the Colombian logs, with defaults for their cities (Cali, Bucaramanga,
/// Pereira): docs/scenario-format.md, "trace", gives the reasons.
std::vector<TraceVehicle> default_trace_vehicles() {
  return {{"motorcycle", 23.0, 3}, {"bicycle", 14.0, 2}, {"car", 18.0, 4}, {"walking", 5.0, 1}};
}

}  // namespace

bool Loader::read_vehicles(const Fields& trace, std::vector<TraceVehicle>& out) {
  out = default_trace_vehicles();
  const Node* node = trace.get("vehicles");
  const std::string path = trace.path("vehicles");
  if (node == nullptr || node->is_null()) return true;
  if (!node->is_map()) return wrong_type(*node, path, "a map of vehicle names");
  bool ok = true;
  for (const yaml_tree::Entry& entry : node->entries) {
    const std::string entry_path = join(path, entry.key);
    if (entry.key.empty()) {
      report(entry.key_origin, entry_path, "a vehicle name must not be empty");
      ok = false;
      continue;
    }
    auto vehicle = std::find_if(out.begin(), out.end(),
                                [&](const TraceVehicle& v) { return v.name == entry.key; });
    if (vehicle == out.end()) vehicle = out.insert(out.end(), TraceVehicle{entry.key});
    const Fields item(*this, &entry.value, entry_path, {"speed_kmh", "capacity"}, entry.key_origin);
    ok = item.valid() && ok;
    // The limits of a fleet's speed and capacity, for the same reasons.
    if (!item.number("speed_kmh", vehicle->speed_kmh, Limits{0.0, true, 120.0})) {
      ok = false;
    } else if (vehicle->speed_kmh < 1.0) {
      report(item.origin("speed_kmh"), item.path("speed_kmh"), "must be >= 1 (km/h)");
      ok = false;
    }
    ok = item.integer("capacity", vehicle->capacity, between(1.0, 20.0)) && ok;
  }
  return ok;
}

std::string Loader::resolve(const Node& node, const std::string& written) const {
  return resolve_scenario_path(file_, node, written);
}

void Loader::read_trace(const Fields& top, ScenarioSpec& spec, bool times_known) {
  if (!trace_present_) return;
  TraceSpec& trace = spec.trace;
  const Fields fields(*this, top.get("trace"), "trace", {"orders", "couriers", "vehicles"},
                      top.origin());
  if (!fields.valid()) return;
  const auto path_of = [&](std::string_view key, std::string& out) {
    if (!fields.required(key) || !fields.text(key, out)) return false;
    if (out.empty()) {
      report(fields.origin(key), fields.path(key), "must not be empty (a path to a CSV file)");
      return false;
    }
    return true;
  };
  bool ok = path_of("orders", trace.orders_path);
  ok = path_of("couriers", trace.couriers_path) && ok;
  const bool vehicles_ok = read_vehicles(fields, trace.vehicles);
  if (!ok) return;

  std::array<TraceCsvText, 2> files;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string_view key = i == 0 ? "orders" : "couriers";
    const std::string& written = i == 0 ? trace.orders_path : trace.couriers_path;
    files[i].file = resolve(*fields.get(key), written);
    std::string error;
    std::optional<std::string> text = read_text_file(files[i].file, error);
    if (!text) {
      const bool moved = files[i].file != written;
      report(fields.origin(key), fields.path(key),
             fmt::format("cannot read '{}'{}: {}", files[i].file,
                         moved ? " (relative to the scenario's directory)" : "", error));
      ok = false;
      continue;
    }
    files[i].text = std::move(*text);
  }
  if (!ok) return;

  TraceReadOptions options;
  // With a bad start the start's problem says it all; 00:00 keeps the logs' own problems.
  if (times_known) {
    options.start_time_of_day_ms = spec.start.hour * kMsPerHour + spec.start.minute * kMsPerMinute;
  }
  for (const TraceVehicle& vehicle : trace.vehicles) options.vehicle_names.push_back(vehicle.name);
  options.check_vehicles = vehicles_ok;
  options.margin_m = kTraceMarginM;
  options.max_side_m = kMaxCitySideM;
  TraceReadResult result = parse_trace(files[0], files[1], options);
  for (ScenarioProblem& problem : result.problems) problems_.push_back(std::move(problem));
  if (!result.ok()) return;
  trace.origin_lat_deg = result.origin_lat_deg;
  trace.origin_lng_deg = result.origin_lng_deg;
  trace.orders = std::move(result.orders);
  trace.couriers = std::move(result.couriers);

  // The city is the trace's: what the file says of its size is replaced.
  spec.city.width_m = result.width_m;
  spec.city.height_m = result.height_m;
  if (block_ok_) {
    const Node* city = top.get("city");
    const Node* block = city != nullptr ? city->find("block_m") : nullptr;
    const Origin& origin = block != nullptr  ? block->origin
                           : city != nullptr ? city->origin
                                             : fields.origin();
    check_block(origin, "city.block_m", spec.city, "the sides of the city the trace needs");
  }
}

}  // namespace knightsim::scenario_values
