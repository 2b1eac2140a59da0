// Rent adjustment: the markets process of the year (engine/processes/markets.cc), which counts
// the employers' positions (count_positions, a serial pass over every firm ever created) and then
// moves each zone's housing and commercial rent toward excess demand and builds where demand
// outgrows capacity. The zone loop is tiny (32 zones); the firm pass is what scales.
//
// The step changes the zone state; it is restored after every iteration, outside the timed region.
#include <benchmark/benchmark.h>

#include "bench/bench_world.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

void BM_RentAdjustment(benchmark::State& state, double scale) {
  World& w = base_year(scale).world();
  const ZoneState zones_before = w.zones;
  const Census census_before = w.census;
  auto markets = make_markets();
  markets->setup(w);
  const ZoneState zones_set_up = w.zones;
  const YearContext ctx{w.year + 1};
  for (auto _ : state) {
    markets->step(w, ctx);
    state.PauseTiming();
    w.zones = zones_set_up;
    state.ResumeTiming();
  }
  w.zones = zones_before;
  w.census = census_before;
  state.counters["firms"] = static_cast<double>(w.firms.size());
  set_rate(state, "firms/s", static_cast<double>(w.firms.size()));
}

const bool kRegistered = [] {
  for (const double scale : {0.01, 0.1}) {
    benchmark::RegisterBenchmark(("BM_RentAdjustment/scale:" + scale_name(scale)).c_str(),
                                 BM_RentAdjustment, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
