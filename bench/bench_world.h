// Shared set-up of the benchmarks: the baseline scenario at a given scale and base-year worlds
// built once per scale and kept for the whole benchmark binary, so that kernels time only
// themselves. Kernels that change the world restore what they changed.
//
//   relocsim::Simulation& sim = relocsim::bench::base_year(0.01);   // built on first use
//   const relocsim::World& w = sim.world();
//
// Environment: RELOCSIM_BENCH_SCENARIO (default scenarios/baseline.yaml of this source tree),
// RELOCSIM_BENCH_THREADS (default: every hardware thread).
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "engine/runner/simulation.h"
#include "relocsim/scenario.h"

namespace relocsim::bench {

// The scenario the benchmarks run (baseline.yaml unless RELOCSIM_BENCH_SCENARIO says otherwise).
std::string scenario_path();
// Threads for the engine's parallel passes.
int threads();
// The scenario at `scale` (resident agents per person), plus `overrides` ("path=value").
Scenario scenario_at(double scale, const std::vector<std::string>& overrides = {});
// A base-year world at `scale`, built (synthesis and calibration) on first use and never stepped.
Simulation& base_year(double scale);
// "0.001", "0.01", "0.1", "1": the scale as it appears in benchmark names.
std::string scale_name(double scale);
// The residents BM_StreamAgentState streams at `scale`: 110 million at scale 1, the region's size
// over the horizon (104 million in 2010, 115 million in 2035).
std::size_t reference_residents(double scale);

// Counters shared by the kernels: items per second as "agents/s" (or another unit).
inline void set_rate(benchmark::State& state, const char* name, double items_per_iteration) {
  state.counters[name] = benchmark::Counter(
      items_per_iteration * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace relocsim::bench
