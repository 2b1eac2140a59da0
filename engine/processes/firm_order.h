// The order in which firm hazards are drawn: alive firms grouped by zone and sector and, within a
// group, by size class (powers of two of their positions), so that systematic sampling picks firms
// evenly across sizes and the jobs that close or move in a zone stay close to their expectation.
// A counting sort: linear in the number of firms. Each (zone, sector) group is a contiguous range
// of the order, so that systematic_select_groups can walk the groups in parallel.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "engine/core/parallel.h"
#include "engine/world/world.h"

namespace relocsim {

struct FirmOrder {
  std::vector<std::uint32_t> firms;        // alive firms
  std::vector<std::uint32_t> group_begin;  // [zone * sectors + sector], and the end
};

inline FirmOrder firms_by_zone_sector_size(const World& w) {
  constexpr std::size_t kClasses = 33;  // bit_width of a 32-bit size: 0..32
  // The firms are counted and placed in kBlocks consecutive blocks in parallel; within a bucket,
  // block b's firms follow block b - 1's, so the order is the serial counting sort's whatever the
  // threads.
  constexpr std::size_t kBlocks = 16;
  const auto& f = w.firms;
  const std::size_t sectors = w.sector_count();
  const std::size_t buckets = w.zone_count() * sectors * kClasses;
  // The columns through local pointers, copied into the lambda: the loops below store 32-bit
  // counts and indices, which may alias the columns as far as the compiler knows, so it would
  // load the columns' addresses again after every store.
  const ZoneId* const zone_of = f.zone.data();
  const SectorId* const sector_of = f.sector.data();
  const std::uint32_t* const jobs_of = f.jobs.data();
  const std::uint8_t* const flags_of = f.flags.data();
  auto alive = [flags_of](std::size_t i) { return (flags_of[i] & FirmFlags::kAlive) != 0; };
  auto bucket = [zone_of, sector_of, jobs_of, sectors](std::size_t i) {
    return (zone_of[i].get() * sectors + sector_of[i].get()) * kClasses +
           static_cast<std::size_t>(std::bit_width(jobs_of[i]));
  };
  const std::size_t n = f.size();
  auto block_begin = [n](std::size_t b) { return n * b / kBlocks; };
  std::vector<std::uint32_t> at(kBlocks * buckets, 0);  // [block * buckets + bucket]
  for_each_index(kBlocks, w.threads, [&](std::size_t b) {
    std::uint32_t* count = &at[b * buckets];
    for (std::size_t i = block_begin(b); i < block_begin(b + 1); ++i) {
      if (alive(i)) ++count[bucket(i)];
    }
  });
  std::uint32_t running = 0;
  for (std::size_t k = 0; k < buckets; ++k) {
    for (std::size_t b = 0; b < kBlocks; ++b) {
      const std::uint32_t count = at[b * buckets + k];
      at[b * buckets + k] = running;
      running += count;
    }
  }
  FirmOrder out;
  const std::size_t groups = w.zone_count() * sectors;
  out.group_begin.resize(groups + 1);
  for (std::size_t g = 0; g < groups; ++g) out.group_begin[g] = at[g * kClasses];
  out.group_begin[groups] = running;
  std::vector<std::uint32_t>& order = out.firms;
  order.resize(running);
  for_each_index(kBlocks, w.threads, [&](std::size_t b) {
    std::uint32_t* const next = &at[b * buckets];
    std::uint32_t* const placed = order.data();
    for (std::size_t i = block_begin(b); i < block_begin(b + 1); ++i) {
      if (alive(i)) placed[next[bucket(i)]++] = static_cast<std::uint32_t>(i);
    }
  });
  return out;
}

}  // namespace relocsim
