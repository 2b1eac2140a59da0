// Properties every run must have: agents accounted for, bit-identical results for the same seed
// whatever the thread count, different results for another seed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using testing::run_in_memory;
using testing::small_scenario;

TEST(Properties, RegionResidentsChangeByBirthsDeathsAndMigration) {
  const RunResult r = run_in_memory(small_scenario("scenarios/baseline.yaml", 2035, 0.002));
  for (int y = 2011; y <= 2035; ++y) {
    const double change = r.value(y, "region", "residents") - r.value(y - 1, "region", "residents");
    const double flows = r.value(y, "region", "births") - r.value(y, "region", "deaths") +
                         r.value(y, "region", "immigrants") - r.value(y, "region", "emigrants");
    EXPECT_NEAR(change, flows, 1e-6) << y;
    EXPECT_GT(r.value(y, "region", "births"), 0) << y;
    EXPECT_GT(r.value(y, "region", "movers.resident"), 0) << y;
  }
}

TEST(Properties, SameSeedSameFilesWhateverTheThreads) {
  const Scenario s = small_scenario("scenarios/baseline.yaml", 2035, 0.002);
  const RunResult one = run_in_memory(s, 1);
  const RunResult two = run_in_memory(s, 2);
  const RunResult again = run_in_memory(s, 2);
  EXPECT_EQ(one.metrics_csv, two.metrics_csv);
  EXPECT_EQ(one.flows_csv, two.flows_csv);
  EXPECT_EQ(two.metrics_csv, again.metrics_csv);
  const RunResult other =
      run_in_memory(small_scenario("scenarios/baseline.yaml", 2035, 0.002, {"scenario.seed=4"}));
  EXPECT_NE(one.metrics_csv, other.metrics_csv);
}

TEST(Properties, EveryZoneGroupAndYearHasEveryMetric) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2012, 0.001);
  const RunResult r = run_in_memory(s);
  std::vector<std::string> entities;
  for (const auto& z : s.geography.zones) entities.push_back(z.id);
  for (const auto& g : s.geography.groups) entities.push_back(g.id);
  entities.emplace_back("region");
  std::vector<std::string> metrics = {"residents",      "jobs",         "firms",
                                      "institutions",   "rent_housing", "rent_commercial",
                                      "commute_minutes"};
  for (const auto& sector : s.population.sectors) {
    metrics.push_back("jobs." + sector.id);
    metrics.push_back("firms." + sector.id);
  }
  for (int y = 2010; y <= 2012; ++y) {
    for (const auto& e : entities) {
      for (const auto& m : metrics) EXPECT_TRUE(r.find(y, e, m)) << y << " " << e << " " << m;
    }
    for (const char* m : {"births", "deaths", "immigrants", "emigrants", "movers.resident",
                          "movers.firm", "movers.institution"}) {
      EXPECT_TRUE(r.find(y, "region", m)) << y << " " << m;
    }
  }
}

TEST(Properties, TargetOfAMetricTheRunDoesNotRecordIsRefusedBeforeRunning) {
  const Scenario s = testing::small_scenario(
      "scenarios/no_policy.yaml", 2012, 0.002,
      {"targets=[{id: T9, zone: beijing, metric: residentz, year: 2012, max: 1}]"});
  try {
    testing::run_in_memory(s);
    FAIL() << "the run should be refused";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr(
                              "target 'T9': no metric 'residentz' (did you mean 'residents'?)"));
  }
}

TEST(Properties, TargetsOfMetricsRecordedFromTheReferenceYearAreAccepted) {
  // plan_2035's T03 names residents_vs_2014, which exists only from 2014 on.
  const Scenario s =
      load_scenario(testing::source_path("scenarios/plan_2035.yaml"), {"scenario.scale=0.002"});
  const RunResult r = testing::run_in_memory(s);
  ASSERT_TRUE(r.find(2020, "six_central", "residents_vs_2014").has_value());
  EXPECT_FALSE(r.find(2013, "six_central", "residents_vs_2014").has_value());
}

}  // namespace
}  // namespace relocsim
