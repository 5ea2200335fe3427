// The map section's geography: projecting latitude/longitude to the plane, building the
// islands' outlines, the checks that need positions in metres (piers and bridge ends near
// their islands, stations on land), and the city's sides around the islands. The reading of
// the section is in scenario_map_loader.cpp; both are the MapLoader of scenario_map_loader.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenario_map_loader.hpp"

namespace knightsim::scenario_values {
namespace {

/// Distance from p to the nearest point of the polygon's outline.
double distance_to_outline_m(const Polygon& polygon, Point p) {
  double best = std::numeric_limits<double>::infinity();
  const std::vector<Point>& v = polygon.vertices;
  for (std::size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    best = std::min(best, distance_to_segment_m(p, v[j], v[i]));
  }
  return best;
}

}  // namespace

// ------------------------------------------------------------------------------------------
// The projection, and the checks that need positions in metres.

std::vector<MapLoader::Place> MapLoader::gather(const Node& root) const {
  std::vector<Place> places;
  // Stations and hotspots, read silently here (their own reading reports their problems).
  const auto add_from = [&](const Node* list, const std::string& path) {
    if (list == nullptr || !list->is_sequence()) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Node* lat = list->items[i].find("lat");
      const Node* lon = list->items[i].find("lon");
      if (lat == nullptr || lon == nullptr || !lat->is_scalar() || !lon->is_scalar() ||
          lat->quoted || lon->quoted) {
        continue;
      }
      const std::optional<double> lat_deg = to_number(lat->text);
      const std::optional<double> lng_deg = to_number(lon->text);
      if (lat_deg && lng_deg && std::abs(*lat_deg) <= 90.0 && std::abs(*lng_deg) <= 180.0) {
        places.push_back(Place{LatLon{*lat_deg, *lng_deg}, lat->origin, join(path, i)});
      }
    }
  };
  add_from(root.find("stations"), "stations");
  const Node* city = root.find("city");
  const Node* density = city != nullptr ? city->find("density") : nullptr;
  add_from(density != nullptr ? density->find("hotspots") : nullptr, "city.density.hotspots");
  return places;
}

void MapLoader::choose_projection(const Node& root) {
  if (!geographic_) return;
  extra_places_ = gather(root);
  if (origin_given_) {
    if (origin_) projection_.emplace(origin_->lat_deg, origin_->lng_deg);
    return;
  }
  // The south-west corner of every position written, ellipses by their bounding boxes (at
  // their centre's scale: within metres of the projection's, and the margin absorbs that).
  std::vector<LatLon> corners;
  for (const PendingIsland& island : islands_) {
    for (const Place& place : island.outline) corners.push_back(place.at);
    if (island.ellipse_centre) {
      const LatLon centre = island.ellipse_centre->at;
      const double metres_per_deg_lat = kEarthRadiusM * std::numbers::pi / 180.0;
      const double metres_per_deg_lng =
          metres_per_deg_lat * std::cos(centre.lat_deg * std::numbers::pi / 180.0);
      corners.push_back(LatLon{centre.lat_deg - island.extent_y_m / 2.0 / metres_per_deg_lat,
                               centre.lng_deg - island.extent_x_m / 2.0 / metres_per_deg_lng});
    }
  }
  for (const std::vector<PendingLink>* links : {&bridges_, &ferries_}) {
    for (const PendingLink& link : *links) {
      if (link.from.place) corners.push_back(link.from.place->at);
      if (link.to.place) corners.push_back(link.to.place->at);
    }
  }
  for (const Place& place : extra_places_) corners.push_back(place.at);
  if (corners.empty()) return;  // every position was bad: those problems say it all
  double min_lat = 90.0;
  double min_lng = 180.0;
  for (const LatLon& at : corners) {
    min_lat = std::min(min_lat, at.lat_deg);
    min_lng = std::min(min_lng, at.lng_deg);
  }
  projection_ = LocalProjection::with_corner_at(min_lat, min_lng, kGeoMarginM);
}

Point MapLoader::project(const Place& place) {
  const Point point = projection_->to_metres(place.at.lat_deg, place.at.lng_deg);
  if (origin_given_ && (point.x_m < 0.0 || point.y_m < 0.0)) {
    report_outside_origin(place, point, false);
  }
  return point;
}

void MapLoader::report_outside_origin(const Place& place, Point point, bool ellipse) {
  // One problem per written position (an ellipse's vertices all come from its centre).
  if (std::find(outside_reported_.begin(), outside_reported_.end(), place.field) !=
      outside_reported_.end()) {
    return;
  }
  outside_reported_.push_back(place.field);
  std::string where = describe_offset(point);
  if (ellipse) {  // `point` is its south-west corner: say how far past the origin it reaches
    const std::string west = fmt::format("{} m west", std::lround(-point.x_m));
    const std::string south = fmt::format("{} m south", std::lround(-point.y_m));
    where = point.x_m < 0.0 && point.y_m < 0.0 ? west + " and " + south
            : point.x_m < 0.0                  ? west
                                               : south;
  }
  reader_.report(place.origin, place.field,
                 fmt::format("{} {} of map.origin: with an origin given, every position must be "
                             "north-east of it",
                             ellipse ? "the ellipse reaches" : "is", where));
}

