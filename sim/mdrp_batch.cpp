// batch: rolling-horizon matching in the spirit of Reyes et al. (2018), "The Meal Delivery
// Routing Problem". Every batch_interval_min minutes:
//
//   1. Candidates: couriers on shift whose committed work ends within kFreeSoon; each starts
//      from where and when it is free (no earlier than now).
//   2. Bundles, per restaurant, from its waiting orders by ready time: each order joins the
//      bundle where it adds the least to the sum of drop-off times, provided the bundle stays
//      within a size limit, the ready times within kBundleReadySpread, and the addition costs
//      at most kBundleDetour more than a trip of its own from the restaurant (the wait for a
//      later ready time counted); otherwise it starts a bundle. The size limit grows with the
//      load, ceil(waiting orders / candidates) capped at max_bundle_size, so orders share a trip
//      only when couriers are short. Drop-offs are sequenced by least sum of drop-off times.
//   3. Arcs: every courier that can pick the bundle up before its off_time and reach the
//      restaurant within kReach of now (any courier who can pick it up, if none is that near).
//      Cost (minutes):
//          Σ over the bundle's orders of (drop-off − now)
//                                        + kLatenessWeight × (click-to-door beyond the target)
//          + kCourierTimeWeight × (pickup − when the courier is free)
//      That is the click-to-door still to come, not the part already spent waiting, so that an
//      old order is not passed over for a young one that takes as long to deliver; lateness
//      still favours the old. The last term prefers, among couriers who make the same pickup,
//      the one who spends less time getting there. Leaving a bundle for the next round costs
//      kUnassignedPerOrder per order: more than any arc, so the matching serves as many bundles
//      as it can, and the cheapest way among those.
//   4. solve_assignment; a matched pair is committed now only if waiting for the next round
//      would delay its pickup. Otherwise it is postponed: the courier would only wait at the
//      restaurant, and next round the bundle may have grown or a better courier be free. As the
//      ready time nears, waiting starts to cost, so a postponed bundle is committed in time: no
//      order is starved while a courier who can serve it is free.
//
// The constants were tuned on the ten Grubhub instances (docs/mdrp.md has the measured table).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "knightsim/assignment.hpp"
#include "mdrp_dispatch.hpp"

namespace knightsim::mdrp {
namespace {

/// Couriers whose committed work ends this soon are matched (their new bundle follows it).
constexpr Halves kFreeSoon = halves(10);
/// Orders whose ready times differ by more never share a bundle.
constexpr Halves kBundleReadySpread = halves(10);
/// An order joins a bundle only if that adds at most this to the bundle's sum of drop-off
/// times beyond its own drop-off on a trip of its own.
constexpr Halves kBundleDetour = halves(10);
/// Couriers farther (in minutes from now to the restaurant) are matched only when nobody
/// nearer can serve a bundle.
constexpr Halves kReach = halves(45);
constexpr double kLatenessWeight = 1.0;
constexpr double kCourierTimeWeight = 0.1;
constexpr double kUnassignedPerOrder = 1000.0;

struct Candidate {
  std::size_t courier = 0;
  Anchor from;  ///< where and when it is free, no earlier than now
};

class BatchPolicy final : public Policy {
 public:
  explicit BatchPolicy(DispatchState& state) : state_(state) {}

  void order_placed(std::size_t, Halves) override {}
  void courier_available(std::size_t, Halves) override {}
  bool uses_rounds() const override { return true; }

