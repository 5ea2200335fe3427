// The order and courier logs of trace-driven worlds: times of day to simulated time (midnight
// wrap included), positions to metres, sorting, and the problem reported for each kind of bad
// row, at its line, column and field.
#include "knightsim/trace_csv.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "knightsim/geometry.hpp"
#include "knightsim/local_projection.hpp"
#include "trace_testing.hpp"

using namespace knightsim;
using namespace knightsim::trace_testing;

namespace {

constexpr const char* kOrdersHeader =
    "order_id,pick_up_lat,pick_up_lng,drop_off_lat,drop_off_lng,placement_time,"
    "preparation_time,ready_time,expected_drop_off_time\n";
constexpr const char* kCouriersHeader = "courier_id,vehicle,on_lat,on_lng,on_time,off_time\n";
constexpr const char* kGoodOrderRow =
    "1,7.10,-73.12,7.11,-73.11,11:00:00,11:01:00,11:20:00,11:45:00\n";
constexpr const char* kGoodCourierRow = "a,motorcycle,7.10,-73.12,08:00:00,16:00:00\n";

/// The problems of reading `order_rows` (after the header) with one good courier.
std::string order_problems(const std::string& order_rows) {
  const TraceReadResult result =
      parse_files(kOrdersHeader + order_rows, std::string(kCouriersHeader) + kGoodCourierRow);
  return all_brief(result.problems);
}

std::string courier_problems(const std::string& courier_rows,
                             const TraceReadOptions& options = default_options()) {
  const TraceReadResult result = parse_files(std::string(kOrdersHeader) + kGoodOrderRow,
                                             kCouriersHeader + courier_rows, options);
  return all_brief(result.problems);
}

double relative_error(double value, double expected) {
  return std::abs(value - expected) / expected;
}

}  // namespace

TEST_CASE("trace csv: good logs become orders and couriers in simulated time and metres") {
  const TraceReadResult result = parse_files(kOrdersCsv, kCouriersCsv);
  INFO(all_brief(result.problems));
  REQUIRE(result.ok());

  REQUIRE(result.orders.size() == 4);
  CHECK(result.orders[0].id == "10");
  CHECK(result.orders[1].id == "1");  // placed with 3, at the same second: by id
  CHECK(result.orders[2].id == "3");
  CHECK(result.orders[3].id == "2");
  const TraceOrder& early = result.orders[0];
  CHECK(early.placed_ms == 9 * kMsPerHour + 30 * kMsPerMinute);
  CHECK(early.ready_ms == 9 * kMsPerHour + 50 * kMsPerMinute);
  CHECK(early.promised_ms == 10 * kMsPerHour + 10 * kMsPerMinute);
  const TraceOrder& late = result.orders[3];  // placed 23:50, ready 00:05, promised 00:30
  CHECK(late.placed_ms == 23 * kMsPerHour + 50 * kMsPerMinute);
  CHECK(late.ready_ms == kMsPerDay + 5 * kMsPerMinute);
  CHECK(late.promised_ms == kMsPerDay + 30 * kMsPerMinute);

  REQUIRE(result.couriers.size() == 2);  // c's zero-length shift is left out
  CHECK(result.zero_length_shifts == 1);
  CHECK(result.couriers[0].id == "a");
  CHECK(result.couriers[0].vehicle == "motorcycle");
  CHECK(result.couriers[0].on_ms == 8 * kMsPerHour);
  CHECK(result.couriers[0].off_ms == 16 * kMsPerHour);
  const TraceCourier& night = result.couriers[1];  // 22:00 to 02:00 the next day
  CHECK(night.id == "b");
  CHECK(night.vehicle == "bicycle");
  CHECK(night.on_ms == 22 * kMsPerHour);
  CHECK(night.off_ms == kMsPerDay + 2 * kMsPerHour);

  // b is the south-west corner of all positions: 500 m in from both edges.
  CHECK(night.start.x_m == doctest::Approx(500.0).epsilon(1e-9));
  CHECK(night.start.y_m == doctest::Approx(500.0).epsilon(1e-9));
  // The city holds the north-east corner (7.19° N, 73.08° W) with 500 m to spare.
  const double north_south_m = haversine_m(7.00, -73.20, 7.19, -73.20);
  const double east_west_m = haversine_m(7.00, -73.20, 7.00, -73.08);
  CHECK(result.height_m == std::round(result.height_m));  // whole metres, rounded up
  CHECK(result.height_m - (north_south_m + 1000.0) >= 0.0);
  CHECK(result.height_m - (north_south_m + 1000.0) < 1.0);
  CHECK(relative_error(result.width_m - 1000.0, east_west_m) < 1e-3);
  // The origin is 500 m south and west of the corner.
  CHECK(haversine_m(result.origin_lat_deg, -73.20, 7.00, -73.20) ==
        doctest::Approx(500.0).epsilon(1e-9));
  CHECK(result.origin_lng_deg < -73.20);
}

