// Shortest paths on an imported OpenStreetMap map agree with a plain Dijkstra, for every mode,
// and riders on an imported map stay on its roads.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "knightsim/osm_import.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/travel_oracle.hpp"
#include "map_town_testing.hpp"
#include "routing_testing.hpp"
#include "scratch_dir.hpp"

using namespace knightsim;

TEST_CASE("exact costs on an imported OpenStreetMap town equal Dijkstra's, every mode") {
  const testing::ScratchDir dir("imported-routing");
  const std::string path = dir.write("town.osm", testing::osm_town_xml(14, 7));
  for (const TravelMode mode : {TravelMode::bike, TravelMode::car, TravelMode::foot}) {
    CAPTURE(to_string(mode));
    OsmImportOptions options;
    options.mode = mode;
    const ImportedMap imported = import_osm(path, options);
    const RoadGraph& graph = imported.graph;
    REQUIRE(graph.node_count() > 100);
    const TravelOracle oracle(graph, mode);
    OracleQuery query(oracle);
    Rng rng(11);
    int compared = 0, one_way_asymmetric = 0;
    for (int s = 0; s < 12; ++s) {
      const auto from = static_cast<NodeId>(rng.below(graph.node_count()));
      const std::vector<double> reference = testing::reference_costs(graph, mode, from);
      for (int t = 0; t < 20; ++t) {
        const auto to = static_cast<NodeId>(rng.below(graph.node_count()));
        const double cost = oracle.cost(from, to, query);
        // The import keeps the mode's largest strongly connected piece: all reachable.
        REQUIRE(std::isfinite(reference[to]));
        CHECK(cost == doctest::Approx(reference[to]).epsilon(1e-9));
        if (std::abs(oracle.cost(to, from, query) - cost) > 1.0) ++one_way_asymmetric;
        ++compared;
      }
    }
    CHECK(compared == 240);
    // One-way streets make some trips longer one way than back (not for walkers).
    if (mode != TravelMode::foot) CHECK(one_way_asymmetric > 0);
  }
}
