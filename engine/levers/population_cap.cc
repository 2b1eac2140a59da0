// population_cap: limits the residents of a group of zones. In-migration into the group and moves
// into it from outside are throttled to the room left under the cap (registration points), and
// housing supply is frozen once the cap binds.
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class PopulationCap final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    CapGroup group;
    group.zones.assign(w.zone_count(), 0);
    double residents = 0;
    for (ZoneId z : zones("zones", w)) {
      group.zones[z.get()] = 1;
      residents += w.zones.residents[z.get()];
    }
    group.cap = number("cap");
    // Close to the cap (within the margin), no new housing is built in the group.
    if (residents / w.scale() >= group.cap * (1 - number("freeze_margin"))) {
      for (ZoneId z : zones("zones", w)) policy.supply_frozen[z.get()] = 1;
    }
    policy.caps.push_back(std::move(group));
  }
};

}  // namespace

const LeverType& population_cap_type() {
  static const LeverType type{
      "population_cap",
      "Limits a group's residents: in-migration and moves into the group are throttled to the room "
      "left under the cap, and housing supply freezes as the cap nears.",
      "Beijing's cap of 23 million residents (13th five-year plan, 2016; master plan 2016-2035); "
      "the six central districts' 15% cut below 2014.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "The capped group.", true},
          {"cap", FieldKind::kNumber, 0.0, "Most residents, persons.", true, 1, 1e10},
          {"freeze_margin", FieldKind::kShare, 0.02,
           "Housing supply freezes once residents are within this share of the cap."},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<PopulationCap>(spec, index);
      },
      "- name: beijing_cap\n  type: population_cap\n  from: 2016\n  zones: [beijing]\n"
      "  cap: 23000000\n",
  };
  return type;
}

}  // namespace relocsim::levers
