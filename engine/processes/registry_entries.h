// Factories of the processes, one per file of engine/processes/, listed in registry.cc.
#pragma once

#include <memory>

#include "engine/processes/process.h"

namespace relocsim {

std::unique_ptr<Process> make_policy_schedule();
std::unique_ptr<Process> make_network_update();
std::unique_ptr<Process> make_demography();
std::unique_ptr<Process> make_firm_dynamics();
std::unique_ptr<Process> make_firm_relocation();
std::unique_ptr<Process> make_institution_relocation();
std::unique_ptr<Process> make_labour_market();
std::unique_ptr<Process> make_household_relocation();
std::unique_ptr<Process> make_markets();
std::unique_ptr<Process> make_public_services();

}  // namespace relocsim