TEST_CASE("trace csv: projected distances of points ~10 km apart are within 0.1 % of haversine") {
  const TraceReadResult result = parse_files(kOrdersCsv, kCouriersCsv);
  REQUIRE(result.ok());
  // (lat, lng) of each projected point, by where it is in the fixture.
  const TraceOrder& north = result.orders[1];       // order 1: 7.10,-73.12 → 7.19,-73.12
  const TraceOrder& diagonal = result.orders[0];    // order 10: 7.05,-73.15 → 7.10,-73.10
  const TraceCourier& corner = result.couriers[1];  // 7.00,-73.20
  const TraceOrder& east = result.orders[3];        // order 2's drop-off: 7.13,-73.08
  struct Pair {
    Point a, b;
    double expected_m;
  };
  const Pair pairs[] = {
      {north.pickup, north.dropoff, haversine_m(7.10, -73.12, 7.19, -73.12)},
      {diagonal.pickup, diagonal.dropoff, haversine_m(7.05, -73.15, 7.10, -73.10)},
      {corner.start, diagonal.pickup, haversine_m(7.00, -73.20, 7.05, -73.15)},
      {corner.start, east.dropoff, haversine_m(7.00, -73.20, 7.13, -73.08)},
      {north.dropoff, east.dropoff, haversine_m(7.19, -73.12, 7.13, -73.08)},
  };
  for (const Pair& pair : pairs) {
    CAPTURE(pair.expected_m);
    CHECK(pair.expected_m > 7000.0);
    CHECK(relative_error(euclidean_m(pair.a, pair.b), pair.expected_m) < 1e-3);
  }
}

TEST_CASE("trace csv: times are since the scenario start; earlier ones are problems") {
  TraceReadOptions options = default_options();
  options.start_time_of_day_ms = 8 * kMsPerHour;
  const TraceReadResult result = parse_files(kOrdersCsv, kCouriersCsv, options);
  INFO(all_brief(result.problems));
  REQUIRE(result.ok());
  CHECK(result.orders[0].placed_ms == 90 * kMsPerMinute);                  // 09:30
  CHECK(result.orders[3].ready_ms == 16 * kMsPerHour + 5 * kMsPerMinute);  // 00:05 next day
  CHECK(result.couriers[0].on_ms == 0);
  CHECK(result.couriers[1].off_ms == 18 * kMsPerHour);  // 02:00 next day

  options.start_time_of_day_ms = 10 * kMsPerHour;
  const TraceReadResult late = parse_files(kOrdersCsv, kCouriersCsv, options);
  CHECK(all_brief(late.problems) ==
        "orders.csv:4:28: placement_time: 09:30:00 is before the scenario start (10:00:00): a "
        "log's times are of the start's day, so a trace's start is normally that day at 00:00\n"
        "couriers.csv:2:26: on_time: 08:00:00 is before the scenario start (10:00:00): a log's "
        "times are of the start's day, so a trace's start is normally that day at 00:00\n");
  CHECK(late.orders.empty());
  CHECK(late.couriers.empty());

  // One problem per file for the first row before the start, with a count of the others.
  options.start_time_of_day_ms = 23 * kMsPerHour;
  const TraceReadResult later = parse_files(kOrdersCsv, kCouriersCsv, options);
  REQUIRE(later.problems.size() == 2);
  CHECK(
      brief(later.problems[0]).starts_with("orders.csv:2:27: placement_time: 11:00:00 is before"));
  CHECK(brief(later.problems[0]).ends_with("(2 more rows of this file are too)"));
  CHECK(brief(later.problems[1]).ends_with("(2 more rows of this file are too)"));
}

