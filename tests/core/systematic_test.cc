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

std::vector<std::size_t> select(const Population& p, const std::vector<double>& offset, int threads,
                                std::vector<double>* expected) {
  auto w = [&](std::size_t i) { return p.weight(i); };
  auto s = [&](std::size_t i) { return p.stratum(i); };
  const auto sums = sum_by_stratum(p.n, 3, threads, w, s);
  if (expected != nullptr) *expected = sums.totals();
  const std::vector<double> scale(3, 1.0);
  std::vector<std::vector<std::uint32_t>> chunks(chunk_count(p.n));
  systematic_select(sums, scale, offset, threads, w, s, [&](std::size_t c, std::size_t i) {
    chunks[c].push_back(static_cast<std::uint32_t>(i));
  });
  const auto all = concat_chunks(chunks);
  return {all.begin(), all.end()};
}

TEST(Systematic, CountPerStratumIsTheExpectationRounded) {
  const Population p;
  std::vector<double> expected;
  const auto picked = select(p, {0.3, 0.7, 0.9}, 2, &expected);
  std::vector<double> count(3, 0);
  for (auto i : picked) count[p.stratum(i)] += 1;
  for (int s = 0; s < 3; ++s) EXPECT_LE(std::fabs(count[s] - expected[s]), 1.0) << "stratum " << s;
}

TEST(Systematic, SameResultWhateverTheThreads) {
  const Population p;
  EXPECT_EQ(select(p, {0.1, 0.2, 0.3}, 1, nullptr), select(p, {0.1, 0.2, 0.3}, 2, nullptr));
  EXPECT_EQ(select(p, {0.1, 0.2, 0.3}, 1, nullptr), select(p, {0.1, 0.2, 0.3}, 4, nullptr));
}

TEST(Systematic, EachUnitIsSelectedWithItsProbability) {
  // Over random offsets, unit i is selected with probability weight(i).
  Population p;
  p.n = 600;
  const Rng rng(5);
  std::vector<double> hits(p.n, 0);
  const int draws = 4000;
  for (int d = 0; d < draws; ++d) {
    const std::vector<double> offset = {rng.uniform(0, Stream::kSynthesis, 3 * d),
                                        rng.uniform(0, Stream::kSynthesis, 3 * d + 1),
                                        rng.uniform(0, Stream::kSynthesis, 3 * d + 2)};
    for (auto i : select(p, offset, 1, nullptr)) hits[i] += 1;
  }
  double worst = 0;
  for (std::size_t i = 0; i < p.n; ++i) {
    const double q = p.weight(i);
    const double z = (hits[i] / draws - q) / std::sqrt(q * (1 - q) / draws);
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
  std::vector<std::vector<std::uint32_t>> chunks(chunk_count(p.n));
  systematic_select_in_chunks(p.n, 3, threads, offset, w, s, [&](std::size_t c, std::size_t i) {
    chunks[c].push_back(static_cast<std::uint32_t>(i));
  });
  return concat_chunks(chunks);
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
