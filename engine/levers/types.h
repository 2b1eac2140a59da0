// The lever types, one function per file of engine/levers/, listed by the registry.
#pragma once

#include "engine/levers/lever_type.h"

namespace relocsim::levers {

const LeverType& negative_list_type();
const LeverType& exit_program_type();
const LeverType& mandated_relocation_type();
const LeverType& relocation_incentive_type();
const LeverType& core_area_control_type();
const LeverType& space_reuse_type();
const LeverType& leading_functions_type();
const LeverType& integration_zone_type();
const LeverType& transport_project_type();
const LeverType& innovation_cooperation_type();
const LeverType& public_service_transfer_type();
const LeverType& population_cap_type();
const LeverType& housing_supply_type();
const LeverType& environment_type();

}  // namespace relocsim::levers
