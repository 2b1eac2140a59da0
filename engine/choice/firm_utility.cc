#include "engine/choice/firm_utility.h"

#include <algorithm>
#include <cmath>

#include "engine/choice/calibration.h"
#include "engine/choice/logit.h"
#include "engine/world/world.h"

namespace relocsim::choice {

std::vector<double> firm_zone_utility(const World& w, const std::vector<double>& vacant) {
  const auto& b = w.model.behaviour().firm;
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  const auto& access = w.network.accessibility();
  std::vector<double> out(sectors * zones);
  for (std::size_t s = 0; s < sectors; ++s) {
    for (std::size_t z = 0; z < zones; ++z) {
      const std::size_t zs = z * sectors + s;
      if (w.policy.entry_banned[zs]) {
        out[s * zones + z] = kUnavailable;
        continue;
      }
      const double sector_jobs = w.census.jobs[zs] / w.scale();
      out[s * zones + z] =
          w.calibration.firm[zs] + b.b_acc * std::log(std::max(access[z] / w.scale(), 1.0)) +
          b.b_agg * std::log1p(sector_jobs) + b.b_rent * std::log(w.zones.rent_commercial[z]) +
          b.b_sub * w.policy.subsidy_per_job[zs] +
          b.b_bonus * (w.policy.firm_bonus[zs] - w.policy.entry_penalty[zs]) +
          b.b_space * std::log(std::max(vacant[z], 1.0));
    }
  }
  return out;
}

void firm_mover_row(const World& w, const double* sector_utility, std::size_t origin, bool forced,
                    const std::uint8_t* open, double* u) {
  const auto& b = w.model.behaviour().firm;
  const std::size_t zones = w.zone_count();
  for (std::size_t j = 0; j < zones; ++j) {
    const bool allowed =
        (open == nullptr || open[j] != 0) && (!forced || (j != origin && w.policy.exit_allowed[j]));
    u[j] = allowed ? sector_utility[j] +
                         b.b_dist * w.network.minutes(ZoneId::from(origin), ZoneId::from(j)) +
                         (j == origin ? b.b_stay : 0.0)
                   : kUnavailable;
  }
}

void firm_mover_table(const World& w, const std::vector<double>& utility, const std::uint8_t* open,
                      ChoiceTable& table) {
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  const std::size_t zs_count = zones * sectors;
  table = ChoiceTable(2 * zs_count, zones);
  for (std::size_t row = 0; row < 2 * zs_count; ++row) {
    const std::size_t origin = (row % zs_count) / sectors;
    const std::size_t s = row % sectors;
    firm_mover_row(w, &utility[s * zones], origin, row >= zs_count, open, &table.utility(row, 0));
  }
  table.finish();
}

void calibrate_firm_constants(World& w) {
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  w.calibration.firm.assign(zones * sectors, 0.0);
  // Jobs leaving each zone and sector per year at base rates, split into closures and moves.
  std::vector<double> exits(zones * sectors, 0.0);
  std::vector<double> moves(zones * sectors, 0.0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    if (!w.firms.alive(f)) continue;
    const auto& sector = w.model.sector(w.firms.sector[f]);
    if (!sector.sampled) continue;
    const std::size_t zs = w.firms.zone[f].get() * sectors + w.firms.sector[f].get();
    exits[zs] += sector.exit_rate * w.firms.jobs[f];
    moves[zs] += sector.relocation_rate * w.firms.jobs[f];
  }
  std::vector<double> vacant(zones, 0.0);
  for (std::size_t z = 0; z < zones; ++z) {
    vacant[z] = w.zones.floorspace_capacity[z] - w.census.zone_jobs(z);
    for (std::size_t s = 0; s < sectors; ++s)
      vacant[z] += moves[z * sectors + s] + exits[z * sectors + s];
  }
  const auto& cal = w.model.behaviour().calibration;
  for (std::size_t s = 0; s < sectors; ++s) {
    std::vector<double> target(zones, 0.0);
    double entering = 0;
    for (std::size_t z = 0; z < zones; ++z) {
      target[z] = exits[z * sectors + s] + moves[z * sectors + s];
      entering += exits[z * sectors + s];
    }
    if (std::all_of(target.begin(), target.end(), [](double t) { return t <= 0; })) continue;
    std::vector<double> asc(zones, 0.0);
    std::vector<double> u(zones);
    std::vector<double> p(zones);
    calibrate_constants(
        asc, target,
        [&](const std::vector<double>& constants, std::vector<double>& out) {
          for (std::size_t z = 0; z < zones; ++z)
            w.calibration.firm[z * sectors + s] = constants[z];
          const auto base = firm_zone_utility(w, vacant);
          const double* row = &base[s * zones];
          std::fill(out.begin(), out.end(), 0.0);
          for (std::size_t j = 0; j < zones; ++j) u[j] = row[j];
          if (softmax(u.data(), p.data(), zones)) {
            for (std::size_t j = 0; j < zones; ++j) out[j] += entering * p[j];
          }
          for (std::size_t i = 0; i < zones; ++i) {
            const double m = moves[i * sectors + s];
            if (m <= 0) continue;
            firm_mover_row(w, row, i, false, nullptr, u.data());
            if (!softmax(u.data(), p.data(), zones)) continue;
            for (std::size_t j = 0; j < zones; ++j) out[j] += m * p[j];
          }
        },
        cal.iterations, cal.tolerance);
    for (std::size_t z = 0; z < zones; ++z) w.calibration.firm[z * sectors + s] = asc[z];
  }
}

}  // namespace relocsim::choice
