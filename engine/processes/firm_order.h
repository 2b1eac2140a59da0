// The order in which firm hazards are drawn: alive firms grouped by zone and sector and, within a
// group, by size class (powers of two of their positions), so that systematic sampling picks firms
// evenly across sizes and the jobs that close or move in a zone stay close to their expectation.
// A counting sort: linear in the number of firms.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "engine/world/world.h"

namespace relocsim {

inline std::vector<std::uint32_t> firms_by_zone_sector_size(const World& w) {
  constexpr std::size_t kClasses = 33;  // bit_width of a 32-bit size: 0..32
  const auto& f = w.firms;
  const std::size_t sectors = w.sector_count();
  const std::size_t buckets = w.zone_count() * sectors * kClasses;
  auto bucket = [&](std::size_t i) {
    return (f.zone[i].get() * sectors + f.sector[i].get()) * kClasses +
           static_cast<std::size_t>(std::bit_width(f.jobs[i]));
  };
  std::vector<std::uint32_t> start(buckets + 1, 0);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.alive(i)) ++start[bucket(i) + 1];
  }
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  std::vector<std::uint32_t> order(start[buckets]);
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.alive(i)) order[start[bucket(i)]++] = static_cast<std::uint32_t>(i);
  }
  return order;
}

}  // namespace relocsim
