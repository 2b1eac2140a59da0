// The simulated year, in order (DESIGN.md section 3). Metrics (step 11) are recorded by the
// runner after these.
#include <array>

#include "engine/processes/registry_entries.h"

namespace relocsim {

std::span<const ProcessEntry> process_registry() {
  static const std::array kProcesses{
      ProcessEntry{"policy_schedule", &make_policy_schedule},
      ProcessEntry{"network", &make_network_update},
      ProcessEntry{"demography", &make_demography},
      ProcessEntry{"firm_dynamics", &make_firm_dynamics},
      ProcessEntry{"firm_relocation", &make_firm_relocation},
      ProcessEntry{"institution_relocation", &make_institution_relocation},
      ProcessEntry{"labour_market", &make_labour_market},
      ProcessEntry{"household_relocation", &make_household_relocation},
      ProcessEntry{"markets", &make_markets},
      ProcessEntry{"public_services", &make_public_services},
  };
  return kProcesses;
}

}  // namespace relocsim
