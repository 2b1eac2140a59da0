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

}  // namespace
}  // namespace relocsim::choice
