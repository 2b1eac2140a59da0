// relocation_incentive: a subsidy per job paid from a budget to firms that move into target
// zones, a utility bonus for firms and households choosing them, and optionally a push on firms
// staying in origin zones. When the budget is spent the subsidy stops; what was paid is the
// metric subsidy_paid.
#include <algorithm>
#include <limits>

#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class RelocationIncentive final : public Lever {
 public:
  RelocationIncentive(const LeverSpec& spec, std::size_t index)
      : Lever(spec, index), remaining_(number("budget")) {}

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const bool unlimited = number("budget") <= 0;
    const auto sectors = sector_mask("sectors", w, true);
    const double subsidy = number("subsidy_per_job");
    const bool paying = subsidy > 0 && (unlimited || remaining_ > 0);
    if (policy.subsidies.remaining.size() <= index()) {
      policy.subsidies.remaining.resize(index() + 1, 0.0);
    }
    policy.subsidies.remaining[index()] =
        unlimited ? std::numeric_limits<double>::infinity() : remaining_;
    for (ZoneId z : zones("zones", w)) {
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (!sectors[s] || w.model.sector(SectorId::from(s)).institutional) continue;
        const std::size_t k = policy.at(z, SectorId::from(s));
        if (paying) {
          policy.subsidy_per_job[k] = subsidy;
          policy.subsidies.payer[k] = static_cast<int>(index());
        }
        policy.firm_bonus[k] += number("bonus");
      }
      policy.household_bonus[z.get()] += number("household_bonus");
    }
    for (ZoneId z : zones("origin", w)) {
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (sectors[s]) policy.firm_push[policy.at(z, SectorId::from(s))] += number("stay_push");
      }
    }
  }

  void after_year(int year, World& /*w*/, const PolicyState& policy) override {
    if (!active(year) || number("budget") <= 0 || policy.subsidies.remaining.size() <= index()) {
      return;
    }
    remaining_ = std::max(0.0, policy.subsidies.remaining[index()]);
  }

  void save(StateWriter& out) const override { out.field(remaining_); }
  void load(StateReader& in) override { in.field(remaining_); }

 private:
  double remaining_;
};

}  // namespace

const LeverType& relocation_incentive_type() {
  static const LeverType type{
      "relocation_incentive",
      "A subsidy per job, paid from a budget, for firms moving into target zones; utility bonuses "
      "for firms and households choosing them; a push on firms staying in origin zones.",
      "The policy system that incentivises and constrains relocation \"through market-oriented "
      "and rule-of-law means\": relocation subsidies, preferential land and tax terms.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Target zones or groups.", true},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{},
           "Sectors that qualify (default: every firm sector)."},
          {"subsidy_per_job", FieldKind::kNumber, 0.0,
           "Subsidy per job moved in, in 10,000 yuan (paid once, on the move).", false, 0, 1e6},
          {"budget", FieldKind::kNumber, 0.0,
           "Total budget in 10,000 yuan; the subsidy stops when it is spent (0: unlimited).", false,
           0, 1e12},
          {"bonus", FieldKind::kNumber, 0.0, "Utility bonus for firms locating in the targets.",
           false, -100, 100},
          {"household_bonus", FieldKind::kNumber, 0.0,
           "Utility bonus for households choosing the targets.", false, -100, 100},
          {"origin", FieldKind::kZones, std::vector<std::string>{},
           "Zones whose qualifying firms are pushed to leave (see stay_push)."},
          {"stay_push", FieldKind::kNumber, 0.0,
           "Push on the relocation hazard of qualifying firms in the origin zones.", false, 0, 100},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<RelocationIncentive>(spec, index);
      },
      "- name: xiongan_subsidy\n  type: relocation_incentive\n  from: 2018\n  zones: [xiongan]\n"
      "  subsidy_per_job: 2\n  budget: 500000\n",
  };
  return type;
}

}  // namespace relocsim::levers
