// The lever types, one function per file of engine/levers/, listed by the registry.
#pragma once

#include "engine/levers/lever_type.h"

namespace relocsim::levers {

const LeverType& negative_list_type();
const LeverType& mandated_relocation_type();
const LeverType& transport_project_type();

}  // namespace relocsim::levers
