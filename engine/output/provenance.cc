#include "engine/output/provenance.h"

#include "relocsim/build_info.h"

namespace relocsim::output {

BuildInfo build_info() { return {RELOCSIM_GIT_DESCRIBE, RELOCSIM_COMPILER, RELOCSIM_BUILD_TYPE}; }

}  // namespace relocsim::output
