// The part of a household's destination utility that depends only on the destination zone and the
// chooser's income quintile and age band: rent, schools, health care, amenity, environment and
// policy bonuses. Household relocation adds the commute, staying and province terms; in-migrants
// use it with their own constants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "relocsim/scenario.h"

namespace relocsim {
struct World;
}

namespace relocsim::choice {

class ChoiceTable;

// [(quintile * kAgeBands + band) * zones + zone], without alternative-specific constants.
// `vacant`: homes free for the choosers in each zone (agent units); more free homes attract more
// movers (b_vacancy log vacant), which keeps the population where the housing is.
std::vector<double> household_zone_utility(const World& world, const std::vector<double>& vacant);

inline std::size_t qa_index(int quintile, int band) {
  return static_cast<std::size_t>(quintile) * kAgeBands + static_cast<std::size_t>(band);
}
inline constexpr std::size_t kQaRows = std::size_t{kIncomeQuintiles} * kAgeBands;

// Household relocation's choice rows: (origin, work zone or none, quintile, age band).
inline std::size_t household_rows(std::size_t zones) { return zones * (zones + 1) * kQaRows; }
std::size_t household_rows(const World& world);

// The utilities of one choice row over destination zones. `asc`: the constants of the row's work
// zone; `open` (or null for all): zones with housing to spare; `base`: household_zone_utility.
void household_utility_row(const World& world, std::size_t row, const double* asc,
                           const std::vector<double>& base, const std::uint8_t* open, double* u);

// The whole household table, finished: every row (household_utility_row with the constants of
// its work zone) over the zones `open` (null: all), in blocks of rows on up to `threads` threads.
void household_table(const World& world, const std::vector<double>& base, const std::uint8_t* open,
                     int threads, ChoiceTable& table);

// Relocation hazard classes: (home, work zone or none, age band, employer moved).
inline std::size_t hazard_index(std::size_t zones, std::size_t home, std::size_t work, int band,
                                bool employer_moved) {
  return ((home * (zones + 1) + work) * kAgeBands + static_cast<std::size_t>(band)) * 2 +
         (employer_moved ? 1 : 0);
}
// The yearly relocation hazard of each class, by hazard_index.
std::vector<double> household_hazard_table(const World& world);

// This year's movers, in index order: systematic sampling per home zone with the hazard as the
// probability, restarted in every chunk (one pass over residents; systematic_select_in_chunks).
std::vector<std::uint32_t> select_household_movers(const World& world, int year);

}  // namespace relocsim::choice
