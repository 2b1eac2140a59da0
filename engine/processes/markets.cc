// Housing and floorspace markets: rent indices follow excess demand, r <- r (D / S)^eta with the
// yearly step bounded, where D counts occupants plus demand turned away for lack of room and S the
// occupancy the zone's capacity holds at its base vacancy; developers then build a share of any
// shortfall to that vacancy, unless a lever froze supply or capped development.
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

// Developers build once vacancy falls below a quarter of its normal level, towards the normal
// level (a dead band, so that year-to-year noise does not ratchet capacity up).
double build(double capacity, double occupied, double vacancy, double speed, double growth_max) {
  if (occupied * (1 + vacancy / 4) <= capacity) return capacity;
  const double wanted = occupied * (1 + vacancy);
  return capacity + std::min(speed * (wanted - capacity), growth_max * capacity);
}

class Markets final : public Process {
 public:
  std::string_view name() const override { return "markets"; }

  void step(World& w, const YearContext& /*ctx*/) override {
    const auto& m = w.model.behaviour().market;
    const auto& pop = w.model.population();
    auto& zs = w.zones;
    count_positions(w, w.census);
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      const double housing_demand = zs.residents[z] + zs.housing_unmet[z];
      zs.rent_housing[z] = step_rent(zs.rent_housing[z], housing_demand,
                                     zs.housing_capacity[z] / (1 + pop.housing_vacancy_rate),
                                     m.housing_eta, m.rent_step_max);
      const double jobs = w.census.zone_jobs(z);
      const double floor_demand = jobs + zs.floorspace_unmet[z];
      zs.rent_commercial[z] =
          step_rent(zs.rent_commercial[z], floor_demand,
                    zs.floorspace_capacity[z] / (1 + pop.floorspace_vacancy_rate), m.commercial_eta,
                    m.rent_step_max);
      if (!zs.supply_frozen[z]) {
        double capacity = build(zs.housing_capacity[z], zs.residents[z], pop.housing_vacancy_rate,
                                m.housing_supply_speed, m.supply_growth_max);
        if (zs.development_cap[z] > 0)
          capacity = std::min(capacity, std::max(zs.development_cap[z], zs.housing_capacity[z]));
        zs.housing_capacity[z] = capacity;
      }
      zs.floorspace_capacity[z] =
          build(zs.floorspace_capacity[z], jobs, pop.floorspace_vacancy_rate,
                m.floorspace_supply_speed, m.supply_growth_max);
      zs.housing_unmet[z] = 0;
      zs.floorspace_unmet[z] = 0;
      zs.floorspace_vacated[z] = 0;
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_markets() { return std::make_unique<Markets>(); }

}  // namespace relocsim