TEST_CASE("trace csv: a ready or promised time far after the placement is a problem") {
  // 11:59 with a placement at 12:00 reads as 23h59min later: a time logged just before.
  CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,12:00:00,12:01:00,11:59:00,12:30:00\n") ==
        "orders.csv:2:41: ready_time: 11:59:00 is 23h59min after placement_time 12:00:00 (an "
        "earlier time of day counts as the next day); more than 12h is taken as an error, most "
        "likely a time logged just before the placement\n");
  CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,12:00:00,12:01:00,12:20:00,00:00:01\n") ==
        "orders.csv:2:50: expected_drop_off_time: 00:00:01 is 12h1s after placement_time "
        "12:00:00 (an earlier time of day counts as the next day); more than 12h is taken as "
        "an error, most likely a time logged just before the placement\n");
  CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,12:00:00,11:00:00,12:20:00,12:30:00\n")
            .starts_with("orders.csv:2:32: preparation_time: 11:00:00 is 23h after"));
  // Exactly 12 h, and a promise equal to the placement (the logs have a few), are accepted.
  CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,12:00:00,12:00:00,00:00:00,12:00:00\n") == "");
}

TEST_CASE("trace csv: bad fields are reported at their line, column and column name") {
  SUBCASE("numbers and coordinates") {
    CHECK(order_problems("1,7.1x,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:3: pick_up_lat: expected a number, got '7.1x'\n");
    CHECK(order_problems("1,7.1,,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:7: pick_up_lng: expected a number, got an empty value\n");
    CHECK(order_problems("1,7.1,-73.1,91,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:13: drop_off_lat: must be between -90 and 90 (degrees of latitude)\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,-181,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:17: drop_off_lng: must be between -180 and 180 (degrees of longitude)\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,nan,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:17: drop_off_lng: expected a number, got 'nan'\n");
    CHECK(courier_problems("a,car,7.1,0x10,08:00:00,16:00:00\n") ==
          "couriers.csv:2:11: on_lng: expected a number, got '0x10'\n");
  }
  SUBCASE("times of day") {
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,11:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:23: placement_time: expected a time of day HH:MM:SS, got '11:00'\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,24:10:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:23: placement_time: '24:10:00' is not a time of day: hours go from 00 "
          "to 23 (a time past midnight is written 00:10:00 and counts as the next day when it "
          "is earlier than the placement)\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:60:00,11:45:00\n") ==
          "orders.csv:2:41: ready_time: '11:60:00' is not a time of day: minutes and seconds go "
          "from 00 to 59\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,\n") ==
          "orders.csv:2:50: expected_drop_off_time: expected a time of day HH:MM:SS, got an "
          "empty value\n");
    // A bad placement: the later times are still checked for their format.
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,noon,11:01:00,11:20:00,1145\n") ==
          "orders.csv:2:23: placement_time: expected a time of day HH:MM:SS, got 'noon'\n"
          "orders.csv:2:46: expected_drop_off_time: expected a time of day HH:MM:SS, got "
          "'1145'\n");
    CHECK(courier_problems("a,car,7.1,-73.1,8:00:00,16:00:0\n") ==
          "couriers.csv:2:25: off_time: expected a time of day HH:MM:SS, got '16:00:0'\n");
  }
  SUBCASE("ids") {
    CHECK(order_problems(std::string(kGoodOrderRow) +
                         "1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:3:1: order_id: duplicate order_id '1' (also line 2)\n");
    CHECK(order_problems(" ,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n") ==
          "orders.csv:2:2: order_id: must not be empty\n");
    CHECK(courier_problems(
              "a,car,7.1,-73.1,08:00:00,16:00:00\na,car,7.1,-73.1,09:00:00,10:00:00\n") ==
          "couriers.csv:3:1: courier_id: duplicate courier_id 'a' (also line 2)\n");
  }
  SUBCASE("vehicles") {
    CHECK(courier_problems("a,bicyle,7.1,-73.1,08:00:00,16:00:00\n") ==
          "couriers.csv:2:3: vehicle: unknown vehicle 'bicyle' (did you mean 'bicycle'?); "
          "vehicles are defined under trace.vehicles\n");
    CHECK(courier_problems("a,rocket,7.1,-73.1,08:00:00,16:00:00\n") ==
          "couriers.csv:2:3: vehicle: unknown vehicle 'rocket' (one of: motorcycle, bicycle, "
          "car, walking); vehicles are defined under trace.vehicles\n");
    CHECK(courier_problems("a,,7.1,-73.1,08:00:00,16:00:00\n") ==
          "couriers.csv:2:3: vehicle: must not be empty\n");
    TraceReadOptions unchecked = default_options();
    unchecked.check_vehicles = false;  // the vehicles were bad: their problems say it
    CHECK(courier_problems("a,rocket,7.1,-73.1,08:00:00,16:00:00\n", unchecked) == "");
  }
  SUBCASE("every field of a row is checked") {
    CHECK(order_problems("1,x,-73.1,7.1,-73.1,11:00:00,11:01:00,25:00:00,11:45:00\n") ==
          "orders.csv:2:3: pick_up_lat: expected a number, got 'x'\n"
          "orders.csv:2:39: ready_time: '25:00:00' is not a time of day: hours go from 00 to 23 "
          "(a time past midnight is written 00:10:00 and counts as the next day when it is "
          "earlier than the placement)\n");
  }
}

