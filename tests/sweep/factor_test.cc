// Factor: the map between the unit interval and a factor's values, for every distribution.
#include <gtest/gtest.h>

#include <cmath>

#include "relocsim/sweep.h"

namespace relocsim::sweep {
namespace {

TEST(Factor, UniformMapsTheUnitIntervalOntoItsRange) {
  const Factor f = Factor::uniform("x", -2.0, 6.0);
  EXPECT_EQ(f.from_unit(0.0), -2.0);
  EXPECT_EQ(f.from_unit(1.0), 6.0);
  EXPECT_DOUBLE_EQ(f.from_unit(0.25), 0.0);
  EXPECT_DOUBLE_EQ(f.to_unit(2.0), 0.5);
  EXPECT_TRUE(f.contains(6.0));
  EXPECT_FALSE(f.contains(6.0000001));
  EXPECT_TRUE(f.bounded());
}

TEST(Factor, NormalQuantilesAndTheirInverse) {
  Factor f;
  f.distribution = Distribution::kNormal;
  f.mean = 10.0;
  f.sd = 2.0;
  EXPECT_NEAR(f.from_unit(0.5), 10.0, 1e-12);
  EXPECT_NEAR(f.from_unit(0.975), 10.0 + 2.0 * 1.959963984540054, 1e-9);
  EXPECT_NEAR(f.to_unit(f.from_unit(0.1)), 0.1, 1e-12);
  // The ends of the unit interval stay finite.
  EXPECT_TRUE(std::isfinite(f.from_unit(0.0)));
  EXPECT_TRUE(std::isfinite(f.from_unit(1.0)));
  EXPECT_FALSE(f.bounded());
}

TEST(Factor, LognormalIsTheExponentialOfANormal) {
  Factor f;
  f.distribution = Distribution::kLognormal;
  f.mean = std::log(3.0);
  f.sd = 0.5;
  EXPECT_NEAR(f.from_unit(0.5), 3.0, 1e-12);
  EXPECT_NEAR(f.to_unit(f.from_unit(0.8)), 0.8, 1e-12);
  EXPECT_FALSE(f.contains(0.0));
}

TEST(Factor, TriangularQuantilesAndTheirInverse) {
  Factor f;
  f.distribution = Distribution::kTriangular;
  f.min = 0.0;
  f.mode = 1.0;
  f.max = 4.0;
  EXPECT_NEAR(f.from_unit(0.25), 1.0, 1e-12);  // the mode holds (1 - 0) / (4 - 0) of the mass
  for (double u : {0.01, 0.2, 0.25, 0.6, 0.99}) EXPECT_NEAR(f.to_unit(f.from_unit(u)), u, 1e-12);
  EXPECT_EQ(f.from_unit(0.0), 0.0);
  EXPECT_EQ(f.from_unit(1.0), 4.0);
}

TEST(Factor, LevelsSplitTheUnitIntervalIntoEqualStrata) {
  Factor f;
  f.distribution = Distribution::kLevels;
  f.levels = {5.0, 1.0, 3.0};
  EXPECT_EQ(f.from_unit(0.0), 5.0);
  EXPECT_EQ(f.from_unit(0.34), 1.0);
  EXPECT_EQ(f.from_unit(1.0 / 3.0), 1.0);
  EXPECT_EQ(f.from_unit(0.99), 3.0);
  EXPECT_EQ(f.from_unit(1.0), 3.0);
  EXPECT_DOUBLE_EQ(f.to_unit(1.0), 0.5);
  EXPECT_TRUE(f.contains(3.0));
  EXPECT_FALSE(f.contains(2.0));
}

}  // namespace
}  // namespace relocsim::sweep
