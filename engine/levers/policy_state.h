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
  std::vector<double> immigration_factor;  // 1: unchanged; 0: no in-migrants may settle
  std::vector<MandatedOrder> mandated;

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
    mandated.clear();
  }
  std::size_t at(ZoneId z, SectorId s) const { return z.get() * sectors + s.get(); }
};

}  // namespace relocsim
