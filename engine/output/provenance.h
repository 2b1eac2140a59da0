// What built this relocsim: git description, compiler and build type, recorded in every
// summary.json so that a result can be traced to the code that produced it.
#pragma once

#include <string>

namespace relocsim::output {

struct BuildInfo {
  std::string version;     // git describe at build time
  std::string compiler;    // e.g. "GNU 12.2.0"
  std::string build_type;  // e.g. "Release"
};

BuildInfo build_info();

}  // namespace relocsim::output
