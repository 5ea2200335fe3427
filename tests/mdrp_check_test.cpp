// mdrp-check: the hand-computed solution of mdrp_testing.hpp passes with the measures computed
// by hand, and each rule of docs/mdrp.md rejects a minimal edit of it that breaks that rule.

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "knightsim/mdrp.hpp"
#include "mdrp_testing.hpp"

using namespace knightsim;
using knightsim::testing::edited;
using knightsim::testing::MdrpInstanceFiles;
using knightsim::testing::MdrpSolutionFiles;
using knightsim::testing::MdrpTempDir;

namespace {

/// Writes the instance and the solution, reads both back and checks.
MdrpCheckReport check(const MdrpSolutionFiles& solution_files,
                      const MdrpInstanceFiles& instance_files = {}) {
  MdrpTempDir instance_dir, solution_dir;
  instance_files.write(instance_dir.path);
  solution_files.write(solution_dir.path);
  const MdrpLoadResult instance = load_mdrp_instance(instance_dir.str());
  REQUIRE(instance.ok());
  const MdrpSolutionLoadResult solution = load_mdrp_solution(solution_dir.str());
  REQUIRE(solution.ok());
  return check_mdrp_solution(*instance.instance, *solution.solution);
}

std::string listing(const MdrpCheckReport& report) {
  std::string text;
  for (const MdrpViolation& v : report.violations) text += v.message + " [" + v.rule + "]\n";
  return text;
}

/// The edited solution breaks `rule` (and is therefore invalid).
void expect_rule(const MdrpSolutionFiles& files, const std::string& rule) {
  const MdrpCheckReport report = check(files);
  INFO(listing(report));
  CHECK_FALSE(report.valid());
  CHECK(report.has(rule));
}

/// The edited solution breaks `rule` and nothing else.
void expect_only_rule(const MdrpSolutionFiles& files, const std::string& rule) {
  const MdrpCheckReport report = check(files);
  INFO(listing(report));
  REQUIRE(report.violations.size() == 1);
  CHECK(report.violations.front().rule == rule);
}

MdrpSolutionFiles with_assignments(const std::string& from, const std::string& to) {
  MdrpSolutionFiles files;
  files.assignments = edited(files.assignments, from, to);
  return files;
}
MdrpSolutionFiles with_orders(const std::string& from, const std::string& to) {
  MdrpSolutionFiles files;
  files.orders = edited(files.orders, from, to);
  return files;
}
MdrpSolutionFiles with_moves(const std::string& from, const std::string& to) {
  MdrpSolutionFiles files;
  files.moves = edited(files.moves, from, to);
  return files;
}

}  // namespace

TEST_CASE("mdrp check: the hand-computed solution is valid") {
  const MdrpCheckReport report = check(MdrpSolutionFiles{});
  INFO(listing(report));
  CHECK(report.valid());
}

