// Designs: their shapes, the properties each method promises, and determinism in the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "relocsim/sweep.h"
#include "tests/sweep/test_functions.h"

namespace relocsim::sweep {
namespace {

std::vector<Factor> three_factors() {
  return {Factor::uniform("a", 0.0, 1.0), Factor::uniform("b", 10.0, 20.0),
          Factor::uniform("c", -1.0, 1.0)};
}

// Which of n equal strata of the factor's range the value falls in.
std::size_t stratum(const Factor& f, double x, std::size_t n) {
  return std::min(n - 1, static_cast<std::size_t>(f.to_unit(x) * static_cast<double>(n)));
}

TEST(Design, LatinHypercubeHasOnePointPerStratumPerFactor) {
  const auto factors = three_factors();
  const std::size_t n = 97;
  const Matrix d = make_design(factors, {.method = DesignMethod::kLhs, .n = n, .seed = 5});
  ASSERT_EQ(d.rows(), n);
  ASSERT_EQ(d.cols(), 3u);
  for (std::size_t j = 0; j < 3; ++j) {
    std::set<std::size_t> strata;
    for (std::size_t r = 0; r < n; ++r) {
      EXPECT_TRUE(factors[j].contains(d(r, j)));
      strata.insert(stratum(factors[j], d(r, j), n));
    }
    EXPECT_EQ(strata.size(), n) << "factor " << factors[j].name;
  }
}

TEST(Design, SaltelliHasABlocksOfAThenABThenB) {
  const auto factors = three_factors();
  const std::size_t n = 64;
  const std::size_t k = factors.size();
  const Matrix d = make_design(factors, {.method = DesignMethod::kSaltelli, .n = n, .seed = 3});
  ASSERT_EQ(d.rows(), n * (k + 2));
  EXPECT_EQ(design_rows(factors, {.method = DesignMethod::kSaltelli, .n = n}), n * (k + 2));
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = d.row(i * (k + 2));
    const auto b = d.row(i * (k + 2) + k + 1);
    for (std::size_t c = 0; c < k; ++c) EXPECT_NE(a[c], b[c]);
    for (std::size_t j = 0; j < k; ++j) {
      const auto ab = d.row(i * (k + 2) + 1 + j);
      for (std::size_t c = 0; c < k; ++c) EXPECT_EQ(ab[c], c == j ? b[c] : a[c]);
    }
  }
  EXPECT_FALSE(design_structure_problem(AnalysisMethod::kSobol, factors, d));
}

TEST(Design, SaltelliColumnsOfAAndBAreStratifiedForPowersOfTwo) {
  // The Sobol points 0..N-1, digitally shifted, are a net: one point per 1/N interval per column.
  const auto factors = three_factors();
  const std::size_t n = 256;
  const std::size_t k = factors.size();
  const Matrix d = make_design(factors, {.method = DesignMethod::kSaltelli, .n = n, .seed = 11});
  for (std::size_t offset : {std::size_t{0}, k + 1}) {  // A rows, then B rows
    for (std::size_t j = 0; j < k; ++j) {
      std::set<std::size_t> strata;
      for (std::size_t i = 0; i < n; ++i)
        strata.insert(stratum(factors[j], d(i * (k + 2) + offset, j), n));
      EXPECT_EQ(strata.size(), n);
    }
  }
}

TEST(Design, MorrisTrajectoriesMoveOneFactorAtATimeOnTheGrid) {
  const auto factors = three_factors();
  const std::size_t r = 20;
  const int p = 4;
  const Matrix d = make_design(
      factors, {.method = DesignMethod::kMorris, .n = r, .seed = 2, .morris_levels = p});
  ASSERT_EQ(d.rows(), r * (factors.size() + 1));
  EXPECT_FALSE(design_structure_problem(AnalysisMethod::kMorris, factors, d));
  const double delta = p / (2.0 * (p - 1));
  for (std::size_t row = 0; row < d.rows(); ++row) {
    for (std::size_t j = 0; j < factors.size(); ++j) {
      const double level = factors[j].to_unit(d(row, j)) * (p - 1);
      EXPECT_NEAR(level, std::round(level), 1e-9);  // on the grid 0, 1/3, 2/3, 1
      if (row % (factors.size() + 1) == 0) continue;
      const double step = factors[j].to_unit(d(row, j)) - factors[j].to_unit(d(row - 1, j));
      EXPECT_TRUE(std::abs(step) < 1e-12 || std::abs(std::abs(step) - delta) < 1e-12);
    }
  }
}

TEST(Design, GridIsTheFullFactorialWithTheLastFactorFastest) {
  Factor policy;
  policy.name = "policy";
  policy.distribution = Distribution::kLevels;
  policy.levels = {0.0, 1.0};
  const std::vector<Factor> factors = {Factor::uniform("a", 0.0, 1.0), policy};
  const Matrix d = make_design(factors, {.method = DesignMethod::kGrid, .n = 3});
  ASSERT_EQ(d.rows(), 6u);
  const std::vector<double> expected = {0, 0, 0, 1, 0.5, 0, 0.5, 1, 1, 0, 1, 1};
  EXPECT_EQ(d.values(), expected);
}

TEST(Design, RandomDesignIsUniformOverTheRange) {
  const auto factors = three_factors();
  const Matrix d = make_design(factors, {.method = DesignMethod::kRandom, .n = 4000, .seed = 1});
  const auto b = d.column(1);
  double sum = 0.0;
  for (double x : b) {
    EXPECT_TRUE(factors[1].contains(x));
    sum += x;
  }
  EXPECT_NEAR(sum / 4000.0, 15.0, 0.15);  // sd of the mean: 2.89 / sqrt(4000) = 0.046
}

TEST(Design, SameSeedSameDesignOtherSeedOtherDesign) {
  const auto factors = three_factors();
  for (DesignMethod method : {DesignMethod::kRandom, DesignMethod::kLhs, DesignMethod::kSaltelli,
                              DesignMethod::kMorris}) {
    SCOPED_TRACE(design_method_name(method));
    const DesignOptions options{.method = method, .n = 32, .seed = 7};
    DesignOptions other = options;
    other.seed = 8;
    EXPECT_EQ(make_design(factors, options), make_design(factors, options));
    EXPECT_NE(make_design(factors, options), make_design(factors, other));
  }
}

TEST(Design, NonUniformFactorsFollowTheirDistribution) {
  Factor rate;
  rate.name = "rate";
  rate.distribution = Distribution::kNormal;
  rate.mean = 5.0;
  rate.sd = 2.0;
  const std::vector<Factor> factors = {rate};
  const Matrix d = make_design(factors, {.method = DesignMethod::kLhs, .n = 1000, .seed = 4});
  const auto x = d.column(0);
  double sum = 0.0;
  double squares = 0.0;
  for (double v : x) sum += v;
  for (double v : x) squares += (v - sum / 1000.0) * (v - sum / 1000.0);
  EXPECT_NEAR(sum / 1000.0, 5.0, 0.02);
  EXPECT_NEAR(std::sqrt(squares / 999.0), 2.0, 0.05);
  // Morris puts an unbounded factor's levels at the centres of p equally likely strata.
  const Matrix m = make_design(
      factors, {.method = DesignMethod::kMorris, .n = 4, .seed = 1, .morris_levels = 4});
  for (double v : m.column(0)) {
    const double u = rate.to_unit(v);
    EXPECT_NEAR(u * 4 - 0.5, std::round(u * 4 - 0.5), 1e-9);
  }
}

TEST(Design, ProblemsNameTheirOption) {
  const auto factors = three_factors();
  auto problems = design_problems(factors, {.method = DesignMethod::kSaltelli, .n = 1});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].option, "n");
  problems =
      design_problems(factors, {.method = DesignMethod::kMorris, .n = 4, .morris_levels = 5});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].option, "levels");
  EXPECT_EQ(problems[0].message, "morris needs an even number of grid levels p >= 2, found 5");
  problems = design_problems(factors, {.method = DesignMethod::kGrid, .n = 1000});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message,
            "the grid design would have 1e+09 rows, more than the limit of 50000000");
  EXPECT_THROW(make_design(factors, {.method = DesignMethod::kLhs, .n = 0}), std::invalid_argument);
}

}  // namespace
}  // namespace relocsim::sweep
