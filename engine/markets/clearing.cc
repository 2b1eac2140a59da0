#include "engine/markets/clearing.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "engine/choice/logit.h"
#include "engine/core/parallel.h"
#include "engine/core/rng.h"

namespace relocsim::markets {

void draw_from_table(const choice::ChoiceTable& table, int round,
                     std::span<const std::uint32_t> pending, std::span<const std::uint32_t> rows,
                     std::span<const double> uniforms, const Rng& rng, int year, Stream stream,
                     int threads, std::vector<std::int32_t>& destination) {
  for_chunks(pending.size(), threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    constexpr std::size_t kAhead = 8;  // choosers whose table row is fetched ahead
    for (std::size_t p = begin; p < end; ++p) {
      if (p + kAhead < end) table.prefetch_row(rows[pending[p + kAhead]]);
      const std::uint32_t k = pending[p];
      const double u =
          round <= 0 ? uniforms[k]
                     : rng.uniform(year, stream, (static_cast<std::uint64_t>(round) << 40) + k);
      destination[k] = table.draw(rows[k], u);
    }
  });
}

ClearingResult clear_in_rounds(std::size_t choosers, std::span<const double> sizes,
                               std::span<const double> priorities,
                               std::vector<double>& capacity_left, int rounds, int threads,
                               const DrawRound& draw) {
  const std::size_t zones = capacity_left.size();
  ClearingResult result;
  result.destination.assign(choosers, -1);
  result.unmet.assign(zones, 0.0);
  result.unplaced.assign(zones, 0.0);
  // Where each chooser would go with every zone open: demand that finds no room is recorded
  // against it, even when its zone was already full before the first round.
  std::vector<std::int32_t> first(choosers, -1);
  {
    std::vector<std::uint32_t> everyone(choosers);
    std::iota(everyone.begin(), everyone.end(), 0u);
    const std::vector<std::uint8_t> all_open(zones, 1);
    draw(-1, everyone, all_open, first);
  }
  auto size_of = [&](std::uint32_t c) { return sizes.empty() ? 1.0 : sizes[c]; };
  double smallest = 1.0;
  if (!sizes.empty() && choosers > 0) smallest = *std::min_element(sizes.begin(), sizes.end());

  std::vector<std::uint32_t> pending(choosers);
  std::iota(pending.begin(), pending.end(), 0u);
  std::vector<std::uint8_t> open(zones);
  std::vector<std::int32_t> wanted(choosers, -1);
  std::vector<std::uint8_t> again(choosers, 0);  // still pending after this round
  std::vector<std::uint32_t> candidates;         // by wanted zone, in pending order within a zone
  std::vector<std::uint32_t> next;
  std::vector<std::size_t> per_chunk;  // [chunk][zone + 1]: counts, then where each chunk writes
  for (int round = 0; round < rounds && !pending.empty(); ++round) {
    for (std::size_t z = 0; z < zones; ++z) open[z] = capacity_left[z] >= smallest ? 1 : 0;
    if (round == 0 &&
        std::all_of(open.begin(), open.end(), [](std::uint8_t o) { return o != 0; })) {
      // Every zone has room: the first round draws what the first draw above did (same open
      // zones, same uniforms), so its choices are taken as they are.
      wanted = first;
    } else {
      draw(round, pending, open, wanted);
    }
    // The candidates of each zone in pending order, gathered in parallel: every chunk of pending
    // counts its candidates by zone, and the counts in chunk order say where each chunk writes.
    // Choosers with nothing open stay pending. Column `zones` counts those.
    const std::size_t chunks = chunk_count(pending.size());
    const std::size_t width = zones + 1;
    per_chunk.assign(chunks * width, 0);
    for_chunks(pending.size(), threads, [&](std::size_t ch, std::size_t begin, std::size_t end) {
      std::size_t* const count = &per_chunk[ch * width];
      for (std::size_t p = begin; p < end; ++p) {
        const std::int32_t z = wanted[pending[p]];
        ++count[z >= 0 ? static_cast<std::size_t>(z) : zones];
      }
    });
    std::vector<std::size_t> zone_begin(width + 1, 0);
    for (std::size_t z = 0; z < width; ++z) {
      std::size_t at = zone_begin[z];
      for (std::size_t ch = 0; ch < chunks; ++ch) {
        const std::size_t n = per_chunk[ch * width + z];
        per_chunk[ch * width + z] = at;
        at += n;
      }
      zone_begin[z + 1] = at;
    }
    candidates.resize(pending.size());
    for_chunks(pending.size(), threads, [&](std::size_t ch, std::size_t begin, std::size_t end) {
      std::size_t* const at = &per_chunk[ch * width];
      for (std::size_t p = begin; p < end; ++p) {
        const std::uint32_t c = pending[p];
        const std::int32_t z = wanted[c];
        if (z < 0) again[c] = 1;  // nothing it would take is open: still unplaced
        candidates[at[z >= 0 ? static_cast<std::size_t>(z) : zones]++] = c;
      }
    });
    // Each zone accepts its own candidates: zones in parallel (each writes only its candidates'
    // destinations and marks, and its own capacity and unmet demand).
    for_each_index(zones, threads, [&](std::size_t z) {
      const std::span<std::uint32_t> list(candidates.data() + zone_begin[z],
                                          zone_begin[z + 1] - zone_begin[z]);
      if (list.empty()) return;
      // When everyone fits, the lottery order does not matter: skip the sort.
      double total = 0;
      for (auto c : list) total += size_of(c);
      if (total <= capacity_left[z]) {
        for (auto c : list) {
          capacity_left[z] -= size_of(c);
          result.destination[c] = static_cast<std::int32_t>(z);
        }
        return;
      }
      if (sizes.empty()) {
        // Every chooser takes one unit: the floor(capacity) first in lottery order get in, in any
        // order among themselves, so a partition does what a sort would. The priorities are
        // gathered next to the choosers first, so the partition does not look them up at random.
        const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor(capacity_left[z])));
        std::vector<std::pair<double, std::uint32_t>> keyed(list.size());  // (priority, chooser)
        for (std::size_t k = 0; k < list.size(); ++k) keyed[k] = {priorities[list[k]], list[k]};
        const auto cut = keyed.begin() + static_cast<std::ptrdiff_t>(std::min(fit, list.size()));
        std::nth_element(keyed.begin(), cut, keyed.end());
        for (auto it = keyed.begin(); it != cut; ++it) {
          result.destination[it->second] = static_cast<std::int32_t>(z);
        }
        capacity_left[z] -= static_cast<double>(cut - keyed.begin());
        for (auto it = cut; it != keyed.end(); ++it) {
          if (round == 0) result.unmet[z] += 1.0;
          again[it->second] = 1;
        }
        return;
      }
      std::sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
        return priorities[a] < priorities[b] || (priorities[a] == priorities[b] && a < b);
      });
      for (auto c : list) {
        const double s = size_of(c);
        if (s <= capacity_left[z]) {
          capacity_left[z] -= s;
          result.destination[c] = static_cast<std::int32_t>(z);
        } else {
          if (round == 0) result.unmet[z] += s;
          again[c] = 1;
        }
      }
    });
    // The next round's choosers: those marked, in pending order (index order), kept in parallel
    // the same way.
    per_chunk.assign(chunks, 0);
    for_chunks(pending.size(), threads, [&](std::size_t ch, std::size_t begin, std::size_t end) {
      std::size_t n = 0;
      for (std::size_t p = begin; p < end; ++p) n += again[pending[p]];
      per_chunk[ch] = n;
    });
    std::size_t kept = 0;
    for (auto& n : per_chunk) kept += std::exchange(n, kept);
    next.resize(kept);
    for_chunks(pending.size(), threads, [&](std::size_t ch, std::size_t begin, std::size_t end) {
      std::size_t at = per_chunk[ch];
      for (std::size_t p = begin; p < end; ++p) {
        const std::uint32_t c = pending[p];
        if (again[c] != 0) {
          next[at++] = c;
          again[c] = 0;
        }
      }
    });
    pending.swap(next);
  }
  for (auto c : pending) {
    if (first[c] >= 0) result.unplaced[static_cast<std::size_t>(first[c])] += size_of(c);
  }
  return result;
}

}  // namespace relocsim::markets
