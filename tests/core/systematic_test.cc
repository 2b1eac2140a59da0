#include "engine/core/systematic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/core/rng.h"

namespace relocsim {
namespace {

// 300,000 units in 3 strata with varying probabilities.
struct Population {
  std::size_t n = 300000;
  std::uint32_t stratum(std::size_t i) const { return static_cast<std::uint32_t>(i % 3); }
  double weight(std::size_t i) const {
    return 0.01 + 0.05 * static_cast<double>((i * 7919) % 10) / 10;
  }
};

// The ranks selected by brute force: those whose interval (offset + p r, offset + p (r + 1)]
// holds an integer.
std::vector<std::uint32_t> selected_ranks(double p, double offset, std::uint32_t n) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = 0; r < n; ++r) {
    const double at = r;
    if (std::floor(offset + p * (at + 1)) > std::floor(offset + p * at)) out.push_back(r);
  }
  return out;
}

// The ranks selected by walking with next_selected_rank, starting from `from`.
std::vector<std::uint32_t> walked_ranks(double p, double offset, std::uint32_t n,
                                        std::uint32_t from = 0) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = next_selected_rank(p, offset, from); r < n;
       r = next_selected_rank(p, offset, std::uint64_t{r} + 1)) {
    out.push_back(r);
  }
  return out;
}

TEST(Systematic, RankWalkSelectsTheRanksWhoseIntervalHoldsAnInteger) {
  const Rng rng(3);
  for (std::uint64_t k = 0; k < 400; ++k) {
    // Probabilities from 1e-4 to 1, offsets in [0, 1).
    const double p = std::pow(10.0, -4 * rng.uniform(0, Stream::kSynthesis, k));
    const double offset = rng.uniform(1, Stream::kSynthesis, k);
    EXPECT_EQ(walked_ranks(p, offset, 20000), selected_ranks(p, offset, 20000))
        << "p " << p << " offset " << offset;
  }
  EXPECT_EQ(walked_ranks(0.0, 0.5, 1000), std::vector<std::uint32_t>{});
  EXPECT_EQ(walked_ranks(1.0, 0.0, 5).size(), 5u);
}

TEST(Systematic, RankWalkFromAnyRankContinuesTheSameSelection) {
  // A chunk that starts at rank `from` selects what a walk from rank 0 selects after it.
  const double p = 0.0137;
  const double offset = 0.61;
  const auto all = walked_ranks(p, offset, 100000);
  for (const std::uint32_t from : {1u, 72u, 73u, 5000u, 99999u}) {
    std::vector<std::uint32_t> expected;
    for (const auto r : all) {
      if (r >= from) expected.push_back(r);
    }
    EXPECT_EQ(walked_ranks(p, offset, 100000, from), expected) << from;
  }
}

TEST(Systematic, RankCountIsTheExpectationRounded) {
  for (const double p : {0.003, 0.05, 0.37, 0.9, 1.0}) {
    for (const double offset : {0.0, 0.3, 0.99}) {
      for (const std::uint32_t n : {1u, 10u, 333u, 100000u}) {
        const auto count = static_cast<double>(walked_ranks(p, offset, n).size());
        EXPECT_LE(std::fabs(count - p * n), 1.0) << p << " " << offset << " " << n;
      }
    }
  }
}

TEST(Systematic, EachRankIsSelectedWithItsProbability) {
  // Over random offsets, every rank is selected with probability p.
  const Rng rng(5);
  const double p = 0.07;
  const std::uint32_t n = 500;
  std::vector<double> hits(n, 0);
  const int draws = 4000;
  for (int d = 0; d < draws; ++d) {
    for (const auto r : walked_ranks(p, rng.uniform(0, Stream::kSynthesis, d), n)) hits[r] += 1;
  }
  double worst = 0;
  for (std::uint32_t r = 0; r < n; ++r) {
    const double z = (hits[r] / draws - p) / std::sqrt(p * (1 - p) / draws);
    worst = std::max(worst, std::fabs(z));
  }
  EXPECT_LT(worst, 4.5);
}

