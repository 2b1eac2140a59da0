// Morris elementary effects on Ishigami against their exact expectation over the trajectory design.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "relocsim/sweep.h"
#include "tests/sweep/test_functions.h"

namespace relocsim::sweep {
namespace {

using testing::Ishigami;
using testing::kPi;

// E|EE_j| under the design: the moving factor goes from x* (uniform over the lower half of the
// grid) to x* + delta, while every other factor is uniform over the whole p-level grid.
std::vector<double> expected_mu_star(const Ishigami& f, int p) {
  const double delta = p / (2.0 * (p - 1));
  auto value = [](double u) { return -kPi + 2.0 * kPi * u; };
  std::vector<double> out(3);
  for (int j = 0; j < 3; ++j) {
    double sum = 0.0;
    int count = 0;
    for (int start = 0; start < p / 2; ++start) {
      for (int g1 = 0; g1 < p; ++g1) {
        for (int g2 = 0; g2 < p; ++g2) {
          std::array<double, 3> u{};
          const int others[2] = {g1, g2};
          for (int c = 0, o = 0; c < 3; ++c)
            u[c] = c == j ? start / (p - 1.0) : others[o++] / (p - 1.0);
          std::array<double, 3> x{}, moved{};
          for (int c = 0; c < 3; ++c) x[c] = moved[c] = value(u[c]);
          moved[j] = value(u[j] + delta);
          sum += std::abs(f(moved) - f(x)) / delta;
          ++count;
        }
      }
    }
    out[j] = sum / count;
  }
  return out;
}

std::vector<std::size_t> ranking(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
  return order;
}

MorrisIndices run_morris(int p, std::size_t trajectories, std::uint64_t seed) {
  const Ishigami f;
  const auto factors = Ishigami::factors();
  const Matrix design = make_design(
      factors,
      {.method = DesignMethod::kMorris, .n = trajectories, .seed = seed, .morris_levels = p});
  return morris_indices(factors, design, testing::evaluate(f, design), {.seed = seed});
}

TEST(Morris, IshigamiMuStarMatchesItsExpectationAtFourLevels) {
  // At p = 4 the exact expectation is mu_star = 7.704, 7.875, 6.249: x2 barely ahead of x1, both
  // well ahead of x3 (x2's effect is 7 * 0.75 / (2/3) on every step).
  const auto expected = expected_mu_star(Ishigami{}, 4);
  EXPECT_NEAR(expected[0], 7.704, 1e-3);
  EXPECT_NEAR(expected[1], 7.875, 1e-3);
  EXPECT_NEAR(expected[2], 6.249, 1e-3);
  const MorrisIndices m = run_morris(4, 2000, 3);
  for (std::size_t j = 0; j < 3; ++j) {
    // Effects spread with sd about 6.3, so the standard error is about 0.14 at r = 2000, and the
    // bootstrap's 95% half-width about 1.96 times that. Allow twice the half-width.
    EXPECT_GT(m.mu_star_conf[j], j == 1 ? -1e-12 : 0.1) << "x" << j + 1;
    EXPECT_LT(m.mu_star_conf[j], 0.5) << "x" << j + 1;
    EXPECT_NEAR(m.mu_star[j], expected[j], 2.0 * m.mu_star_conf[j] + 1e-9) << "x" << j + 1;
  }
  EXPECT_NEAR(m.sigma[1], 7.875, 0.2);  // x2: +-7.875 with equal odds
  EXPECT_NEAR(m.mu[1], 0.0, 0.6);
  EXPECT_DOUBLE_EQ(m.mu[0], m.mu_star[0]);  // x1's effects are all positive
  EXPECT_LT(m.mu_star[2], std::min(m.mu_star[0], m.mu_star[1]));
  RecordProperty("morris4_mu_star", ::testing::PrintToString(m.mu_star));
}

TEST(Morris, IshigamiRankingMatchesItsExpectationAtSixLevels) {
  // At p = 6 the expectation separates the factors clearly: x1 (7.99) > x3 (5.54) > x2 (2.69).
  const auto expected = expected_mu_star(Ishigami{}, 6);
  ASSERT_EQ(ranking(expected), (std::vector<std::size_t>{0, 2, 1}));
  const MorrisIndices m = run_morris(6, 2000, 4);
  EXPECT_EQ(ranking(m.mu_star), ranking(expected));
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(m.mu_star[j], expected[j], 2.0 * m.mu_star_conf[j]) << "x" << j + 1;
  }
  RecordProperty("morris6_mu_star", ::testing::PrintToString(m.mu_star));
}

TEST(Morris, EffectsArePerUnitOfTheFactorsRange) {
  // y = 3 a + 10 b on a in [0, 2], b in [5, 6]: effects per whole range are 6 and 10.
  const std::vector<Factor> factors = {Factor::uniform("a", 0.0, 2.0),
                                       Factor::uniform("b", 5.0, 6.0)};
  const Matrix design = make_design(factors, {.method = DesignMethod::kMorris, .n = 10, .seed = 1});
  std::vector<double> y(design.rows());
  for (std::size_t r = 0; r < design.rows(); ++r) y[r] = 3.0 * design(r, 0) + 10.0 * design(r, 1);
  const MorrisIndices m = morris_indices(factors, design, y, {});
  EXPECT_NEAR(m.mu[0], 6.0, 1e-9);
  EXPECT_NEAR(m.mu_star[1], 10.0, 1e-9);
  EXPECT_NEAR(m.sigma[0], 0.0, 1e-9);
  EXPECT_NEAR(m.mu_star_conf[1], 0.0, 1e-9);
}

TEST(Morris, ARowChangingTwoFactorsIsRefused) {
  const std::vector<Factor> factors = {Factor::uniform("a", 0, 1), Factor::uniform("b", 0, 1)};
  Matrix design = make_design(factors, {.method = DesignMethod::kMorris, .n = 3, .seed = 1});
  // Row 4, the second of trajectory 2, now differs from row 3 in both factors.
  design(4, 0) = design(3, 0) == 0.0 ? 1.0 : 0.0;
  design(4, 1) = design(3, 1) == 0.0 ? 1.0 : 0.0;
  const auto problem = design_structure_problem(AnalysisMethod::kMorris, factors, design);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->row, 4u);
  EXPECT_EQ(problem->message,
            "not a Morris design: this row changes 2 factors from the row before (a, b); each row "
            "after the first of a trajectory of k+1 = 3 rows changes one factor");
}

}  // namespace
}  // namespace relocsim::sweep
