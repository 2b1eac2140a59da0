// Per-zone counts of residents and of employers' positions, taken by one parallel pass over the
// agent stores. Public services, markets and metrics read the latest census instead of walking
// 100 million residents each.
#pragma once

#include <array>
#include <vector>

#include "relocsim/scenario.h"

namespace relocsim {

struct World;

struct Census {
  // Residents by home zone (agent units).
  std::vector<double> residents;
  std::vector<std::array<double, kAgeBands>> by_age;
  std::vector<double> local_hukou;
  std::vector<double> labour_force;
  std::vector<double> workers;      // employed, by home zone
  std::vector<double> commute_sum;  // minutes, summed over workers by home zone
  std::vector<double> workers_at;   // employed, by work zone
  // Positions by zone and sector [zone * sectors + sector] and firms (real) by zone and sector.
  std::vector<double> jobs;
  std::vector<double> filled;
  std::vector<double> firms;
  std::vector<double> institutions;  // bodies by zone
  std::vector<double> staff;         // real persons by zone
  std::size_t sectors = 0;

  double zone_jobs(std::size_t z) const;
};

// Counts residents (parallel, deterministic) and employers.
void take_census(const World& world, Census& census);
// Only the employer side (firms and institutions), cheap.
void count_positions(const World& world, Census& census);

}  // namespace relocsim
