#include "engine/core/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace relocsim {
namespace {

TEST(Rng, SameKeySameDraw) {
  const Rng a(42);
  const Rng b(42);
  EXPECT_EQ(a.words(2015, Stream::kHouseholdChoice, 7), b.words(2015, Stream::kHouseholdChoice, 7));
}

TEST(Rng, EveryPartOfTheKeyMatters) {
  const Rng rng(42);
  const auto base = rng.words(2015, Stream::kHouseholdChoice, 7);
  EXPECT_NE(base, Rng(43).words(2015, Stream::kHouseholdChoice, 7));
  EXPECT_NE(base, rng.words(2016, Stream::kHouseholdChoice, 7));
  EXPECT_NE(base, rng.words(2015, Stream::kFirmChoice, 7));
  EXPECT_NE(base, rng.words(2015, Stream::kHouseholdChoice, 8));
  EXPECT_NE(base, rng.words(2015, Stream::kHouseholdChoice, 7 + (1ull << 32)));
}

TEST(Rng, UniformsLieInUnitIntervalWithMeanAHalf) {
  const Rng rng(1);
  double sum = 0;
  double sum2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform(2010, Stream::kSynthesis, static_cast<std::uint64_t>(i));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);
  EXPECT_NEAR(sum2 / n - (sum / n) * (sum / n), 1.0 / 12, 0.002);
}

TEST(Rng, BatchedUniformsAreTheSameNumbersAsOneCallEach) {
  // Seeds with both halves of the key set, tags above and below bit 32, indices up to the top of
  // 32 bits, and lengths that leave a tail for the scalar loop.
  std::mt19937 gen(5);
  std::vector<std::uint32_t> index(1003);
  for (auto& i : index) i = static_cast<std::uint32_t>(gen());
  index[0] = 0;
  index[1] = 0xFFFFFFFFu;
  for (const std::uint64_t seed : {std::uint64_t{20140226}, (std::uint64_t{7} << 32) | 99u}) {
    const Rng rng(seed);
    for (const std::uint64_t tag : {std::uint64_t{0}, std::uint64_t{1} << 40,
                                    (std::uint64_t{1} << 41) | (std::uint64_t{1} << 31)}) {
      for (const std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{8}, index.size()}) {
        const std::span<const std::uint32_t> some(index.data(), n);
        std::vector<double> batch(n);
        std::vector<double> scalar(n);
        rng.uniforms(2031, Stream::kLabourEntry, some, tag, batch.data());
        rng.uniforms_scalar(2031, Stream::kLabourEntry, some, tag, scalar.data());
        for (std::size_t k = 0; k < n; ++k) {
          ASSERT_EQ(batch[k], rng.uniform(2031, Stream::kLabourEntry, index[k] | tag))
              << "seed " << seed << " tag " << tag << " draw " << k;
          ASSERT_EQ(scalar[k], batch[k]);
        }
      }
    }
  }
}

TEST(Rng, WordsOfARangeAreTheSameNumbersAsOneCallEach) {
  // A range that crosses 2^32 (the counter's third and fourth words both change), with a tail.
  const Rng rng((std::uint64_t{3} << 32) | 11u);
  const std::uint64_t first = (std::uint64_t{1} << 32) - 13;
  const std::size_t n = 45;
  std::vector<std::uint32_t> w[4];
  for (auto& v : w) v.resize(n);
  rng.words_range(2010, Stream::kSynthesis, first, n,
                  {w[0].data(), w[1].data(), w[2].data(), w[3].data()});
  for (std::size_t k = 0; k < n; ++k) {
    const auto one = rng.words(2010, Stream::kSynthesis, first + k);
    for (std::size_t j = 0; j < 4; ++j)
      ASSERT_EQ(w[j][k], one[j]) << "index " << k << " word " << j;
  }
}

}  // namespace
}  // namespace relocsim
