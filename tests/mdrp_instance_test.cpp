// MDRP instance and solution files: the reader takes the benchmark's tab-separated format and
// reports every problem as FILE:LINE:COLUMN: FIELD: MESSAGE; the solution writer and reader
// round-trip; the travel rule rounds up.

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "knightsim/mdrp.hpp"
#include "mdrp_testing.hpp"

using namespace knightsim;
using knightsim::testing::edited;
using knightsim::testing::MdrpInstanceFiles;
using knightsim::testing::MdrpSolutionFiles;
using knightsim::testing::MdrpTempDir;
using knightsim::testing::write_text;

namespace {

/// Loads `files` and returns the formatted problems (empty when it loads).
std::vector<std::string> problems_of(const MdrpInstanceFiles& files,
                                     std::string* dir_out = nullptr) {
  MdrpTempDir dir;
  files.write(dir.path);
  if (dir_out) *dir_out = dir.str();
  const MdrpLoadResult result = load_mdrp_instance(dir.str());
  std::vector<std::string> problems;
  for (const MdrpProblem& problem : result.problems) {
    // Paths differ per run: keep "file:line:col: field: message" relative to the directory.
    std::string text = problem.format();
    const std::string prefix = dir.str() + "/";
    if (text.starts_with(prefix)) text.erase(0, prefix.size());
    problems.push_back(text);
  }
  CHECK(result.ok() == problems.empty());
  return problems;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("mdrp travel rule: ceil(euclidean metres / meters_per_minute)") {
  CHECK(travel_minutes({0, 0}, {0, 0}, 320) == 0);
  CHECK(travel_minutes({0, 0}, {640, 0}, 320) == 2);     // exact: no rounding up
  CHECK(travel_minutes({0, 0}, {641, 0}, 320) == 3);     // a metre more: a whole minute more
  CHECK(travel_minutes({0, 0}, {300, 400}, 100) == 5);   // 500 m exactly
  CHECK(travel_minutes({0, 0}, {300, -600}, 100) == 7);  // 670.8 m
}

TEST_CASE("mdrp instance: the tiny instance loads with every field") {
  MdrpTempDir dir;
  MdrpInstanceFiles{}.write(dir.path);
  const MdrpLoadResult result = load_mdrp_instance(dir.str());
  REQUIRE(result.ok());
  const MdrpInstance& in = *result.instance;
  CHECK(in.parameters.meters_per_minute == 100);
  CHECK(in.parameters.pickup_service_min == 4);
  CHECK(in.parameters.dropoff_service_min == 4);
  CHECK(in.parameters.target_click_to_door_min == 25);
  CHECK(in.parameters.maximum_click_to_door_min == 90);
  CHECK(in.parameters.pay_per_order == 10);
  CHECK(in.parameters.guaranteed_pay_per_hour == 15);
  REQUIRE(in.restaurants.size() == 2);
  REQUIRE(in.orders.size() == 4);
  REQUIRE(in.couriers.size() == 2);
  CHECK(in.restaurants[1].id == "r2");
  CHECK(in.restaurants[1].position.x_m == 1000);
  const MdrpOrder& o3 = in.orders[*in.find_order("o3")];
  CHECK(o3.position.y_m == 1500);
  CHECK(o3.placement_min == 6);
  CHECK(o3.ready_min == 8);
  CHECK(in.restaurants[o3.restaurant].id == "r2");
  const MdrpCourier& c2 = in.couriers[*in.find_courier("c2")];
  CHECK(c2.on_min == 5);
  CHECK(c2.off_min == 60);
  CHECK_FALSE(in.find_order("r1"));
}

TEST_CASE("mdrp instance: CRLF line ends and blank lines are accepted") {
  MdrpInstanceFiles files;
  std::string crlf;
  for (const char c : files.orders) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  files.orders = crlf;
  files.couriers += "\n\n";
  CHECK(problems_of(files).empty());
}

TEST_CASE("mdrp instance: a missing file names the file") {
  MdrpTempDir dir;
  MdrpInstanceFiles{}.write(dir.path);
  std::filesystem::remove(dir.path / "couriers.txt");
  const MdrpLoadResult result = load_mdrp_instance(dir.str());
  CHECK_FALSE(result.ok());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].format().starts_with(dir.str() + "/couriers.txt: cannot read"));
}

