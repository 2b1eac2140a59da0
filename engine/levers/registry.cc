// The registry of lever types: one explicit table, no self-registering statics.
#include <algorithm>
#include <vector>

#include "engine/levers/types.h"

namespace relocsim::levers {

std::span<const LeverType> lever_types() {
  static const std::vector<LeverType> kTypes = {
      negative_list_type(),           exit_program_type(),
      mandated_relocation_type(),     relocation_incentive_type(),
      core_area_control_type(),       space_reuse_type(),
      leading_functions_type(),       integration_zone_type(),
      transport_project_type(),       innovation_cooperation_type(),
      public_service_transfer_type(), population_cap_type(),
      housing_supply_type(),          environment_type(),
  };
  return kTypes;
}

const LeverType* find_lever_type(std::string_view type) {
  const auto types = lever_types();
  const auto it =
      std::find_if(types.begin(), types.end(), [&](const LeverType& t) { return t.type == type; });
  return it == types.end() ? nullptr : &*it;
}

}  // namespace relocsim::levers
