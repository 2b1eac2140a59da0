// The order in which firm hazards are drawn: alive firms grouped by zone and sector and sorted by
// size within each group, so that systematic sampling picks firms evenly across sizes and the
// jobs that close or move in a zone are close to their expectation.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/world/world.h"

namespace relocsim {

inline std::vector<std::uint32_t> firms_by_zone_sector_size(const World& w) {
  const auto& f = w.firms;
  const std::size_t sectors = w.sector_count();
  std::vector<std::uint32_t> order;
  order.reserve(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.alive(i)) order.push_back(static_cast<std::uint32_t>(i));
  }
  auto key = [&](std::uint32_t i) {
    return std::tuple(f.zone[i].get() * sectors + f.sector[i].get(), f.jobs[i], i);
  };
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace relocsim
