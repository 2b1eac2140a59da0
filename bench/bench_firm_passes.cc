// The passes over the firm store that several processes repeat every year: the employers' census
// (count_positions: network, firm dynamics, firm relocation and markets each call it) and the
// counting sort of firms by zone, sector and size class (firm dynamics and firm relocation). Both
// run on the engine's threads, so they are timed in real time.
// Firms are append-only (a closed firm keeps its index), so these passes grow with every firm
// ever created, alive or not. firm_scale = min(1, 10 x scale): at scale 0.1 the firm store is
// already the full-scale one.
#include <benchmark/benchmark.h>

#include "bench/bench_world.h"
#include "engine/core/systematic.h"
#include "engine/processes/firm_order.h"
#include "engine/world/census.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

void set_firms(benchmark::State& state, const World& w) {
  const auto firms = static_cast<double>(w.firms.size());
  state.counters["firms"] = firms;
  state.SetItemsProcessed(static_cast<std::int64_t>(firms) * state.iterations());
  set_rate(state, "firms/s", firms);
}

void BM_CountPositions(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  Census census = w.census;
  for (auto _ : state) {
    count_positions(w, census);
    benchmark::DoNotOptimize(census.jobs.data());
  }
  set_firms(state, w);
}

void BM_FirmOrder(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  for (auto _ : state) {
    auto order = firms_by_zone_sector_size(w);
    benchmark::DoNotOptimize(order.firms.data());
  }
  set_firms(state, w);
}

// Exits drawn along the order: each (zone, sector) group its own stratum, groups in parallel.
void BM_FirmExitSelection(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  const auto order = firms_by_zone_sector_size(w);
  const std::vector<double> offset(order.group_begin.size() - 1, 0.5);
  // As firm dynamics does it: the exit rate is the sector's, looked up per group.
  const std::size_t sectors = w.sector_count();
  std::vector<double> exit_rate(sectors);
  for (std::size_t s = 0; s < sectors; ++s)
    exit_rate[s] = w.model.sector(SectorId::from(s)).exit_rate;
  for (auto _ : state) {
    auto closing = systematic_select_groups(
        order.firms, order.group_begin, offset, w.threads,
        [&](std::size_t g, std::size_t) { return exit_rate[g % sectors]; },
        [](std::size_t, std::size_t) { return true; });
    benchmark::DoNotOptimize(closing.data());
  }
  set_firms(state, w);
}

const bool kRegistered = [] {
  for (const double scale : {0.01, 0.1}) {
    const std::string s = scale_name(scale);
    benchmark::RegisterBenchmark(("BM_CountPositions/scale:" + s).c_str(), BM_CountPositions, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("BM_FirmExitSelection/scale:" + s).c_str(), BM_FirmExitSelection,
                                 scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("BM_FirmOrder/scale:" + s).c_str(), BM_FirmOrder, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