TEST_CASE("mdrp instance: header problems") {
  MdrpInstanceFiles files;
  SUBCASE("a missing column") {
    files.couriers = edited(files.couriers, "\toff_time\n", "\n");
    CHECK(joined(problems_of(files)) == "couriers.txt:1: off_time: missing column in the header\n");
  }
  SUBCASE("an extra column") {
    files.restaurants = edited(files.restaurants, "y\n", "y\tname\n");
    CHECK(joined(problems_of(files)) ==
          "restaurants.txt:1:16: name: unexpected extra column (expected 3)\n");
  }
  SUBCASE("space-separated instead of tabs") {
    files.restaurants = edited(files.restaurants, "restaurant\tx\ty", "restaurant x y");
    const auto problems = problems_of(files);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0] ==
          "restaurants.txt:1:1: restaurant: header column 1 is 'restaurant x y', expected "
          "'restaurant' (tab-separated)");
  }
  SUBCASE("an empty file") {
    files.parameters = "";
    CHECK(joined(problems_of(files)) ==
          "instance_parameters.txt:1: empty file: a header line is expected\n");
  }
}

TEST_CASE("mdrp instance: row problems name file, line, column and field") {
  MdrpInstanceFiles files;
  SUBCASE("non-numeric value") {
    files.orders = edited(files.orders, "o2\t1000\t800", "o2\t1000\tabc");
    CHECK(joined(problems_of(files)) == "orders.txt:3:9: y: 'abc' is not a number\n");
  }
  SUBCASE("fractional time") {
    files.couriers = edited(files.couriers, "c2\t1000\t500\t5", "c2\t1000\t500\t5.5");
    CHECK(joined(problems_of(files)) ==
          "couriers.txt:3:13: on_time: '5.5' is not a whole number of minutes\n");
  }
  SUBCASE("missing value") {
    files.restaurants = edited(files.restaurants, "r2\t1000\t0\n", "r2\t1000\n");
    CHECK(joined(problems_of(files)) ==
          "restaurants.txt:3:8: y: missing value (3 columns expected, 2 found)\n");
  }
  SUBCASE("extra value") {
    files.restaurants = edited(files.restaurants, "r2\t1000\t0\n", "r2\t1000\t0\t7\n");
    CHECK(joined(problems_of(files)) ==
          "restaurants.txt:3:11: extra value '7' (3 columns expected, 4 found)\n");
  }
  SUBCASE("duplicate ids") {
    files.orders = edited(files.orders, "o3\t", "o2\t");
    files.couriers = edited(files.couriers, "c2\t", "c1\t");
    files.restaurants = edited(files.restaurants, "r2\t", "r1\t");
    const std::string text = joined(problems_of(files));
    CHECK(text.find("restaurants.txt:3:1: restaurant: duplicate restaurant id 'r1'") !=
          std::string::npos);
    CHECK(text.find("orders.txt:4:1: order: duplicate order id 'o2'") != std::string::npos);
    CHECK(text.find("couriers.txt:3:1: courier: duplicate courier id 'c1'") != std::string::npos);
  }
  SUBCASE("an order naming an unknown restaurant") {
    files.orders = edited(files.orders, "r2\t8", "r7\t8");
    CHECK(joined(problems_of(files)) ==
          "orders.txt:4:16: restaurant: unknown restaurant 'r7' (not in restaurants.txt)\n");
  }
  SUBCASE("ready before placement") {
    files.orders = edited(files.orders, "\t6\tr2\t8", "\t6\tr2\t5");
    CHECK(joined(problems_of(files)) ==
          "orders.txt:4:19: ready_time: must not be before placement_time (6)\n");
  }
  SUBCASE("off before on") {
    files.couriers = edited(files.couriers, "\t5\t60", "\t5\t5");
    CHECK(joined(problems_of(files)) == "couriers.txt:3:15: off_time: must be after on_time (5)\n");
  }
  SUBCASE("non-positive speed and bad parameters") {
    files.parameters = edited(files.parameters, "100\t4\t4\t25\t90", "0\t-1\t4\t25\t20");
    CHECK(joined(problems_of(files)) ==
          "instance_parameters.txt:2:1: meters_per_minute: must be > 0\n"
          "instance_parameters.txt:2:3: pickup service minutes: must be >= 0\n"
          "instance_parameters.txt:2:11: maximum click-to-door: must be >= the target "
          "click-to-door (25)\n");
  }
  SUBCASE("ids that solution files could not tell apart") {
    files.orders = edited(files.orders, "o4\t", "r1\t");
    CHECK(joined(problems_of(files)) ==
          "orders.txt:5:1: order: order id 'r1' is also a restaurant id: solution files could "
          "not tell the two places apart\n");
    files = MdrpInstanceFiles{};
    files.couriers = edited(files.couriers, "c2\t", "0\t");
    CHECK(joined(problems_of(files)).starts_with("couriers.txt:3:1: courier: id '0' is reserved"));
  }
  SUBCASE("every problem at once") {
    files.orders = edited(files.orders, "o2\t1000\t800", "o2\t1000\tabc");
    files.couriers = edited(files.couriers, "\t5\t60", "\t5\t5");
    CHECK(problems_of(files).size() == 2);
  }
}

