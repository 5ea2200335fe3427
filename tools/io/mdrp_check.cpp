// check_mdrp_solution: the MDRP rules of docs/mdrp.md, applied to a solution read from files.
//
// The courier file is replayed into a timeline of stays per courier: the start position from
// on_time, then one stay per move, from its arrival (departure + travel_minutes) until the next
// departure. Pickups and drop-offs are then placed in the stays of the right courier at the
// right place, which checks the service rule there, and each stay's earliest allowed departure
// is raised by the service that ends in it. Every violation is reported, each once; a courier
// whose moves name an unknown place gets no timeline, so its pickups are not checked further.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "knightsim/mdrp.hpp"

namespace knightsim {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

bool same_time(double a, double b) {
  return std::abs(a - b) <= kMdrpTimeTolerance;
}
/// a strictly before b, beyond the tolerance.
bool earlier(double a, double b) {
  return a < b - kMdrpTimeTolerance;
}

std::string t(double minutes) {
  return format_mdrp_minutes(minutes);
}

std::string row(const char* file, int line, std::size_t index) {
  return line > 0 ? fmt::format("{}:{}", file, line) : fmt::format("{} row {}", file, index + 1);
}

struct Stay {
  std::string place;  ///< "0", a restaurant id or an order id
  double arrival = 0.0;
  double departure = kNever;               ///< of the move that leaves it; kNever if none
  const MdrpMove* leaving_move = nullptr;  ///< nullptr for the last stay
  double leave_after = 0.0;                ///< no departure before this (services, on_time)
  std::string leave_reason;                ///< what sets leave_after, for messages
};

struct Timeline {
  bool ok = true;  ///< false when a move names an unknown place
  std::vector<Stay> stays;
};

class Checker {
 public:
  Checker(const MdrpInstance& instance, const MdrpSolution& solution)
      : in_(instance),
        sol_(solution),
        half_pickup_(instance.parameters.pickup_service_min / 2.0),
        half_dropoff_(instance.parameters.dropoff_service_min / 2.0),
        record_of_order_(instance.orders.size()),
        assignment_of_order_(instance.orders.size()),
        courier_of_assignment_(solution.assignments.size()),
        timelines_(instance.couriers.size()) {}

  MdrpCheckReport run() {
    check_order_rows();
    check_assignments();
    build_timelines();
    place_pickups_and_dropoffs();
    check_departures();
    check_order_rows_agree();
    return std::move(report_);
  }

 private:
  void add(std::string_view rule, std::string message) {
    report_.violations.push_back({std::string(rule), std::move(message)});
  }

  std::string assignment_row(std::size_t k) const {
    return row(kMdrpAssignmentsFile, sol_.assignments[k].line, k);
  }
  std::string order_row(std::size_t r) const {
    return row(kMdrpOrdersFile, sol_.orders[r].line, r);
  }
  std::string move_row(const MdrpMove& move) const {
    return row(kMdrpCouriersFile, move.line, static_cast<std::size_t>(&move - sol_.moves.data()));
  }

  void check_order_rows() {
    for (std::size_t r = 0; r < sol_.orders.size(); ++r) {
      const MdrpOrderRecord& record = sol_.orders[r];
      const auto o = in_.find_order(record.order);
      if (!o) {
        add("order_unknown", fmt::format("{}: unknown order '{}'", order_row(r), record.order));
        continue;
      }
      if (record_of_order_[*o]) {
        add("order_row_duplicate", fmt::format("{}: order {} already has a row at {}", order_row(r),
                                               record.order, order_row(*record_of_order_[*o])));
        continue;
      }
      record_of_order_[*o] = r;
      const MdrpOrder& order = in_.orders[*o];
      if (!same_time(record.placement_min, order.placement_min) ||
          !same_time(record.ready_min, order.ready_min)) {
        add("order_times", fmt::format("{}: order {} placement/ready {}/{} differ from the "
                                       "instance's {}/{}",
                                       order_row(r), record.order, t(record.placement_min),
                                       t(record.ready_min), order.placement_min, order.ready_min));
      }
    }
    for (std::size_t o = 0; o < in_.orders.size(); ++o) {
      if (!record_of_order_[o]) {
        add("order_row_missing",
            fmt::format("{}: no row for order {}", kMdrpOrdersFile, in_.orders[o].id));
      }
    }
  }

