// Systematic sampling within strata: each agent i of stratum s is selected with probability
// k_s * w_i exactly, and the number selected in a stratum is the expected number rounded up or
// down. Agents are walked in index order; agent i is selected when the running sum
// u_s + k_s * (w_1 + ... + w_i) crosses an integer. Compared with independent draws this removes
// almost all sampling noise from zone totals (deaths, movers, exits per zone), so that small
// scales give the same aggregate results as large ones, and it needs one random offset per
// stratum instead of one draw per agent.
//
//   auto sums = sum_by_stratum(n, zones, threads, weight, stratum);       // pass 1
//   k[s] = target[s] / total(s) (or 1 when weights are probabilities)
//   systematic_select(sums, k, offsets, threads, weight, stratum, on_selected);  // pass 2
//
// Both passes must see the same weights and strata. Chunked: identical for any thread count.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/parallel.h"

namespace relocsim {

inline constexpr std::uint32_t kSkipStratum = 0xFFFFFFFFu;

// Per-chunk, per-stratum sums of weights from pass 1.
class StratumSums {
 public:
  StratumSums(std::size_t n, std::size_t strata)
      : n_(n), strata_(strata), sums_(chunk_count(n) * strata, 0.0) {}
  std::size_t items() const { return n_; }
  std::size_t strata() const { return strata_; }
  double* chunk(std::size_t c) { return &sums_[c * strata_]; }
  const double* chunk(std::size_t c) const { return &sums_[c * strata_]; }
  // The running weight at the start of each chunk, per stratum: [chunk * strata + stratum].
  std::vector<double> starts() const {
    std::vector<double> start(chunk_count(n_) * strata_, 0.0);
    for (std::size_t c = 1; c < chunk_count(n_); ++c) {
      for (std::size_t s = 0; s < strata_; ++s) {
        start[c * strata_ + s] = start[(c - 1) * strata_ + s] + chunk(c - 1)[s];
      }
    }
    return start;
  }
  std::vector<double> totals() const {
    std::vector<double> t(strata_, 0.0);
    for (std::size_t c = 0; c < chunk_count(n_); ++c) {
      for (std::size_t s = 0; s < strata_; ++s) t[s] += chunk(c)[s];
    }
    return t;
  }

 private:
  std::size_t n_;
  std::size_t strata_;
  std::vector<double> sums_;
};

// Pass 1: weight(i) -> double >= 0; stratum(i) -> uint32 (kSkipStratum to leave i out).
template <class Weight, class Stratum>
StratumSums sum_by_stratum(std::size_t n, std::size_t strata, int threads, Weight&& weight,
                           Stratum&& stratum) {
  StratumSums sums(n, strata);
  for_chunks(n, threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    double* out = sums.chunk(c);
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t s = stratum(i);
      if (s != kSkipStratum) out[s] += weight(i);
    }
  });
  return sums;
}

// Pass 2: calls on_selected(chunk, i) for every selected agent, in index order within a chunk.
// `scale[s]` turns weights into probabilities, `offset[s]` is a uniform draw in [0, 1).
template <class Weight, class Stratum, class OnSelected>
void systematic_select(const StratumSums& sums, std::span<const double> scale,
                       std::span<const double> offset, int threads, Weight&& weight,
                       Stratum&& stratum, OnSelected&& on_selected) {
  const std::size_t strata = sums.strata();
  const std::vector<double> start = sums.starts();
  for_chunks(sums.items(), threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    // Per stratum: the running sum and the next integer it must reach to select a unit.
    std::vector<double> running(start.begin() + c * strata, start.begin() + (c + 1) * strata);
    std::vector<double> next(strata);
    for (std::size_t s = 0; s < strata; ++s)
      next[s] = std::floor(offset[s] + scale[s] * running[s]) + 1;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t s = stratum(i);
      if (s == kSkipStratum) continue;
      running[s] += weight(i);
      const double at = offset[s] + scale[s] * running[s];
      if (at >= next[s]) {
        next[s] = std::floor(at) + 1;
        on_selected(c, i);
      }
    }
  });
}

// One pass, when the weights are probabilities (each at most 1): systematic selection restarted
// in every chunk, with the chunk's own offset per stratum, offset(chunk, stratum) in [0, 1).
// No running sums are carried from one chunk to the next, so no first pass is needed; the price
// is up to one unit of rounding per chunk and stratum in a stratum's total, instead of one per
// stratum (a few units in zone totals of thousands at full scale). Calls on_selected(chunk, i)
// in index order within a chunk. Identical for any thread count.
template <class Probability, class Stratum, class Offset, class OnSelected>
void systematic_select_in_chunks(std::size_t n, std::size_t strata, int threads, Offset&& offset,
                                 Probability&& probability, Stratum&& stratum,
                                 OnSelected&& on_selected) {
  for_chunks(n, threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    // Per stratum: offset plus the probabilities summed so far, less the units selected; a unit
    // is selected when it reaches 1.
    std::vector<double> level(strata);
    for (std::size_t s = 0; s < strata; ++s) level[s] = offset(c, s);
    double* __restrict at = level.data();
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t s = stratum(i);
      if (s == kSkipStratum) continue;
      const double v = at[s] + probability(i);
      const bool selected = v >= 1.0;
      at[s] = selected ? v - 1.0 : v;
      if (selected) on_selected(c, i);
    }
  });
}

// Collects per-chunk lists (filled in parallel) into one list in chunk order.
template <class T>
std::vector<T> concat_chunks(std::vector<std::vector<T>>& per_chunk) {
  std::size_t total = 0;
  for (const auto& v : per_chunk) total += v.size();
  std::vector<T> out;
  out.reserve(total);
  for (auto& v : per_chunk) {
    out.insert(out.end(), v.begin(), v.end());
    std::vector<T>().swap(v);
  }
  return out;
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
    for (std::size_t g = groups * b / kBlocks; g < groups * (b + 1) / kBlocks; ++g) {
      double running = 0;
      for (std::size_t k = group_begin[g]; k < group_begin[g + 1]; ++k) {
        const std::uint32_t i = order[k];
        if (!eligible(g, i)) continue;
        const double before = offset[g] + running;
        running += weight(g, i);
        if (std::floor(offset[g] + running) > std::floor(before)) selected[b].push_back(i);
      }
    }
  });
  auto out = concat_chunks(selected);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace relocsim
