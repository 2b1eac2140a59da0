// Population caps (population_cap levers): the room each capped group of zones has left, and
// enforcing it on a set of moves into the group.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "engine/core/parallel.h"
#include "engine/world/world.h"

namespace relocsim::markets {

// Residents the group may still gain (agent units; may be negative), by cap group.
inline std::vector<double> cap_headroom(const World& w) {
  std::vector<double> room;
  for (const auto& group : w.policy.caps) {
    double residents = 0;
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      if (group.zones[z]) residents += w.zones.residents[z];
    }
    room.push_back(group.cap * w.scale() - residents);
  }
  return room;
}

// Scales the housing left in capped zones so that arrivals from outside cannot exceed the room.
inline void limit_to_headroom(const World& w, std::vector<double>& capacity_left) {
  const auto room = cap_headroom(w);
  for (std::size_t g = 0; g < room.size(); ++g) {
    const auto& zones = w.policy.caps[g].zones;
    double total = 0;
    for (std::size_t z = 0; z < capacity_left.size(); ++z) {
      if (zones[z]) total += capacity_left[z];
    }
    const double factor = total > 0 ? std::clamp(room[g] / total, 0.0, 1.0) : 0.0;
    for (std::size_t z = 0; z < capacity_left.size(); ++z) {
      if (zones[z]) capacity_left[z] *= factor;
    }
  }
}

// Moves (from, to) accepted in `destination` (per mover, -1 none), revoked in the order of
// `priority` (highest first) until every capped group gains no more than its room. The moves are
// counted in chunks in parallel (whole numbers; entering movers listed in chunk order), so the
// result is the same for any thread count.
inline void enforce_caps(const World& w, const std::vector<std::uint32_t>& origin,
                         std::vector<std::int32_t>& destination,
                         const std::vector<double>& priority) {
  const auto room = cap_headroom(w);
  const std::size_t chunks = chunk_count(destination.size());
  std::vector<std::int64_t> gain_of(chunks);
  std::vector<std::vector<std::uint32_t>> entering_of(chunks);
  for (std::size_t g = 0; g < room.size(); ++g) {
    const std::uint8_t* const in_group = w.policy.caps[g].zones.data();
    for_chunks(destination.size(), w.threads,
               [&](std::size_t c, std::size_t begin, std::size_t end) {
                 std::int64_t gain = 0;
                 // The chunk's own list, moved into place at the end (a header shared with the
                 // neighbouring chunks' would bounce between the threads' caches).
                 std::vector<std::uint32_t> entering;
                 for (std::size_t k = begin; k < end; ++k) {
                   if (destination[k] < 0) continue;
                   const bool to_in = in_group[static_cast<std::size_t>(destination[k])] != 0;
                   const bool from_in = in_group[origin[k]] != 0;
                   if (to_in && !from_in) {
                     gain += 1;
                     entering.push_back(static_cast<std::uint32_t>(k));
                   } else if (from_in && !to_in) {
                     gain -= 1;
                   }
                 }
                 gain_of[c] = gain;
                 entering_of[c] = std::move(entering);
               });
    std::int64_t total = 0;
    for (const auto n : gain_of) total += n;
    const auto gain = static_cast<double>(total);
    const double limit = std::max(0.0, room[g]);
    if (gain <= limit) continue;
    const auto entering = concat_chunks(entering_of);
    // The `revoke` entering moves first in priority order (ties: the later mover first) are
    // revoked: a partition finds them, with the priorities gathered next to the movers.
    const auto revoke =
        std::min(entering.size(), static_cast<std::size_t>(std::ceil(gain - limit)));
    std::vector<std::pair<double, std::uint32_t>> keyed(entering.size());
    for (std::size_t j = 0; j < entering.size(); ++j)
      keyed[j] = {priority[entering[j]], entering[j]};
    const auto cut = keyed.begin() + static_cast<std::ptrdiff_t>(revoke);
    std::nth_element(keyed.begin(), cut, keyed.end(), std::greater<>());
    for (auto it = keyed.begin(); it != cut; ++it) destination[it->second] = -1;
  }
}

}  // namespace relocsim::markets