  void check_assignments() {
    for (std::size_t k = 0; k < sol_.assignments.size(); ++k) {
      const MdrpAssignment& a = sol_.assignments[k];
      const std::string where = assignment_row(k);
      const auto c = in_.find_courier(a.courier);
      if (!c) add("courier_unknown", fmt::format("{}: unknown courier '{}'", where, a.courier));
      courier_of_assignment_[k] = c;
      std::optional<std::size_t> restaurant;
      bool one_restaurant = true;
      for (const std::string& id : a.orders) {
        const auto o = in_.find_order(id);
        if (!o) {
          add("order_unknown", fmt::format("{}: unknown order '{}'", where, id));
          continue;
        }
        const MdrpOrder& order = in_.orders[*o];
        if (assignment_of_order_[*o]) {
          add("order_assigned_twice", fmt::format("{}: order {} is already assigned at {}", where,
                                                  id, assignment_row(*assignment_of_order_[*o])));
        } else {
          assignment_of_order_[*o] = k;
        }
        if (restaurant && *restaurant != order.restaurant) one_restaurant = false;
        restaurant = order.restaurant;
        if (earlier(a.assignment_min, order.placement_min)) {
          add("assignment_before_placement",
              fmt::format("{}: order {} assigned at {} before its placement at {}", where, id,
                          t(a.assignment_min), order.placement_min));
        }
        if (earlier(a.pickup_min, order.ready_min)) {
          add("pickup_before_ready", fmt::format("{}: order {} picked up at {} before it is ready "
                                                 "at {}",
                                                 where, id, t(a.pickup_min), order.ready_min));
        }
      }
      if (!one_restaurant) {
        std::string names;
        for (const std::string& id : a.orders) {
          if (const auto o = in_.find_order(id)) {
            names += fmt::format(" {}@{}", id, in_.restaurants[in_.orders[*o].restaurant].id);
          }
        }
        add("bundle_restaurants",
            fmt::format("{}: orders from more than one restaurant:{}", where, names));
      }
      if (earlier(a.pickup_min, a.assignment_min)) {
        add("pickup_before_assignment", fmt::format("{}: pickup at {} before the assignment at {}",
                                                    where, t(a.pickup_min), t(a.assignment_min)));
      }
      if (c && !earlier(a.pickup_min, in_.couriers[*c].off_min)) {
        add("pickup_after_off_time",
            fmt::format("{}: courier {} picks up at {}, not before its off_time {}", where,
                        a.courier, t(a.pickup_min), in_.couriers[*c].off_min));
      }
    }
  }

  /// Position of a place for courier `c`; nullopt for an unknown id.
  std::optional<MdrpPoint> position(std::size_t c, std::string_view place) const {
    return mdrp_place_position(in_, c, place);
  }

  void build_timelines() {
    std::vector<std::vector<const MdrpMove*>> moves_of(in_.couriers.size());
    for (const MdrpMove& move : sol_.moves) {
      if (const auto c = in_.find_courier(move.courier)) {
        moves_of[*c].push_back(&move);
      } else {
        add("courier_unknown",
            fmt::format("{}: unknown courier '{}'", move_row(move), move.courier));
      }
    }
    for (std::size_t c = 0; c < in_.couriers.size(); ++c) {
      const MdrpCourier& courier = in_.couriers[c];
      Timeline& timeline = timelines_[c];
      timeline.stays.push_back(Stay{
          std::string(kMdrpStartPosition), static_cast<double>(courier.on_min), kNever, nullptr,
          static_cast<double>(courier.on_min), fmt::format("its on_time {}", courier.on_min)});
      for (const MdrpMove* move : moves_of[c]) {
        const auto from = position(c, move->origin);
        const auto to = position(c, move->destination);
        if (!from || !to) {
          add("place_unknown",
              fmt::format("{}: courier {}: unknown place '{}' (not 0, a restaurant or an order)",
                          move_row(*move), courier.id, !from ? move->origin : move->destination));
          timeline.ok = false;
          break;
        }
        Stay& here = timeline.stays.back();
        if (move->origin != here.place) {
          add("move_continuity",
              fmt::format("{}: courier {} departs from {} but is at {} "
                          "(since {})",
                          move_row(*move), courier.id, move->origin, here.place, t(here.arrival)));
        } else if (earlier(move->departure_min, here.arrival)) {
          const bool before_shift = timeline.stays.size() == 1;
          add(before_shift ? "move_before_on_time" : "move_continuity",
              before_shift
                  ? fmt::format("{}: courier {} moves at {}, before its on_time {}",
                                move_row(*move), courier.id, t(move->departure_min), courier.on_min)
                  : fmt::format("{}: courier {} leaves {} at {}, before arriving there at {}",
                                move_row(*move), courier.id, here.place, t(move->departure_min),
                                t(here.arrival)));
        }
        here.departure = move->departure_min;
        here.leaving_move = move;
        const double arrival =
            move->departure_min + travel_minutes(*from, *to, in_.parameters.meters_per_minute);
        timeline.stays.push_back(Stay{move->destination, arrival, kNever, nullptr, arrival, ""});
      }
    }
  }

