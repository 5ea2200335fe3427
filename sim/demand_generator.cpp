#include "demand_generator.hpp"

#include "knightsim/demand_profile.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace knightsim {
namespace {

constexpr double kMerchantCellM = 500.0;

}  // namespace

DemandGenerator::DemandGenerator(const ScenarioSpec& spec, const ScenarioClock& clock,
                                 const WeatherTimeline& weather, const City& city, Router& router,
                                 std::span<const Merchant> merchants, const RngStreams& streams)
    : spec_(spec),
      clock_(clock),
      weather_(weather),
      city_(city),
      router_(router),
      merchants_(merchants),
      customers_(spec.city, spec.map.islands),
      arrivals_rng_(streams.stream("demand.arrivals")),
      orders_rng_(streams.stream("demand.orders")) {
  const auto& demand = spec.demand;
  const double max_profile =
      *std::max_element(demand.hourly_profile.begin(), demand.hourly_profile.end());
  const double max_week = std::max(1.0, demand.weekend_factor);
  // The envelope is the largest rate any weather could give, not just the weather this run
  // has: then the candidate arrivals do not depend on the timeline, and a rainy variant of a
  // scenario keeps every order of the dry one (plus the extra ones rain brings).
  double max_weather_factor = 0.0;
  for (const WeatherEffect& effect : spec.weather.effects) {
    max_weather_factor = std::max(max_weather_factor, effect.demand_factor);
  }
  const double envelope_per_hour =
      demand.orders_per_hour * max_profile * max_week * demand.growth_factor * max_weather_factor;
  envelope_per_ms_ = envelope_per_hour / static_cast<double>(kMsPerHour);

  double total_share = 0.0;
  for (std::size_t c = 0; c < kMerchantCategoryCount; ++c) {
    total_share += demand.categories[c].share;
    category_cumulative_share_[c] = total_share;
  }
  for (int c = 0; c < kMerchantCategoryCount; ++c) {
    merchants_by_category_.emplace_back(city.width_m(), city.height_m(), kMerchantCellM);
  }
  for (const Merchant& merchant : merchants) {
    merchant_land_.push_back(router_.land_of(merchant.location));
    merchants_by_category_[static_cast<std::size_t>(merchant.category)].insert(merchant.id,
                                                                               merchant.location);
  }
}

double DemandGenerator::rate_per_hour(SimTime t) const {
  const auto& demand = spec_.demand;
  double rate =
      demand.orders_per_hour * hourly_profile_at(demand.hourly_profile, clock_.time_of_day_ms(t));
  if (clock_.is_weekend(t)) rate *= demand.weekend_factor;
  return rate * demand.growth_factor * weather_.effect_at(t).demand_factor;
}

SimTime DemandGenerator::next_candidate_ms(SimTime t) {
  if (envelope_per_ms_ <= 0) return kNever;
  // Every candidate takes the same three draws whether or not it becomes an order: its gap,
  // its acceptance draw and the seed of its attributes. Accepting more or fewer candidates
  // (other weather, another profile) then never shifts the draws of the others.
  const double gap_ms = arrivals_rng_.exponential(1.0 / envelope_per_ms_);
  candidate_acceptance_ = arrivals_rng_.uniform01();
  orders_rng_ = Rng(arrivals_rng_.next_u64());
  // At least 1 ms apart: keeps time strictly increasing at absurd rates.
  return t + std::max<SimTime>(1, static_cast<SimTime>(std::llround(gap_ms)));
}

bool DemandGenerator::accept(SimTime t) {
  const double envelope_per_hour = envelope_per_ms_ * static_cast<double>(kMsPerHour);
  return candidate_acceptance_ * envelope_per_hour < rate_per_hour(t);
}

MerchantId DemandGenerator::choose_merchant(MerchantCategory category, Point customer,
                                            SimTime time_of_day) {
  const auto& grid = merchants_by_category_[static_cast<std::size_t>(category)];
  const double radius_m = spec_.demand.delivery_radius_m;
  in_reach_.clear();
  // Customers shop on their own island (the part of the road network they can reach without a
  // ferry); across the water only when their island has no such shop open. On maps without
  // water every place is on one "island".
  const std::uint32_t home = router_.land_of(customer);
  MerchantId nearest = kNoId, nearest_across = kNoId;
  double nearest_m = std::numeric_limits<double>::infinity(), nearest_across_m = nearest_m;
  grid.nearest_first(
      customer,
      [&](double ring_lower_bound_m) {
        // Past the radius only the nearest open merchant matters, and only until one is found.
        return ring_lower_bound_m <= radius_m || (nearest == kNoId) ||
               ring_lower_bound_m < nearest_m;
      },
      [&](std::uint32_t id) {
        const Merchant& merchant = merchants_[id];
        const MerchantGroupSpec& group = spec_.merchants[merchant.group];
        if (!is_open_at(group.opens_ms, group.closes_ms, time_of_day)) return;
        const double distance_m = euclidean_m(customer, merchant.location);
        if (merchant_land_[id] != home) {
          if (distance_m < nearest_across_m ||
              (distance_m == nearest_across_m && id < nearest_across)) {
            nearest_across = id;
            nearest_across_m = distance_m;
          }
          return;
        }
        if (distance_m <= radius_m) in_reach_.push_back(id);
        if (distance_m < nearest_m || (distance_m == nearest_m && id < nearest)) {
          nearest = id;
          nearest_m = distance_m;
        }
      });
  if (in_reach_.empty()) return nearest != kNoId ? nearest : nearest_across;
  // Grid order depends only on the merchants' fixed layout; sort anyway so the choice never
  // depends on bucket internals.
  std::sort(in_reach_.begin(), in_reach_.end());
  return in_reach_[orders_rng_.below(in_reach_.size())];
}

bool DemandGenerator::draw_order(SimTime t, Order& order) {
  const auto& demand = spec_.demand;
  const double pick = orders_rng_.uniform01() * category_cumulative_share_.back();
  std::size_t category_index = 0;
  while (category_index + 1 < kMerchantCategoryCount &&
         pick >= category_cumulative_share_[category_index]) {
    ++category_index;
  }
  const auto category = static_cast<MerchantCategory>(category_index);
  const CategoryDemandSpec& category_spec = demand.categories[category_index];
  const Point customer = router_.snap(customers_.sample(orders_rng_));
  const double weight_kg =
      orders_rng_.lognormal_mean_sd(category_spec.weight_kg_mean, category_spec.weight_kg_sd);

  const MerchantId merchant_id = choose_merchant(category, customer, clock_.time_of_day_ms(t));
  if (merchant_id == kNoId) return false;
  const Merchant& merchant = merchants_[merchant_id];
  const MerchantGroupSpec& group = spec_.merchants[merchant.group];

  order.category = category;
  order.merchant = merchant_id;
  order.customer = customer;
  order.weight_kg = weight_kg;
  order.distance_m = router_.road_distance_m(merchant.location, customer, router_.main_mode());
  order.placed_ms = t;
  const double prep_ms = orders_rng_.lognormal_mean_sd(static_cast<double>(group.prep_time_mean_ms),
                                                       static_cast<double>(group.prep_time_sd_ms));
  order.ready_ms = t + static_cast<SimTime>(std::llround(prep_ms));
  const double promise_ms =
      static_cast<double>(category_spec.promise_base_ms) +
      static_cast<double>(category_spec.promise_per_km_ms) * order.distance_m / 1000.0;
  order.promised_ms = t + static_cast<SimTime>(std::llround(promise_ms));
  order.patience_deadline_ms = t + category_spec.patience_ms;
  return true;
}

}  // namespace knightsim
