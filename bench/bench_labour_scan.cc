// The labour market's first pass over residents (labour::ResidentScan, the engine's own code): for
// every resident, nine bits of its state, among them its employer's status byte (a random access
// into a byte per firm), decide whether the labour market looks at it this year. The scalar and
// the vector (AVX2) passes are timed apart; compare them with BM_StreamAgentState.
#include <benchmark/benchmark.h>

#include <vector>

#include "bench/bench_world.h"
#include "engine/core/parallel.h"
#include "engine/processes/labour_scan.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

void BM_LabourScan(benchmark::State& state, double scale, bool vector) {
  const World& w = base_year(scale).world();
  const auto& r = w.residents;
  const auto& pop = w.model.population();
  // One firm in twenty with news (closed, moved or shrank), about what a year of the baseline
  // gives; every other zone short of labour.
  const std::size_t firms = w.firms.size();
  std::vector<std::uint8_t> status(firms + 4, 0);
  for (std::size_t f = 0; f < firms; f += 20) status[f] = 1;
  labour::ScanRule rule;
  rule.year = w.year + 1;
  rule.working_age_min = pop.working_age_min;
  rule.retirement_age = pop.retirement_age;
  for (std::size_t z = 0; z < w.zone_count(); ++z) rule.short_zone.push_back(z % 2);
  rule.status = status;
  const labour::ResidentScan scan(rule);
  if (vector && !scan.vector_pass()) {
    state.SkipWithError("no AVX2 on this machine");
    return;
  }
  // The pass clears a mark in the traits column: it works on a copy.
  std::vector<std::uint8_t> traits(r.traits.data(), r.traits.data() + r.slots());
  const labour::ScanColumns columns{r.employer.data(), r.home.data(), r.born.data(), traits.data()};
  std::vector<std::uint32_t> listed(r.slots());
  std::vector<std::size_t> counts(chunk_count(r.slots()));
  for (auto _ : state) {
    for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      counts[c] = vector ? scan.list(columns, begin, end, listed.data() + begin)
                         : scan.list_scalar(columns, begin, end, listed.data() + begin);
    });
    benchmark::DoNotOptimize(counts.data());
  }
  std::size_t total = 0;
  for (const std::size_t n : counts) total += n;
  const auto agents = static_cast<double>(r.slots());
  state.counters["residents"] = agents;
  state.counters["listed"] = static_cast<double>(total);
  state.counters["threads"] = w.threads;
  set_rate(state, "agents/s", agents);
}

const bool kRegistered = [] {
  for (const double scale : {0.01, 0.1}) {
    for (const bool vector : {false, true}) {
      benchmark::RegisterBenchmark(
          ("BM_LabourScan/scale:" + scale_name(scale) + (vector ? "/pass:vector" : "/pass:scalar"))
              .c_str(),
          BM_LabourScan, scale, vector)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