  /// The stay of courier `c` at `place` that contains time `at`.
  std::optional<std::size_t> find_stay(std::size_t c, std::string_view place, double at) const {
    const std::vector<Stay>& stays = timelines_[c].stays;
    for (std::size_t j = 0; j < stays.size(); ++j) {
      if (stays[j].place == place && !earlier(at, stays[j].arrival) &&
          !earlier(stays[j].departure, at)) {
        return j;
      }
    }
    return std::nullopt;
  }

  /// Where courier `c` is at time `at`, in words.
  std::string whereabouts(std::size_t c, double at) const {
    const std::vector<Stay>& stays = timelines_[c].stays;
    if (earlier(at, stays.front().arrival)) {
      return fmt::format("is not on shift before {}", t(stays.front().arrival));
    }
    for (std::size_t j = 0; j < stays.size(); ++j) {
      const Stay& stay = stays[j];
      if (!earlier(stay.departure, at)) {
        if (!earlier(at, stay.arrival)) {
          return fmt::format("is at {} (from {})", stay.place, t(stay.arrival));
        }
        return fmt::format("is on the way from {} to {} (arrives at {})", stays[j - 1].place,
                           stay.place, t(stay.arrival));
      }
    }
    return "has no position";  // unreachable: the last stay never ends
  }

  void raise_leave_after(Stay& stay, double time, std::string reason) {
    if (time > stay.leave_after) {
      stay.leave_after = time;
      stay.leave_reason = std::move(reason);
    }
  }

  void place_pickups_and_dropoffs() {
    for (std::size_t k = 0; k < sol_.assignments.size(); ++k) {
      const MdrpAssignment& a = sol_.assignments[k];
      const auto c = courier_of_assignment_[k];
      if (!c || !timelines_[*c].ok || a.orders.empty()) continue;
      const auto first = in_.find_order(a.orders.front());
      if (!first) continue;
      const MdrpRestaurant& restaurant = in_.restaurants[in_.orders[*first].restaurant];
      const std::string where = assignment_row(k);
      const auto j = find_stay(*c, restaurant.id, a.pickup_min);
      if (!j) {
        add("pickup_place",
            fmt::format("{}: courier {} picks up at {} at {} but {}", where, a.courier,
                        restaurant.id, t(a.pickup_min), whereabouts(*c, a.pickup_min)));
        continue;
      }
      Stay& stay = timelines_[*c].stays[*j];
      double latest_ready = -kNever;
      for (const std::string& id : a.orders) {
        if (const auto o = in_.find_order(id)) {
          latest_ready = std::max(latest_ready, static_cast<double>(in_.orders[*o].ready_min));
        }
      }
      const double service_start = std::max(stay.arrival, a.assignment_min);
      const double expected = std::max(service_start + half_pickup_, latest_ready);
      if (!same_time(a.pickup_min, expected)) {
        add("pickup_service",
            fmt::format("{}: courier {} picks up at {}; arriving at {} at {} (assigned at {}, "
                        "half pickup service {}, latest ready {}) the pickup is at {}",
                        where, a.courier, t(a.pickup_min), restaurant.id, t(stay.arrival),
                        t(a.assignment_min), t(half_pickup_), t(latest_ready), t(expected)));
      }
      raise_leave_after(stay, a.pickup_min + half_pickup_,
                        fmt::format("the pickup service of {} ends at {}", where,
                                    t(a.pickup_min + half_pickup_)));
      place_dropoffs(k, *c, *j);
    }
  }

