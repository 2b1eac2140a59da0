// Metric aggregation: the census of residents (take_census: one parallel pass over the resident
// columns, per-chunk partial counts added in chunk order, then count_positions over employers)
// and recording the year's indicators (record_metrics, step 11 of the year) into a metrics table.
#include <benchmark/benchmark.h>

#include "bench/bench_world.h"
#include "engine/output/metrics_recorder.h"
#include "engine/world/census.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

void BM_TakeCensus(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  Census census;
  for (auto _ : state) {
    take_census(w, census);
    benchmark::DoNotOptimize(census.residents.data());
  }
  const auto agents = static_cast<double>(w.residents.slots());
  // home, work, born, traits: 6 bytes per resident.
  state.SetBytesProcessed(static_cast<std::int64_t>(6 * agents) * state.iterations());
  state.counters["residents"] = agents;
  set_rate(state, "agents/s", agents);
}

void BM_RecordMetrics(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  for (auto _ : state) {
    output::MetricsTable table(output::metric_entities(w.model));
    output::record_metrics(w, w.year, table);
    benchmark::DoNotOptimize(table.metric_names().data());
  }
}

// The year's aggregation as public services and metrics make it: census, then the indicators.
void BM_MetricAggregation(benchmark::State& state, double scale) {
  World& w = base_year(scale).world();
  const Census before = w.census;
  for (auto _ : state) {
    take_census(w, w.census);
    output::MetricsTable table(output::metric_entities(w.model));
    output::record_metrics(w, w.year, table);
    benchmark::DoNotOptimize(table.metric_names().data());
  }
  w.census = before;
  set_rate(state, "agents/s", static_cast<double>(w.residents.slots()));
}

const bool kRegistered = [] {
  for (const double scale : {0.01, 0.1}) {
    const std::string s = scale_name(scale);
    benchmark::RegisterBenchmark(("BM_TakeCensus/scale:" + s).c_str(), BM_TakeCensus, scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("BM_MetricAggregation/scale:" + s).c_str(), BM_MetricAggregation,
                                 scale)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("BM_RecordMetrics", BM_RecordMetrics, 0.01)
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
