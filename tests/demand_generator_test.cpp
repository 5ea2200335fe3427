// DemandGenerator (engine-internal): the arrival rate, thinning, and the orders it draws.
//
// The generator lives in sim/, which is not on the tests' include path; the relative include
// keeps this file building until it is.
#include "demand_generator.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "knightsim/city.hpp"
#include "knightsim/merchant.hpp"
#include "knightsim/order.hpp"
#include "knightsim/rng.hpp"
#include "knightsim/scenario.hpp"
#include "knightsim/sim_time.hpp"
#include "knightsim/weather.hpp"

namespace {

using knightsim::CivilDateTime;
using knightsim::kMsPerDay;
using knightsim::kMsPerHour;
using knightsim::kMsPerMinute;
using knightsim::kNever;
using knightsim::kNoId;
using knightsim::Merchant;
using knightsim::MerchantCategory;
using knightsim::MerchantGroupSpec;
using knightsim::MerchantId;
using knightsim::Order;
using knightsim::Point;
using knightsim::ScenarioSpec;
using knightsim::SimTime;
using knightsim::WeatherChange;
using knightsim::WeatherState;

constexpr CivilDateTime kWednesdayMidnight{2026, 6, 17, 0, 0};
constexpr CivilDateTime kFridayMidnight{2026, 6, 19, 0, 0};

std::size_t index_of(MerchantCategory category) {
  return static_cast<std::size_t>(category);
}
std::size_t index_of(WeatherState state) {
  return static_cast<std::size_t>(state);
}

/// A 3 km × 3 km city with uniform population, starting on a Wednesday at midnight.
ScenarioSpec base_spec() {
  ScenarioSpec spec;
  spec.start = kWednesdayMidnight;
  spec.city.width_m = 3000.0;
  spec.city.height_m = 3000.0;
  spec.seed = 1;
  return spec;
}

/// Only `category` is ordered.
void only_category(ScenarioSpec& spec, MerchantCategory category) {
  for (auto& c : spec.demand.categories) c.share = 0.0;
  spec.demand.categories[index_of(category)].share = 1.0;
}

MerchantGroupSpec group_of(MerchantCategory category, SimTime opens_ms = 0,
                           SimTime closes_ms = kMsPerDay) {
  MerchantGroupSpec group;
  group.category = category;
  group.opens_ms = opens_ms;
  group.closes_ms = closes_ms;
  return group;
}

/// Places `count` merchants of spec.merchants[group] at random points of the city, with dense
/// ids as the world builder gives them.
void add_merchants(std::vector<Merchant>& merchants, const ScenarioSpec& spec, std::uint32_t group,
                   int count, std::mt19937_64& engine) {
  // Whole metres, by a modulo rather than a <random> distribution, whose output differs
  // between standard libraries.
  const auto metres = [&](double limit) {
    return static_cast<double>(engine() % (static_cast<std::uint64_t>(limit) + 1));
  };
  for (int i = 0; i < count; ++i) {
    const auto id = static_cast<MerchantId>(merchants.size());
    const double x_m = metres(spec.city.width_m);
    const double y_m = metres(spec.city.height_m);
    merchants.push_back(Merchant{id, spec.merchants[group].category, Point{x_m, y_m}, group});
  }
}

/// Everything a DemandGenerator refers to, kept alive and in place next to it.
struct World {
  explicit World(ScenarioSpec spec_in, std::vector<Merchant> merchants_in = {})
      : spec(std::move(spec_in)),
        clock(spec.start),
        weather(spec.weather),
        city(spec.city),
        router(city, nullptr, nullptr),
        merchants(std::move(merchants_in)),
        streams(spec.seed),
        demand(spec, clock, weather, city, router, merchants, streams) {}
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const MerchantGroupSpec& group_of_merchant(MerchantId id) const {
    return spec.merchants[merchants.at(id).group];
  }