TEST_CASE("mdrp measures: exactly the values computed by hand") {
  MdrpTempDir instance_dir;
  MdrpInstanceFiles{}.write(instance_dir.path);
  MdrpTempDir solution_dir;
  MdrpSolutionFiles{}.write(solution_dir.path);
  const MdrpInstance instance = *load_mdrp_instance(instance_dir.str()).instance;
  const MdrpSolution solution = *load_mdrp_solution(solution_dir.str()).solution;
  const MdrpMeasures m = compute_mdrp_measures(instance, solution);

  CHECK(m.orders == 4);
  CHECK(m.orders_delivered == 3);
  CHECK(m.bundles == 2);
  CHECK(m.couriers == 2);
  CHECK(m.courier_hours == doctest::Approx(115.0 / 60.0));  // 60 + 55 minutes
  // click-to-door: o1 21, o2 20, o3 30
  CHECK(m.click_to_door_min.count == 3);
  CHECK(m.click_to_door_min.mean == doctest::Approx(71.0 / 3.0));
  CHECK(m.click_to_door_min.p10 == 20);
  CHECK(m.click_to_door_min.p50 == 21);
  CHECK(m.click_to_door_min.p90 == 30);
  CHECK(m.click_to_door_min.max == 30);
  // ready-to-door: o1 21-10 = 11, o2 25-12 = 13, o3 36-8 = 28
  CHECK(m.ready_to_door_min.mean == doctest::Approx(52.0 / 3.0));
  CHECK(m.ready_to_door_min.p10 == 11);
  CHECK(m.ready_to_door_min.p50 == 13);
  CHECK(m.ready_to_door_min.p90 == 28);
  // ready-to-pickup: o1 0 (c1 waited), o2 1, o3 5
  CHECK(m.ready_to_pickup_min.mean == doctest::Approx(2.0));
  CHECK(m.ready_to_pickup_min.p10 == 0);
  CHECK(m.ready_to_pickup_min.p50 == 1);
  CHECK(m.ready_to_pickup_min.p90 == 5);
  // target 25: o3 is 5 minutes over
  CHECK(m.within_target_share == doctest::Approx(2.0 / 3.0));
  CHECK(m.overage_mean_min == doctest::Approx(5.0 / 3.0));
  CHECK(m.bundle_size_mean == doctest::Approx(1.5));
  CHECK(m.orders_per_courier_hour == doctest::Approx(3.0 / (115.0 / 60.0)));
  CHECK(m.bundles_per_courier_hour == doctest::Approx(2.0 / (115.0 / 60.0)));
  // driving: c1 3 + 7, c2 5 + 8 + 7; service: 2 pickups and 3 drop-offs of 4 minutes
  CHECK(m.driving_min == 30);
  CHECK(m.service_min == 20);
  CHECK(m.utilization == doctest::Approx(50.0 / 115.0));
  // c1: max(1 × 10, 15 × 1 h) = 15 (guarantee); c2: max(2 × 10, 15 × 55/60 h) = 20
  CHECK(m.pay_total == doctest::Approx(35.0));
  CHECK(m.couriers_paid_guarantee == 1);
  CHECK(m.pay_per_order_delivered == doctest::Approx(35.0 / 3.0));

  std::ostringstream json;
  write_mdrp_measures_json(json, m);
  CHECK(json.str().find("\"click_to_door_min\": {\"count\": 3, \"mean\": 23.67, \"p10\": 20.00, "
                        "\"p50\": 21.00, \"p90\": 30.00, \"max\": 30.00},") != std::string::npos);
  CHECK(json.str().find("\"pay\": {\"total\": 35.00, \"per_order_delivered\": 11.67, "
                        "\"couriers_paid_guarantee\": 1}") != std::string::npos);
  CHECK(format_mdrp_measures_table(m).find("within target") != std::string::npos);
}

TEST_CASE("mdrp measures: no deliveries gives undefined ratios, not zeros") {
  MdrpTempDir instance_dir;
  MdrpInstanceFiles{}.write(instance_dir.path);
  const MdrpInstance instance = *load_mdrp_instance(instance_dir.str()).instance;
  const MdrpMeasures m = compute_mdrp_measures(instance, MdrpSolution{});
  CHECK(m.orders_delivered == 0);
  CHECK(std::isnan(m.within_target_share));
  CHECK(std::isnan(m.bundle_size_mean));
  CHECK(m.pay_total == doctest::Approx(15.0 + 13.75));  // both couriers on the guarantee
  std::ostringstream json;
  write_mdrp_measures_json(json, m);
  CHECK(json.str().find("\"within_target_share\": null") != std::string::npos);
}

