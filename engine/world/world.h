// The state of one run: the region's model, its zones, network and agents, the calibrated
// constants, the policy knobs of the year and the year's tallies. Processes change it in the
// fixed order of DESIGN.md section 3; metrics read it; writers never touch it.
#pragma once

#include <memory>
#include <vector>

#include "engine/core/rng.h"
#include "engine/levers/policy_state.h"
#include "engine/world/agents.h"
#include "engine/world/census.h"
#include "engine/world/model.h"
#include "engine/world/network.h"
#include "engine/world/zone_state.h"

namespace relocsim {

namespace levers {
class Lever;
}

// Alternative-specific constants solved at start so that the base year reproduces itself.
struct Calibration {
  // Household constants per work zone (index `zones` for those without work): [work * zones +
  // zone].
  std::vector<double> household;
  std::vector<double> immigrant;  // [zone]
  std::vector<double> firm;       // [zone * sectors + sector]
  std::vector<double> labour;     // [zone]
};

// Counts of the year, in agent units (converted to real units by the metrics).
struct YearTally {
  double births = 0;
  double deaths = 0;
  double immigrants = 0;
  double emigrants = 0;
  double movers_resident = 0;
  double movers_firm = 0;  // real firms
  double movers_institution = 0;
  double firm_entries = 0;                        // real firms
  double firm_exits = 0;                          // real firms
  double firm_branches = 0;                       // real firms: branches (innovation_cooperation)
  double subsidy_paid = 0;                        // 10k yuan
  std::vector<double> subsidy_by_zone;            // 10k yuan
  std::vector<double> noncapital_jobs_moved_out;  // [zone]: positions moved out of Beijing
  // Origin-destination counts: [agent type][from][to], zone index Z stands for outside.
  std::vector<double> flows;
  std::size_t zones = 0;

  void reset(std::size_t zone_count) {
    *this = YearTally{};
    zones = zone_count;
    flows.assign(3 * (zone_count + 1) * (zone_count + 1), 0.0);
    subsidy_by_zone.assign(zone_count, 0.0);
    noncapital_jobs_moved_out.assign(zone_count, 0.0);
  }
  enum Agent { kResident = 0, kFirm = 1, kInstitution = 2 };
  double& flow(Agent a, std::size_t from, std::size_t to) {
    return flows[(static_cast<std::size_t>(a) * (zones + 1) + from) * (zones + 1) + to];
  }
};

struct World {
  Model model;
  Rng rng{1};
  int threads = 1;
  int year = 0;  // the year being simulated (or the base year before the first step)
  ZoneState zones;
  Network network;
  ResidentStore residents;
  FirmStore firms;
  InstitutionStore institutions;
  Calibration calibration;
  PolicyState policy;
  YearTally tally;
  Census census;  // as of the last take_census()
  std::vector<std::unique_ptr<levers::Lever>> levers;
  // Workers by home and work zone in the base year as the synthesis expected them (agent units),
  // [home * zones + work]: what the household constants reproduce.
  std::vector<double> base_commute;
  // Positions of non-capital-function jobs in Beijing in 2014 (agent units) and moved out since.
  double noncapital_jobs_2014 = 0;
  double noncapital_jobs_relocated = 0;
  double subsidy_paid_total = 0;

  World();
  ~World();
  World(World&&) noexcept;
  World& operator=(World&&) noexcept;

  std::size_t zone_count() const { return model.zone_count(); }
  std::size_t sector_count() const { return model.sector_count(); }
  double scale() const { return model.scale; }
};

// Drops closed firms from the firm store once they make up more than a quarter of it, keeping the
// order of the others, and renumbers the residents' employer references. Call only when no
// resident works for a closed firm (the labour market separates them in the year of closing).
// Returns whether it compacted.
bool compact_firms(World& w);

}  // namespace relocsim
