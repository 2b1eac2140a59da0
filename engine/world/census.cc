#include "engine/world/census.h"

#include <array>
#include <cstdint>

#include "engine/core/parallel.h"
#include "engine/world/world.h"

namespace relocsim {

double Census::zone_jobs(std::size_t z) const {
  double total = 0;
  for (std::size_t s = 0; s < sectors; ++s) total += jobs[z * sectors + s];
  return total;
}

void count_positions(const World& world, Census& census) {
  const std::size_t zones = world.zone_count();
  const std::size_t sectors = world.sector_count();
  census.sectors = sectors;
  census.jobs.assign(zones * sectors, 0.0);
  census.filled.assign(zones * sectors, 0.0);
  census.firms.assign(zones * sectors, 0.0);
  census.institutions.assign(zones, 0.0);
  census.staff.assign(zones, 0.0);
  // Whole-number partial counts per chunk: exact, so the result is the same for any thread count.
  const auto& f = world.firms;
  const std::size_t cells = zones * sectors;
  const std::size_t chunks = chunk_count(f.size());
  std::vector<std::uint64_t> partial(chunks * cells * 3, 0);
  for_chunks(f.size(), world.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    std::uint64_t* out = &partial[c * cells * 3];
    for (std::size_t i = begin; i < end; ++i) {
      if (!f.alive(i)) continue;
      std::uint64_t* cell = out + (f.zone[i].get() * sectors + f.sector[i].get()) * 3;
      cell[0] += f.jobs[i];
      cell[1] += f.filled[i];
      cell[2] += 1;
    }
  });
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::uint64_t* in = &partial[c * cells * 3];
    for (std::size_t k = 0; k < cells; ++k) {
      census.jobs[k] += static_cast<double>(in[k * 3]);
      census.filled[k] += static_cast<double>(in[k * 3 + 1]);
      census.firms[k] += static_cast<double>(in[k * 3 + 2]);
    }
  }
  for (std::size_t k = 0; k < cells; ++k) census.firms[k] *= world.model.firm_weight[k % sectors];
  const auto& inst = world.institutions;
  for (std::size_t i = 0; i < inst.size(); ++i) {
    const std::size_t z = inst.zone[i].get();
    const std::size_t k = z * sectors + world.model.kind_sector[inst.kind[i].get()].get();
    census.jobs[k] += inst.jobs[i];
    census.filled[k] += inst.filled[i];
    census.institutions[z] += 1;
    census.staff[z] += inst.staff[i];
  }
}

void take_census(const World& world, Census& census) {
  const std::size_t zones = world.zone_count();
  const auto& r = world.residents;
  const int year = world.year;
  // Whole-number counts per chunk, added in chunk order: exact, identical for any thread count.
  // Commutes are counted by (home, work) pair and turned into minutes once, after the pass.
  // Per chunk: a row of counts per zone, plus one row (index `zones`) where residents without
  // work are counted as working, and the (home, work) pairs with a column for "no work". Counting
  // the non-workers in those spare cells keeps the loop free of a branch on employment (about
  // every second resident works, at random, so the branch would mispredict often).
  constexpr std::size_t kFields = 4 + kAgeBands;
  const std::size_t stride = (zones + 1) * kFields + zones * (zones + 1);
  const std::size_t chunks = chunk_count(r.slots());
  std::vector<std::uint32_t> partial(chunks * stride, 0);
  const ZoneId* home_col = r.home.data();
  const ZoneId* work_col = r.work.data();
  const std::uint8_t* traits_col = r.traits.data();
  const std::uint8_t* born_col = r.born.data();
  const auto band_of_born = age_bands_by_birth_byte(year);
  for_chunks(r.slots(), world.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    std::uint32_t* __restrict out = &partial[c * stride];
    std::uint32_t* __restrict pairs = out + (zones + 1) * kFields;
    for (std::size_t i = begin; i < end; ++i) {
      const ZoneId home = home_col[i];
      if (!home.valid()) continue;
      std::uint32_t* z = out + home.get() * kFields;
      z[4 + band_of_born[born_col[i]]] += 1;
      const std::uint8_t t = traits_col[i];
      z[0] += Traits::local_hukou(t) ? 1 : 0;
      z[1] += Traits::labour_force(t) ? 1 : 0;
      const ZoneId work = work_col[i];
      const std::size_t at = work.valid() ? work.get() : zones;
      z[2] += work.valid() ? 1 : 0;
      out[at * kFields + 3] += 1;
      pairs[home.get() * (zones + 1) + at] += 1;
    }
  });
  census.residents.assign(zones, 0.0);
  census.by_age.assign(zones, {});
  census.local_hukou.assign(zones, 0.0);
  census.labour_force.assign(zones, 0.0);
  census.workers.assign(zones, 0.0);
  census.commute_sum.assign(zones, 0.0);
  census.workers_at.assign(zones, 0.0);
  std::vector<double> pair_count(zones * zones, 0.0);
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::uint32_t* in = &partial[c * stride];
    for (std::size_t z = 0; z < zones; ++z) {
      const std::uint32_t* v = in + z * kFields;
      census.local_hukou[z] += v[0];
      census.labour_force[z] += v[1];
      census.workers[z] += v[2];
      census.workers_at[z] += v[3];
      for (int b = 0; b < kAgeBands; ++b) {
        census.by_age[z][b] += v[4 + b];
        census.residents[z] += v[4 + b];
      }
    }
    const std::uint32_t* pairs = in + (zones + 1) * kFields;
    for (std::size_t h = 0; h < zones; ++h) {
      for (std::size_t k = 0; k < zones; ++k)
        pair_count[h * zones + k] += pairs[h * (zones + 1) + k];
    }
  }
  const auto& minutes = world.network.minutes_matrix();
  for (std::size_t h = 0; h < zones; ++h) {
    for (std::size_t w = 0; w < zones; ++w) {
      census.commute_sum[h] += pair_count[h * zones + w] * minutes[h * zones + w];
    }
  }
  count_positions(world, census);
}

}  // namespace relocsim