  ScenarioSpec spec;
  knightsim::ScenarioClock clock;
  knightsim::WeatherTimeline weather;
  knightsim::City city;
  knightsim::Router router;  // on the analytic grid: the city itself
  std::vector<Merchant> merchants;
  knightsim::RngStreams streams;
  knightsim::DemandGenerator demand;
};

/// Accepted arrivals in [0, to), by thinning as the simulation does.
std::vector<SimTime> arrivals(World& world, SimTime to) {
  std::vector<SimTime> out;
  for (SimTime t = world.demand.next_candidate_ms(0); t != kNever && t < to;
       t = world.demand.next_candidate_ms(t)) {
    if (world.demand.accept(t)) out.push_back(t);
  }
  return out;
}

/// ∫ rate_per_hour dt over [from, to) in orders, midpoint rule on one-minute steps (exact for
/// the piecewise-linear profile between its half-hour kinks).
double expected_orders(const World& world, SimTime from, SimTime to) {
  double orders = 0.0;
  for (SimTime t = from; t < to; t += kMsPerMinute) {
    orders += world.demand.rate_per_hour(t + kMsPerMinute / 2) / 60.0;
  }
  return orders;
}

}  // namespace

TEST_CASE("rate_per_hour follows the hourly profile, linear between hour midpoints") {
  ScenarioSpec spec = base_spec();
  spec.demand.orders_per_hour = 100.0;
  spec.demand.weekend_factor = 1.7;  // must not apply on a Wednesday
  auto& profile = spec.demand.hourly_profile;
  // A permutation of 0.1 … 2.4, so neighbouring hours differ in both directions.
  for (int h = 0; h < 24; ++h) profile[static_cast<std::size_t>(h)] = 0.1 * (1 + (7 * h) % 24);
  const World world(spec);
  const auto p = [&](int h) { return profile[static_cast<std::size_t>((h + 24) % 24)]; };

  for (int h = 0; h < 24; ++h) {
    CAPTURE(h);
    const SimTime hour = h * kMsPerHour;
    CHECK(world.demand.rate_per_hour(hour + 30 * kMsPerMinute) == doctest::Approx(100 * p(h)));
    CHECK(world.demand.rate_per_hour(hour) == doctest::Approx(100 * (p(h - 1) + p(h)) / 2));
    CHECK(world.demand.rate_per_hour(hour + 45 * kMsPerMinute) ==
          doctest::Approx(100 * (0.75 * p(h) + 0.25 * p(h + 1))));
  }

  // The profile is read on the wall clock, not on SimTime: a run starting at 22:00 is at the
  // midpoint of hour 22 after 30 minutes.
  spec.start.hour = 22;
  const World late(spec);
  CHECK(late.demand.rate_per_hour(30 * kMsPerMinute) == doctest::Approx(100 * p(22)));
  CHECK(late.demand.rate_per_hour(2 * kMsPerHour + 30 * kMsPerMinute) ==
        doctest::Approx(100 * p(0)));
}

TEST_CASE("the weekend factor applies on Saturday and Sunday only") {
  ScenarioSpec spec = base_spec();
  spec.start = kFridayMidnight;
  spec.demand.orders_per_hour = 100.0;
  spec.demand.hourly_profile.fill(1.0);
  spec.demand.weekend_factor = 1.7;
  const World world(spec);
  const auto rate = [&](SimTime t) { return world.demand.rate_per_hour(t); };
  CHECK(rate(12 * kMsPerHour) == doctest::Approx(100.0));  // Friday noon
  CHECK(rate(kMsPerDay - 1) == doctest::Approx(100.0));    // Friday, last millisecond
  CHECK(rate(kMsPerDay) == doctest::Approx(170.0));        // Saturday 00:00
  CHECK(rate(kMsPerDay + 12 * kMsPerHour) == doctest::Approx(170.0));
  CHECK(rate(2 * kMsPerDay + 12 * kMsPerHour) == doctest::Approx(170.0));  // Sunday
  CHECK(rate(3 * kMsPerDay) == doctest::Approx(100.0));                    // Monday 00:00
}

TEST_CASE("the weather's demand factor and the growth factor multiply the rate") {
  ScenarioSpec spec = base_spec();
  spec.demand.orders_per_hour = 100.0;
  spec.demand.hourly_profile.fill(1.0);
  spec.demand.growth_factor = 1.5;
  spec.weather.effects[index_of(WeatherState::rain)].demand_factor = 2.0;
  spec.weather.effects[index_of(WeatherState::storm)].demand_factor = 0.5;
  spec.weather.timeline = {WeatherChange{2 * kMsPerHour, WeatherState::rain},
                           WeatherChange{4 * kMsPerHour, WeatherState::storm}};
  const World world(spec);
  CHECK(world.demand.rate_per_hour(kMsPerHour) == doctest::Approx(150.0));
  CHECK(world.demand.rate_per_hour(2 * kMsPerHour) == doctest::Approx(300.0));
  CHECK(world.demand.rate_per_hour(4 * kMsPerHour - 1) == doctest::Approx(300.0));
  CHECK(world.demand.rate_per_hour(4 * kMsPerHour) == doctest::Approx(75.0));
}

