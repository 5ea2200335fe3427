// simulate_mdrp: the event loop of the MDRP simulation, and the solution it produces.
//
// Events, in time order; at one time: couriers finishing their work, then shift starts, then
// order placements, then the batch round, each kind in index order — so a courier free at t
// can take an order placed at t, and a round at t sees the orders placed at t. The policies
// (mdrp_nearest_idle.cpp, mdrp_insertion.cpp, mdrp_batch.cpp) commit bundles to courier plans;
// the plans are timed when they change (mdrp_plan.hpp), so the run ends when the events do and
// the solution is read off the plans.
#include "knightsim/mdrp_simulation.hpp"

#include <algorithm>
#include <queue>
#include <stdexcept>
#include <string>
#include <vector>

#include "mdrp_dispatch.hpp"

namespace knightsim {
namespace {

using mdrp::Bundle;
using mdrp::Halves;
using mdrp::Place;

enum class EventKind : std::uint8_t { courier_free, shift_start, placement, batch_round };

struct Event {
  Halves time = 0;
  EventKind kind = EventKind::placement;
  std::size_t subject = 0;  ///< courier or order index; unused for rounds

  /// Priority-queue order: the greatest is handled last.
  bool operator>(const Event& other) const {
    if (time != other.time) return time > other.time;
    if (kind != other.kind) return kind > other.kind;
    return subject > other.subject;
  }
};

std::unique_ptr<mdrp::Policy> make_policy(MdrpPolicy policy, mdrp::DispatchState& state) {
  switch (policy) {
    case MdrpPolicy::nearest_idle:
      return mdrp::make_nearest_idle_policy(state);
    case MdrpPolicy::insertion:
      return mdrp::make_insertion_policy(state);
    case MdrpPolicy::batch:
      return mdrp::make_batch_policy(state);
  }
  throw std::invalid_argument("simulate_mdrp: unknown policy");
}

class Simulator {
 public:
  Simulator(const MdrpInstance& instance, const MdrpSimulationOptions& options)
      : instance_(instance),
        options_(options),
        state_(instance, options),
        policy_(make_policy(options.policy, state_)) {}

  MdrpSimulationResult run() {
    for (std::size_t o = 0; o < instance_.orders.size(); ++o) {
      events_.push({mdrp::halves(instance_.orders[o].placement_min), EventKind::placement, o});
    }
    for (std::size_t c = 0; c < instance_.couriers.size(); ++c) {
      events_.push({state_.on_time(c), EventKind::shift_start, c});
      last_off_ = std::max(last_off_, state_.off_time(c));
    }
    placements_left_ = instance_.orders.size();
    if (policy_->uses_rounds() && !instance_.orders.empty()) {
      Halves first = mdrp::halves(instance_.orders.front().placement_min);
      for (const MdrpOrder& order : instance_.orders) {
        first = std::min(first, mdrp::halves(order.placement_min));
      }
      // Rounds on the grid of whole intervals from time zero.
      const Halves interval = mdrp::halves(options_.batch_interval_min);
      events_.push({(first + interval - 1) / interval * interval, EventKind::batch_round, 0});
    }
    while (!events_.empty()) {
      const Event event = events_.top();
      events_.pop();
      handle(event);
      for (std::size_t c : state_.take_changed_couriers()) {
        const auto& bundles = state_.plan(c).bundles;
        if (!bundles.empty()) events_.push({bundles.back().end, EventKind::courier_free, c});
      }
    }
    return result();
  }

 private:
  void handle(const Event& event) {
    switch (event.kind) {
      case EventKind::courier_free: {
        const auto& bundles = state_.plan(event.subject).bundles;
        if (bundles.back().end != event.time) return;  // stale: the plan grew since
        ++result_.events;
        policy_->courier_available(event.subject, event.time);
        return;
      }
      case EventKind::shift_start:
        ++result_.events;
        policy_->courier_available(event.subject, event.time);
        return;
      case EventKind::placement:
        ++result_.events;
        --placements_left_;
        state_.add_waiting(event.subject);
        policy_->order_placed(event.subject, event.time);
        return;
      case EventKind::batch_round: {
        ++result_.events;
        ++result_.matching_rounds;
        policy_->round(event.time);
        // Keep matching while orders may still come, or wait and someone may still serve them.
        const Halves next = event.time + mdrp::halves(options_.batch_interval_min);
        if (placements_left_ > 0 || (!state_.waiting().empty() && next < last_off_)) {
          events_.push({next, EventKind::batch_round, 0});
        }
        return;
      }
    }
  }