void MapLoader::build_islands(MapSpec& out) {
  for (PendingIsland& pending : islands_) {
    if (!pending.ok) continue;
    Polygon polygon;
    if (pending.ellipse_centre) {
      const Point centre = project(*pending.ellipse_centre);
      polygon =
          ellipse_polygon(centre, pending.extent_x_m, pending.extent_y_m, kEllipseVertexCount);
      Point south_west = centre;
      for (const Point& vertex : polygon.vertices) {
        south_west =
            Point{std::min(south_west.x_m, vertex.x_m), std::min(south_west.y_m, vertex.y_m)};
      }
      if (origin_given_ && (south_west.x_m < 0.0 || south_west.y_m < 0.0)) {
        report_outside_origin(*pending.ellipse_centre, south_west, true);
      }
    } else {
      for (const Place& place : pending.outline) polygon.vertices.push_back(project(place));
      // Below a square metre the outline has no inside: its vertices lie on one line.
      if (area_m2(polygon) < 1.0) {
        reader_.report(pending.outline.front().origin, join(pending.field, "outline"),
                       "has no area: its vertices lie on one line (or are all the same point)");
        pending.ok = false;
        land_known_ = false;
        continue;
      }
    }
    pending.polygon = polygon;
    out.islands[pending.spec_index].outline = std::move(polygon);

    Point low{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    Point high{-low.x_m, -low.y_m};
    for (const Point& vertex : pending.polygon.vertices) {
      low = Point{std::min(low.x_m, vertex.x_m), std::min(low.y_m, vertex.y_m)};
      high = Point{std::max(high.x_m, vertex.x_m), std::max(high.y_m, vertex.y_m)};
    }
    check_layout(out.islands[pending.spec_index].roads, pending.layout, high.x_m - low.x_m,
                 high.y_m - low.y_m, fmt::format("the island '{}'", pending.name), false);
  }
}

std::optional<std::size_t> MapLoader::nearest_island(Point p, double& distance_m) const {
  std::optional<std::size_t> best;
  distance_m = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < islands_.size(); ++i) {
    if (!islands_[i].ok || islands_[i].polygon.vertices.empty()) continue;
    const double d = distance_to_island_m(i, p);
    if (d < distance_m) {
      distance_m = d;
      best = i;
    }
  }
  return best;
}

double MapLoader::distance_to_island_m(std::size_t island, Point p) const {
  const Polygon& polygon = islands_[island].polygon;
  return contains(polygon, p) ? 0.0 : distance_to_outline_m(polygon, p);
}

void MapLoader::check_links(MapSpec& out) {
  for (const PendingLink& link : bridges_) {
    BridgeSpec& bridge = out.bridges[link.spec_index];
    for (const PendingEnd* end : {&link.from, &link.to}) {
      if (!end->place) continue;
      const Point point = project(*end->place);
      (end == &link.from ? bridge.from : bridge.to) = point;
      map_positions_.emplace_back(*end->place, point);
      if (!land_known_) continue;  // an island is bad: where the land is, is not known
      double distance = 0.0;
      const std::optional<std::size_t> nearest = nearest_island(point, distance);
      if (nearest && distance > kNearIslandM) {
        reader_.report(end->place->origin, end->place->field,
                       fmt::format("is {} from the nearest island ('{}'): a bridge's ends must be "
                                   "on an island or within {} of one",
                                   km(distance), islands_[*nearest].name, km(kNearIslandM)));
      }
    }
  }
  for (const PendingLink& link : ferries_) {
    FerrySpec& ferry = out.ferries[link.spec_index];
    for (const PendingEnd* end : {&link.from, &link.to}) {
      if (!end->place) continue;
      const Point point = project(*end->place);
      (end == &link.from ? ferry.from_pier : ferry.to_pier) = point;
      map_positions_.emplace_back(*end->place, point);
      if (end->island.empty()) continue;
      const auto island =
          std::find_if(islands_.begin(), islands_.end(),
                       [&](const PendingIsland& pending) { return pending.name == end->island; });
      if (island == islands_.end() || !island->ok) continue;  // its problem is reported
      const double distance =
          distance_to_island_m(static_cast<std::size_t>(island - islands_.begin()), point);
      if (distance > kNearIslandM) {
        reader_.report(end->place->origin, end->place->field,
                       fmt::format("is {} from the island '{}' it names: a pier must be on its "
                                   "island or within {} of its outline",
                                   km(distance), end->island, km(kNearIslandM)));
      }
    }
  }
}

