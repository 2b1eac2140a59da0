// Whole runs of the baseline: building the base-year world (synthesis and calibration,
// BM_BuildWorld) and simulating one year (BM_SimulatedYear) at scales 0.001, 0.01 and 0.1.
// A year changes the world, so each benchmark steps one simulation forward: its iterations are
// the years from 2011 onward (k iterations = 2011 .. 2010 + k); a finished run is rebuilt outside
// the timed region.
//
//   relocsim_bench --benchmark_filter='BM_SimulatedYear/scale:0.01/'
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/bench_world.h"

namespace relocsim::bench {
namespace {

void BM_BuildWorld(benchmark::State& state, double scale) {
  const Scenario scenario = scenario_at(scale);
  std::size_t residents = 0;
  for (auto _ : state) {
    Simulation sim(scenario, threads());
    residents = sim.world().residents.alive();
    benchmark::DoNotOptimize(residents);
  }
  state.counters["residents"] = static_cast<double>(residents);
  set_rate(state, "agents/s", static_cast<double>(residents));
}

void BM_SimulatedYear(benchmark::State& state, double scale) {
  const Scenario scenario = scenario_at(scale);
  auto sim = std::make_unique<Simulation>(scenario, threads());
  const int first = sim->year() + 1;
  double agents = 0;
  for (auto _ : state) {
    if (sim->done()) {
      state.PauseTiming();
      sim = std::make_unique<Simulation>(scenario, threads());
      state.ResumeTiming();
    }
    sim->step();
    agents += static_cast<double>(sim->world().residents.alive());
  }
  state.counters["first_year"] = first;
  state.counters["last_year"] = sim->year();
  state.counters["residents"] = static_cast<double>(sim->world().residents.alive());
  state.counters["firms"] = static_cast<double>(sim->world().firms.size());
  state.counters["threads"] = threads();
  state.counters["agents/s"] = benchmark::Counter(agents, benchmark::Counter::kIsRate);
  state.SetItemsProcessed(static_cast<std::int64_t>(agents));
}

// Fixed iteration counts, so that every scale times the same years (2011-2015; 2011-2013 at 0.1,
// where a year takes seconds).
const bool kRegistered = [] {
  for (const double scale : {0.001, 0.01, 0.1}) {
    const std::string s = scale_name(scale);
    benchmark::RegisterBenchmark(("BM_BuildWorld/scale:" + s).c_str(), BM_BuildWorld, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(scale >= 0.1 ? 1 : 3);
    benchmark::RegisterBenchmark(("BM_SimulatedYear/scale:" + s).c_str(), BM_SimulatedYear, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(scale >= 0.1 ? 3 : 5);
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
