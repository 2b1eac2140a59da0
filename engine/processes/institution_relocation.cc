// Institution relocation: the mandated moves due this year (municipal bodies to the sub-center,
// universities and hospitals to Xiong'an, ...). The chosen bodies move with their positions and
// service capacity; their staff follow, commute or quit in the labour market that comes next.
#include <cmath>

#include "engine/processes/mandated.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class InstitutionRelocation final : public Process {
 public:
  std::string_view name() const override { return "institution_relocation"; }

  void step(World& w, const YearContext& ctx) override {
    auto& in = w.institutions;
    std::fill(in.moved.begin(), in.moved.end(), 0);
    for (auto& order : w.policy.mandated) {
      if (!order.institutions) continue;
      std::vector<std::uint32_t> candidates;
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (in.moved[i] || !order.kinds[in.kind[i].get()] || !order.from[in.zone[i].get()] ||
            in.zone[i] == order.to || (order.ownership_mask & (1u << in.ownership[i])) == 0) {
          continue;
        }
        candidates.push_back(static_cast<std::uint32_t>(i));
      }
      const auto count = static_cast<std::size_t>(std::llround(order.bodies));
      for (auto i : pick_ranked(candidates, count, w.rng, ctx.year, order.lever)) {
        const ZoneId from = in.zone[i];
        in.zone[i] = order.to;
        in.moved[i] = 1;
        in.mandated_to[i] = order.to;
        const Service service = w.model.kind_service[in.kind[i].get()];
        if (service != Service::kNone) {
          w.zones.service_capacity[static_cast<int>(service)][from.get()] -= in.capacity[i];
          w.zones.service_capacity[static_cast<int>(service)][order.to.get()] += in.capacity[i];
        }
        // The body brings its premises; the ones it leaves are vacated.
        w.zones.floorspace_capacity[order.to.get()] += in.jobs[i];
        w.zones.floorspace_vacated[from.get()] += in.jobs[i];
        order.moved += 1;
        order.staff_moved += in.staff[i];
        w.tally.movers_institution += 1;
        w.tally.flow(YearTally::kInstitution, from.get(), order.to.get()) += 1;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_institution_relocation() {
  return std::make_unique<InstitutionRelocation>();
}

}  // namespace relocsim
