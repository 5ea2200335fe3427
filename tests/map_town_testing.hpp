#pragma once
// A small OpenStreetMap town written as XML for tests: a jittered grid of streets with one-ways
// (both directions of tagging), footways, a motorway bikes may not use, and an arterial.

#include <cstdio>
#include <string>

#include "knightsim/rng.hpp"

namespace knightsim::testing {

/// `side` × `side` intersections about 110 m apart around 30°N 122°E; deterministic per seed.
inline std::string osm_town_xml(int side, std::uint64_t seed) {
  Rng rng(seed);
  std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n";
  auto id = [side](int row, int column) { return 1 + row * side + column; };
  for (int row = 0; row < side; ++row) {
    for (int column = 0; column < side; ++column) {
      char node[128];
      std::snprintf(node, sizeof node,
                    "  <node id=\"%d\" version=\"1\" lat=\"%.6f\" lon=\"%.6f\"/>\n",
                    id(row, column), 30.0 + 0.001 * row + rng.uniform(-0.0002, 0.0002),
                    122.0 + 0.001 * column + rng.uniform(-0.0002, 0.0002));
      xml += node;
    }
  }
  int way = 100000;
  auto segment = [&](int a, int b, const std::string& tags) {
    xml += "  <way id=\"" + std::to_string(way++) + "\" version=\"1\">\n    <nd ref=\"" +
           std::to_string(a) + "\"/>\n    <nd ref=\"" + std::to_string(b) + "\"/>\n" + tags +
           "  </way>\n";
  };
  auto tag = [](const std::string& key, const std::string& value) {
    return "    <tag k=\"" + key + "\" v=\"" + value + "\"/>\n";
  };
  for (int row = 0; row < side; ++row) {
    for (int column = 0; column < side; ++column) {
      for (const bool east : {true, false}) {
        const int next_row = east ? row : row + 1, next_column = east ? column + 1 : column;
        if (next_row >= side || next_column >= side) continue;
        const int a = id(row, column), b = id(next_row, next_column);
        const double pick = rng.uniform01();
        if ((east && row == side / 2) || (!east && column == side / 2)) {
          segment(a, b, tag("highway", "primary"));
        } else if (east && row == 1) {
          segment(a, b, tag("highway", "motorway"));  // one-way east, no bikes
        } else if (pick < 0.12) {
          segment(a, b, tag("highway", "residential") + tag("oneway", "yes"));
        } else if (pick < 0.20) {
          segment(a, b, tag("highway", "residential") + tag("oneway", "-1"));
        } else if (pick < 0.28) {
          segment(a, b, tag("highway", "footway"));
        } else {
          segment(a, b, tag("highway", "residential"));
        }
      }
    }
  }
  return xml + "</osm>\n";
}

}  // namespace knightsim::testing
