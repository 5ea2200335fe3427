// simulate_mdrp: exact timings on hand-made instances whose best behaviour is known, and on
// seeded random instances every policy's solution passes check_mdrp_solution, conserves orders,
// starves no order a courier could still serve, and is the same on every run.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "knightsim/mdrp.hpp"
#include "knightsim/mdrp_simulation.hpp"
#include "knightsim/rng.hpp"

using namespace knightsim;

namespace {

constexpr MdrpPolicy kPolicies[] = {MdrpPolicy::nearest_idle, MdrpPolicy::insertion,
                                    MdrpPolicy::batch};

/// Speed 100 m/min (so 100 m = 1 min), target click-to-door 25 min.
MdrpInstance base_instance(int pickup_service_min, int dropoff_service_min) {
  MdrpInstance instance;
  instance.parameters.meters_per_minute = 100.0;
  instance.parameters.pickup_service_min = pickup_service_min;
  instance.parameters.dropoff_service_min = dropoff_service_min;
  instance.parameters.target_click_to_door_min = 25;
  instance.parameters.maximum_click_to_door_min = 90;
  instance.parameters.pay_per_order = 10.0;
  instance.parameters.guaranteed_pay_per_hour = 15.0;
  return instance;
}

MdrpSimulationResult simulate(const MdrpInstance& instance, MdrpPolicy policy,
                              int batch_interval_min = 2, int max_bundle_size = 3) {
  MdrpSimulationOptions options;
  options.policy = policy;
  options.batch_interval_min = batch_interval_min;
  options.max_bundle_size = max_bundle_size;
  return simulate_mdrp(instance, options);
}

std::string violations(const MdrpCheckReport& report) {
  std::string text;
  for (const MdrpViolation& v : report.violations) text += v.message + " [" + v.rule + "]\n";
  return text;
}

std::string solution_text(const MdrpSolution& solution) {
  std::ostringstream text;
  write_mdrp_assignments(text, solution);
  write_mdrp_orders(text, solution);
  write_mdrp_moves(text, solution);
  return text.str();
}

const MdrpOrderRecord& record(const MdrpSolution& solution, const std::string& order) {
  const auto at = std::find_if(solution.orders.begin(), solution.orders.end(),
                               [&](const MdrpOrderRecord& r) { return r.order == order; });
  REQUIRE(at != solution.orders.end());
  return *at;
}

bool has_move(const MdrpSolution& solution, const std::string& courier, double departure,
              const std::string& origin, const std::string& destination) {
  return std::any_of(solution.moves.begin(), solution.moves.end(), [&](const MdrpMove& m) {
    return m.courier == courier && m.departure_min == departure && m.origin == origin &&
           m.destination == destination;
  });
}

}  // namespace

TEST_CASE("mdrp simulation: policy names round-trip, unknown names and bad options are refused") {
  for (MdrpPolicy policy : kPolicies) {
    MdrpPolicy parsed = MdrpPolicy::batch;
    CHECK(parse_mdrp_policy(to_string(policy), parsed));
    CHECK(parsed == policy);
  }
  MdrpPolicy unchanged = MdrpPolicy::insertion;
  CHECK_FALSE(parse_mdrp_policy("nearest", unchanged));
  CHECK(unchanged == MdrpPolicy::insertion);
  const MdrpInstance instance = base_instance(4, 4);
  CHECK_THROWS_AS(simulate(instance, MdrpPolicy::batch, 0), std::invalid_argument);
  CHECK_THROWS_AS(simulate(instance, MdrpPolicy::insertion, 2, 0), std::invalid_argument);
}

