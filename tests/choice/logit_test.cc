#include "engine/choice/logit.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/rng.h"

namespace relocsim::choice {
namespace {

TEST(Logit, ProbabilitiesAreTheSoftmax) {
  ChoiceTable t(1, 3);
  t.utility(0, 0) = 0.0;
  t.utility(0, 1) = std::log(2.0);
  t.utility(0, 2) = std::log(5.0);
  t.finish();
  EXPECT_NEAR(t.probability(0, 0), 1.0 / 8, 1e-12);
  EXPECT_NEAR(t.probability(0, 1), 2.0 / 8, 1e-12);
  EXPECT_NEAR(t.probability(0, 2), 5.0 / 8, 1e-9);
}

TEST(Logit, DrawsFollowProbabilitiesAndSkipUnavailable) {
  ChoiceTable t(1, 4);
  t.utility(0, 0) = 1.0;
  t.utility(0, 1) = kUnavailable;
  t.utility(0, 2) = 0.0;
  t.utility(0, 3) = kUnavailable;
  t.finish();
  const Rng rng(3);
  std::vector<int> count(4, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++count[t.draw(0, rng.uniform(0, Stream::kSynthesis, i))];
  EXPECT_EQ(count[1], 0);
  EXPECT_EQ(count[3], 0);
  const double p0 = std::exp(1.0) / (std::exp(1.0) + 1);
  EXPECT_NEAR(count[0] / double(n), p0, 0.005);
  // The largest uniform below one still finds an alternative.
  EXPECT_EQ(t.draw(0, std::nextafter(1.0, 0.0)), 2);
}

TEST(Logit, RowWithNothingAvailableDrawsNothing) {
  ChoiceTable t(1, 2);
  t.utility(0, 0) = kUnavailable;
  t.utility(0, 1) = kUnavailable;
  t.finish();
  EXPECT_EQ(t.draw(0, 0.5), -1);
}

TEST(Logit, DrawIsTheFirstAvailableAlternativeWhoseBoundExceedsTheUniform) {
  // Rows of 1 to 40 alternatives, a quarter unavailable; uniforms at random and exactly on the
  // boundaries: the draw is what a walk along the cumulative probabilities finds.
  const Rng rng(8);
  std::uint64_t draw = 0;
  for (std::size_t alternatives = 1; alternatives <= 40; ++alternatives) {
    ChoiceTable t(1, alternatives);
    for (std::size_t j = 0; j < alternatives; ++j) {
      t.utility(0, j) = rng.uniform(1, Stream::kSynthesis, draw++) < 0.25
                            ? kUnavailable
                            : rng.uniform(2, Stream::kSynthesis, draw++);
    }
    t.finish();
    std::vector<double> bound(alternatives);
    for (std::size_t j = 0; j < alternatives; ++j) {
      bound[j] = t.probability(0, j) + (j == 0 ? 0.0 : bound[j - 1]);
    }
    std::vector<double> uniforms = {0.0, std::nextafter(1.0, 0.0)};
    for (int k = 0; k < 50; ++k) uniforms.push_back(rng.uniform(3, Stream::kSynthesis, draw++));
    for (std::size_t j = 0; j + 1 < alternatives; ++j) uniforms.push_back(bound[j]);
    for (const double u : uniforms) {
      if (!(bound.back() > 0)) {
        EXPECT_EQ(t.draw(0, u), -1);
        continue;
      }
      int expected = static_cast<int>(alternatives) - 1;
      for (std::size_t j = 0; j + 1 < alternatives; ++j) {
        if (u < bound[j]) {
          expected = static_cast<int>(j);
          break;
        }
      }
      while (expected > 0 && t.probability(0, static_cast<std::size_t>(expected)) == 0) --expected;
      EXPECT_EQ(t.draw(0, u), expected) << alternatives << " alternatives, u " << u;
    }
  }
}

}  // namespace
}  // namespace relocsim::choice
