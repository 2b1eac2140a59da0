// housing_supply: adds (or removes) housing in the listed zones on a schedule, in persons housed,
// shared among the zones by their current capacity.
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class HousingSupply final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& /*policy*/) override {
    if (!active(year)) return;
    double persons = 0;
    for (const auto& [y, v] : schedule("schedule")) {
      if (y == year) persons = v;
    }
    if (persons == 0) return;
    const auto targets = zones("zones", w);
    double total = 0;
    for (ZoneId z : targets) total += w.zones.housing_capacity[z.get()];
    for (ZoneId z : targets) {
      const double share = total > 0 ? w.zones.housing_capacity[z.get()] / total
                                     : 1.0 / static_cast<double>(targets.size());
      double& c = w.zones.housing_capacity[z.get()];
      c = std::max(0.0, c + persons * w.scale() * share);
    }
  }
};

}  // namespace

const LeverType& housing_supply_type() {
  static const LeverType type{
      "housing_supply",
      "Adds (or, with negative amounts, removes) housing in the listed zones on a schedule.",
      "New housing in the Tongzhou sub-center and in Xiong'an (e.g. Rongdong resettlement areas).",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups.", true},
          {"schedule", FieldKind::kSchedule, Schedule{},
           "Persons housed added (negative: removed) in each listed year.", true, -1e8, 1e8},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<HousingSupply>(spec, index);
      },
      "- name: xiongan_housing\n  type: housing_supply\n  zones: [xiongan]\n"
      "  schedule: {2020: 100000}\n",
  };
  return type;
}

}  // namespace relocsim::levers
