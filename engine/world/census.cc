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
    // Firms of one zone and sector are mostly adjacent (synthesised and founded in runs): their
    // sums are kept in registers until the cell changes, so that no firm waits for the previous
    // firm's update of the same cell to be stored and read back.
    std::size_t current = cells;  // no cell yet
    std::uint64_t jobs = 0;
    std::uint64_t filled = 0;
    std::uint64_t count = 0;
    auto flush = [&] {
      if (current == cells) return;
      std::uint64_t* cell = out + current * 3;
      cell[0] += jobs;
      cell[1] += filled;
      cell[2] += count;
    };
    for (std::size_t i = begin; i < end; ++i) {
      if (!f.alive(i)) continue;
      const std::size_t k = f.zone[i].get() * sectors + f.sector[i].get();
      if (k != current) {
        flush();
        current = k;
        jobs = filled = count = 0;
      }
      jobs += f.jobs[i];
      filled += f.filled[i];
      count += 1;
    }
    flush();
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
  // Per chunk and home zone, the counts by age band go into one 64-bit word (four 16-bit fields)
  // and the local-hukou and labour-force counts into another: each resident adds one value from
  // a 16-entry table to each, so the loop has no branch and few memory updates. Workers are
  // counted by (home, work) pair, with a column for "no work"; workers by home and by work zone
  // and the commutes come from the pairs after the pass. Every counter has four copies, used in
  // turn: consecutive residents mostly share a home zone, and updates of a single counter would
  // wait on each other.
  constexpr std::size_t kWays = 4;
  static_assert(kAgeBands == 4, "four 16-bit band fields in one word");
  static_assert(kChunk / kWays < 0x10000, "a chunk's count in one copy fits 16 bits");
  const std::size_t cols = zones + 1;
  constexpr std::size_t kFields = 2 + kAgeBands;  // local hukou, labour force, age bands
  const std::size_t stride = zones * kFields + zones * cols;
  const std::size_t chunks = chunk_count(r.slots());
  std::vector<std::uint32_t> partial(chunks * stride, 0);
  const ZoneId* home_col = r.home.data();
  const ZoneId* work_col = r.work.data();
  const std::uint8_t* traits_col = r.traits.data();
  const std::uint8_t* born_col = r.born.data();
  const auto band_of_born = age_bands_by_birth_byte(year);
  // Indexed by band | local hukou << 2 | labour force << 3.
  std::array<std::uint64_t, 16> add_band{};
  std::array<std::uint64_t, 16> add_status{};
  for (std::size_t key = 0; key < 16; ++key) {
    add_band[key] = std::uint64_t{1} << (16 * (key & 3));
    add_status[key] = ((key >> 2) & 1) | (((key >> 3) & 1) << 16);
  }
  for_chunks(r.slots(), world.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    // Locals, so that the stores below do not make the compiler load them again; the three small
    // tables are copied onto the stack, where they are addressed without a register of their own
    // (the loop has more pointers than the machine has registers).
    const ZoneId* __restrict homes = home_col;
    const ZoneId* __restrict works = work_col;
    const std::uint8_t* __restrict traits = traits_col;
    const std::uint8_t* __restrict borns = born_col;
    const std::size_t zone_count = zones;
    const std::size_t col_count = cols;
    std::vector<std::uint64_t> bands(kWays * zones, 0);
    std::vector<std::uint64_t> status(kWays * zones, 0);
    std::vector<std::uint32_t> pair_ways(kWays * zones * cols, 0);
    std::uint64_t* __restrict band_word = bands.data();
    std::uint64_t* __restrict status_word = status.data();
    std::uint32_t* __restrict pair_word = pair_ways.data();
    const std::array<std::uint8_t, 256> band_by = band_of_born;
    const std::array<std::uint64_t, 16> add_b = add_band;
    const std::array<std::uint64_t, 16> add_s = add_status;
    for (std::size_t i = begin; i < end; ++i) {
      const ZoneId home = homes[i];
      if (!home.valid()) continue;
      const std::size_t at = (i & (kWays - 1)) * zone_count + home.get();
      const std::uint8_t t = traits[i];
      const std::size_t key = band_by[borns[i]] | (Traits::local_hukou(t) ? 4u : 0u) |
                              (Traits::labour_force(t) ? 8u : 0u);
      band_word[at] += add_b[key];
      status_word[at] += add_s[key];
      const ZoneId work = works[i];
      pair_word[at * col_count + work_column(work, zone_count)] += 1;
    }
    std::uint32_t* out = &partial[c * stride];
    for (std::size_t way = 0; way < kWays; ++way) {
      for (std::size_t z = 0; z < zones; ++z) {
        std::uint32_t* v = out + z * kFields;
        const std::uint64_t sw = status_word[way * zones + z];
        const std::uint64_t bw = band_word[way * zones + z];
        v[0] += static_cast<std::uint32_t>(sw & 0xFFFF);
        v[1] += static_cast<std::uint32_t>((sw >> 16) & 0xFFFF);
        for (int b = 0; b < kAgeBands; ++b)
          v[2 + b] += static_cast<std::uint32_t>((bw >> (16 * b)) & 0xFFFF);
      }
      std::uint32_t* pairs = out + zones * kFields;
      for (std::size_t k = 0; k < zones * cols; ++k) pairs[k] += pair_word[way * zones * cols + k];
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
      for (int b = 0; b < kAgeBands; ++b) {
        census.by_age[z][b] += v[2 + b];
        census.residents[z] += v[2 + b];
      }
    }
    const std::uint32_t* pairs = in + zones * kFields;
    for (std::size_t h = 0; h < zones; ++h) {
      for (std::size_t k = 0; k < zones; ++k) {
        const double n = pairs[h * cols + k];
        pair_count[h * zones + k] += n;
        census.workers[h] += n;
        census.workers_at[k] += n;
      }
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
