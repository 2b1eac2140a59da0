// Household relocation's base-year constants come from the data, not from the sample: two
// populations drawn with different seeds, or at different scales, get nearly the same constants,
// also for the sparse (home, work) cells that hold a handful of agents or none.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "engine/processes/registry_entries.h"
#include "engine/world/synthesis.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

// The constants of every work zone (and of those without work), each work zone's centred on its
// mean: a logit depends only on their differences. Each (scale, seed) is built once.
const std::vector<double>& centred_constants(double scale, int seed) {
  static std::map<std::pair<double, int>, std::vector<double>> made;
  const auto found = made.find({scale, seed});
  if (found != made.end()) return found->second;
  const Scenario s = testing::small_scenario("scenarios/no_policy.yaml", 2011, scale,
                                             {"scenario.seed=" + std::to_string(seed)});
  World w = build_world(s, 2);
  make_household_relocation()->setup(w);
  const std::size_t zones = w.zone_count();
  std::vector<double> c = w.calibration.household;
  EXPECT_EQ(c.size(), (zones + 1) * zones);
  for (std::size_t k = 0; k <= zones; ++k) {
    double mean = 0;
    for (std::size_t j = 0; j < zones; ++j) mean += c[k * zones + j];
    mean /= static_cast<double>(zones);
    for (std::size_t j = 0; j < zones; ++j) c[k * zones + j] -= mean;
  }
  return made.emplace(std::make_pair(scale, seed), std::move(c)).first->second;
}

double largest_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double largest = 0;
  for (std::size_t i = 0; i < a.size(); ++i) largest = std::max(largest, std::abs(a[i] - b[i]));
  return largest;
}

TEST(HouseholdCalibration, ConstantsDoNotFollowTheSeedInSparseCells) {
  // At 0.002 most long-commute cells hold no agent or one: calibrated to the sampled movers,
  // their constants differed by several log-units between seeds.
  const auto& a = centred_constants(0.002, 1);
  const auto& b = centred_constants(0.002, 2);
  EXPECT_LT(largest_difference(a, b), 0.5);
}

TEST(HouseholdCalibration, ConstantsDoNotFollowTheScale) {
  const auto& coarse = centred_constants(0.002, 1);
  const auto& fine = centred_constants(0.005, 1);
  EXPECT_LT(largest_difference(coarse, fine), 0.5);
}

}  // namespace
}  // namespace relocsim