  std::string place_id(Place place) const {
    switch (place.kind) {
      case Place::Kind::start:
        return std::string(kMdrpStartPosition);
      case Place::Kind::restaurant:
        return instance_.restaurants[place.index].id;
      case Place::Kind::customer:
        return instance_.orders[place.index].id;
    }
    return {};
  }

  MdrpSimulationResult result() {
    MdrpSolution& solution = result_.solution;
    solution.orders.resize(instance_.orders.size());
    for (std::size_t o = 0; o < instance_.orders.size(); ++o) {
      const MdrpOrder& order = instance_.orders[o];
      solution.orders[o].order = order.id;
      solution.orders[o].placement_min = order.placement_min;
      solution.orders[o].ready_min = order.ready_min;
    }
    const mdrp::Geometry& geometry = state_.geometry();
    for (std::size_t c = 0; c < instance_.couriers.size(); ++c) {
      const std::string& courier = instance_.couriers[c].id;
      const mdrp::CourierPlan& plan = state_.plan(c);
      for (std::size_t k = 0; k < plan.bundles.size(); ++k) {
        const Bundle& bundle = plan.bundles[k];
        MdrpAssignment assignment;
        assignment.assignment_min = mdrp::to_minutes(bundle.assigned);
        assignment.pickup_min = mdrp::to_minutes(bundle.pickup);
        assignment.courier = courier;
        const Place restaurant{Place::Kind::restaurant, bundle.restaurant};
        solution.moves.push_back({courier, mdrp::to_minutes(bundle.depart),
                                  place_id(plan.anchor_before(geometry, c, k).place),
                                  place_id(restaurant), 0});
        Place here = restaurant;
        Halves leave = bundle.pickup + geometry.half_pickup();
        for (std::size_t i = 0; i < bundle.orders.size(); ++i) {
          const std::size_t o = bundle.orders[i];
          const Place customer{Place::Kind::customer, o};
          solution.moves.push_back(
              {courier, mdrp::to_minutes(leave), place_id(here), place_id(customer), 0});
          MdrpOrderRecord& record = solution.orders[o];
          record.pickup_min = assignment.pickup_min;
          record.dropoff_min = mdrp::to_minutes(bundle.dropoffs[i]);
          record.courier = courier;
          assignment.orders.push_back(instance_.orders[o].id);
          here = customer;
          leave = bundle.dropoffs[i] + geometry.half_dropoff();
        }
        solution.assignments.push_back(std::move(assignment));
      }
    }
    // Assignments in the order they were (last) committed; per courier they already are.
    std::stable_sort(solution.assignments.begin(), solution.assignments.end(),
                     [](const MdrpAssignment& a, const MdrpAssignment& b) {
                       return a.assignment_min < b.assignment_min;
                     });
    return std::move(result_);
  }

  const MdrpInstance& instance_;
  const MdrpSimulationOptions options_;
  mdrp::DispatchState state_;
  std::unique_ptr<mdrp::Policy> policy_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  std::size_t placements_left_ = 0;
  Halves last_off_ = 0;
  MdrpSimulationResult result_;
};

}  // namespace

const char* to_string(MdrpPolicy policy) {
  switch (policy) {
    case MdrpPolicy::nearest_idle:
      return "nearest_idle";
    case MdrpPolicy::insertion:
      return "insertion";
    case MdrpPolicy::batch:
      return "batch";
  }
  return "unknown";
}

bool parse_mdrp_policy(const std::string& name, MdrpPolicy& out) {
  for (int i = 0; i < kMdrpPolicyCount; ++i) {
    const auto policy = static_cast<MdrpPolicy>(i);
    if (name == to_string(policy)) {
      out = policy;
      return true;
    }
  }
  return false;
}

MdrpSimulationResult simulate_mdrp(const MdrpInstance& instance,
                                   const MdrpSimulationOptions& options) {
  if (options.batch_interval_min < 1) {
    throw std::invalid_argument("simulate_mdrp: batch_interval_min must be >= 1");
  }
  if (options.max_bundle_size < 1) {
    throw std::invalid_argument("simulate_mdrp: max_bundle_size must be >= 1");
  }
  return Simulator(instance, options).run();
}

}  // namespace knightsim
