#include "engine/core/rng.h"

#include <gtest/gtest.h>

#include <cmath>

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

}  // namespace
}  // namespace relocsim
