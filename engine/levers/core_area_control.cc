// core_area_control: caps and cuts in the core area. Housing and commercial floorspace are cut by
// a share each year (demolition of illegal structures), no new housing is built, a population
// ceiling is enforced through housing capacity, and residents are pushed to move out where they
// now exceed the homes left.
#include <algorithm>

#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class CoreAreaControl final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const auto targets = zones("zones", w);
    auto& zs = w.zones;
    double capacity = 0;
    for (ZoneId z : targets) {
      zs.housing_capacity[z.get()] *= 1 - number("housing_cut");
      const double removed = zs.floorspace_capacity[z.get()] * number("floorspace_cut");
      zs.floorspace_capacity[z.get()] -= removed;
      if (flag("freeze_supply")) policy.supply_frozen[z.get()] = 1;
      capacity += zs.housing_capacity[z.get()];
    }
    // A ceiling on residents (persons) holds housing capacity to it, at the base vacancy.
    const double ceiling = number("population_ceiling");
    if (ceiling > 0) {
      const double allowed = ceiling * w.scale() * (1 + w.model.population().housing_vacancy_rate);
      if (capacity > allowed) {
        for (ZoneId z : targets) zs.housing_capacity[z.get()] *= allowed / capacity;
      }
      for (ZoneId z : targets) policy.development_cap[z.get()] = zs.housing_capacity[z.get()];
    }
    for (ZoneId z : targets) {
      const double residents = zs.residents[z.get()];
      const double over =
          residents > 0 ? std::max(0.0, residents - zs.housing_capacity[z.get()]) / residents : 0.0;
      policy.household_push[z.get()] += number("push") + number("overcrowding_push") * over;
    }
  }
};

}  // namespace

const LeverType& core_area_control_type() {
  static const LeverType type{
      "core_area_control",
      "Cuts housing and commercial floorspace in the listed zones by a share per year, freezes new "
      "housing, holds residents under a ceiling through housing capacity, pushes residents out.",
      "The action plans for controlling and regulating the core area (Dongcheng, Xicheng): "
      "demolition of illegal structures, lower density, no new residential projects (2018).",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups controlled.",
           true},
          {"housing_cut", FieldKind::kShare, 0.0, "Share of housing capacity removed each year."},
          {"floorspace_cut", FieldKind::kShare, 0.0,
           "Share of commercial floorspace removed each year."},
          {"population_ceiling", FieldKind::kNumber, 0.0,
           "Most residents (persons) the zones together may house (0: none).", false, 0, 1e9},
          {"freeze_supply", FieldKind::kBool, true, "No new housing is built in the zones."},
          {"push", FieldKind::kNumber, 0.0, "Push on residents' relocation hazard in the zones.",
           false, 0, 100},
          {"overcrowding_push", FieldKind::kNumber, 20.0,
           "Extra push per share of residents above the homes left.", false, 0, 1000},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<CoreAreaControl>(spec, index);
      },
      "- name: core_control\n  type: core_area_control\n  from: 2017\n  zones: [core]\n"
      "  housing_cut: 0.01\n  floorspace_cut: 0.01\n",
  };
  return type;
}

}  // namespace relocsim::levers