TEST_CASE("mdrp check: half-minute service times (odd pickup and drop-off service)") {
  // Pickup service 5 (2.5 + 2.5), drop-off service 3 (1.5 + 1.5). c1 still waits for o1's ready
  // time 10 (3 + 2.5 < 10), leaves r1 at 12.5, arrives at o1 at 19.5, drops off at 21. c2 reaches
  // r2 at 11: pickup max(13.5, 12) = 13.5, leaves 16, o2 at 24 → 25.5, leaves 27, o3 at 34 → 35.5.
  MdrpInstanceFiles instance;
  instance.parameters = edited(instance.parameters, "100\t4\t4\t", "100\t5\t3\t");
  MdrpSolutionFiles solution;
  solution.assignments =
      "assignment_time pickup_time courier orders\n0 10 c1 o1\n6 13.5 c2 o2 o3\n";
  solution.orders =
      "order placement_time ready_time pickup_time dropoff_time courier\n"
      "o1 0 10 10 21 c1\no2 5 12 13.5 25.5 c2\no3 6 8 13.5 35.5 c2\no4 50 62\n";
  solution.moves =
      "courier departure_time origin destination\n"
      "c1 0 0 r1\nc1 12.5 r1 o1\nc2 6 0 r2\nc2 16 r2 o2\nc2 27 o2 o3\n";
  const MdrpCheckReport report = check(solution, instance);
  INFO(listing(report));
  CHECK(report.valid());

  SUBCASE("leaving at 12 is half a minute too early") {
    solution.moves = edited(solution.moves, "c1 12.5 r1 o1", "c1 12 r1 o1");
    solution.orders = edited(solution.orders, "o1 0 10 10 21 c1", "o1 0 10 10 20.5 c1");
    const MdrpCheckReport early = check(solution, instance);
    INFO(listing(early));
    CHECK(early.violations.size() == 1);
    CHECK(early.has("leave_during_service"));
  }
  SUBCASE("a pickup rounded to a whole minute is rejected") {
    solution.assignments = edited(solution.assignments, "6 13.5 c2", "6 14 c2");
    solution.orders = edited(solution.orders, "o2 5 12 13.5", "o2 5 12 14");
    solution.orders = edited(solution.orders, "o3 6 8 13.5", "o3 6 8 14");
    const MdrpCheckReport rounded = check(solution, instance);
    INFO(listing(rounded));
    CHECK(rounded.has("pickup_service"));
  }
}

// --- one test per rule: a minimal edit of the valid solution -------------------------------

TEST_CASE("mdrp check rule: every order in at most one assignment") {
  expect_rule(with_assignments("0 10 c1 o1\n", "0 10 c1 o1\n6 13 c2 o1\n"), "order_assigned_twice");
  expect_rule(with_assignments("6 13 c2 o2 o3", "6 13 c2 o2 o3 o2"), "order_assigned_twice");
}

TEST_CASE("mdrp check rule: no assignment before the placement of its orders") {
  // o3 is placed at 6; c2's pickup does not depend on the assignment time here (it arrives at 11).
  expect_only_rule(with_assignments("6 13 c2", "5 13 c2"), "assignment_before_placement");
}

TEST_CASE("mdrp check rule: pickup not before the assignment") {
  expect_rule(with_assignments("6 13 c2", "14 13 c2"), "pickup_before_assignment");
}

TEST_CASE("mdrp check rule: pickup not before the ready time of every order") {
  // c1 is at r1 from 3: picking o1 up at 5 = 3 + 2 ignores its ready time 10.
  MdrpSolutionFiles files = with_assignments("0 10 c1 o1", "0 5 c1 o1");
  files.orders = edited(files.orders, "o1 0 10 10 21 c1", "o1 0 10 5 21 c1");
  expect_rule(files, "pickup_before_ready");
}