TEST_CASE("accepted arrivals number the integral of the rate, within Poisson error") {
  ScenarioSpec spec = base_spec();  // Wednesday and Thursday, the default daily profile
  spec.demand.orders_per_hour = 1000.0;
  // A weekend factor and rain raise the envelope above the weekday rate, so thinning rejects
  // candidates; rain also raises Thursday's rate.
  spec.demand.weekend_factor = 2.0;
  spec.weather.effects[index_of(WeatherState::rain)].demand_factor = 1.2;
  spec.weather.timeline = {WeatherChange{kMsPerDay, WeatherState::rain}};
  World world(spec);
  const std::vector<SimTime> times = arrivals(world, 2 * kMsPerDay);
  CHECK(std::is_sorted(times.begin(), times.end()));
  CHECK(std::adjacent_find(times.begin(), times.end()) == times.end());  // strictly increasing

  // The integral of a periodic piecewise-linear profile over a whole day is the sum of its
  // hourly values × 1 h, independently of the generator's own rate function.
  double profile_sum = 0.0;
  for (const double value : spec.demand.hourly_profile) profile_sum += value;
  const double expected_wednesday = 1000.0 * profile_sum;  // ≈ 10 160
  const double expected_thursday = 1.2 * expected_wednesday;
  const auto count_in = [&](SimTime from, SimTime to) {
    return static_cast<double>(
        std::count_if(times.begin(), times.end(), [&](SimTime t) { return t >= from && t < to; }));
  };
  // A Poisson count's SE is the square root of its mean; 5 SE ≈ 5 %.
  CHECK(std::abs(count_in(0, kMsPerDay) - expected_wednesday) < 5 * std::sqrt(expected_wednesday));
  CHECK(std::abs(count_in(kMsPerDay, 2 * kMsPerDay) - expected_thursday) <
        5 * std::sqrt(expected_thursday));

  // And the arrivals follow the shape of the day: each six-hour block holds its share.
  for (SimTime from = 0; from < 2 * kMsPerDay; from += 6 * kMsPerHour) {
    CAPTURE(from / kMsPerHour);
    const double expected = expected_orders(world, from, from + 6 * kMsPerHour);
    CHECK(std::abs(count_in(from, from + 6 * kMsPerHour) - expected) < 5 * std::sqrt(expected));
  }
}

TEST_CASE("thinning keeps every candidate when the rate is at its highest") {
  // A rainy Saturday with a flat profile runs at the envelope rate all day: an envelope that
  // left out a factor (weekend, weather, growth, profile peak) would cap the count below it.
  ScenarioSpec spec = base_spec();
  spec.start = kFridayMidnight;
  spec.demand.orders_per_hour = 200.0;
  spec.demand.hourly_profile.fill(1.0);
  spec.demand.weekend_factor = 2.0;
  spec.demand.growth_factor = 1.25;
  spec.weather.effects[index_of(WeatherState::rain)].demand_factor = 1.2;
  spec.weather.timeline = {WeatherChange{kMsPerDay, WeatherState::rain}};
  World world(spec);
  const std::vector<SimTime> times = arrivals(world, 2 * kMsPerDay);
  const auto friday = static_cast<double>(
      std::count_if(times.begin(), times.end(), [](SimTime t) { return t < kMsPerDay; }));
  const auto saturday = static_cast<double>(times.size()) - friday;
  const double expected_friday = 24 * 200.0 * 1.25;                // 6 000
  const double expected_saturday = 24 * 200.0 * 1.25 * 2.0 * 1.2;  // 14 400
  CHECK(std::abs(friday - expected_friday) < 5 * std::sqrt(expected_friday));
  CHECK(std::abs(saturday - expected_saturday) < 5 * std::sqrt(expected_saturday));
}

TEST_CASE("no candidate arrivals when there is no demand") {
  ScenarioSpec spec = base_spec();
  spec.demand.orders_per_hour = 0.0;
  World world(spec);
  CHECK(world.demand.next_candidate_ms(0) == kNever);
}