// The one-pass variant: selection restarts in every chunk with the chunk's own offsets.
std::vector<std::uint32_t> select_in_chunks(const Population& p, std::uint64_t key, int threads) {
  const Rng rng(11);
  auto w = [&](std::size_t i) { return p.weight(i); };
  auto s = [&](std::size_t i) { return p.stratum(i); };
  auto offset = [&](std::size_t c, std::size_t stratum) {
    return rng.uniform(0, Stream::kSynthesis, key * 1000000 + c * 3 + stratum);
  };
  return systematic_select_in_chunks(p.n, 3, threads, offset, w, s);
}

TEST(Systematic, InChunksCountPerChunkAndStratumIsTheExpectationRounded) {
  const Population p;
  const auto picked = select_in_chunks(p, 1, 2);
  ASSERT_TRUE(std::is_sorted(picked.begin(), picked.end()));
  const std::size_t chunks = chunk_count(p.n);
  ASSERT_GT(chunks, 2u);
  std::vector<double> count(chunks * 3, 0);
  std::vector<double> expected(chunks * 3, 0);
  for (auto i : picked) count[i / kChunk * 3 + p.stratum(i)] += 1;
  for (std::size_t i = 0; i < p.n; ++i) expected[i / kChunk * 3 + p.stratum(i)] += p.weight(i);
  for (std::size_t k = 0; k < count.size(); ++k) {
    EXPECT_LE(std::fabs(count[k] - expected[k]), 1.0) << "chunk " << k / 3 << " stratum " << k % 3;
  }
}

TEST(Systematic, InChunksSameResultWhateverTheThreads) {
  const Population p;
  EXPECT_EQ(select_in_chunks(p, 2, 1), select_in_chunks(p, 2, 2));
  EXPECT_EQ(select_in_chunks(p, 2, 1), select_in_chunks(p, 2, 4));
}

// Strata in runs (as residents of one home zone in synthesised slots) in even chunks and
// alternating in odd ones, with some units skipped: both loops of systematic_select_in_chunks
// run, and each must select exactly what the plain rule does (the level of each stratum plus the
// unit's probability, selected at 1 or more), unit by unit in index order within each chunk.
TEST(Systematic, InChunksRunsOfOneStratumGiveThePlainRulesSelection) {
  const std::size_t n = 5 * kChunk + 777;
  const std::size_t strata = 4;
  auto stratum = [](std::size_t i) -> std::uint32_t {
    if (i % 97 == 5) return kSkipStratum;
    const bool runs = (i / kChunk) % 2 == 0;
    return static_cast<std::uint32_t>(runs ? (i / 5000) % 4 : (i * 7) % 4);
  };
  auto weight = [](std::size_t i) { return 0.02 + 0.3 * static_cast<double>(i % 13) / 13; };
  const Rng rng(3);
  auto offset = [&](std::size_t c, std::size_t s) {
    return rng.uniform(0, Stream::kSynthesis, c * strata + s);
  };
  std::vector<std::uint32_t> expected;
  for (std::size_t c = 0; c < chunk_count(n); ++c) {
    std::vector<double> level(strata);
    for (std::size_t s = 0; s < strata; ++s) level[s] = offset(c, s);
    for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) {
      const std::uint32_t s = stratum(i);
      if (s == kSkipStratum) continue;
      const double v = level[s] + weight(i);
      level[s] = v >= 1.0 ? v - 1.0 : v;
      if (v >= 1.0) expected.push_back(static_cast<std::uint32_t>(i));
    }
  }
  ASSERT_GT(expected.size(), 10000u);
  for (const int threads : {1, 2}) {
    EXPECT_EQ(systematic_select_in_chunks(n, strata, threads, offset, weight, stratum), expected)
        << threads << " threads";
  }
}

