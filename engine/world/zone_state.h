// What changes per zone over a run: capacities, rent indices, service capacity and quality,
// environmental quality. Capacities are in resident-agent units (persons x scale) and positions.
#pragma once

#include <array>
#include <vector>

#include "engine/world/model.h"

namespace relocsim {

struct ZoneState {
  std::vector<double> housing_capacity;     // residents that fit, agent units
  std::vector<double> floorspace_capacity;  // job positions that fit
  std::vector<double> rent_housing;         // index, 1.0 in the base year
  std::vector<double> rent_commercial;      // index, 1.0 in the base year
  std::vector<double> amenity;              // index, 1.0 in the base year
  std::vector<double> environment;          // index, 1.0 in the base year
  // Public services, indexed by Service: capacity (seats, beds; real units) and quality index.
  std::array<std::vector<double>, kServices> service_capacity;
  std::array<std::vector<double>, kServices> service_users;
  std::array<std::vector<double>, kServices> service_quality;
  std::array<std::vector<double>, kServices> service_capacity_base;
  // Floorspace vacated by closures, moves and demolition this year and last year (positions), for
  // space_reuse.
  std::vector<double> floorspace_vacated;
  std::vector<double> floorspace_vacated_last;
  // Demand turned away this year for lack of room (agent units / positions), for rents.
  std::vector<double> housing_unmet;
  std::vector<double> floorspace_unmet;
  // Demand that found no room at all this year, by first choice (drives new supply).
  std::vector<double> housing_unplaced;
  std::vector<double> floorspace_unplaced;
  // Developers' view of demand: last year's level and the smoothed yearly growth, per market.
  std::vector<double> housing_demand_last;
  std::vector<double> housing_growth;
  std::vector<double> floorspace_demand_last;
  std::vector<double> floorspace_growth;
  // Counts kept current by the processes that change them (agent units).
  std::vector<double> residents;

  void resize(std::size_t zones) {
    for (auto* v :
         {&housing_capacity, &floorspace_capacity, &rent_housing, &rent_commercial, &amenity,
          &environment, &floorspace_vacated, &residents, &floorspace_vacated_last, &housing_unmet,
          &floorspace_unmet, &housing_unplaced, &floorspace_unplaced, &housing_demand_last,
          &housing_growth, &floorspace_demand_last, &floorspace_growth}) {
      v->assign(zones, 0.0);
    }
    for (int s = 0; s < kServices; ++s) {
      service_capacity[s].assign(zones, 0.0);
      service_users[s].assign(zones, 0.0);
      service_quality[s].assign(zones, 1.0);
      service_capacity_base[s].assign(zones, 0.0);
    }
  }
};

}  // namespace relocsim
