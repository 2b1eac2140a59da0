// innovation_cooperation: each year a share of the firms of listed sectors in origin zones open a
// branch (production or an office) in target zones, and those sectors get a cluster bonus there.
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class InnovationCooperation final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    BranchOrder order;
    order.sectors = sector_mask("sectors", w, false);
    order.from.assign(w.zone_count(), 0);
    order.to.assign(w.zone_count(), 0);
    for (ZoneId z : zones("origin", w)) order.from[z.get()] = 1;
    for (ZoneId z : zones("zones", w)) {
      order.to[z.get()] = 1;
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (order.sectors[s])
          policy.firm_bonus[policy.at(z, SectorId::from(s))] += number("cluster_bonus");
      }
    }
    order.share = number("share");
    order.branch_size = number("branch_size");
    if (order.share > 0) policy.branches.push_back(std::move(order));
  }
};

}  // namespace

const LeverType& innovation_cooperation_type() {
  static const LeverType type{
      "innovation_cooperation",
      "A share of the origin zones' firms of listed sectors open a branch in target zones each "
      "year; those sectors get a cluster bonus there.",
      "Technology transfer from Beijing to Tianjin and Hebei; electronic information, "
      "biomedicine and new-energy-vehicle clusters.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Target zones or groups.", true},
          {"origin", FieldKind::kZones, std::vector<std::string>{"beijing"},
           "Zones whose firms open branches."},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{}, "Sectors concerned.", true},
          {"share", FieldKind::kShare, 0.01, "Share of matching firms opening a branch each year."},
          {"branch_size", FieldKind::kShare, 0.3, "Branch jobs as a share of the parent firm's."},
          {"cluster_bonus", FieldKind::kNumber, 0.5, "Location bonus in the targets.", false, -100,
           100},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<InnovationCooperation>(spec, index);
      },
      "- name: biomedicine_cluster\n  type: innovation_cooperation\n  from: 2016\n"
      "  zones: [cangzhou]\n  sectors: [biomedicine]\n",
  };
  return type;
}

}  // namespace relocsim::levers