TEST_CASE("mdrp check rule: no pickup at or after the courier's off_time") {
  // o4 (ready 62) served by c1 after its off_time 60, otherwise following every rule: c1 rides
  // back from o1 to r1 (23 → 30), waits for the ready time, picks up at 62, o4 is 6 min away.
  MdrpSolutionFiles files = with_assignments("6 13 c2 o2 o3\n", "6 13 c2 o2 o3\n50 62 c1 o4\n");
  files.orders = edited(files.orders, "o4 50 62\n", "o4 50 62 62 72 c1\n");
  files.moves = edited(files.moves, "c1 12 r1 o1\n", "c1 12 r1 o1\nc1 23 o1 r1\nc1 64 r1 o4\n");
  expect_only_rule(files, "pickup_after_off_time");
}

TEST_CASE("mdrp check rule: all orders of one assignment from one restaurant") {
  MdrpSolutionFiles files = with_assignments("0 10 c1 o1", "0 10 c1 o1 o2");
  files.assignments = edited(files.assignments, "c2 o2 o3", "c2 o3");
  expect_rule(files, "bundle_restaurants");
}

TEST_CASE("mdrp check rule: drop-offs in the listed sequence") {
  expect_only_rule(with_assignments("c2 o2 o3", "c2 o3 o2"), "dropoff_sequence");
}

TEST_CASE("mdrp check rule: pickup service time (pickup = max(arrival + half, latest ready))") {
  // c2 arrives at r2 at 11 and could pick up at 13; a pickup at 12 is too early.
  MdrpSolutionFiles files = with_assignments("6 13 c2", "6 12 c2");
  files.orders = edited(files.orders, "o2 5 12 13 25", "o2 5 12 12 25");
  files.orders = edited(files.orders, "o3 6 8 13 36", "o3 6 8 12 36");
  expect_only_rule(files, "pickup_service");
}

TEST_CASE("mdrp check rule: the courier leaves the restaurant only after the pickup service") {
  // c1 picks up at 10 and may leave at 12, not 11 (its drop-off then comes a minute earlier).
  MdrpSolutionFiles files = with_moves("c1 12 r1 o1", "c1 11 r1 o1");
  files.orders = edited(files.orders, "o1 0 10 10 21 c1", "o1 0 10 10 20 c1");
  expect_only_rule(files, "leave_during_service");
}

TEST_CASE("mdrp check rule: drop-off service time (drop-off = arrival + half)") {
  expect_only_rule(with_orders("o1 0 10 10 21 c1", "o1 0 10 10 20 c1"), "dropoff_service");
}

TEST_CASE("mdrp check rule: the courier leaves the customer only after the drop-off service") {
  // c2 drops o2 off at 25 and may leave at 27; leaving at 26 makes o3's drop-off 35.
  MdrpSolutionFiles files = with_moves("c2 27 o2 o3", "c2 26 o2 o3");
  files.orders = edited(files.orders, "o3 6 8 13 36", "o3 6 8 13 35");
  expect_only_rule(files, "leave_during_service");
}

TEST_CASE("mdrp check rule: travel takes exactly ceil(metres / meters_per_minute)") {
  // o2 → o3 is 700 m = 7 min; a drop-off at 35 assumes 6.
  expect_only_rule(with_orders("o3 6 8 13 36", "o3 6 8 13 35"), "dropoff_service");
  // r1 → o1 is 670.8 m: 7 min, not 6.71 rounded down.
  expect_only_rule(with_orders("o1 0 10 10 21 c1", "o1 0 10 10 20 c1"), "dropoff_service");
}

TEST_CASE("mdrp check rule: each move departs from where the previous one ended") {
  // (Travel is then timed from r2, so the drop-off at o3 is missed too.)
  expect_rule(with_moves("c2 27 o2 o3", "c2 27 r2 o3"), "move_continuity");
}

TEST_CASE("mdrp check rule: no departure before arriving") {
  // c2 reaches o2 at 23; leaving at 20 is impossible.
  MdrpSolutionFiles files = with_moves("c2 27 o2 o3", "c2 20 o2 o3");
  files.orders = edited(files.orders, "o3 6 8 13 36", "o3 6 8 13 29");
  expect_rule(files, "move_continuity");
}