  void round(Halves now) override {
    if (state_.waiting().empty()) return;
    const std::vector<Candidate> candidates = find_candidates(now);
    if (candidates.empty()) return;

    std::vector<Bundle> bundles;
    AssignmentProblem problem;
    problem.columns = static_cast<std::uint32_t>(candidates.size());
    const auto add_row = [&](Bundle bundle, std::vector<AssignmentArc> arcs) {
      const auto row = static_cast<std::uint32_t>(bundles.size());
      for (AssignmentArc& arc : arcs) arc.row = row;
      problem.arcs.insert(problem.arcs.end(), arcs.begin(), arcs.end());
      problem.unassigned_cost.push_back(kUnassignedPerOrder *
                                        static_cast<double>(bundle.orders.size()));
      bundles.push_back(std::move(bundle));
    };
    for (Bundle& bundle : make_bundles(candidates.size(), now)) {
      std::vector<AssignmentArc> arcs = arcs_of(bundle, candidates, now);
      if (!arcs.empty() || bundle.orders.size() == 1) {
        add_row(std::move(bundle), std::move(arcs));
        continue;
      }
      // Nobody can pick the whole bundle up in time (say, one order is ready too late for
      // every shift): its orders compete alone, so that none waits for another.
      for (std::size_t o : bundle.orders) {
        Bundle single = bundle;
        single.orders = {o};
        schedule(state_.geometry(), Anchor{Place{Place::Kind::restaurant, bundle.restaurant}, now},
                 single);
        std::vector<AssignmentArc> single_arcs = arcs_of(single, candidates, now);
        add_row(std::move(single), std::move(single_arcs));
      }
    }
    if (problem.arcs.empty()) return;
    problem.rows = static_cast<std::uint32_t>(bundles.size());
    const AssignmentSolution solution = solve_assignment(problem);
    const Halves next_round = now + halves(state_.options().batch_interval_min);
    for (std::size_t b = 0; b < bundles.size(); ++b) {
      const std::uint32_t k = solution.column_of_row[b];
      if (k == kUnassigned) continue;
      const Candidate& candidate = candidates[k];
      if (!waiting_delays_pickup(bundles[b], candidate, next_round)) continue;  // postponed
      state_.append(candidate.courier, std::move(bundles[b]), now);
    }
  }

 private:
  std::vector<Candidate> find_candidates(Halves now) const {
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < state_.courier_count(); ++c) {
      if (!state_.on_shift(c, now)) continue;
      const Anchor from = state_.free_from(c, now);
      if (from.free - now <= kFreeSoon) candidates.push_back({c, from});
    }
    return candidates;
  }

  std::vector<Bundle> make_bundles(std::size_t couriers, Halves now) const {
    const MdrpInstance& in = state_.instance();
    std::vector<std::size_t> orders = state_.waiting();
    const std::size_t size_limit =
        std::clamp<std::size_t>((orders.size() + couriers - 1) / couriers, 1,
                                static_cast<std::size_t>(state_.options().max_bundle_size));
    std::sort(orders.begin(), orders.end(), [&](std::size_t a, std::size_t b) {
      const MdrpOrder& x = in.orders[a];
      const MdrpOrder& y = in.orders[b];
      if (x.restaurant != y.restaurant) return x.restaurant < y.restaurant;
      if (x.ready_min != y.ready_min) return x.ready_min < y.ready_min;
      if (x.placement_min != y.placement_min) return x.placement_min < y.placement_min;
      return a < b;
    });
    const auto at_restaurant = [&](const Bundle& b) {
      return Anchor{Place{Place::Kind::restaurant, b.restaurant}, now};
    };
    const auto dropoff_sum = [](const Bundle& b) {
      Halves sum = 0;
      for (Halves d : b.dropoffs) sum += d;
      return sum;
    };
    std::vector<Bundle> bundles;
    std::size_t first_of_restaurant = 0;
    for (std::size_t o : orders) {
      const MdrpOrder& order = in.orders[o];
      if (bundles.empty() || bundles.back().restaurant != order.restaurant) {
        first_of_restaurant = bundles.size();
      }
      Bundle solo;
      solo.restaurant = order.restaurant;
      solo.orders = {o};
      solo.assigned = now;
      // Timed from the restaurant at now: the drop-off sequence does not depend on the courier.
      schedule(state_.geometry(), at_restaurant(solo), solo);
      std::optional<std::size_t> best;
      Bundle best_trial;
      Halves best_extra = std::numeric_limits<Halves>::max();
      for (std::size_t j = first_of_restaurant; j < bundles.size(); ++j) {
        const Bundle& bundle = bundles[j];
        // Orders come by ready time, so the bundle's earliest is no later than this one's.
        int earliest_ready = order.ready_min;
        for (std::size_t other : bundle.orders) {
          earliest_ready = std::min(earliest_ready, in.orders[other].ready_min);
        }
        if (bundle.orders.size() >= size_limit ||
            halves(order.ready_min - earliest_ready) > kBundleReadySpread) {
          continue;
        }
        Bundle trial = bundle;
        trial.orders.push_back(o);
        sequence_and_schedule(state_.geometry(), at_restaurant(trial), trial);
        const Halves extra = dropoff_sum(trial) - dropoff_sum(bundle) - solo.dropoffs[0];
        if (extra <= kBundleDetour && extra < best_extra) {
          best = j;
          best_extra = extra;
          best_trial = std::move(trial);
        }
      }
      if (best) {
        bundles[*best] = std::move(best_trial);
      } else {
        bundles.push_back(std::move(solo));
      }
    }
    return bundles;
  }

