// space_reuse: commercial floorspace vacated in the listed zones (by closures and moves of the
// year before) is re-allocated: a share to capital functions (kept off the general market, and
// capital-function sectors get a location bonus there), a share to public services (raising their
// capacity), the rest released to the market.
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class SpaceReuse final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const auto service = static_cast<int>(service_named(text("service")));
    for (ZoneId z : zones("zones", w)) {
      const double vacated = w.zones.floorspace_vacated_last[z.get()];
      const double to_capital = number("capital_share") * vacated;
      const double to_services = number("services_share") * vacated;
      w.zones.floorspace_capacity[z.get()] -= to_capital + to_services;
      w.zones.service_capacity[service][z.get()] +=
          to_services / w.scale() * number("service_per_job");
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (w.model.sector(SectorId::from(s)).capital_function) {
          policy.firm_bonus[policy.at(z, SectorId::from(s))] += number("capital_bonus");
        }
      }
    }
  }
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  const double capital = std::get<double>(spec.fields.at("capital_share"));
  const double services = std::get<double>(spec.fields.at("services_share"));
  if (capital + services > 1) {
    sink.error(spec.place, "space_reuse '" + spec.name +
                               "': capital_share and services_share add up to more than 1");
  }
  const auto& service = std::get<std::string>(spec.fields.at("service"));
  if (service_named(service) == Service::kNone) {
    sink.error(spec.field_places.at("service"),
               "service '" + service + "' must be school, hospital or elderly");
  }
}

}  // namespace

const LeverType& space_reuse_type() {
  static const LeverType type{
      "space_reuse",
      "Floorspace vacated in the listed zones goes partly to capital functions, partly to public "
      "services (more capacity), the rest back to the market.",
      "\"Make overall use of the space resulting from the relocation\": vacated sites turned into "
      "green space, public services and venues for capital functions.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups.", true},
          {"capital_share", FieldKind::kShare, 0.0,
           "Share of vacated floorspace kept for capital functions."},
          {"services_share", FieldKind::kShare, 0.0,
           "Share of vacated floorspace turned into public services."},
          {"service", FieldKind::kText, std::string("hospital"),
           "Which service the space becomes: school, hospital or elderly."},
          {"service_per_job", FieldKind::kNumber, 0.25,
           "Seats or beds per job's worth of floorspace converted.", false, 0, 100},
          {"capital_bonus", FieldKind::kNumber, 0.5,
           "Location bonus for capital-function sectors in the zones.", false, -100, 100},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<SpaceReuse>(spec, index);
      },
      "- name: reuse_core\n  type: space_reuse\n  from: 2017\n  zones: [core]\n"
      "  capital_share: 0.3\n  services_share: 0.3\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
