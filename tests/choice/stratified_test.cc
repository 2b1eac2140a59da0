#include "engine/choice/stratified.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace relocsim::choice {
namespace {

TEST(Stratified, EachGroupCoversTheUnitIntervalOncePerChooser) {
  const std::vector<std::uint32_t> groups = {0, 1, 0, 0, 1, 0, 2};
  const auto u = stratified_uniforms(groups, 3, Rng(9), 2012, Stream::kHouseholdChoice);
  // Group 0 has four choosers: one uniform in each quarter.
  std::vector<int> quarter(4, 0);
  for (std::size_t k = 0; k < groups.size(); ++k) {
    ASSERT_GE(u[k], 0.0);
    ASSERT_LT(u[k], 1.0);
    if (groups[k] == 0) ++quarter[static_cast<int>(u[k] * 4)];
  }
  EXPECT_EQ(quarter, std::vector<int>({1, 1, 1, 1}));
}

TEST(Stratified, SameUniformsWhateverTheThreads) {
  // Several chunks of choosers in 7 groups: ranks are counted per chunk in parallel.
  std::vector<std::uint32_t> groups(300'000);
  for (std::size_t k = 0; k < groups.size(); ++k) groups[k] = static_cast<std::uint32_t>(k * k % 7);
  const auto one = stratified_uniforms(groups, 7, Rng(4), 2020, Stream::kLabourChoice, 1);
  const auto two = stratified_uniforms(groups, 7, Rng(4), 2020, Stream::kLabourChoice, 2);
  EXPECT_EQ(one, two);
  // Still one uniform per 1/n of each group's interval.
  std::vector<std::size_t> size(7, 0);
  for (auto g : groups) ++size[g];
  std::vector<std::vector<char>> hit(7);
  for (std::size_t g = 0; g < 7; ++g) hit[g].assign(size[g], 0);
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const auto g = groups[k];
    hit[g][static_cast<std::size_t>(one[k] * static_cast<double>(size[g]))] += 1;
  }
  for (std::size_t g = 0; g < 7; ++g) {
    EXPECT_TRUE(std::all_of(hit[g].begin(), hit[g].end(), [](char h) { return h == 1; }));
  }
}

TEST(Stratified, MarginallyUniform) {
  // One chooser's uniform over many seeds is U(0, 1) even though its group is stratified.
  const std::vector<std::uint32_t> groups(10, 0);
  double sum = 0;
  int below_tenth = 0;
  const int n = 20000;
  for (int seed = 0; seed < n; ++seed) {
    const double u = stratified_uniforms(groups, 1, Rng(seed), 2012, Stream::kHouseholdChoice)[3];
    sum += u;
    below_tenth += u < 0.1;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.01);
  EXPECT_NEAR(below_tenth / double(n), 0.1, 0.01);
}

TEST(Stratified, MassStratifiedSharesFollowSizes) {
  const std::vector<std::uint32_t> groups(4, 0);
  const std::vector<double> sizes = {10, 30, 40, 20};
  const auto u = mass_stratified_uniforms(groups, sizes, 1, Rng(2), 2012, Stream::kFirmEntry);
  EXPECT_GE(u[0], 0.0);
  EXPECT_LT(u[0], 0.1);
  EXPECT_GE(u[1], 0.1);
  EXPECT_LT(u[1], 0.4);
  EXPECT_GE(u[3], 0.8);
  EXPECT_LT(u[3], 1.0);
}

TEST(Stratified, MassStratifiedGroupWithoutMassIsStratifiedByCount) {
  // Group 1 holds only choosers of size 0: their uniforms are spread over [0, 1) one per quarter,
  // not 0 / 0.
  const std::vector<std::uint32_t> groups = {0, 1, 1, 0, 1, 1};
  const std::vector<double> sizes = {5, 0, 0, 15, 0, 0};
  const auto u = mass_stratified_uniforms(groups, sizes, 2, Rng(3), 2012, Stream::kFirmChoice);
  std::vector<double> quarter;
  for (std::size_t k = 0; k < u.size(); ++k) {
    ASSERT_GE(u[k], 0.0) << k;
    ASSERT_LT(u[k], 1.0) << k;
    if (groups[k] == 1) quarter.push_back(std::floor(u[k] * 4));
  }
  EXPECT_EQ(quarter, (std::vector<double>{0, 1, 2, 3}));
  EXPECT_LT(u[0], 0.25);
  EXPECT_GE(u[3], 0.25);
}

}  // namespace
}  // namespace relocsim::choice
