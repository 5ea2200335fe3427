// Bundle timing and drop-off sequencing for the MDRP simulation (see mdrp_plan.hpp).
#include "mdrp_plan.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>

namespace knightsim::mdrp {

Geometry::Geometry(const MdrpInstance& instance)
    : instance_(instance),
      half_pickup_(instance.parameters.pickup_service_min),
      half_dropoff_(instance.parameters.dropoff_service_min) {}

MdrpPoint Geometry::position(Place place) const {
  switch (place.kind) {
    case Place::Kind::start:
      return instance_.couriers[place.index].position;
    case Place::Kind::restaurant:
      return instance_.restaurants[place.index].position;
    case Place::Kind::customer:
      return instance_.orders[place.index].position;
  }
  return {};
}

Halves Geometry::travel(Place from, Place to) const {
  return halves(
      travel_minutes(position(from), position(to), instance_.parameters.meters_per_minute));
}

Halves latest_ready(const Geometry& geometry, const Bundle& bundle) {
  Halves ready = std::numeric_limits<Halves>::min();
  for (std::size_t o : bundle.orders) {
    ready = std::max(ready, halves(geometry.instance().orders[o].ready_min));
  }
  return ready;
}

void schedule(const Geometry& geometry, Anchor from, Bundle& bundle) {
  assert(!bundle.orders.empty());
  const Place restaurant{Place::Kind::restaurant, bundle.restaurant};
  const Halves to_restaurant = geometry.travel(from.place, restaurant);
  const Halves earliest_depart = std::max(from.free, bundle.assigned);
  bundle.pickup = std::max(earliest_depart + to_restaurant + geometry.half_pickup(),
                           latest_ready(geometry, bundle));
  // Leaving later than this would delay the pickup; leaving earlier only means waiting at the
  // restaurant instead of where the courier is.
  bundle.depart = std::max(earliest_depart, bundle.pickup - geometry.half_pickup() - to_restaurant);
  bundle.dropoffs.resize(bundle.orders.size());
  Place here = restaurant;
  Halves leave = bundle.pickup + geometry.half_pickup();
  for (std::size_t i = 0; i < bundle.orders.size(); ++i) {
    const Place customer{Place::Kind::customer, bundle.orders[i]};
    bundle.dropoffs[i] = leave + geometry.travel(here, customer) + geometry.half_dropoff();
    leave = bundle.dropoffs[i] + geometry.half_dropoff();
    here = customer;
  }
  bundle.end = leave;
}

namespace {

/// Sum of drop-off times of `sequence` (order indices) counted from leaving the restaurant at 0.
Halves dropoff_sum(const Geometry& geometry, std::size_t restaurant,
                   const std::vector<std::size_t>& sequence) {
  Place here{Place::Kind::restaurant, restaurant};
  Halves clock = 0, sum = 0;
  for (std::size_t o : sequence) {
    const Place customer{Place::Kind::customer, o};
    clock += geometry.travel(here, customer) + geometry.half_dropoff();
    sum += clock;
    clock += geometry.half_dropoff();
    here = customer;
  }
  return sum;
}

void exhaustive_sequence(const Geometry& geometry, Bundle& bundle) {
  std::vector<std::size_t> candidate = bundle.orders;
  std::sort(candidate.begin(), candidate.end());  // next_permutation visits all from sorted
  std::vector<std::size_t> best = candidate;
  Halves best_sum = dropoff_sum(geometry, bundle.restaurant, candidate);
  while (std::next_permutation(candidate.begin(), candidate.end())) {
    const Halves sum = dropoff_sum(geometry, bundle.restaurant, candidate);
    if (sum < best_sum) {  // strict: the lexicographically first best sequence wins ties
      best_sum = sum;
      best = candidate;
    }
  }
  bundle.orders = std::move(best);
}

void nearest_neighbour_sequence(const Geometry& geometry, Bundle& bundle) {
  std::vector<std::size_t> left = bundle.orders;
  std::sort(left.begin(), left.end());
  std::vector<std::size_t> sequence;
  Place here{Place::Kind::restaurant, bundle.restaurant};
  while (!left.empty()) {
    std::size_t best = 0;
    Halves best_travel = std::numeric_limits<Halves>::max();
    for (std::size_t i = 0; i < left.size(); ++i) {
      const Halves t = geometry.travel(here, Place{Place::Kind::customer, left[i]});
      if (t < best_travel) {
        best_travel = t;
        best = i;
      }
    }
    sequence.push_back(left[best]);
    here = Place{Place::Kind::customer, left[best]};
    left.erase(left.begin() + static_cast<std::ptrdiff_t>(best));
  }
  bundle.orders = std::move(sequence);
}

}  // namespace

void sequence_and_schedule(const Geometry& geometry, Anchor from, Bundle& bundle) {
  if (bundle.orders.size() <= kExhaustiveSequenceSize) {
    exhaustive_sequence(geometry, bundle);
  } else {
    nearest_neighbour_sequence(geometry, bundle);
  }
  schedule(geometry, from, bundle);
}

Anchor anchor_after(const Bundle& bundle) {
  return Anchor{Place{Place::Kind::customer, bundle.orders.back()}, bundle.end};
}

Anchor CourierPlan::anchor_before(const Geometry& geometry, std::size_t courier,
                                  std::size_t k) const {
  if (k == 0) {
    return Anchor{Place{Place::Kind::start, courier},
                  halves(geometry.instance().couriers[courier].on_min)};
  }
  return anchor_after(bundles[k - 1]);
}

void CourierPlan::freeze_departed(Halves now) {
  while (first_open < bundles.size() && bundles[first_open].depart < now) ++first_open;
}

}  // namespace knightsim::mdrp
