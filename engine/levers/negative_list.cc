// negative_list: the catalogue of prohibited and restricted industries for new additions (2014,
// revised 2015, 2018, 2022). Listed sectors may not enter the listed zones, neither as new firms
// nor by moving in; `restricted` sectors may, at a utility penalty. Firms already there stay.
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class NegativeList final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& world, PolicyState& policy) override {
    if (!active(year)) return;
    const auto prohibited = sector_mask("sectors", world, false);
    const auto restricted = sector_mask("restricted", world, false);
    const double penalty = number("restricted_penalty");
    for (ZoneId z : zones("zones", world)) {
      for (std::size_t s = 0; s < world.sector_count(); ++s) {
        const std::size_t k = policy.at(z, SectorId::from(s));
        if (prohibited[s]) policy.entry_banned[k] = 1;
        if (restricted[s]) policy.entry_penalty[k] += penalty;
      }
    }
  }
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  if (std::get<std::vector<std::string>>(spec.fields.at("sectors")).empty() &&
      std::get<std::vector<std::string>>(spec.fields.at("restricted")).empty()) {
    sink.error(spec.place,
               "negative_list '" + spec.name + "' lists no sectors and no restricted sectors");
  }
}

}  // namespace

const LeverType& negative_list_type() {
  static const LeverType type{
      "negative_list",
      "Listed sectors may not enter the listed zones (new firms or inbound moves); restricted "
      "sectors may, at a utility penalty.",
      "Beijing's catalogue of prohibited and restricted industries for new additions (2014 "
      "edition, revised 2015, 2018 and 2022).",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{},
           "Zones or groups the list covers.", true},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{}, "Prohibited sectors."},
          {"restricted", FieldKind::kSectors, std::vector<std::string>{},
           "Restricted sectors: entry allowed at a utility penalty."},
          {"restricted_penalty", FieldKind::kNumber, 1.0,
           "Utility penalty for entering with a restricted sector.", false, 0, 100},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<NegativeList>(spec, index);
      },
      "- name: catalogue_2014\n  type: negative_list\n  from: 2014\n  zones: [beijing]\n"
      "  sectors: [general_manufacturing]\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