TEST_CASE("draw_order follows the category shares") {
  ScenarioSpec spec = base_spec();
  // Relative shares (they need not sum to 1); convenience is never ordered.
  spec.demand.categories[0].share = 2.5;
  spec.demand.categories[1].share = 1.5;
  spec.demand.categories[2].share = 1.0;
  spec.demand.categories[3].share = 0.0;
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(3);
  for (std::uint32_t c = 0; c < knightsim::kMerchantCategoryCount; ++c) {
    spec.merchants.push_back(group_of(static_cast<MerchantCategory>(c)));
    add_merchants(merchants, spec, c, 5, engine);
  }
  World world(spec, merchants);

  constexpr int kOrders = 5000;
  std::array<int, knightsim::kMerchantCategoryCount> counts{};
  int failed = 0, wrong_merchant = 0;
  for (int i = 0; i < kOrders; ++i) {
    Order order;
    if (!world.demand.draw_order(12 * kMsPerHour, order)) {
      ++failed;
      continue;
    }
    ++counts[index_of(order.category)];
    if (world.merchants.at(order.merchant).category != order.category) ++wrong_merchant;
  }
  CHECK(failed == 0);
  CHECK(wrong_merchant == 0);
  CHECK(counts[3] == 0);
  // Chi-square over the three ordered categories (2 degrees of freedom: mean 2, sd 2); 25 is
  // exceeded by chance with probability ~4e-6.
  const std::array<double, 3> expected = {kOrders * 0.5, kOrders * 0.3, kOrders * 0.2};
  double chi_square = 0.0;
  for (std::size_t c = 0; c < 3; ++c) {
    chi_square += (counts[c] - expected[c]) * (counts[c] - expected[c]) / expected[c];
  }
  CHECK(chi_square < 25.0);
}

TEST_CASE("draw_order picks only merchants open at that time of day") {
  ScenarioSpec spec = base_spec();
  only_category(spec, MerchantCategory::restaurant);
  spec.merchants = {group_of(MerchantCategory::restaurant, 10 * kMsPerHour, 15 * kMsPerHour),
                    group_of(MerchantCategory::restaurant, 22 * kMsPerHour, 2 * kMsPerHour)};
  constexpr std::uint32_t kLunch = 0, kNight = 1;
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(4);
  add_merchants(merchants, spec, kLunch, 10, engine);
  add_merchants(merchants, spec, kNight, 10, engine);
  World world(spec, merchants);

  struct Expectation {
    SimTime at_ms;        // since the start, Wednesday 00:00
    std::uint32_t group;  // kNoId: everything closed
  };
  const Expectation expectations[] = {
      {10 * kMsPerHour, kLunch},
      {12 * kMsPerHour, kLunch},
      {15 * kMsPerHour - 1, kLunch},
      {15 * kMsPerHour, kNoId},
      {18 * kMsPerHour, kNoId},
      {22 * kMsPerHour, kNight},
      {23 * kMsPerHour + 30 * kMsPerMinute, kNight},
      {kMsPerDay + kMsPerHour, kNight},  // Thursday 01:00
      {kMsPerDay + 2 * kMsPerHour, kNoId},
      {kMsPerDay + 10 * kMsPerHour - 1, kNoId},
  };
  for (const Expectation& expectation : expectations) {
    const SimTime t = expectation.at_ms;
    const std::uint32_t group = expectation.group;
    CAPTURE(t);
    int drawn = 0, wrong_group = 0;
    for (int i = 0; i < 100; ++i) {
      Order order;
      if (!world.demand.draw_order(t, order)) continue;
      ++drawn;
      if (world.merchants.at(order.merchant).group != group) ++wrong_group;
    }
    CHECK(drawn == (group == kNoId ? 0 : 100));
    CHECK(wrong_group == 0);
  }
}

TEST_CASE("draw_order returns false when the drawn category has no merchant at all") {
  ScenarioSpec spec = base_spec();
  only_category(spec, MerchantCategory::pharmacy);
  spec.merchants = {group_of(MerchantCategory::grocery)};
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(5);
  add_merchants(merchants, spec, 0, 10, engine);
  World world(spec, merchants);
  int drawn = 0;
  for (int i = 0; i < 50; ++i) {
    Order order;
    if (world.demand.draw_order(12 * kMsPerHour, order)) ++drawn;
  }
  CHECK(drawn == 0);
}

