#pragma once
// Order arrivals: a non-homogeneous Poisson process, rate = orders_per_hour × hourly profile ×
// weekend factor × growth × weather demand factor, drawn by thinning (Lewis & Shedler) against
// the largest rate the run can reach. Each accepted arrival becomes an order with a customer
// from the density map, a nearby open merchant of a category drawn from the mix, a
// preparation time, a promise, a patience deadline and a weight.

#include <array>
#include <span>
#include <vector>

#include "density_map.hpp"
#include "knightsim/city.hpp"
#include "knightsim/merchant.hpp"
#include "knightsim/order.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/spatial_grid.hpp"
#include "knightsim/weather.hpp"
#include "router.hpp"

namespace knightsim {

class DemandGenerator {
 public:
  DemandGenerator(const ScenarioSpec& spec, const ScenarioClock& clock,
                  const WeatherTimeline& weather, const City& city, Router& router,
                  std::span<const Merchant> merchants, const RngStreams& streams);

  /// Orders per hour at time t.
  double rate_per_hour(SimTime t) const;
  /// Time of the next candidate arrival after `t` (exponential gaps at the envelope rate);
  /// kNever if the envelope rate is zero.
  SimTime next_candidate_ms(SimTime t);
  /// Thinning: whether the candidate last drawn by next_candidate_ms (at t) is a real arrival.
  bool accept(SimTime t);
  /// Fills `order` (all but id and the lifecycle times after placement) for an arrival at t,
  /// from the current candidate's own random stream.
  /// False when no merchant of the drawn category is open (the customer gives up).
  bool draw_order(SimTime t, Order& order);

 private:
  MerchantId choose_merchant(MerchantCategory category, Point customer, SimTime time_of_day);

  const ScenarioSpec& spec_;
  const ScenarioClock& clock_;
  const WeatherTimeline& weather_;
  const City& city_;
  Router& router_;
  std::span<const Merchant> merchants_;
  DensityMap customers_;
  double envelope_per_ms_ = 0.0;
  std::array<double, kMerchantCategoryCount> category_cumulative_share_{};
  std::vector<SpatialGrid> merchants_by_category_;
  std::vector<std::uint32_t> merchant_land_;  ///< per merchant: Router::land_of its shop
  std::vector<MerchantId> in_reach_;          ///< scratch for choose_merchant
  Rng arrivals_rng_;  ///< per candidate: gap, acceptance draw, seed of its attributes
  double candidate_acceptance_ = 0.0;
  /// The current candidate's attributes (category, customer, merchant choice, weight, prep),
  /// reseeded for each candidate so an order's attributes depend on nothing but its candidate.
  Rng orders_rng_;
};

}  // namespace knightsim
