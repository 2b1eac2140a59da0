// Policy schedule: clears the policy knobs and lets every lever write its effect for the year
// (links opening, capacity changes, mandated moves due, bans, bonuses).
#include "engine/levers/lever.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class PolicySchedule final : public Process {
 public:
  std::string_view name() const override { return "policy_schedule"; }
  void step(World& w, const YearContext& ctx) override {
    w.policy.reset(w.zone_count(), w.sector_count());
    for (auto& lever : w.levers) lever->apply(ctx.year, w, w.policy);
  }
};

}  // namespace

std::unique_ptr<Process> make_policy_schedule() { return std::make_unique<PolicySchedule>(); }

}  // namespace relocsim
