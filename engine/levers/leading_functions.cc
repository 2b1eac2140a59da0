// leading_functions: sector-specific attraction of a zone (a location bonus for firms of the
// listed sectors) and, once, new commercial floorspace for them.
#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class LeadingFunctions final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const auto sectors = sector_mask("sectors", w, false);
    const auto targets = zones("zones", w);
    for (ZoneId z : targets) {
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (sectors[s]) policy.firm_bonus[policy.at(z, SectorId::from(s))] += number("bonus");
      }
    }
    if (!built_ && number("floorspace") > 0) {
      for (ZoneId z : targets) {
        w.zones.floorspace_capacity[z.get()] +=
            number("floorspace") * w.scale() / static_cast<double>(targets.size());
      }
      built_ = true;
    }
  }

  void save(StateWriter& out) const override { out.field(built_); }
  void load(StateReader& in) override { in.field(built_); }

 private:
  bool built_ = false;
};

}  // namespace

const LeverType& leading_functions_type() {
  static const LeverType type{
      "leading_functions",
      "A location bonus for firms of the listed sectors in the listed zones, and new commercial "
      "floorspace for them in the first year.",
      "The sub-center's \"3+1\" leading functions: administration, business services, culture "
      "and tourism, plus sci-tech innovation; Xiong'an's innovation industries.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups.", true},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{}, "Sectors attracted.", true},
          {"bonus", FieldKind::kNumber, 1.0, "Location utility bonus.", false, -100, 100},
          {"floorspace", FieldKind::kNumber, 0.0,
           "Commercial floorspace added in the first active year, in jobs.", false, 0, 1e8},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<LeadingFunctions>(spec, index);
      },
      "- name: sub_center_functions\n  type: leading_functions\n  from: 2016\n  zones: [tongzhou]\n"
      "  sectors: [business_services]\n  bonus: 0.5\n",
  };
  return type;
}

}  // namespace relocsim::levers
