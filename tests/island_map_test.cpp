// Riders on an island map: ferry crossings keep to the timetable, suspended sailings carry
// nobody, positions stay on roads or crossing lines, and wind costs the island its service.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "fixtures.hpp"
#include "knightsim/ferry_schedule.hpp"
#include "knightsim/road_map.hpp"
#include "knightsim/simulation.hpp"
#include "knightsim/summary.hpp"

using namespace knightsim;

namespace {

/// Island world where Isle has more customers than its own riders can serve, so Main's riders
/// cross to it (and back).
ScenarioSpec busy_isle() {
  ScenarioSpec spec = testing::island_world(12, 1, 150);
  spec.map.islands[1].population = 60000;
  return spec;
}

/// Distance from p to the nearest road segment or ferry crossing line of the map.
double off_network_m(const RoadMap& map, Point p) {
  double nearest = std::numeric_limits<double>::infinity();
  const RoadGraph& graph = map.graph();
  for (const RoadEdge& edge : graph.edges()) {
    nearest = std::min(
        nearest, distance_to_segment_m(p, graph.position(edge.from), graph.position(edge.to)));
  }
  for (std::size_t route = 0; route < map.spec().ferries.size(); ++route) {
    const FerryPiers& piers = map.piers(route, TravelMode::bike);
    nearest = std::min(nearest, distance_to_segment_m(p, graph.position(piers.from_node),
                                                      graph.position(piers.to_node)));
  }
  return nearest;
}

bool is_timetabled(const FerrySpec& ferry, const Sailing& sailing, const ScenarioClock& clock) {
  const auto& times = sailing.outbound ? ferry.departures_from_ms : ferry.departures_to_ms;
  return std::find(times.begin(), times.end(), clock.time_of_day_ms(sailing.depart_ms)) !=
         times.end();
}

}  // namespace

TEST_CASE("riders cross by ferry at timetabled departures and land a crossing time later") {
  Simulation sim(busy_isle(), 3);
  sim.run();
  const FerrySchedule* schedule = sim.ferry_schedule();
  REQUIRE(schedule != nullptr);
  REQUIRE(sim.ferry_trips().size() > 5);
  const FerrySpec& ferry = sim.spec().map.ferries[0];
  for (const FerryTrip& trip : sim.ferry_trips()) {
    const Sailing& sailing = schedule->sailing(trip.sailing);
    CHECK(trip.board_ms == sailing.depart_ms);
    CHECK(trip.reached_pier_ms <= trip.board_ms);
    CHECK(sailing.arrive_ms == sailing.depart_ms + ferry.crossing_ms);
    CHECK(is_timetabled(ferry, sailing, sim.clock()));
    CHECK_FALSE(sailing.cancelled);
  }
}

TEST_CASE("a suspended sailing never carries anyone") {
  ScenarioSpec spec = busy_isle();
  // Force 9 around Isle for the middle hour: conventional ferries stop at force 8.
  spec.weather.marine = {{30 * kMsPerMinute, "Isle", 9, 10}, {90 * kMsPerMinute, "Isle", 3, 10}};
  Simulation sim(spec, 3);
  sim.run();
  const FerrySchedule* schedule = sim.ferry_schedule();
  REQUIRE(schedule->sailings_cancelled() >= 5);
  for (const Sailing& sailing : schedule->sailings()) {
    if (sailing.cancelled) CHECK(sailing.booked == 0);
  }
  for (const FerryTrip& trip : sim.ferry_trips()) {
    CHECK_FALSE(schedule->sailing(trip.sailing).cancelled);
  }
  const RunSummary summary = summarize(sim);
  CHECK(summary.ferry.cancelled_sailings == schedule->sailings_cancelled());
  CHECK(summary.ferry.sailings == schedule->sailings_due());
  CHECK(summary.ferry.crossings == sim.ferry_trips().size());
}

TEST_CASE("riders are always on a road or on a ferry's crossing line") {
  // Watch positions every few simulated minutes.
  Simulation sim(busy_isle(), 5);
  const RoadMap* map = sim.road_map();
  REQUIRE(map != nullptr);
  double worst_m = 0.0;
  int samples = 0;
  for (SimTime t = 0; t < sim.end_time(); t += 7 * kMsPerMinute) {
    sim.run_until(t);
    for (const Rider& rider : sim.riders()) {
      if (rider.state == RiderState::offline) continue;
      worst_m = std::max(worst_m, off_network_m(*map, position_at(rider, sim.now())));
      ++samples;
    }
  }
  CHECK(samples > 100);
  CHECK(worst_m < 0.5);
}

