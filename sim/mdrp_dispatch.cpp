// The state the MDRP dispatch policies share (see mdrp_dispatch.hpp).
#include "mdrp_dispatch.hpp"

#include <algorithm>
#include <cassert>

namespace knightsim::mdrp {

DispatchState::DispatchState(const MdrpInstance& instance, const MdrpSimulationOptions& options)
    : geometry_(instance),
      options_(options),
      plans_(instance.couriers.size()),
      changed_(instance.couriers.size(), false) {}

Anchor DispatchState::free_from(std::size_t courier, Halves now) const {
  Anchor anchor = plans_[courier].end(geometry_, courier);
  anchor.free = std::max(anchor.free, now);
  return anchor;
}

CourierPlan& DispatchState::plan_to_change(std::size_t courier) {
  if (!changed_[courier]) {
    changed_[courier] = true;
    changed_list_.push_back(courier);
  }
  return plans_[courier];
}

void DispatchState::append(std::size_t courier, Bundle bundle, Halves now) {
  assert(on_shift(courier, now));
  bundle.assigned = now;
  CourierPlan& plan = plan_to_change(courier);
  schedule(geometry_, plan.end(geometry_, courier), bundle);
  assert(bundle.pickup < off_time(courier));
  remove_waiting(bundle.orders);
  plan.bundles.push_back(std::move(bundle));
}

void DispatchState::remove_waiting(const std::vector<std::size_t>& orders) {
  std::erase_if(waiting_, [&](std::size_t o) {
    return std::find(orders.begin(), orders.end(), o) != orders.end();
  });
}

std::vector<std::size_t> DispatchState::take_changed_couriers() {
  std::vector<std::size_t> changed;
  changed.swap(changed_list_);
  std::sort(changed.begin(), changed.end());
  for (std::size_t c : changed) changed_[c] = false;
  return changed;
}

}  // namespace knightsim::mdrp
