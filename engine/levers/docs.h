// docs/levers.md, generated from the lever registry's field tables, so that the documentation
// and the loader cannot drift apart (a test compares the file with this text).
#pragma once

#include <string>

namespace relocsim::levers {

std::string levers_markdown();

}  // namespace relocsim::levers
