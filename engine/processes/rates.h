// Trend look-ups shared by processes: the rates of a province or sector in force in a year.
#pragma once

#include <string_view>

#include "relocsim/scenario.h"

namespace relocsim {

// The latest trend of `province` with from <= year (rates zero when none applies).
inline ProvinceTrend trend_for(const PopulationSpec& pop, std::string_view province, int year) {
  ProvinceTrend best;
  best.from = -1;
  for (const auto& t : pop.trends) {
    if (t.province == province && t.from <= year && t.from > best.from) best = t;
  }
  return best;
}

// Yearly growth of a sector's jobs in a province: the latest entry with from <= year, a
// province-specific entry taking precedence over one for every province.
inline double sector_growth_for(const PopulationSpec& pop, std::string_view sector,
                                std::string_view province, int year) {
  int best_from = -1;
  bool best_specific = false;
  double rate = 0;
  for (const auto& g : pop.sector_growth) {
    if (g.sector != sector || g.from > year) continue;
    const bool specific = !g.province.empty();
    if (specific && g.province != province) continue;
    if (specific > best_specific || (specific == best_specific && g.from > best_from)) {
      best_from = g.from;
      best_specific = specific;
      rate = g.rate;
    }
  }
  return rate;
}

}  // namespace relocsim