// r1 at (0,0); courier c1 at (0,300), 3 min away, on 0–60. Odd services (5 and 3 min) so that
// times fall on half minutes. o1 to (300,-600), 670.8 m → 7 min, placed 0.
TEST_CASE("mdrp simulation: a courier waits for the ready time; times are exact half minutes") {
  MdrpInstance instance = base_instance(5, 3);
  instance.restaurants = {{"r1", {0, 0}}};
  instance.couriers = {{"c1", {0, 300}, 0, 60}};

  SUBCASE("ready at 10: the courier arrives at 3 and must wait") {
    instance.orders = {{"o1", {300, -600}, 0, 0, 10}};
    instance.rebuild_index();
    for (MdrpPolicy policy : kPolicies) {
      const std::string policy_name = to_string(policy);
      CAPTURE(policy_name);
      const MdrpSolution solution = simulate(instance, policy).solution;
      INFO(solution_text(solution));
      REQUIRE(check_mdrp_solution(instance, solution).valid());
      REQUIRE(solution.assignments.size() == 1);
      // pickup max(3 + 2.5, 10) = 10, leave 12.5, arrive 19.5, drop-off 19.5 + 1.5 = 21.
      CHECK(solution.assignments[0].pickup_min == 10.0);
      CHECK(record(solution, "o1").dropoff_min == 21.0);
      // The courier waits at its start rather than at the restaurant: it leaves at
      // 10 - 2.5 - 3 = 4.5, which does not delay the pickup.
      CHECK(has_move(solution, "c1", 4.5, "0", "r1"));
      CHECK(has_move(solution, "c1", 12.5, "r1", "o1"));
      if (policy == MdrpPolicy::batch) {
        // Rounds every 2 min postpone while waiting a round costs nothing. Round 4 commits:
        // from round 6 the courier would arrive at 9 and pick up at 11.5 > 10.
        CHECK(solution.assignments[0].assignment_min == 4.0);
      } else {
        CHECK(solution.assignments[0].assignment_min == 0.0);
      }
    }
  }
  SUBCASE("ready at placement: no wait") {
    instance.orders = {{"o1", {300, -600}, 0, 0, 0}};
    instance.rebuild_index();
    for (MdrpPolicy policy : kPolicies) {
      const std::string policy_name = to_string(policy);
      CAPTURE(policy_name);
      const MdrpSolution solution = simulate(instance, policy).solution;
      INFO(solution_text(solution));
      REQUIRE(check_mdrp_solution(instance, solution).valid());
      REQUIRE(solution.assignments.size() == 1);
      // Leaves at 0 (its round at 0 for batch), pickup 3 + 2.5, leaves 8, drop-off 15 + 1.5.
      CHECK(solution.assignments[0].pickup_min == 5.5);
      CHECK(record(solution, "o1").dropoff_min == 16.5);
      CHECK(has_move(solution, "c1", 0.0, "0", "r1"));
      CHECK(has_move(solution, "c1", 8.0, "r1", "o1"));
    }
  }
}

// One courier, 5 min from r1, on 0–120; services 4 and 4. Two orders of r1, both ready at 20:
// a to (0,-800), 8 min from r1, placed 0; b to (0,-1500), 7 min further, placed 2.
// Together: pickup 20, leave 22, a dropped off 22 + 8 + 2 = 32, leave 34, b 34 + 7 + 2 = 43.
// Alone one after the other (nearest_idle, one order per trip): b waits until the courier is
// back from a at 34, reaches r1 at 42, picks up at 44 and drops off at 63.
TEST_CASE("mdrp simulation: two orders of one restaurant share a trip") {
  MdrpInstance instance = base_instance(4, 4);
  instance.restaurants = {{"r1", {0, 0}}};
  instance.couriers = {{"c1", {0, 500}, 0, 120}};
  instance.orders = {{"a", {0, -800}, 0, 0, 20}, {"b", {0, -1500}, 2, 0, 20}};
  instance.rebuild_index();

  for (MdrpPolicy policy : {MdrpPolicy::insertion, MdrpPolicy::batch}) {
    const std::string policy_name = to_string(policy);
    CAPTURE(policy_name);
    const MdrpSolution solution = simulate(instance, policy).solution;
    INFO(solution_text(solution));
    REQUIRE(check_mdrp_solution(instance, solution).valid());
    REQUIRE(solution.assignments.size() == 1);
    const MdrpAssignment& bundle = solution.assignments[0];
    CHECK(bundle.orders == std::vector<std::string>{"a", "b"});
    CHECK(bundle.pickup_min == 20.0);
    CHECK(record(solution, "a").dropoff_min == 32.0);
    CHECK(record(solution, "b").dropoff_min == 43.0);
    CHECK(has_move(solution, "c1", 13.0, "0", "r1"));  // 20 - 2 - 5: just in time
    CHECK(has_move(solution, "c1", 34.0, "a", "b"));
    // Insertion adds b to a's bundle when b is placed, before the courier leaves at 13. Batch
    // postpones until round 12, the last from which the courier still makes the pickup at 20.
    CHECK(bundle.assignment_min == (policy == MdrpPolicy::insertion ? 2.0 : 12.0));
  }

  const MdrpSolution one_by_one = simulate(instance, MdrpPolicy::nearest_idle).solution;
  INFO(solution_text(one_by_one));
  REQUIRE(check_mdrp_solution(instance, one_by_one).valid());
  CHECK(one_by_one.assignments.size() == 2);
  CHECK(record(one_by_one, "a").dropoff_min == 32.0);
  CHECK(record(one_by_one, "b").pickup_min == 44.0);
  CHECK(record(one_by_one, "b").dropoff_min == 63.0);

  SUBCASE("max_bundle_size 1 keeps them apart") {
    for (MdrpPolicy policy : {MdrpPolicy::insertion, MdrpPolicy::batch}) {
      const std::string policy_name = to_string(policy);
      CAPTURE(policy_name);
      const MdrpSolution solution = simulate(instance, policy, 2, 1).solution;
      REQUIRE(check_mdrp_solution(instance, solution).valid());
      CHECK(solution.assignments.size() == 2);
      CHECK(record(solution, "b").dropoff_min == 63.0);
    }
  }
}

