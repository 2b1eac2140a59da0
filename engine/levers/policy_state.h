// The knobs through which levers act on the simulation. The policy schedule clears them each year
// and every active lever writes its effect into them; processes read them. Indexed per zone, or
// per zone and sector as [zone * sectors + sector].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/ids.h"

namespace relocsim {

// A mandated move due this year: bodies matching the selector, in one of the origin zones, go to
// `to`. Filled by mandated_relocation; executed by the institution and firm relocation processes.
struct MandatedOrder {
  std::size_t lever = 0;              // index of the lever that gave the order
  bool institutions = false;          // institutions (kinds) or firms (sectors)
  std::vector<std::uint8_t> kinds;    // by KindId: 1 when selected
  std::vector<std::uint8_t> sectors;  // by SectorId
  std::uint8_t ownership_mask = 0x7;  // bit per ownership
  std::uint8_t tier_mask = 0x7;       // bit per tier
  std::vector<std::uint8_t> from;     // by ZoneId
  ZoneId to;
  double bodies = 0;       // how many real bodies to move this year
  double moved = 0;        // filled by the process: how many were moved
  double staff_moved = 0;  // real persons
};

// Branches that firms of origin zones open in target zones this year (innovation_cooperation).
struct BranchOrder {
  std::vector<std::uint8_t> from;     // by ZoneId
  std::vector<std::uint8_t> to;       // by ZoneId: where branches may go
  std::vector<std::uint8_t> sectors;  // by SectorId
  double share = 0;                   // of matching firms that open a branch this year
  double branch_size = 0.3;           // branch jobs as a share of the parent firm's
};

// A group of zones whose residents may not exceed a cap (population_cap): in-migration and
// moves into the group are throttled to the room left, housing supply frozen once it binds.
struct CapGroup {
  std::vector<std::uint8_t> zones;  // by ZoneId
  double cap = 0;                   // persons
};

// Subsidies a lever pays from its budget: which lever pays for moves into each zone and sector,
// and what each lever has left this year (10k yuan). Processes charge it; levers read it back.
struct SubsidyAccounts {
  std::vector<int> payer;         // [zone * sectors + sector]: lever index, -1 none
  std::vector<double> remaining;  // by lever index
};

struct PolicyState {
  std::size_t zones = 0;
  std::size_t sectors = 0;
  // Firms: [zone * sectors + sector].
  std::vector<std::uint8_t> entry_banned;   // no new firms and no inbound moves
  std::vector<double> entry_penalty;        // utility penalty for entering (restricted sectors)
  std::vector<double> firm_bonus;           // utility bonus for locating there
  std::vector<double> firm_push;            // push on the relocation hazard of firms there
  std::vector<double> exit_share;           // share of firms that must leave this year
  std::vector<std::uint8_t> exit_allowed;   // [zone]: destinations open to firms made to leave
  std::vector<double> subsidy_per_job;      // 10k yuan per job paid for moving in
  std::vector<double> sector_growth_bonus;  // extra yearly growth of jobs of firms there
  // Residents: [zone].
  std::vector<double> household_bonus;
  std::vector<double> household_push;
  std::vector<double> immigration_factor;   // 1: unchanged; 0: no in-migrants may settle
  std::vector<std::uint8_t> supply_frozen;  // no new housing built this year
  std::vector<double> development_cap;      // largest housing capacity allowed (agents; 0: none)
  std::vector<double> environment_factor;   // multiplies the environment index
  std::vector<double> amenity_factor;       // multiplies the amenity index
  std::vector<MandatedOrder> mandated;
  std::vector<BranchOrder> branches;
  std::vector<CapGroup> caps;
  SubsidyAccounts subsidies;
  // Integration zones: [zone] -> group (-1 none). Within a group moving across a provincial
  // boundary carries no penalty and travel times are multiplied by the group's factor.
  std::vector<int> integration_group;
  std::vector<double> integration_time_factor;  // by group
  // Quality multipliers of public services (transferred branches of top schools and hospitals):
  // [service * zones + zone].
  std::vector<double> service_quality_boost;

  void reset(std::size_t zone_count, std::size_t sector_count) {
    zones = zone_count;
    sectors = sector_count;
    const std::size_t zs = zone_count * sector_count;
    entry_banned.assign(zs, 0);
    entry_penalty.assign(zs, 0.0);
    firm_bonus.assign(zs, 0.0);
    firm_push.assign(zs, 0.0);
    exit_share.assign(zs, 0.0);
    exit_allowed.assign(zone_count, 1);
    subsidy_per_job.assign(zs, 0.0);
    sector_growth_bonus.assign(zs, 0.0);
    household_bonus.assign(zone_count, 0.0);
    household_push.assign(zone_count, 0.0);
    immigration_factor.assign(zone_count, 1.0);
    supply_frozen.assign(zone_count, 0);
    development_cap.assign(zone_count, 0.0);
    environment_factor.assign(zone_count, 1.0);
    amenity_factor.assign(zone_count, 1.0);
    mandated.clear();
    branches.clear();
    caps.clear();
    subsidies.payer.assign(zs, -1);
    subsidies.remaining.clear();
    integration_group.assign(zone_count, -1);
    integration_time_factor.clear();
    service_quality_boost.assign(4 * zone_count, 1.0);
  }
  std::size_t at(ZoneId z, SectorId s) const { return z.get() * sectors + s.get(); }
};

}  // namespace relocsim
