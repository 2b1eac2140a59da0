// The household relocation hazard pass: the pass over every resident that household relocation
// makes each year to select its movers (choice::select_household_movers, the engine's own code):
// a mover is selected where the running hazard sum of its home zone, restarted in every chunk
// with the chunk's own offset, crosses an integer (engine/core/systematic.h). This is the
// engine's typical pass over the resident columns; compare it with BM_StreamAgentState.
#include <benchmark/benchmark.h>

#include <vector>

#include "bench/bench_world.h"
#include "engine/choice/household_utility.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

void BM_RelocationHazardPass(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  const int year = w.year + 1;
  std::size_t selected = 0;
  for (auto _ : state) {
    const auto movers = choice::select_household_movers(w, year);
    selected = movers.size();
    benchmark::DoNotOptimize(movers.data());
  }
  const auto agents = static_cast<double>(w.residents.slots());
  // Each pass reads home, work, born and traits: 6 bytes per resident.
  state.SetBytesProcessed(static_cast<std::int64_t>(2 * 6 * agents) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(agents) * state.iterations());
  state.counters["residents"] = agents;
  state.counters["movers"] = static_cast<double>(selected);
  state.counters["threads"] = w.threads;
  set_rate(state, "agents/s", agents);
}

const bool kRegistered = [] {
  for (const double scale : {0.01, 0.1}) {
    benchmark::RegisterBenchmark(("BM_RelocationHazardPass/scale:" + scale_name(scale)).c_str(),
                                 BM_RelocationHazardPass, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
