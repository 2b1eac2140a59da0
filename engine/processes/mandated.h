// Selection for mandated moves: which of the bodies matching an order move this year. Bodies are
// ranked by a keyed draw, so the choice is random but the same for any thread count.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/core/rng.h"

namespace relocsim {

// The first `count` of `candidates` in the order of their keyed draws.
inline std::vector<std::uint32_t> pick_ranked(std::vector<std::uint32_t> candidates,
                                              std::size_t count, const Rng& rng, int year,
                                              std::uint64_t salt) {
  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(candidates.size());
  for (auto c : candidates) {
    ranked.emplace_back(rng.uniform(year, Stream::kMandatedSelection, (salt << 32) | c), c);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::uint32_t> out;
  for (std::size_t k = 0; k < std::min(count, ranked.size()); ++k) out.push_back(ranked[k].second);
  return out;
}

}  // namespace relocsim