TEST_CASE("trace csv: headers, line lengths, empty files") {
  SUBCASE("a misspelt column, with a hint and the header expected") {
    const TraceReadResult result = parse_files(
        "order_id,pickup_lat,pick_up_lng,drop_off_lat,drop_off_lng,placement_time,"
        "preparation_time,ready_time,expected_drop_off_time\n" +
            std::string(kGoodOrderRow),
        std::string(kCouriersHeader) + kGoodCourierRow);
    CHECK(all_brief(result.problems) ==
          "orders.csv:1:10: pick_up_lat: expected the column 'pick_up_lat', got 'pickup_lat' "
          "(did you mean 'pick_up_lat'?); the header must be " +
              std::string(kTraceOrdersHeader) + "\n");
  }
  SUBCASE("a missing and an extra column") {
    const TraceReadResult missing =
        parse_files(std::string(kOrdersHeader) + kGoodOrderRow,
                    "courier_id,vehicle,on_lat,on_lng,on_time\n" + std::string(kGoodCourierRow));
    CHECK(all_brief(missing.problems) ==
          "couriers.csv:1:41: off_time: missing column 'off_time'; the header must be " +
              std::string(kTraceCouriersHeader) + "\n");
    const TraceReadResult extra = parse_files(
        std::string(kOrdersHeader) + kGoodOrderRow,
        "courier_id,vehicle,on_lat,on_lng,on_time,off_time,notes\n" + std::string(kGoodCourierRow));
    CHECK(all_brief(extra.problems) ==
          "couriers.csv:1:51: unexpected column 'notes'; the header must be " +
              std::string(kTraceCouriersHeader) + "\n");
  }
  SUBCASE("the two files swapped") {
    const TraceReadResult result = parse_files(std::string(kCouriersHeader) + kGoodCourierRow,
                                               std::string(kOrdersHeader) + kGoodOrderRow);
    CHECK(all_brief(result.problems) ==
          "orders.csv:1:1: this is the header of a courier log; this file needs the header " +
              std::string(kTraceOrdersHeader) +
              "\n"
              "couriers.csv:1:1: this is the header of an order log; this file needs the header " +
              std::string(kTraceCouriersHeader) + "\n");
  }
  SUBCASE("too few and too many fields") {
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00\n") ==
          "orders.csv:2:40: ready_time: missing: the line has 7 fields, the header 9\n");
    CHECK(order_problems("1,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00,x\n") ==
          "orders.csv:2:59: the line has 10 fields, the header 9\n");
  }
  SUBCASE("empty, header-only and all-zero-shift files") {
    const TraceReadResult empty = parse_files("", std::string(kCouriersHeader) + kGoodCourierRow);
    CHECK(all_brief(empty.problems) == "orders.csv:1:1: the file is empty; expected the header " +
                                           std::string(kTraceOrdersHeader) + "\n");
    const TraceReadResult header_only =
        parse_files(std::string(kOrdersHeader) + kGoodOrderRow, kCouriersHeader);
    CHECK(all_brief(header_only.problems) ==
          "couriers.csv:1:1: no couriers: the file has a header and nothing else\n");
    CHECK(courier_problems("a,car,7.1,-73.1,08:00:00,08:00:00\n") ==
          "couriers.csv:1:1: no couriers: every shift ends when it starts (off_time == "
          "on_time)\n");
    CHECK(order_problems("") ==
          "orders.csv:1:1: no orders: the file has a header and nothing else\n");
  }
  SUBCASE("a spreadsheet's byte-order mark, CRLF line ends, blank lines and spaces are fine") {
    std::string orders = "\xEF\xBB\xBF" + std::string(kOrdersHeader);
    orders += "\r\n";
    orders += " 7 , 7.1 ,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\r\n\n";
    orders += "8,7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,oops\r\n";
    const TraceReadResult result =
        parse_files(orders, std::string(kCouriersHeader) + kGoodCourierRow);
    // Line 5 (blank lines count), column 50; the \r is not part of the field.
    CHECK(all_brief(result.problems) ==
          "orders.csv:5:50: expected_drop_off_time: expected a time of day HH:MM:SS, got "
          "'oops'\n");
    const TraceReadResult fixed = parse_files(orders.substr(0, orders.rfind("8,")),
                                              std::string(kCouriersHeader) + kGoodCourierRow);
    INFO(all_brief(fixed.problems));
    REQUIRE(fixed.ok());
    CHECK(fixed.orders[0].id == "7");
  }
}