  /// The bundle timed for the candidate (drop-off sequence kept).
  Bundle timed(const Bundle& bundle, const Candidate& candidate) const {
    Bundle copy = bundle;
    schedule(state_.geometry(), candidate.from, copy);
    return copy;
  }

  /// Arcs (row left 0) to the couriers within reach who can serve the bundle; if none is
  /// within reach, to every courier who can, however far, so that no order waits while
  /// someone could take it.
  std::vector<AssignmentArc> arcs_of(const Bundle& bundle, const std::vector<Candidate>& candidates,
                                     Halves now) const {
    std::vector<AssignmentArc> near, far;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const auto cost = arc_cost(bundle, candidates[k], now);
      if (!cost) continue;
      const AssignmentArc arc{0, static_cast<std::uint32_t>(k), *cost};
      (within_reach(bundle, candidates[k], now) ? near : far).push_back(arc);
    }
    return near.empty() ? far : near;
  }

  bool within_reach(const Bundle& bundle, const Candidate& candidate, Halves now) const {
    const Place restaurant{Place::Kind::restaurant, bundle.restaurant};
    return candidate.from.free + state_.geometry().travel(candidate.from.place, restaurant) - now <=
           kReach;
  }

  /// The arc's cost, or nullopt if the courier cannot pick the bundle up before its off_time.
  std::optional<double> arc_cost(const Bundle& bundle, const Candidate& candidate,
                                 Halves now) const {
    const Bundle b = timed(bundle, candidate);
    if (b.pickup >= state_.off_time(candidate.courier)) return std::nullopt;
    const MdrpInstance& in = state_.instance();
    double cost = 0.0;
    for (std::size_t i = 0; i < b.orders.size(); ++i) {
      const MdrpOrder& order = in.orders[b.orders[i]];
      const double click_to_door = to_minutes(b.dropoffs[i]) - order.placement_min;
      cost +=
          to_minutes(b.dropoffs[i] - now) +
          kLatenessWeight * std::max(0.0, click_to_door - in.parameters.target_click_to_door_min);
    }
    cost += kCourierTimeWeight * to_minutes(b.pickup - candidate.from.free);
    return cost;
  }

  bool waiting_delays_pickup(const Bundle& bundle, const Candidate& candidate,
                             Halves next_round) const {
    Candidate later = candidate;
    later.from.free = std::max(later.from.free, next_round);
    return timed(bundle, later).pickup > timed(bundle, candidate).pickup;
  }

  DispatchState& state_;
};

}  // namespace

std::unique_ptr<Policy> make_batch_policy(DispatchState& state) {
  return std::make_unique<BatchPolicy>(state);
}

}  // namespace knightsim::mdrp
