// The household relocation hazard pass: the two systematic-sampling passes over every resident
// that household relocation makes each year (engine/core/systematic.h): sum the hazard per home
// zone, then walk again and select a mover where the running sum crosses an integer. This is the
// engine's typical pass over the resident columns; compare it with BM_StreamAgentState.
//
// The hazard table mirrors HouseholdRelocation::hazard_table (private to
// household_relocation.cc): keep it in step when that changes.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "bench/bench_world.h"
#include "engine/core/systematic.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

std::size_t hazard_index(std::size_t zones, std::size_t home, std::size_t work, int band,
                         bool employer_moved) {
  return ((home * (zones + 1) + work) * kAgeBands + static_cast<std::size_t>(band)) * 2 +
         (employer_moved ? 1 : 0);
}

std::vector<double> hazard_table(const World& w) {
  const auto& h = w.model.behaviour().household;
  const std::size_t zones = w.zone_count();
  std::vector<double> out(zones * (zones + 1) * kAgeBands * 2);
  for (std::size_t z = 0; z < zones; ++z) {
    for (std::size_t k = 0; k <= zones; ++k) {
      const double commute = k < zones ? w.network.minutes(ZoneId::from(z), ZoneId::from(k)) : 0.0;
      for (int a = 0; a < kAgeBands; ++a) {
        for (int moved = 0; moved < 2; ++moved) {
          const double logit = h.hazard_intercept + h.hazard_age[a] +
                               h.hazard_commute * std::max(0.0, commute - 30) +
                               h.hazard_rent * std::log(w.zones.rent_housing[z]) +
                               h.hazard_push * w.policy.household_push[z] +
                               (moved ? h.hazard_follow : 0.0);
          out[hazard_index(zones, z, k, a, moved == 1)] = 1 / (1 + std::exp(-logit));
        }
      }
    }
  }
  return out;
}

void BM_RelocationHazardPass(benchmark::State& state, double scale) {
  const World& w = base_year(scale).world();
  const auto& r = w.residents;
  const std::size_t zones = w.zone_count();
  const int year = w.year + 1;
  std::size_t selected = 0;
  for (auto _ : state) {
    const auto hazard = hazard_table(w);
    auto stratum = [&](std::size_t i) -> std::uint32_t {
      return r.home[i].valid() ? r.home[i].get() : kSkipStratum;
    };
    auto weight = [&](std::size_t i) {
      const std::size_t work = r.work[i].valid() ? r.work[i].get() : zones;
      return hazard[hazard_index(zones, r.home[i].get(), work, age_band(r.age(i, year)),
                                 Traits::employer_moved(r.traits[i]))];
    };
    const auto sums = sum_by_stratum(r.slots(), zones, w.threads, weight, stratum);
    std::vector<double> scale_by(zones, 1.0);
    std::vector<double> offset(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      offset[z] = w.rng.uniform(year, Stream::kHouseholdOffsets, z);
    }
    std::vector<std::vector<std::uint32_t>> per_chunk(chunk_count(r.slots()));
    systematic_select(sums, scale_by, offset, w.threads, weight, stratum,
                      [&](std::size_t c, std::size_t i) {
                        per_chunk[c].push_back(static_cast<std::uint32_t>(i));
                      });
    const auto movers = concat_chunks(per_chunk);
    selected = movers.size();
    benchmark::DoNotOptimize(movers.data());
  }
  const auto agents = static_cast<double>(r.slots());
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
