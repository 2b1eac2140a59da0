// Network: recomputes travel times when links opened, closed or changed, and accessibility to
// jobs every year.
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class NetworkUpdate final : public Process {
 public:
  std::string_view name() const override { return "network"; }
  void step(World& w, const YearContext& ctx) override {
    w.network.set_group_factors(w.policy.integration_group, w.policy.integration_time_factor);
    w.network.update(ctx.year);
    count_positions(w, w.census);
    std::vector<double> jobs(w.zone_count());
    for (std::size_t z = 0; z < jobs.size(); ++z) jobs[z] = w.census.zone_jobs(z);
    w.network.update_accessibility(jobs, w.model.behaviour().network.accessibility_decay);
  }
};

}  // namespace

std::unique_ptr<Process> make_network_update() { return std::make_unique<NetworkUpdate>(); }

}  // namespace relocsim