TEST_CASE("mdrp solution: written and read back unchanged, half minutes included") {
  MdrpSolution solution;
  solution.assignments = {{0, 10, "c1", {"o1"}, 0}, {6, 13.5, "c2", {"o2", "o3"}, 0}};
  solution.orders = {{"o1", 0, 10, 10.0, 21.0, "c1", 0},
                     {"o2", 5, 12, 13.5, 25.5, "c2", 0},
                     {"o4", 50, 62, std::nullopt, std::nullopt, "", 0}};
  solution.moves = {{"c1", 0, "0", "r1", 0}, {"c2", 16, "r2", "o2", 0}};
  MdrpTempDir dir;
  write_mdrp_solution(dir.path, solution);

  std::ostringstream orders;
  write_mdrp_orders(orders, solution);
  CHECK(orders.str() ==
        "order\tplacement_time\tready_time\tpickup_time\tdropoff_time\tcourier\n"
        "o1\t0\t10\t10\t21\tc1\n"
        "o2\t5\t12\t13.5\t25.5\tc2\n"
        "o4\t50\t62\t\t\t\n");

  const MdrpSolutionLoadResult read = load_mdrp_solution(dir.str());
  REQUIRE(read.ok());
  const MdrpSolution& back = *read.solution;
  REQUIRE(back.assignments.size() == 2);
  CHECK(back.assignments[1].pickup_min == 13.5);
  CHECK(back.assignments[1].orders == std::vector<std::string>{"o2", "o3"});
  CHECK(back.assignments[1].line == 3);
  REQUIRE(back.orders.size() == 3);
  CHECK(back.orders[1].dropoff_min == 25.5);
  CHECK_FALSE(back.orders[2].pickup_min);
  CHECK_FALSE(back.orders[2].dropoff_min);
  CHECK(back.orders[2].courier.empty());
  REQUIRE(back.moves.size() == 2);
  CHECK(back.moves[1].courier == "c2");
  CHECK(back.moves[1].departure_min == 16);
  CHECK(back.moves[1].origin == "r2");
  CHECK(back.moves[1].destination == "o2");

  // Writing what was read gives the same bytes.
  std::ostringstream again;
  write_mdrp_orders(again, back);
  CHECK(again.str() == orders.str());
}

TEST_CASE("mdrp solution: syntax problems are reported with file and line") {
  MdrpTempDir dir;
  MdrpSolutionFiles files;
  const auto problems = [&]() {
    files.write(dir.path);
    std::string text;
    for (const MdrpProblem& p : load_mdrp_solution(dir.str()).problems) {
      text += p.format().substr(dir.str().size() + 1) + "\n";
    }
    return text;
  };
  SUBCASE("a time that is not a number") {
    files.moves = edited(files.moves, "c2 15 r2", "c2 1x5 r2");
    CHECK(problems() ==
          "solution_info_couriers.txt:5:4: departure_time: '1x5' is not a number of minutes\n");
  }
  SUBCASE("an assignment without orders") {
    files.assignments = edited(files.assignments, "0 10 c1 o1", "0 10 c1");
    CHECK(problems() ==
          "solution_info_assignments.txt:2: at least 4 fields expected (assignment_time "
          "pickup_time courier order...), 3 found\n");
  }
  SUBCASE("an order row with some empty values") {
    files.orders = edited(files.orders, "o1 0 10 10 21 c1", "o1 0 10 10");
    CHECK(problems() ==
          "solution_info_orders.txt:2: 6 fields expected (3 for an undelivered order), 4 found\n");
  }
  SUBCASE("a wrong header") {
    files.moves = edited(files.moves, "courier departure_time", "courier departure");
    CHECK(problems() ==
          "solution_info_couriers.txt:1:1: header must be: courier departure_time origin "
          "destination\n");
  }
  SUBCASE("a missing file") {
    files.write(dir.path);
    std::filesystem::remove(dir.path / kMdrpOrdersFile);
    const auto result = load_mdrp_solution(dir.str());
    REQUIRE(result.problems.size() == 1);
    CHECK(result.problems[0].format().find("solution_info_orders.txt: cannot read") !=
          std::string::npos);
  }
}