TEST_CASE("wind that stops the ferry costs the island service, not the main island's") {
  ScenarioSpec calm = busy_isle();
  calm.duration_ms = 3 * kMsPerHour;
  ScenarioSpec windy = calm;
  windy.weather.marine = {{0, "Isle", 10, 0.5}};
  // Orders delivered on time per order placed, by island.
  auto on_time_per_order = [](const ZoneSummary& zone) {
    return zone.on_time_rate * static_cast<double>(zone.delivered) /
           static_cast<double>(std::max<std::uint64_t>(1, zone.created));
  };
  double calm_isle = 0, windy_isle = 0, calm_main = 0, windy_main = 0;
  std::uint64_t windy_cancelled_sailings = 0;
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    Simulation a(calm, seed), b(windy, seed);
    a.run();
    b.run();
    const RunSummary sa = summarize(a), sb = summarize(b);
    REQUIRE(sa.zones.size() == 3);
    CHECK(sa.zones[1].name == "Isle");
    calm_isle += on_time_per_order(sa.zones[1]);
    windy_isle += on_time_per_order(sb.zones[1]);
    calm_main += on_time_per_order(sa.zones[0]);
    windy_main += on_time_per_order(sb.zones[0]);
    windy_cancelled_sailings += sb.ferry.cancelled_sailings;
    CHECK(sb.ferry.crossings == 0);
    CHECK(sa.ferry.crossings > 0);
  }
  CHECK(windy_cancelled_sailings > 0);
  CHECK(windy_isle < calm_isle - 0.1);
  // Main's riders stay home instead of crossing: Main is served no worse.
  CHECK(windy_main >= calm_main);
}

TEST_CASE("places are snapped to roads on the island they were drawn on") {
  Simulation sim(testing::island_world(), 1);
  sim.run_until(kMsPerHour);
  const RoadMap& map = *sim.road_map();
  for (const Merchant& merchant : sim.merchants()) {
    CHECK(map.island_at(merchant.location) >= 0);
    CHECK(off_network_m(map, merchant.location) < 1e-6);
  }
  for (const Order& order : sim.orders()) {
    CHECK(off_network_m(map, order.customer) < 1e-6);
  }
  for (const Station& station : sim.stations()) {
    CHECK(off_network_m(map, station.location) < 1e-6);
  }
}

TEST_CASE("zones are the islands on an island map and compass ninths otherwise") {
  Simulation islands(testing::island_world(), 1);
  islands.run();
  const RunSummary with_islands = summarize(islands);
  REQUIRE(with_islands.zones.size() == 3);
  std::uint64_t total = 0;
  for (const ZoneSummary& zone : with_islands.zones) total += zone.created;
  CHECK(total == with_islands.orders_created);
  CHECK(with_islands.zones[0].created > with_islands.zones[2].created);  // Main is bigger

  Simulation grid(testing::small_city(), 1);
  grid.run();
  const RunSummary compass = summarize(grid);
  REQUIRE(compass.zones.size() == 9);
  CHECK(compass.zones[4].name == "C");
  std::uint64_t grid_total = 0;
  for (const ZoneSummary& zone : compass.zones) grid_total += zone.created;
  CHECK(grid_total == compass.orders_created);
  // The small city's demand is centred: the middle ninth has the most orders.
  for (const ZoneSummary& zone : compass.zones) CHECK(zone.created <= compass.zones[4].created);
}

TEST_CASE("no strategy takes on an order it cannot deliver while the ferry is suspended") {
  // Wind all day around Isle: no sailing. Isle's customers whose category has no shop on Isle
  // order across the water; nobody may pick those up (they would be carried to the pier and
  // stranded there).
  ScenarioSpec spec = busy_isle();
  spec.weather.marine = {{0, "Isle", 10, 0.5}};
  spec.merchants[2].count = 1;  // one pharmacy: on one island only
  for (int strategy = 0; strategy < kDispatchStrategyCount; ++strategy) {
    spec.dispatch.strategy = static_cast<DispatchStrategy>(strategy);
    CAPTURE(to_string(spec.dispatch.strategy));
    Simulation sim(spec, 2);
    sim.run();
    const RoadMap& map = *sim.road_map();
    int across = 0;
    for (const Order& order : sim.orders()) {
      const int shop = map.island_at(sim.merchants()[order.merchant].location);
      const int door = map.island_at(order.customer);
      if (shop == door || (shop != 1 && door != 1)) continue;  // no ferry between them
      ++across;
      CHECK(order.picked_up_ms == kNever);
    }
    CHECK(across > 0);
  }
}