// c1 at r1, on 0–60. o_late is ready at 62, after the off_time. o_far's restaurant is 60 min
// away: the courier would arrive at 60 + 15 (it is placed at 15), after the off_time. o_edge is
// ready at 58: pickup 58 < 60, so it is served. o_off is ready exactly at 60: no pickup at the
// off_time.
TEST_CASE("mdrp simulation: orders nobody can pick up before an off_time stay undelivered") {
  MdrpInstance instance = base_instance(4, 4);
  instance.restaurants = {{"r1", {0, 0}}, {"r2", {6000, 0}}};
  instance.couriers = {{"c1", {0, 0}, 0, 60}};
  instance.orders = {{"o_late", {0, 300}, 50, 0, 62},
                     {"o_far", {6000, 300}, 15, 1, 20},
                     {"o_edge", {0, 400}, 40, 0, 58},
                     {"o_off", {0, 500}, 41, 0, 60}};
  instance.rebuild_index();
  for (MdrpPolicy policy : kPolicies) {
    const std::string policy_name = to_string(policy);
    CAPTURE(policy_name);
    const MdrpSolution solution = simulate(instance, policy).solution;
    INFO(solution_text(solution));
    REQUIRE(check_mdrp_solution(instance, solution).valid());
    REQUIRE(solution.orders.size() == 4);
    for (const char* id : {"o_late", "o_far", "o_off"}) {
      CAPTURE(id);
      const MdrpOrderRecord& r = record(solution, id);
      CHECK_FALSE(r.pickup_min.has_value());
      CHECK_FALSE(r.dropoff_min.has_value());
      CHECK(r.courier.empty());
    }
    CHECK(record(solution, "o_edge").pickup_min == 58.0);
    CHECK(record(solution, "o_edge").dropoff_min == 58.0 + 2 + 4 + 2);  // delivered after 60
  }
}

