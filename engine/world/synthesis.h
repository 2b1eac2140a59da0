// The base-year world: zones, network and a synthetic population of residents, firms and
// institutions consistent with the scenario's data and documented assumptions
// (scenarios/data/README.md). Deterministic for a seed, parallel, whatever the thread count.
#pragma once

#include "engine/world/world.h"
#include "relocsim/scenario.h"

namespace relocsim {

World build_world(const Scenario& scenario, int threads);

// Allocates `count` items over weights by largest remainders (deterministic, exact total).
std::vector<int> allocate_counts(int count, const std::vector<double>& weights);

}  // namespace relocsim
