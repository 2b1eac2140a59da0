// Sobol indices against the closed forms of the Ishigami and G functions, and the bootstrap.
#include <gtest/gtest.h>

#include <cmath>

#include "relocsim/sweep.h"
#include "tests/sweep/test_functions.h"

namespace relocsim::sweep {
namespace {

using testing::GFunction;
using testing::Ishigami;

constexpr double kTolerance = 0.03;

TEST(Sobol, IshigamiIndicesMatchTheClosedForm) {
  const Ishigami f;
  const auto factors = Ishigami::factors();
  const Matrix design =
      make_design(factors, {.method = DesignMethod::kSaltelli, .n = 8192, .seed = 1});
  const SobolIndices s = sobol_indices(testing::evaluate(f, design), factors.size(), {});
  const auto s1 = f.s1();
  const auto st = f.st();
  // The closed form gives S1 = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437.
  EXPECT_NEAR(s1[0], 0.3139, 1e-4);
  EXPECT_NEAR(st[2], 0.2437, 1e-4);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(s.s1[j], s1[j], kTolerance) << factors[j].name;
    EXPECT_NEAR(s.st[j], st[j], kTolerance) << factors[j].name;
    // The 95% intervals are narrow at this size and mostly cover the truth.
    EXPECT_GT(s.s1_conf[j], 0.0);
    EXPECT_LT(s.s1_conf[j], 0.05);
    EXPECT_LT(s.st_conf[j], 0.05);
    EXPECT_LT(std::abs(s.st[j] - st[j]), 3.0 * s.st_conf[j] + 1e-3) << factors[j].name;
  }
  for (std::size_t j = 0; j < 3; ++j) {
    RecordProperty("ishigami_S1_" + factors[j].name, std::to_string(s.s1[j]));
    RecordProperty("ishigami_ST_" + factors[j].name, std::to_string(s.st[j]));
  }
}

TEST(Sobol, GFunctionIndicesMatchTheClosedForm) {
  const GFunction g{{0.0, 1.0, 4.5, 9.0, 99.0, 99.0}};
  const auto factors = g.factors();
  const Matrix design =
      make_design(factors, {.method = DesignMethod::kSaltelli, .n = 8192, .seed = 2});
  const SobolIndices s = sobol_indices(testing::evaluate(g, design), factors.size(), {});
  const auto s1 = g.s1();
  const auto st = g.st();
  for (std::size_t j = 0; j < factors.size(); ++j) {
    EXPECT_NEAR(s.s1[j], s1[j], kTolerance) << factors[j].name;
    EXPECT_NEAR(s.st[j], st[j], kTolerance) << factors[j].name;
  }
}

TEST(Sobol, IndicesDoNotDependOnTheOutputsOffsetOrScale) {
  const Ishigami f;
  const auto factors = Ishigami::factors();
  const Matrix design =
      make_design(factors, {.method = DesignMethod::kSaltelli, .n = 512, .seed = 1});
  auto y = testing::evaluate(f, design);
  const SobolIndices base = sobol_indices(y, 3, {});
  for (double& v : y) v = 1e6 + 3.0 * v;
  const SobolIndices moved = sobol_indices(y, 3, {});
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(moved.s1[j], base.s1[j], 1e-9);
    EXPECT_NEAR(moved.st[j], base.st[j], 1e-9);
    EXPECT_NEAR(moved.s1_conf[j], base.s1_conf[j], 1e-9);
  }
}

TEST(Sobol, BootstrapIsDeterministicInItsSeedAndWidensWithConfidence) {
  const Ishigami f;
  const auto factors = Ishigami::factors();
  const Matrix design =
      make_design(factors, {.method = DesignMethod::kSaltelli, .n = 256, .seed = 1});
  const auto y = testing::evaluate(f, design);
  const SobolIndices a = sobol_indices(y, 3, {.resamples = 50, .seed = 4});
  const SobolIndices b = sobol_indices(y, 3, {.resamples = 50, .seed = 4});
  const SobolIndices c = sobol_indices(y, 3, {.resamples = 50, .seed = 5});
  const SobolIndices wide = sobol_indices(y, 3, {.resamples = 50, .confidence = 0.99, .seed = 4});
  EXPECT_EQ(a.s1_conf, b.s1_conf);
  EXPECT_NE(a.s1_conf, c.s1_conf);
  EXPECT_EQ(a.s1, c.s1);  // the estimates themselves do not resample
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(wide.s1_conf[j] / a.s1_conf[j], 2.5758293035489 / 1.9599639845400, 1e-9);
  }
}

TEST(Sobol, ConstantOutputHasNoIndices) {
  const std::vector<double> y(50, 4.0);  // 10 blocks of k+2 = 5
  const SobolIndices s = sobol_indices(y, 3, {});
  EXPECT_TRUE(std::isnan(s.s1[0]));
  EXPECT_TRUE(std::isnan(s.st_conf[2]));
}

TEST(Sobol, OutputsThatAreNotWholeBlocksAreRefused) {
  const std::vector<double> y(11, 1.0);
  EXPECT_THROW(sobol_indices(y, 3, {}), std::invalid_argument);
}

}  // namespace
}  // namespace relocsim::sweep
