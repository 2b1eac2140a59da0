#include "engine/choice/household_utility.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/choice/logit.h"
#include "engine/core/parallel.h"
#include "engine/core/systematic.h"
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

std::size_t household_rows(const World& world) { return household_rows(world.zone_count()); }

void household_utility_row(const World& w, std::size_t row, const double* asc,
                           const std::vector<double>& base, const std::uint8_t* open, double* u) {
  const auto& h = w.model.behaviour().household;
  const std::size_t zones = w.zone_count();
  const std::size_t qa = row % kQaRows;
  const std::size_t work = (row / kQaRows) % (zones + 1);
  const std::size_t origin = row / kQaRows / (zones + 1);
  const int origin_province = w.model.zones[origin].province;
  const double* b = &base[qa * zones];
  for (std::size_t j = 0; j < zones; ++j) {
    if (open != nullptr && !open[j]) {
      u[j] = kUnavailable;
      continue;
    }
    double v = asc[j] + b[j];
    if (work < zones) v += h.b_time * w.network.minutes(ZoneId::from(j), ZoneId::from(work));
    if (j == origin) v += h.b_stay;
    const int group = w.policy.integration_group[origin];
    if (w.model.zones[j].province != origin_province &&
        (group < 0 || w.policy.integration_group[j] != group)) {
      v += h.b_province;
    }
    u[j] = v;
  }
}

std::vector<double> household_hazard_table(const World& w) {
  const auto& h = w.model.behaviour().household;
  const std::size_t zones = w.zone_count();
  std::vector<double> out(zones * (zones + 1) * kAgeBands * 2);
  for (std::size_t z = 0; z < zones; ++z) {
    for (std::size_t k = 0; k <= zones; ++k) {
      const double commute = k < zones ? w.network.minutes(ZoneId::from(z), ZoneId::from(k)) : 0.0;
      for (int a = 0; a < kAgeBands; ++a) {
        for (int moved = 0; moved < 2; ++moved) {
          const double logit = h.hazard_intercept + h.hazard_age[a] +
                               h.hazard_commute * std::max(0.0, commute - 30) +
                               h.hazard_rent * std::log(w.zones.rent_housing[z]) +
                               h.hazard_push * w.policy.household_push[z] +
                               (moved ? h.hazard_follow : 0.0);
          out[hazard_index(zones, z, k, a, moved == 1)] = 1 / (1 + std::exp(-logit));
        }
      }
    }
  }
  return out;
}

void household_table(const World& w, const std::vector<double>& base, const std::uint8_t* open,
                     int threads, ChoiceTable& table) {
  const std::size_t zones = w.zone_count();
  const std::size_t rows = household_rows(w);
  table = ChoiceTable(rows, zones);
  constexpr std::size_t kBlocks = 64;
  for_each_index(kBlocks, threads, [&](std::size_t b) {
    const std::size_t begin = rows * b / kBlocks;
    const std::size_t end = rows * (b + 1) / kBlocks;
    for (std::size_t row = begin; row < end; ++row) {
      const std::size_t work = (row / kQaRows) % (zones + 1);
      household_utility_row(w, row, &w.calibration.household[work * zones], base, open,
                            table.row_data(row));
    }
    table.finish_rows(begin, end);
  });
}

std::vector<std::uint32_t> select_household_movers(const World& w, int year) {
  const std::size_t zones = w.zone_count();
  const auto& r = w.residents;
  const auto hazard = household_hazard_table(w);
  // A resident's hazard class (home, work zone or none, age band, employer moved) from its
  // columns; the age band is looked up by the birth-year byte.
  const auto band_of_born = age_bands_by_birth_byte(year);
  const ZoneId* home_col = r.home.data();
  const ZoneId* work_col = r.work.data();
  const std::uint8_t* born_col = r.born.data();
  const std::uint8_t* traits_col = r.traits.data();
  // The lambdas hold the pointers themselves, so the pass does not load them again after
  // every store.
  const std::uint8_t* const band_of = band_of_born.data();
  const double* const hazard_of = hazard.data();
  auto stratum = [home_col](std::size_t i) -> std::uint32_t {
    return home_col[i].valid() ? home_col[i].get() : kSkipStratum;
  };
  auto probability = [=](std::size_t i) {
    return hazard_of[hazard_index(zones, home_col[i].get(), work_column(work_col[i], zones),
                                  band_of[born_col[i]], Traits::employer_moved(traits_col[i]))];
  };
  // One pass: selection restarts in every chunk with the chunk's own offsets (keyed by chunk and
  // home zone), so no first pass over residents is needed for running sums.
  auto offset = [&](std::size_t c, std::size_t z) {
    return w.rng.uniform(year, Stream::kHouseholdOffsets, c * zones + z);
  };
  return systematic_select_in_chunks(r.slots(), zones, w.threads, offset, probability, stratum);
}

}  // namespace relocsim::choice
