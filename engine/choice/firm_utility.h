// Firms' location utility (DESIGN.md section 3, step 5) for entrants and movers:
// V_j = ASC_{j,s} + b_acc log A_j + b_agg log(1 + E_{j,s}) + b_rent log rent_j + b_sub
// subsidy_{j,s}
//       + bonuses_{j,s} - penalties_{j,s};  movers add b_dist t_{ij} + b_stay [j = i].
// Zones on a sector's negative list are unavailable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace relocsim {
struct World;
}

namespace relocsim::choice {

class ChoiceTable;

// [sector * zones + zone], constants included; kUnavailable where entry is banned. `vacant`:
// free floorspace per zone (positions); b_space log vacant draws firms to free premises.
std::vector<double> firm_zone_utility(const World& world, const std::vector<double>& vacant);

// A moving firm's utilities over destination zones: `sector_utility` (its sector's row of
// firm_zone_utility) plus b_dist t_{origin,j} and b_stay at its origin. `forced` (made to leave):
// neither its origin nor zones that refuse exits; `open` (or null for all): zones with room.
void firm_mover_row(const World& world, const double* sector_utility, std::size_t origin,
                    bool forced, const std::uint8_t* open, double* u);

// Firm relocation's table, finished: rows (forced, origin zone, sector) over destination zones,
// `utility` from firm_zone_utility, `open` as in firm_mover_row.
void firm_mover_table(const World& world, const std::vector<double>& utility,
                      const std::uint8_t* open, ChoiceTable& table);

// Solves the firm constants so that, at base-year rates, the jobs that entering and moving firms
// bring to each zone and sector equal the jobs that closing and moving firms take away.
void calibrate_firm_constants(World& world);

}  // namespace relocsim::choice
