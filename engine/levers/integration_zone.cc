// integration_zone: removes cross-boundary frictions between the listed zones: moving between them
// across a provincial boundary carries no penalty, and travel between them is faster (shared
// transit, no checkpoints).
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class IntegrationZone final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const int group = static_cast<int>(policy.integration_time_factor.size());
    policy.integration_time_factor.push_back(number("time_factor"));
    for (ZoneId z : zones("zones", w)) policy.integration_group[z.get()] = group;
  }
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  if (std::get<std::vector<std::string>>(spec.fields.at("zones")).size() < 2) {
    sink.error(spec.field_places.at("zones"), "an integration zone needs at least two zones");
  }
}

}  // namespace

const LeverType& integration_zone_type() {
  static const LeverType type{
      "integration_zone",
      "Removes cross-boundary frictions between the listed zones: no provincial penalty for moving "
      "between them, and faster travel between them.",
      "Tongzhou with Sanhe, Xianghe and Dachang (the north three counties) as a demonstration "
      "zone of integrated development.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "The zones integrated.", true},
          {"time_factor", FieldKind::kNumber, 0.85,
           "Travel times between the zones are multiplied by this.", false, 0.1, 1},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<IntegrationZone>(spec, index);
      },
      "- name: tongzhou_north_three\n  type: integration_zone\n  from: 2016\n"
      "  zones: [tongzhou, north_three]\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