TEST_CASE("customers choose among open merchants in reach, else the nearest open one") {
  ScenarioSpec spec = base_spec();
  only_category(spec, MerchantCategory::restaurant);
  spec.demand.delivery_radius_m = 600.0;  // some customers have none in reach
  spec.merchants = {group_of(MerchantCategory::restaurant),
                    group_of(MerchantCategory::restaurant, 18 * kMsPerHour, 23 * kMsPerHour)};
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(6);
  add_merchants(merchants, spec, 0, 12, engine);
  add_merchants(merchants, spec, 1, 12, engine);  // closed at noon, when the orders come
  World world(spec, merchants);

  int in_reach_cases = 0, nearest_cases = 0, violations = 0;
  for (int i = 0; i < 1000; ++i) {
    Order order;
    REQUIRE(world.demand.draw_order(12 * kMsPerHour, order));
    const Merchant& chosen = world.merchants.at(order.merchant);
    const double chosen_m = knightsim::euclidean_m(order.customer, chosen.location);
    double nearest_open_m = std::numeric_limits<double>::infinity();
    bool any_in_reach = false;
    for (const Merchant& m : world.merchants) {
      if (m.group != 0) continue;  // the only open group
      const double d = knightsim::euclidean_m(order.customer, m.location);
      nearest_open_m = std::min(nearest_open_m, d);
      any_in_reach = any_in_reach || d <= spec.demand.delivery_radius_m;
    }
    if (chosen.group != 0) ++violations;
    if (any_in_reach) {
      ++in_reach_cases;
      if (chosen_m > spec.demand.delivery_radius_m) ++violations;
    } else {
      ++nearest_cases;
      if (chosen_m != nearest_open_m) ++violations;
    }
  }
  CHECK(violations == 0);
  CHECK(in_reach_cases > 100);  // both rules were exercised
  CHECK(nearest_cases > 10);
}

TEST_CASE("the choice among merchants in reach is uniform") {
  ScenarioSpec spec = base_spec();
  only_category(spec, MerchantCategory::grocery);
  spec.demand.delivery_radius_m = 10000.0;  // every merchant is in reach of every customer
  spec.merchants = {group_of(MerchantCategory::grocery)};
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(7);
  add_merchants(merchants, spec, 0, 4, engine);
  World world(spec, merchants);

  constexpr int kOrders = 4000;
  std::array<int, 4> counts{};
  for (int i = 0; i < kOrders; ++i) {
    Order order;
    REQUIRE(world.demand.draw_order(12 * kMsPerHour, order));
    ++counts.at(order.merchant);
  }
  // Chi-square, 3 degrees of freedom (mean 3, sd 2.4); 30 is exceeded with probability ~1e-6.
  const double expected = kOrders / 4.0;
  double chi_square = 0.0;
  for (const int count : counts) chi_square += (count - expected) * (count - expected) / expected;
  CHECK(chi_square < 30.0);
}

TEST_CASE("draw_order fills placement, preparation, promise and patience") {
  ScenarioSpec spec = base_spec();
  only_category(spec, MerchantCategory::restaurant);
  auto& category = spec.demand.categories[index_of(MerchantCategory::restaurant)];
  category.promise_base_ms = 25 * kMsPerMinute;
  category.promise_per_km_ms = 3 * kMsPerMinute;
  category.patience_ms = 40 * kMsPerMinute;
  MerchantGroupSpec group = group_of(MerchantCategory::restaurant);
  group.prep_time_mean_ms = 10 * kMsPerMinute;
  group.prep_time_sd_ms = 0;  // so the preparation time is exactly the mean
  spec.merchants = {group};
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(8);
  add_merchants(merchants, spec, 0, 15, engine);
  World world(spec, merchants);

  const SimTime t = 3 * kMsPerHour + 123;
  for (int i = 0; i < 200; ++i) {
    Order order;
    order.id = 77;
    REQUIRE(world.demand.draw_order(t, order));
    CHECK(order.id == 77);  // ids are the simulation's business
    CHECK(order.category == MerchantCategory::restaurant);
    REQUIRE(order.merchant < world.merchants.size());
    const Merchant& merchant = world.merchants[order.merchant];
    CHECK(order.customer.x_m >= 0.0);
    CHECK(order.customer.x_m <= spec.city.width_m);
    CHECK(order.customer.y_m >= 0.0);
    CHECK(order.customer.y_m <= spec.city.height_m);
    CHECK(order.weight_kg > 0.0);

    CHECK(order.placed_ms == t);
    CHECK(order.ready_ms == t + 10 * kMsPerMinute);
    CHECK(order.distance_m ==
          doctest::Approx(world.city.path(merchant.location, order.customer).length_m()));
    const double promise_ms =
        static_cast<double>(category.promise_base_ms) +
        static_cast<double>(category.promise_per_km_ms) * order.distance_m / 1000.0;
    CHECK(std::abs(static_cast<double>(order.promised_ms - t) - promise_ms) <= 1.0);
    CHECK(order.patience_deadline_ms == t + 40 * kMsPerMinute);

    // Later lifecycle times stay unset.
    CHECK(order.assigned_ms == kNever);
    CHECK(order.picked_up_ms == kNever);
    CHECK(order.delivered_ms == kNever);
    CHECK(order.cancelled_ms == kNever);
    CHECK(order.rider == kNoId);
    CHECK(order.status == knightsim::OrderStatus::pending);
  }
}

