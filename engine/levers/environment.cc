// environment: changes the environmental quality (and amenity) of the listed zones while active,
// and can freeze development there (ecological conservation areas).
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class Environment final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    for (ZoneId z : zones("zones", w)) {
      policy.environment_factor[z.get()] *= 1 + number("quality");
      policy.amenity_factor[z.get()] *= 1 + number("amenity");
      if (flag("freeze_development")) policy.supply_frozen[z.get()] = 1;
    }
  }
};

}  // namespace

const LeverType& environment_type() {
  static const LeverType type{
      "environment",
      "Changes environmental quality and amenity of the listed zones while active; can freeze "
      "new housing there.",
      "The sandstorm belt, joint air-pollution control, protection of the Miyun and Guanting "
      "reservoirs and their ecological conservation areas.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups.", true},
          {"quality", FieldKind::kNumber, 0.0,
           "Relative change of the environment index (0.1 = 10% better).", false, -0.9, 10},
          {"amenity", FieldKind::kNumber, 0.0, "Relative change of the amenity index.", false, -0.9,
           10},
          {"freeze_development", FieldKind::kBool, false, "No new housing in the zones."},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<Environment>(spec, index);
      },
      "- name: clean_air\n  type: environment\n  from: 2014\n  zones: [hebei]\n  quality: 0.1\n",
  };
  return type;
}

}  // namespace relocsim::levers
