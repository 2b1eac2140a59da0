// Helpers shared by the engine's tests: paths into the source tree and small, fast scenarios.
#pragma once

#include <string>
#include <vector>

#include "engine/runner/simulation.h"
#include "relocsim/run.h"
#include "relocsim/scenario.h"

namespace relocsim::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(RELOCSIM_SOURCE_DIR) + "/" + relative;
}

// A scenario of the source tree at a small scale and short horizon, plus extra overrides.
inline Scenario small_scenario(const std::string& relative, int end_year = 2013,
                               double scale = 0.002, std::vector<std::string> overrides = {}) {
  overrides.push_back("scenario.end_year=" + std::to_string(end_year));
  overrides.push_back("scenario.scale=" + std::to_string(scale));
  return load_scenario(source_path(relative), overrides);
}

// Runs to the end in memory (nothing written).
inline RunResult run_in_memory(const Scenario& s, int threads = 2) {
  RunOptions options;
  options.threads = threads;
  return run_scenario(s, options);
}

}  // namespace relocsim::testing
