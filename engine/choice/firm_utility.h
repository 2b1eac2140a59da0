// Firms' location utility (DESIGN.md section 3, step 5) for entrants and movers:
// V_j = ASC_{j,s} + b_acc log A_j + b_agg log(1 + E_{j,s}) + b_rent log rent_j + b_sub
// subsidy_{j,s}
//       + bonuses_{j,s} - penalties_{j,s};  movers add b_dist t_{ij} + b_stay [j = i].
// Zones on a sector's negative list are unavailable.
#pragma once

#include <vector>

namespace relocsim {
struct World;
}

namespace relocsim::choice {

// [sector * zones + zone], constants included; kUnavailable where entry is banned. `vacant`:
// free floorspace per zone (positions); b_space log vacant draws firms to free premises.
std::vector<double> firm_zone_utility(const World& world, const std::vector<double>& vacant);

// Solves the firm constants so that, at base-year rates, the jobs that entering and moving firms
// bring to each zone and sector equal the jobs that closing and moving firms take away.
void calibrate_firm_constants(World& world);

}  // namespace relocsim::choice
