// Network update: the all-pairs travel-time matrix (one Boost.Graph Dijkstra from every zone over
// the open links) and accessibility to jobs (an Eigen matrix-vector product), as the network
// process computes them when links change. Independent of the scale.
#include <benchmark/benchmark.h>

#include "bench/bench_world.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

constexpr double kKernelScale = 0.01;

void BM_NetworkAllPairs(benchmark::State& state) {
  World& w = base_year(kKernelScale).world();
  Network network = w.network;
  for (auto _ : state) {
    network.invalidate();
    benchmark::DoNotOptimize(network.update(w.year + 1));
  }
  state.counters["zones"] = static_cast<double>(w.zone_count());
  state.counters["links"] = static_cast<double>(w.network.links().size());
}
BENCHMARK(BM_NetworkAllPairs)->Unit(benchmark::kMicrosecond);

void BM_Accessibility(benchmark::State& state) {
  World& w = base_year(kKernelScale).world();
  Network network = w.network;
  std::vector<double> jobs(w.zone_count());
  for (std::size_t z = 0; z < jobs.size(); ++z) jobs[z] = w.census.zone_jobs(z);
  const double decay = w.model.behaviour().network.accessibility_decay;
  for (auto _ : state) {
    network.update_accessibility(jobs, decay);
    benchmark::DoNotOptimize(network.accessibility().data());
  }
}
BENCHMARK(BM_Accessibility)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace relocsim::bench