TEST(Systematic, InChunksEachUnitIsSelectedWithItsProbability) {
  Population p;
  p.n = 600;
  std::vector<double> hits(p.n, 0);
  const int draws = 4000;
  for (int d = 0; d < draws; ++d) {
    for (auto i : select_in_chunks(p, static_cast<std::uint64_t>(d), 1)) hits[i] += 1;
  }
  double worst = 0;
  for (std::size_t i = 0; i < p.n; ++i) {
    const double q = p.weight(i);
    const double z = (hits[i] / draws - q) / std::sqrt(q * (1 - q) / draws);
    worst = std::max(worst, std::fabs(z));
  }
  EXPECT_LT(worst, 4.5);
}

TEST(Systematic, OrderedSelectionKeepsSelectedSizeNearItsExpectation) {
  // Units of sizes 1..100 visited in size order: the selected total size is within one unit size
  // of its expectation, for any offset.
  std::vector<std::uint32_t> order(1000);
  for (std::uint32_t i = 0; i < 1000; ++i) order[i] = i;
  const std::vector<std::uint32_t> group_begin = {0, 1000};
  auto size = [](std::uint32_t i) { return 1.0 + i / 10; };
  double expected = 0;
  for (auto i : order) expected += 0.05 * size(i);
  for (double offset : {0.0, 0.25, 0.5, 0.99}) {
    double total = 0;
    const std::vector<double> offsets = {offset};
    const auto selected = systematic_select_groups(
        order, group_begin, offsets, 2, [](std::size_t, std::size_t) { return 0.05; },
        [](std::size_t, std::size_t) { return true; });
    for (const auto i : selected) total += size(i);
    EXPECT_NEAR(total, expected, 100.0) << "offset " << offset;
  }
}

TEST(Systematic, GroupSelectionIsOneWalkPerGroupForAnyThreadCount) {
  // 300 groups of 0 to 40 units in a shuffled visiting order, weights in [0, 0.3), a fifth of the
  // units ineligible: the selection is the serial walk's, group by group, with 1, 2 or 3 threads.
  const Rng rng(11);
  std::vector<std::uint32_t> group_begin = {0};
  for (std::uint64_t g = 0; g < 300; ++g) {
    group_begin.push_back(group_begin.back() +
                          static_cast<std::uint32_t>(rng.uniform(1, Stream::kSynthesis, g) * 41));
  }
  const std::uint32_t n = group_begin.back();
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t k = 0; k < n; ++k) order[k] = (k * 7919u) % n;  // a permutation (n < 7919)
  ASSERT_LT(n, 7919u);
  std::vector<double> weight(n);
  std::vector<std::uint8_t> eligible(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    weight[i] = 0.3 * rng.uniform(2, Stream::kSynthesis, i);
    eligible[i] = rng.uniform(3, Stream::kSynthesis, i) < 0.8 ? 1 : 0;
  }
  std::vector<double> offset(300);
  for (std::size_t g = 0; g < 300; ++g) offset[g] = rng.uniform(4, Stream::kSynthesis, g);
  std::vector<std::uint32_t> expected;
  for (std::size_t g = 0; g < 300; ++g) {
    double sum = 0;  // the eligible weights so far
    for (std::uint32_t k = group_begin[g]; k < group_begin[g + 1]; ++k) {
      const std::uint32_t i = order[k];
      if (!eligible[i]) continue;
      const double before = offset[g] + sum;
      sum += weight[i];
      if (std::floor(offset[g] + sum) > std::floor(before)) expected.push_back(i);
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_GT(expected.size(), 100u);
  for (const int threads : {1, 2, 3}) {
    const auto selected = systematic_select_groups(
        order, group_begin, offset, threads, [&](std::size_t, std::size_t i) { return weight[i]; },
        [&](std::size_t, std::size_t i) { return eligible[i] != 0; });
    EXPECT_EQ(selected, expected) << threads << " threads";
  }
}

}  // namespace
}  // namespace relocsim