TEST_CASE("mdrp check rule: no courier moves before its on_time") {
  // c2 comes on at 5; leaving at 4 it would reach r2 at 9 (and pick up at 12, not 13).
  expect_rule(with_moves("c2 6 0 r2", "c2 4 0 r2"), "move_before_on_time");
}

TEST_CASE("mdrp check rule: the courier is at the restaurant at the pickup") {
  MdrpSolutionFiles files = with_moves("c1 0 0 r1", "c1 0 0 r2");
  files.moves = edited(files.moves, "c1 12 r1 o1", "c1 12 r2 o1");
  expect_rule(files, "pickup_place");
}

TEST_CASE("mdrp check rule: the courier is at the customer at the drop-off") {
  // At 40 c2 is at o3, not o2.
  expect_rule(with_orders("o2 5 12 13 25 c2", "o2 5 12 13 40 c2"), "dropoff_place");
}

TEST_CASE("mdrp check rule: no drop-off before the pickup") {
  // c1 visits o1's customer (10 min away) before r1 and claims the drop-off there.
  MdrpSolutionFiles files = with_moves("c1 0 0 r1\nc1 12 r1 o1\n", "c1 0 0 o1\nc1 14 o1 r1\n");
  files.assignments = edited(files.assignments, "0 10 c1 o1", "0 23 c1 o1");
  files.orders = edited(files.orders, "o1 0 10 10 21 c1", "o1 0 10 23 12 c1");
  expect_rule(files, "dropoff_before_pickup");
}

TEST_CASE("mdrp check rule: the orders file agrees with the assignments") {
  expect_only_rule(with_orders("o1 0 10 10 21 c1", "o1 0 10 10 21 c2"), "order_record");
  expect_only_rule(with_orders("o2 5 12 13 25", "o2 5 12 14 25"), "order_record");
  expect_only_rule(with_orders("o1 0 10 10 21 c1", "o1 0 10"), "order_record");
  expect_only_rule(with_orders("o4 50 62\n", "o4 50 62 62 70 c1\n"), "order_record");
}

TEST_CASE("mdrp check rule: one row per order in the orders file, with the instance's times") {
  expect_only_rule(with_orders("o4 50 62\n", ""), "order_row_missing");
  expect_only_rule(with_orders("o4 50 62\n", "o4 50 62\no4 50 62\n"), "order_row_duplicate");
  expect_only_rule(with_orders("o4 50 62\n", "o4 50 61\n"), "order_times");
}

TEST_CASE("mdrp check rule: ids must exist in the instance") {
  expect_rule(with_assignments("6 13 c2 o2 o3", "6 13 c9 o2 o3"), "courier_unknown");
  expect_rule(with_assignments("6 13 c2 o2 o3", "6 13 c2 o2 o3 o9"), "order_unknown");
  expect_rule(with_moves("c2 27 o2 o3", "c2 27 o2 r9"), "place_unknown");
  expect_rule(with_moves("c2 27 o2 o3", "c7 27 o2 o3"), "courier_unknown");
}

TEST_CASE("mdrp check: a violation names the file row, the courier and the orders") {
  const MdrpCheckReport report = check(with_assignments("c2 o2 o3", "c2 o3 o2"));
  REQUIRE(report.violations.size() == 1);
  CHECK(report.violations.front().message ==
        "solution_info_assignments.txt:3: order o2 is dropped off at 25, before o3 which "
        "precedes it in the drop-off sequence");
}

TEST_CASE("mdrp check: an empty solution of an instance lists every order as missing") {
  MdrpSolutionFiles files;
  files.assignments = "assignment_time pickup_time courier orders\n";
  files.orders = "order placement_time ready_time pickup_time dropoff_time courier\n";
  files.moves = "courier departure_time origin destination\n";
  const MdrpCheckReport report = check(files);
  CHECK(report.violations.size() == 4);
  CHECK(report.has("order_row_missing"));
}