TEST_CASE("preparation times follow the merchant's group and are always positive") {
  ScenarioSpec spec = base_spec();
  spec.demand.categories[index_of(MerchantCategory::restaurant)].share = 1.0;
  spec.demand.categories[index_of(MerchantCategory::grocery)].share = 1.0;
  spec.demand.categories[index_of(MerchantCategory::pharmacy)].share = 0.0;
  spec.demand.categories[index_of(MerchantCategory::convenience)].share = 0.0;
  MerchantGroupSpec kitchen = group_of(MerchantCategory::restaurant);
  kitchen.prep_time_mean_ms = 10 * kMsPerMinute;
  kitchen.prep_time_sd_ms = 3 * kMsPerMinute;
  MerchantGroupSpec shop = group_of(MerchantCategory::grocery);
  shop.prep_time_mean_ms = 30 * kMsPerMinute;
  shop.prep_time_sd_ms = 3 * kMsPerMinute;
  spec.merchants = {kitchen, shop};
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(9);
  add_merchants(merchants, spec, 0, 5, engine);
  add_merchants(merchants, spec, 1, 5, engine);
  World world(spec, merchants);

  std::array<double, 2> sum_ms{};
  std::array<int, 2> count{};
  int not_after_placement = 0;
  for (int i = 0; i < 4000; ++i) {
    Order order;
    REQUIRE(world.demand.draw_order(5 * kMsPerHour, order));
    if (order.ready_ms <= order.placed_ms) ++not_after_placement;
    const std::uint32_t group = world.merchants.at(order.merchant).group;
    sum_ms.at(group) += static_cast<double>(order.ready_ms - order.placed_ms);
    ++count.at(group);
  }
  CHECK(not_after_placement == 0);
  for (std::size_t g = 0; g < 2; ++g) {
    CAPTURE(g);
    REQUIRE(count[g] > 1000);
    const double mean_ms = static_cast<double>(spec.merchants[g].prep_time_mean_ms);
    const double sd_ms = static_cast<double>(spec.merchants[g].prep_time_sd_ms);
    // SE of the mean = sd / sqrt(n) ≈ 5 s here, against means 20 minutes apart.
    CHECK(std::abs(sum_ms[g] / count[g] - mean_ms) < 5 * sd_ms / std::sqrt(count[g]));
  }
}

TEST_CASE("the same seed draws the same orders, another seed other orders") {
  ScenarioSpec spec = base_spec();
  for (std::uint32_t c = 0; c < knightsim::kMerchantCategoryCount; ++c) {
    spec.merchants.push_back(group_of(static_cast<MerchantCategory>(c)));
  }
  std::vector<Merchant> merchants;
  std::mt19937_64 engine(10);
  for (std::uint32_t c = 0; c < knightsim::kMerchantCategoryCount; ++c) {
    add_merchants(merchants, spec, c, 6, engine);
  }
  const auto draw = [](World& world) {
    std::vector<std::pair<MerchantId, double>> out;  // merchant and customer x
    for (int i = 0; i < 50; ++i) {
      Order order;
      if (world.demand.draw_order(12 * kMsPerHour, order)) {
        out.emplace_back(order.merchant, order.customer.x_m);
      }
    }
    return out;
  };
  World first(spec, merchants), again(spec, merchants);
  spec.seed = 2;
  World other(spec, merchants);
  const auto orders = draw(first);
  CHECK(orders.size() == 50);
  CHECK(draw(again) == orders);
  CHECK(draw(other) != orders);
}
