// Housing and floorspace markets: rent indices follow excess demand, r <- r (D / S)^eta with the
// yearly step bounded, where D counts occupants plus demand turned away for lack of room and S the
// occupancy the zone's capacity holds at its base vacancy. Developers build when demand (occupants
// plus those who found no room at all), grown by its recent growth, would leave less than a quarter
// of the base vacancy, up to the base vacancy; unless a lever froze supply or capped development.
#include <algorithm>
#include <cmath>

#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

double step_rent(double rent, double demand, double supply, double eta, double step_max) {
  if (supply <= 0) return rent;
  const double factor = std::pow(std::max(demand, 1e-9) / supply, eta);
  return rent * std::clamp(factor, 1 - step_max, 1 + step_max);
}

// Capacity after this year's building. `growth`: smoothed yearly growth of demand, which
// developers expect to continue. The dead band (a quarter of the base vacancy) keeps year-to-year
// noise from ratcheting capacity up.
double build(double capacity, double demand, double growth, double vacancy, double speed,
             double growth_max) {
  const double expected = demand * (1 + std::max(0.0, growth));
  if (expected * (1 + vacancy / 4) <= capacity) return capacity;
  const double wanted = expected * (1 + vacancy);
  return capacity + std::min(speed * (wanted - capacity), growth_max * capacity);
}

// Exponentially smoothed growth of a demand level (half weight on the latest year).
void track(double demand, double& last, double& growth) {
  if (last > 0) growth = 0.5 * growth + 0.5 * (demand / last - 1);
  last = demand;
}

class Markets final : public Process {
 public:
  std::string_view name() const override { return "markets"; }

  void setup(World& w) override {
    count_positions(w, w.census);
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      w.zones.housing_demand_last[z] = w.zones.residents[z];
      w.zones.floorspace_demand_last[z] = w.census.zone_jobs(z);
    }
  }

  void step(World& w, const YearContext& /*ctx*/) override {
    const auto& m = w.model.behaviour().market;
    const auto& pop = w.model.population();
    auto& zs = w.zones;
    count_positions(w, w.census);
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      zs.rent_housing[z] = step_rent(zs.rent_housing[z], zs.residents[z] + zs.housing_unmet[z],
                                     zs.housing_capacity[z] / (1 + pop.housing_vacancy_rate),
                                     m.housing_eta, m.rent_step_max);
      const double jobs = w.census.zone_jobs(z);
      zs.rent_commercial[z] =
          step_rent(zs.rent_commercial[z], jobs + zs.floorspace_unmet[z],
                    zs.floorspace_capacity[z] / (1 + pop.floorspace_vacancy_rate), m.commercial_eta,
                    m.rent_step_max);

      const double housing_demand = zs.residents[z] + zs.housing_unplaced[z];
      track(housing_demand, zs.housing_demand_last[z], zs.housing_growth[z]);
      if (!w.policy.supply_frozen[z]) {
        double capacity =
            build(zs.housing_capacity[z], housing_demand, zs.housing_growth[z],
                  pop.housing_vacancy_rate, m.housing_supply_speed, m.supply_growth_max);
        if (w.policy.development_cap[z] > 0) {
          capacity =
              std::min(capacity, std::max(w.policy.development_cap[z], zs.housing_capacity[z]));
        }
        zs.housing_capacity[z] = capacity;
      }
      const double floor_demand = jobs + zs.floorspace_unplaced[z];
      track(floor_demand, zs.floorspace_demand_last[z], zs.floorspace_growth[z]);
      zs.floorspace_capacity[z] =
          build(zs.floorspace_capacity[z], floor_demand, zs.floorspace_growth[z],
                pop.floorspace_vacancy_rate, m.floorspace_supply_speed, m.supply_growth_max);

      zs.housing_unmet[z] = 0;
      zs.floorspace_unmet[z] = 0;
      zs.housing_unplaced[z] = 0;
      zs.floorspace_unplaced[z] = 0;
      zs.floorspace_vacated_last[z] = zs.floorspace_vacated[z];
      zs.floorspace_vacated[z] = 0;
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_markets() { return std::make_unique<Markets>(); }

}  // namespace relocsim