namespace {

/// A random instance: a few restaurants and couriers on a 5 km square, orders over two hours,
/// shifts that start late and end early, odd and even services, slow and fast couriers.
MdrpInstance random_instance(Rng& rng) {
  MdrpInstance instance =
      base_instance(static_cast<int>(rng.below(7)), static_cast<int>(rng.below(7)));
  instance.parameters.meters_per_minute = rng.uniform(80.0, 400.0);
  const auto point = [&] { return MdrpPoint{rng.uniform(0, 5000), rng.uniform(0, 5000)}; };
  const std::size_t restaurants = 1 + rng.below(6);
  for (std::size_t r = 0; r < restaurants; ++r) {
    instance.restaurants.push_back({"r" + std::to_string(r + 1), point()});
  }
  const std::size_t couriers = 1 + rng.below(8);
  for (std::size_t c = 0; c < couriers; ++c) {
    const int on = static_cast<int>(rng.below(90));
    instance.couriers.push_back(
        {"c" + std::to_string(c + 1), point(), on, on + 1 + static_cast<int>(rng.below(120))});
  }
  const std::size_t orders = rng.below(60);
  for (std::size_t o = 0; o < orders; ++o) {
    const int placement = static_cast<int>(rng.below(150));
    // Some orders share a restaurant and a ready time, so that bundles form.
    instance.orders.push_back({"o" + std::to_string(o + 1), point(), placement,
                               static_cast<std::size_t>(rng.below(restaurants)),
                               placement + static_cast<int>(rng.below(4) * 5)});
  }
  instance.rebuild_index();
  return instance;
}

/// No undelivered order could have been picked up by any courier once that courier was done
/// with its work (and on shift, and the order placed; for batch, at the next round after).
void check_nothing_starved(const MdrpInstance& instance, const MdrpSolution& solution,
                           const MdrpSimulationOptions& options) {
  const double ps = instance.parameters.pickup_service_min / 2.0;
  const double ds = instance.parameters.dropoff_service_min / 2.0;
  // Where and when each courier is done: its last move's destination, after the service there.
  std::vector<MdrpPoint> done_at(instance.couriers.size());
  std::vector<double> done_from(instance.couriers.size());
  for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
    done_at[c] = instance.couriers[c].position;
    done_from[c] = instance.couriers[c].on_min;
  }
  for (const MdrpMove& move : solution.moves) {
    const std::size_t c = *instance.find_courier(move.courier);
    const auto to = mdrp_place_position(instance, c, move.destination);
    const auto from = mdrp_place_position(instance, c, move.origin);
    done_at[c] = *to;
    // Moves end at customers; the service after the drop-off keeps the courier there.
    done_from[c] = move.departure_min +
                   travel_minutes(*from, *to, instance.parameters.meters_per_minute) + 2 * ds;
  }
  for (const MdrpOrderRecord& r : solution.orders) {
    if (r.dropoff_min) continue;
    const MdrpOrder& order = instance.orders[*instance.find_order(r.order)];
    const MdrpPoint restaurant = instance.restaurants[order.restaurant].position;
    for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
      double start = std::max({done_from[c], static_cast<double>(instance.couriers[c].on_min),
                               static_cast<double>(order.placement_min)});
      if (options.policy == MdrpPolicy::batch) {
        start = std::ceil(start / options.batch_interval_min) * options.batch_interval_min;
      }
      const double pickup = std::max(
          start + travel_minutes(done_at[c], restaurant, instance.parameters.meters_per_minute) +
              ps,
          static_cast<double>(order.ready_min));
      INFO("order " << r.order << " courier " << instance.couriers[c].id << " free from " << start);
      CHECK(pickup >= instance.couriers[c].off_min);
    }
  }
}

}  // namespace

TEST_CASE("mdrp simulation: on random instances every policy's solution is valid and complete") {
  Rng rng(20180601);
  for (int i = 0; i < 30; ++i) {
    const MdrpInstance instance = random_instance(rng);
    for (MdrpPolicy policy : kPolicies) {
      MdrpSimulationOptions options;
      options.policy = policy;
      options.batch_interval_min = 1 + static_cast<int>(rng.below(5));
      options.max_bundle_size = 1 + static_cast<int>(rng.below(6));
      CAPTURE(i);
      const std::string policy_name = to_string(policy);
      CAPTURE(policy_name);
      CAPTURE(options.batch_interval_min);
      CAPTURE(options.max_bundle_size);
      const MdrpSolution solution = simulate_mdrp(instance, options).solution;
      const MdrpCheckReport report = check_mdrp_solution(instance, solution);
      INFO(violations(report));
      CHECK(report.valid());

      // Conservation: one record per order, in instance order; each order in at most one
      // assignment and delivered exactly when it is in one.
      REQUIRE(solution.orders.size() == instance.orders.size());
      std::vector<int> assigned(instance.orders.size(), 0);
      for (const MdrpAssignment& a : solution.assignments) {
        CHECK(a.orders.size() >= 1);
        CHECK(a.orders.size() <= static_cast<std::size_t>(options.max_bundle_size));
        for (const std::string& id : a.orders) ++assigned[*instance.find_order(id)];
      }
      for (std::size_t o = 0; o < instance.orders.size(); ++o) {
        CHECK(solution.orders[o].order == instance.orders[o].id);
        CHECK(assigned[o] <= 1);
        CHECK(solution.orders[o].dropoff_min.has_value() == (assigned[o] == 1));
      }
      check_nothing_starved(instance, solution, options);
    }
  }
}

TEST_CASE("mdrp simulation: the same instance gives the same solution, on every run") {
  Rng rng(7);
  for (int i = 0; i < 5; ++i) {
    const MdrpInstance instance = random_instance(rng);
    const MdrpInstance copy = instance;  // another object: nothing may depend on addresses
    for (MdrpPolicy policy : kPolicies) {
      const std::string policy_name = to_string(policy);
      CAPTURE(policy_name);
      const MdrpSimulationResult first = simulate(instance, policy);
      const MdrpSimulationResult second = simulate(copy, policy);
      CHECK(solution_text(first.solution) == solution_text(second.solution));
      CHECK(first.events == second.events);
      CHECK(first.matching_rounds == second.matching_rounds);
    }
  }
}
