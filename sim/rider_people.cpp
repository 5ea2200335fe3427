// Drawing riders' attributes from their fleet's distributions.
#include "rider_people.hpp"

#include <algorithm>

namespace knightsim {

void draw_rider_person(const FleetSpec& fleet, const PoliciesSpec& policies, Rng& stream,
                       Rider& rider) {
  const RiderPeopleSpec& people = fleet.people;
  // One draw from the run's stream per rider; the rider's own generator does the rest (the
  // lognormal's normal variate caches, so its draw count is not fixed).
  Rng rng(stream.next_u64());
  const double u_woman = rng.uniform01();
  const double u_disabled = rng.uniform01();
  const double u_age = rng.uniform01();
  const double u_opt_out = rng.uniform01();
  const double experience = people.experience_days_mean > 0.0
                                ? rng.lognormal_mean_sd(people.experience_days_mean,
                                                        std::max(1e-9, people.experience_days_sd))
                                : 0.0;
  rider.woman = u_woman < people.women_share;
  rider.disabled = u_disabled < people.disabled_share;
  double total = 0.0;
  for (const double share : people.age_band_shares) total += share;
  double cumulative = 0.0;
  rider.age_band = AgeBand::from_45;
  for (int band = 0; band < kAgeBandCount; ++band) {
    cumulative += people.age_band_shares[static_cast<std::size_t>(band)];
    if (total > 0.0 && u_age * total < cumulative) {
      rider.age_band = static_cast<AgeBand>(band);
      break;
    }
  }
  rider.opted_out = rider.woman && u_opt_out < policies.women_opt_out.opt_out_share;
  rider.experience_days = experience;
}

}  // namespace knightsim