TEST_CASE("trace csv: a position far from the others is named, since no city can hold it") {
  const TraceReadResult result = parse_files(
      std::string(kOrdersCsv) + "11,7.1,-73.1,0,0,11:00:00,11:01:00,11:20:00,11:45:00\n",
      kCouriersCsv);
  REQUIRE(result.problems.size() == 1);
  const std::string problem = brief(result.problems[0]);
  CHECK(
      problem.starts_with("orders.csv:6:14: drop_off_lat: the trace's positions need a city of "));
  CHECK(problem.find("more than the 200 km a side may be; the position furthest from the others, "
                     "(0, 0) here, is ") != std::string::npos);
  CHECK(result.orders.empty());

  // The limit is the option's: a trace 21 km across does not fit a 20 km city.
  TraceReadOptions small = default_options();
  small.max_side_m = 20000.0;
  const TraceReadResult too_big = parse_files(kOrdersCsv, kCouriersCsv, small);
  REQUIRE(too_big.problems.size() == 1);
  CHECK(too_big.problems[0].message.find("need a city of 14 × 22 km, more than the 20 km") !=
        std::string::npos);
}

TEST_CASE("trace csv: problems are capped per file, with a count of the rest") {
  std::string rows;
  for (int i = 0; i < 25; ++i) {
    rows += std::to_string(i) + ",7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,late\n";
  }
  const TraceReadResult result = parse_files(
      kOrdersHeader + rows, std::string(kCouriersHeader) + "a,boat,7.1,-73.1,08:00:00,16:00:00\n");
  REQUIRE(result.problems.size() == 22);
  CHECK(brief(result.problems[19]).starts_with("orders.csv:21:51: expected_drop_off_time"));
  CHECK(brief(result.problems[20]) ==
        "orders.csv: 5 more problems in this file not shown (the first 20 are above)");
  CHECK(
      brief(result.problems[21]).starts_with("couriers.csv:2:3: vehicle: unknown vehicle 'boat'"));
}

TEST_CASE("trace csv: orders placed at the same time are ordered by id, numbers by value") {
  std::string rows;
  for (const char* id : {"b", "10", "9", "a", "007", "7"}) {
    rows += std::string(id) + ",7.1,-73.1,7.1,-73.1,11:00:00,11:01:00,11:20:00,11:45:00\n";
  }
  const TraceReadResult result =
      parse_files(kOrdersHeader + rows, std::string(kCouriersHeader) + kGoodCourierRow);
  INFO(all_brief(result.problems));
  REQUIRE(result.orders.size() == 6);
  std::string order;
  for (const TraceOrder& o : result.orders) order += o.id + " ";
  CHECK(order == "007 7 9 10 a b ");
}

TEST_CASE("trace csv: an unreadable file gives the system's reason") {
  const TraceTempDir dir;
  std::string error;
  CHECK_FALSE(read_text_file((dir.path / "missing.csv").string(), error).has_value());
  CHECK(error == "No such file or directory");
  CHECK(read_text_file(dir.write("present.csv", "x\n"), error) ==
        std::optional<std::string>("x\n"));
}
