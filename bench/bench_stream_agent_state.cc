// BM_StreamAgentState: the memory-bandwidth floor of one simulated year. It allocates a
// ResidentStore itself (so the columns, their types and their layout are exactly the engine's:
// 11 bytes per resident) sized as the region at the given scale, and makes one parallel pass over
// the engine's thread pool (for_chunks) that reads every column and writes one byte column back:
// what a year would cost if every process were fused into a single streaming pass.
//
//   relocsim_bench --benchmark_filter='BM_StreamAgentState/scale:1/'
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "bench/bench_world.h"
#include "engine/core/parallel.h"
#include "engine/world/agents.h"

namespace relocsim::bench {
namespace {

// Bytes one pass moves per resident: every column read (11 bytes), the `moved` column written.
constexpr double kReadBytes = 2 + 2 + 4 + 1 + 1 + 1;
constexpr double kWriteBytes = 1;

// Plausible contents, written in parallel so that pages are first touched by the threads that
// stream them.
void fill(ResidentStore& r, int threads) {
  for_chunks(r.slots(), threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const auto h = static_cast<std::uint32_t>(i * 2654435761u);
      r.home[i] = (h >> 28) == 0 ? ZoneId::none() : ZoneId::from(h % 32);
      r.work[i] = (h >> 29) == 1 ? ZoneId::none() : ZoneId::from((h >> 8) % 32);
      r.employer[i] = h >> 4;
      r.born[i] = static_cast<std::uint8_t>(30 + h % 100);
      r.traits[i] = static_cast<std::uint8_t>(h & 0x1F);
      r.moved[i] = 0;
    }
  });
}

// One pass: a checksum of every column per chunk (so nothing can be skipped) and the moved byte
// updated as a process that marks movers would. The column pointers are copied into the chunk's
// own restrict-qualified locals: a store through a uint8_t pointer may alias anything, so with
// pointers read through the lambda's captures the compiler reloads them after every store and
// does not vectorise.
std::uint64_t stream_once(ResidentStore& r, int threads, std::vector<std::uint64_t>& partial) {
  for_chunks(r.slots(), threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    const ZoneId* __restrict home = r.home.data();
    const ZoneId* __restrict work = r.work.data();
    const std::uint32_t* __restrict employer = r.employer.data();
    const std::uint8_t* __restrict born = r.born.data();
    const std::uint8_t* __restrict traits = r.traits.data();
    std::uint8_t* __restrict moved = r.moved.data();
    std::uint64_t sum = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t x =
          home[i].get() + 3u * work[i].get() + employer[i] + born[i] + traits[i];
      moved[i] = static_cast<std::uint8_t>(moved[i] ^ (x & 1u));
      sum += x;
    }
    partial[c] = sum;
  });
  std::uint64_t total = 0;
  for (auto v : partial) total += v;
  return total;
}

void BM_StreamAgentState(benchmark::State& state, double scale, int thread_count) {
  const std::size_t n = reference_residents(scale);
  ResidentStore r;
  r.resize(n);
  fill(r, thread_count);
  std::vector<std::uint64_t> partial(chunk_count(n), 0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(stream_once(r, thread_count, partial));
    benchmark::ClobberMemory();
  }
  const auto agents = static_cast<double>(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(agents) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(agents * (kReadBytes + kWriteBytes)) *
                          state.iterations());
  state.counters["residents"] = agents;
  state.counters["threads"] = thread_count;
  set_rate(state, "agents/s", agents);
}

// Scales 0.001 to 1 (110 million residents, 1.2 GB of columns) on 1 thread and on all of them.
const bool kRegistered = [] {
  std::vector<int> thread_counts = {1};
  if (threads() > 1) thread_counts.push_back(threads());
  for (const double scale : {0.001, 0.01, 0.1, 1.0}) {
    for (const int t : thread_counts) {
      const std::string name =
          "BM_StreamAgentState/scale:" + scale_name(scale) + "/threads:" + std::to_string(t);
      benchmark::RegisterBenchmark(name.c_str(), BM_StreamAgentState, scale, t)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->MinTime(scale >= 1 ? 2.0 : 0.5);
    }
  }
  return true;
}();

}  // namespace
}  // namespace relocsim::bench
