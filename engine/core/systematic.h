// Systematic sampling within strata: each agent i of stratum s is selected with its own
// probability exactly, and the number selected in a stratum is the expected number rounded up or
// down. Agents are walked in a fixed order; an agent is selected when the stratum's running sum of
// probabilities (plus a random offset) crosses an integer. Compared with independent draws this
// removes almost all sampling noise from zone totals (deaths, movers, exits per zone), so that
// small scales give the same aggregate results as large ones, and it needs one random offset per
// stratum instead of one draw per agent. Three forms: by rank within strata of equal
// probabilities, restarted in every chunk of agents, and along a given order cut into groups. All
// are identical for any thread count.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "engine/core/parallel.h"

namespace relocsim {

inline constexpr std::uint32_t kSkipStratum = 0xFFFFFFFFu;
inline constexpr std::uint32_t kNeverSelected = 0xFFFFFFFFu;

// Systematic sampling by rank, for a stratum of units that share one probability p: the units are
// ranked 0, 1, 2, ... (in index order) and rank r is selected when (offset + p r, offset + p (r +
// 1)] holds an integer, so that among the first n ranks floor(offset + p n) - floor(offset) are
// selected (p n rounded up or down; p at most 1). Returns the first selected rank at or after
// `rank` (kNeverSelected if there is none below it): computed ahead, it lets a pass over units cost
// one rank count and one comparison per unit.
inline std::uint32_t next_selected_rank(double p, double offset, std::uint64_t rank) {
  if (!(p > 0)) return kNeverSelected;
  auto selected = [&](double r) {
    return std::floor(offset + p * (r + 1)) > std::floor(offset + p * r);
  };
  // The integer above rank's position lies in the interval of rank ceil((j - offset) / p) - 1; from
  // one rank before that (rounding), walk to the first rank the test above selects.
  const double j = std::floor(offset + p * static_cast<double>(rank)) + 1;
  double r = std::max(static_cast<double>(rank), std::ceil((j - offset) / p) - 2);
  while (r < static_cast<double>(kNeverSelected) && !selected(r)) r += 1;
  return r < static_cast<double>(kNeverSelected) ? static_cast<std::uint32_t>(r) : kNeverSelected;
}

// One pass, when the weights are probabilities (each at most 1): systematic selection restarted
// in every chunk, with the chunk's own offset per stratum, offset(chunk, stratum) in [0, 1).
// No running sums are carried from one chunk to the next, so no first pass is needed; the price
// is up to one unit of rounding per chunk and stratum in a stratum's total, instead of one per
// stratum (a few units in zone totals of thousands at full scale). Returns the selected units in
// index order. Identical for any thread count.
template <class Probability, class Stratum, class Offset>
std::vector<std::uint32_t> systematic_select_in_chunks(std::size_t n, std::size_t strata,
                                                       int threads, Offset&& offset,
                                                       Probability&& probability,
                                                       Stratum&& stratum) {
  std::vector<std::vector<std::uint32_t>> per_chunk(chunk_count(n));
  for_chunks(n, threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    // Per stratum: offset plus the probabilities summed so far, less the units selected; a unit
    // is selected when it reaches 1.
    std::vector<double> level(strata);
    for (std::size_t s = 0; s < strata; ++s) level[s] = offset(c, s);
    double* __restrict at = level.data();
    // Copies of the two functions (small lambdas), which the compiler keeps in registers: through
    // the references, their captures would be loaded again for every unit.
    auto stratum_of = stratum;
    auto probability_of = probability;
    // The chunk's own list, copied into place at the end: appending to per_chunk[c] would write a
    // vector header on a cache line the other threads' chunks are writing too. A plain buffer
    // (not zeroed; only its used part is touched) holds one register less than a vector.
    const auto selected_here = std::make_unique_for_overwrite<std::uint32_t[]>(end - begin);
    std::uint32_t* const list = selected_here.get();
    std::size_t count = 0;
    // Two loops with the same sums in the same order. Where units mostly follow a unit of their
    // own stratum (residents of one home zone in a run of slots, as synthesised), the level of the
    // last unit's stratum is kept in a register while the units stay in it: through memory, each
    // unit would wait for the previous unit's store to be read back. Where strata alternate (slots
    // reused by newborns and in-migrants of other zones, years later), the change of stratum
    // would be mispredicted often and the plain loop is faster. The first units of the chunk
    // decide.
    constexpr std::size_t kSample = 1024;
    std::size_t same = 0;
    for (std::size_t i = begin + 1; i < std::min(end, begin + kSample); ++i) {
      same += stratum_of(i) == stratum_of(i - 1) ? 1 : 0;
    }
    if (4 * same >= 3 * (std::min(end - begin, kSample) - 1)) {
      std::uint32_t current_stratum = kSkipStratum;
      double current = 0;
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t s = stratum_of(i);
        if (s == kSkipStratum) continue;
        if (s != current_stratum) {
          if (current_stratum != kSkipStratum) at[current_stratum] = current;
          current_stratum = s;
          current = at[s];
        }
        const double v = current + probability_of(i);
        const bool selected = v >= 1.0;
        current = selected ? v - 1.0 : v;
        if (selected) list[count++] = static_cast<std::uint32_t>(i);
      }
    } else {
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t s = stratum_of(i);
        if (s == kSkipStratum) continue;
        const double v = at[s] + probability_of(i);
        const bool selected = v >= 1.0;
        at[s] = selected ? v - 1.0 : v;
        if (selected) list[count++] = static_cast<std::uint32_t>(i);
      }
    }
    per_chunk[c].assign(list, list + count);
  });
  return concat_chunks(per_chunk);
}

// Systematic selection along a given visiting order, cut into groups that are each their own
// stratum: group g is order[group_begin[g] .. group_begin[g + 1]), with offset[g] in [0, 1). A
// unit is selected when offset + the weights of the group's eligible units so far crosses an
// integer; weight(g, i) and eligible(g, i) see the group too. Visiting units of a group in order of
// size makes the selected units' total size close to its expectation, not only their count
// (implicit stratification): used for firms, whose sizes vary a hundredfold. The groups are
// independent, so blocks of groups run in parallel; the result is the same for any thread count.
// Returns the selected units in ascending order.
template <class Weight, class Eligible>
std::vector<std::uint32_t> systematic_select_groups(std::span<const std::uint32_t> order,
                                                    std::span<const std::uint32_t> group_begin,
                                                    std::span<const double> offset, int threads,
                                                    Weight&& weight, Eligible&& eligible) {
  const std::size_t groups = group_begin.size() - 1;
  constexpr std::size_t kBlocks = 64;
  std::vector<std::vector<std::uint32_t>> selected(kBlocks);
  for_each_index(kBlocks, threads, [&](std::size_t b) {
    std::vector<std::uint32_t> selected_here;  // moved into place at the end (see above)
    for (std::size_t g = groups * b / kBlocks; g < groups * (b + 1) / kBlocks; ++g) {
      double running = 0;
      for (std::size_t k = group_begin[g]; k < group_begin[g + 1]; ++k) {
        const std::uint32_t i = order[k];
        if (!eligible(g, i)) continue;
        const double before = offset[g] + running;
        running += weight(g, i);
        if (std::floor(offset[g] + running) > std::floor(before)) selected_here.push_back(i);
      }
    }
    selected[b] = std::move(selected_here);
  });
  auto out = concat_chunks(selected);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace relocsim