  void place_dropoffs(std::size_t k, std::size_t c, std::size_t pickup_stay) {
    const MdrpAssignment& a = sol_.assignments[k];
    const std::string where = assignment_row(k);
    std::size_t previous_stay = pickup_stay;
    std::string previous_order;
    for (const std::string& id : a.orders) {
      const auto o = in_.find_order(id);
      if (!o || !record_of_order_[*o]) continue;
      const MdrpOrderRecord& record = sol_.orders[*record_of_order_[*o]];
      if (!record.dropoff_min) continue;  // reported by check_order_rows_agree
      const double d = *record.dropoff_min;
      const auto j = find_stay(c, id, d);
      if (!j) {
        add("dropoff_place",
            fmt::format("{}: order {} dropped off at {} by courier {}, who {}",
                        order_row(*record_of_order_[*o]), id, t(d), a.courier, whereabouts(c, d)));
        continue;
      }
      Stay& stay = timelines_[c].stays[*j];
      if (!same_time(d, stay.arrival + half_dropoff_)) {
        add("dropoff_service",
            fmt::format("{}: order {} dropped off at {}; courier {} arrives at {} and the "
                        "drop-off is half the drop-off service ({}) later, at {}",
                        order_row(*record_of_order_[*o]), id, t(d), a.courier, t(stay.arrival),
                        t(half_dropoff_), t(stay.arrival + half_dropoff_)));
      }
      if (*j <= pickup_stay) {
        add("dropoff_before_pickup",
            fmt::format("{}: order {} dropped off at {} before courier {} picks it up at {}",
                        order_row(*record_of_order_[*o]), id, t(d), a.courier, t(a.pickup_min)));
      } else if (*j <= previous_stay) {
        add("dropoff_sequence",
            fmt::format("{}: order {} is dropped off at {}, before {} which precedes it in the "
                        "drop-off sequence",
                        where, id, t(d), previous_order));
      }
      previous_stay = std::max(previous_stay, *j);
      previous_order = id;
      raise_leave_after(
          stay, d + half_dropoff_,
          fmt::format("the drop-off service of order {} ends at {}", id, t(d + half_dropoff_)));
    }
  }

  void check_departures() {
    for (std::size_t c = 0; c < in_.couriers.size(); ++c) {
      for (const Stay& stay : timelines_[c].stays) {
        // Departures before arrival (or on_time) were reported while building the timeline.
        if (stay.leaving_move == nullptr || earlier(stay.departure, stay.arrival)) continue;
        if (earlier(stay.departure, stay.leave_after)) {
          add("leave_during_service",
              fmt::format("{}: courier {} leaves {} at {}, but {}", move_row(*stay.leaving_move),
                          in_.couriers[c].id, stay.place, t(stay.departure), stay.leave_reason));
        }
      }
    }
  }

  void check_order_rows_agree() {
    for (std::size_t o = 0; o < in_.orders.size(); ++o) {
      if (!record_of_order_[o]) continue;
      const std::size_t r = *record_of_order_[o];
      const MdrpOrderRecord& record = sol_.orders[r];
      const auto k = assignment_of_order_[o];
      if (!k) {
        if (record.pickup_min || record.dropoff_min || !record.courier.empty()) {
          add("order_record", fmt::format("{}: order {} has a pickup and drop-off but is in no "
                                          "assignment",
                                          order_row(r), record.order));
        }
        continue;
      }
      const MdrpAssignment& a = sol_.assignments[*k];
      if (!record.pickup_min || !record.dropoff_min) {
        add("order_record",
            fmt::format("{}: order {} is picked up at {} by courier {} ({}) but its row has no "
                        "pickup and drop-off",
                        order_row(r), record.order, t(a.pickup_min), a.courier,
                        assignment_row(*k)));
        continue;
      }
      if (!same_time(*record.pickup_min, a.pickup_min) || record.courier != a.courier) {
        add("order_record",
            fmt::format("{}: order {} has pickup {} by courier {}, but {} says {} by {}",
                        order_row(r), record.order, t(*record.pickup_min), record.courier,
                        assignment_row(*k), t(a.pickup_min), a.courier));
      }
    }
  }

  const MdrpInstance& in_;
  const MdrpSolution& sol_;
  const double half_pickup_;
  const double half_dropoff_;
  std::vector<std::optional<std::size_t>> record_of_order_;      // order → orders-file row
  std::vector<std::optional<std::size_t>> assignment_of_order_;  // order → first assignment
  std::vector<std::optional<std::size_t>> courier_of_assignment_;
  std::vector<Timeline> timelines_;  // per courier
  MdrpCheckReport report_;
};

}  // namespace

std::optional<MdrpPoint> mdrp_place_position(const MdrpInstance& instance, std::size_t courier,
                                             std::string_view place) {
  if (place == kMdrpStartPosition) return instance.couriers[courier].position;
  if (const auto r = instance.find_restaurant(place)) return instance.restaurants[*r].position;
  if (const auto o = instance.find_order(place)) return instance.orders[*o].position;
  return std::nullopt;
}

bool MdrpCheckReport::has(std::string_view rule) const {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const MdrpViolation& v) { return v.rule == rule; });
}

MdrpCheckReport check_mdrp_solution(const MdrpInstance& instance, const MdrpSolution& solution) {
  return Checker(instance, solution).run();
}

}  // namespace knightsim