void MapLoader::set_sides(const Node& root, ScenarioSpec& spec) {
  const Node* city = root.find("city");
  const bool width_written = city != nullptr && city->find("width_m") != nullptr;
  const bool height_written = city != nullptr && city->find("height_m") != nullptr;
  sides_from_islands_ = islands_written_;
  if (!sides_from_islands_ && width_written && height_written) return;

  // Everything written, projected: the islands' outlines, the links, stations and hotspots.
  std::vector<std::pair<const Place*, Point>> points;
  for (const PendingIsland& island : islands_) {
    if (!island.ok) continue;
    if (island.ellipse_centre) {
      for (const Point& vertex : island.polygon.vertices) {
        points.emplace_back(&*island.ellipse_centre, vertex);
      }
    }
    for (std::size_t i = 0; i < island.outline.size() && i < island.polygon.vertices.size(); ++i) {
      points.emplace_back(&island.outline[i], island.polygon.vertices[i]);
    }
  }
  for (const auto& [place, point] : map_positions_) points.emplace_back(&place, point);
  for (const Place& place : extra_places_) {
    points.emplace_back(&place, projection_->to_metres(place.at.lat_deg, place.at.lng_deg));
  }
  if (points.empty()) return;
  double max_x = 0.0;
  double max_y = 0.0;
  for (const auto& [place, point] : points) {
    max_x = std::max(max_x, point.x_m);
    max_y = std::max(max_y, point.y_m);
  }
  // Whole metres, rounded up, as for a trace's city.
  const double width_m = std::ceil(max_x + kGeoMarginM);
  const double height_m = std::ceil(max_y + kGeoMarginM);
  if (width_m > kMaxCitySideM || height_m > kMaxCitySideM) {
    // One misplaced position (a dropped minus sign, lat and lon swapped) is the usual cause:
    // blame the one furthest from the median of all.
    // Each written position once (an ellipse's vertices all come from its centre).
    std::vector<const Place*> places;
    for (const auto& [place, point] : points) {
      if (places.empty() || places.back() != place) places.push_back(place);
    }
    std::vector<double> lats;
    std::vector<double> lngs;
    for (const Place* place : places) {
      lats.push_back(place->at.lat_deg);
      lngs.push_back(place->at.lng_deg);
    }
    std::nth_element(lats.begin(), lats.begin() + static_cast<std::ptrdiff_t>(lats.size() / 2),
                     lats.end());
    std::nth_element(lngs.begin(), lngs.begin() + static_cast<std::ptrdiff_t>(lngs.size() / 2),
                     lngs.end());
    const double median_lat = lats[lats.size() / 2];
    const double median_lng = lngs[lngs.size() / 2];
    const Place* furthest = places.front();
    double furthest_m = -1.0;
    for (const Place* place : places) {
      const double d = haversine_m(median_lat, median_lng, place->at.lat_deg, place->at.lng_deg);
      if (d > furthest_m) {
        furthest_m = d;
        furthest = place;
      }
    }
    reader_.report(furthest->origin, furthest->field,
                   fmt::format("the map would be {} × {} km, more than the largest city ({} km a "
                               "side); this position is the furthest from the others ({} from "
                               "their median): is it right? (positions are [lat, lon])",
                               std::lround(width_m / 1000.0), std::lround(height_m / 1000.0),
                               kMaxExtentKm, km(furthest_m)));
    extent_ok_ = false;
    return;
  }
  if (sides_from_islands_ || !width_written) spec.city.width_m = width_m;
  if (sides_from_islands_ || !height_written) spec.city.height_m = height_m;
  sides_from_positions_ = true;
}

bool MapLoader::read_lat_lon(const Fields& item, Point& out) {
  LatLon at;
  bool ok =
      item.required("lat") && read_degrees(*item.get("lat"), item.path("lat"), true, at.lat_deg);
  ok = item.required("lon") &&
       read_degrees(*item.get("lon"), item.path("lon"), false, at.lng_deg) && ok;
  if (!ok || !projection_) return false;  // no projection: the map's problems say why
  out = projection_->to_metres(at.lat_deg, at.lng_deg);
  return true;
}

void MapLoader::check_on_land(const Origin& origin, const std::string& field, Point position) {
  if (!land_known_) return;  // an island is bad (reported): where the land is, is not known
  double distance = 0.0;
  const std::optional<std::size_t> nearest = nearest_island(position, distance);
  if (!nearest || distance == 0.0) return;
  reader_.report(origin, field,
                 fmt::format("is in the sea: not on any island (the nearest, '{}', is {} away)",
                             islands_[*nearest].name, km(distance)));
}

}  // namespace knightsim::scenario_values
