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
    for (std::size_t p = begin; p < end; ++p) {
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
                               std::vector<double>& capacity_left, int rounds,
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
  std::vector<std::vector<std::uint32_t>> by_zone(zones);
  std::vector<std::pair<double, std::uint32_t>> keyed;  // (priority, chooser): lottery order
  std::vector<std::uint8_t> again(choosers, 0);         // still pending after this round
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
    for (auto& list : by_zone) list.clear();
    std::vector<std::uint32_t> next;
    for (auto c : pending) {
      if (wanted[c] >= 0) {
        by_zone[static_cast<std::size_t>(wanted[c])].push_back(c);
      } else {
        next.push_back(c);  // nothing it would take is open: still unplaced
      }
    }
    for (std::size_t z = 0; z < zones; ++z) {
      auto& list = by_zone[z];
      if (list.empty()) continue;
      // When everyone fits, the lottery order does not matter: skip the sort.
      double total = 0;
      for (auto c : list) total += size_of(c);
      if (total <= capacity_left[z]) {
        for (auto c : list) {
          capacity_left[z] -= size_of(c);
          result.destination[c] = static_cast<std::int32_t>(z);
        }
        continue;
      }
      auto before = [&](std::uint32_t a, std::uint32_t b) {
        return priorities[a] < priorities[b] || (priorities[a] == priorities[b] && a < b);
      };
      if (sizes.empty()) {
        // Every chooser takes one unit: the floor(capacity) first in lottery order get in, in any
        // order among themselves, so a partition does what a sort would. The priorities are
        // gathered next to the choosers first, so the partition does not look them up at random.
        const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor(capacity_left[z])));
        keyed.resize(list.size());
        for (std::size_t k = 0; k < list.size(); ++k) keyed[k] = {priorities[list[k]], list[k]};
        const auto cut = keyed.begin() + static_cast<std::ptrdiff_t>(std::min(fit, list.size()));
        std::nth_element(keyed.begin(), cut, keyed.end());
        for (auto it = keyed.begin(); it != cut; ++it) {
          result.destination[it->second] = static_cast<std::int32_t>(z);
        }
        capacity_left[z] -= static_cast<double>(cut - keyed.begin());
        for (auto it = cut; it != keyed.end(); ++it) {
          if (round == 0) result.unmet[z] += 1.0;
          next.push_back(it->second);
        }
        continue;
      }
      std::sort(list.begin(), list.end(), before);
      for (auto c : list) {
        const double s = size_of(c);
        if (s <= capacity_left[z]) {
          capacity_left[z] -= s;
          result.destination[c] = static_cast<std::int32_t>(z);
        } else {
          if (round == 0) result.unmet[z] += s;
          next.push_back(c);
        }
      }
    }
    // The next round's choosers in index order: `pending` is in index order, so keeping those
    // marked does what sorting `next` would.
    for (auto c : next) again[c] = 1;
    next.clear();
    for (auto c : pending) {
      if (again[c] != 0) {
        next.push_back(c);
        again[c] = 0;
      }
    }
    pending.swap(next);
  }
  for (auto c : pending) {
    if (first[c] >= 0) result.unplaced[static_cast<std::size_t>(first[c])] += size_of(c);
  }
  return result;
}

}  // namespace relocsim::markets
