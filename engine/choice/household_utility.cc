#include "engine/choice/household_utility.h"

#include <algorithm>
#include <cmath>

#include "engine/world/world.h"

namespace relocsim::choice {

std::vector<double> household_zone_utility(const World& w, const std::vector<double>& vacant) {
  const auto& h = w.model.behaviour().household;
  const std::size_t zones = w.zone_count();
  std::vector<double> out(kQaRows * zones);
  const auto& school = w.zones.service_quality[static_cast<int>(Service::kSchool)];
  const auto& hospital = w.zones.service_quality[static_cast<int>(Service::kHospital)];
  const auto& elderly = w.zones.service_quality[static_cast<int>(Service::kElderly)];
  for (int q = 0; q < kIncomeQuintiles; ++q) {
    for (int a = 0; a < kAgeBands; ++a) {
      double* row = &out[qa_index(q, a) * zones];
      for (std::size_t z = 0; z < zones; ++z) {
        // Seniors weigh elderly care with their health coefficient as well.
        const double health = a == kAgeBands - 1
                                  ? 0.5 * (std::log(hospital[z]) + std::log(elderly[z]))
                                  : std::log(hospital[z]);
        row[z] = h.b_rent[q] * std::log(w.zones.rent_housing[z]) +
                 h.b_edu[a] * std::log(school[z]) + h.b_health[a] * health +
                 h.b_amenity * std::log(w.zones.amenity[z] * w.policy.amenity_factor[z]) +
                 h.b_env * std::log(w.zones.environment[z] * w.policy.environment_factor[z]) +
                 h.b_bonus * w.policy.household_bonus[z] +
                 h.b_vacancy * std::log(std::max(vacant[z], 1.0));
      }
    }
  }
  return out;
}

}  // namespace relocsim::choice
