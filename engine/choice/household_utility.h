// The part of a household's destination utility that depends only on the destination zone and the
// chooser's income quintile and age band: rent, schools, health care, amenity, environment and
// policy bonuses. Household relocation adds the commute, staying and province terms; in-migrants
// use it with their own constants.
#pragma once

#include <vector>

#include "relocsim/scenario.h"

namespace relocsim {
struct World;
}

namespace relocsim::choice {

// [(quintile * kAgeBands + band) * zones + zone], without alternative-specific constants.
// `vacant`: homes free for the choosers in each zone (agent units); more free homes attract more
// movers (b_vacancy log vacant), which keeps the population where the housing is.
std::vector<double> household_zone_utility(const World& world, const std::vector<double>& vacant);

inline std::size_t qa_index(int quintile, int band) {
  return static_cast<std::size_t>(quintile * kAgeBands + band);
}
inline constexpr std::size_t kQaRows = kIncomeQuintiles * kAgeBands;

}  // namespace relocsim::choice
