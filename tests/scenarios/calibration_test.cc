// The shipped scenarios against the data: the base year reproduces the 2010 census, Beijing
// reaches its observed 2014 population, and the stationary region stays where it began.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/test_support.h"

namespace relocsim {
namespace {

TEST(Calibration, BaseYearIsTheCensusAndBeijingReachesItsObserved2014) {
  // no_policy carries the baseline's trends; 2010-2014 has no lever in either.
  const Scenario s =
      load_scenario(testing::source_path("scenarios/no_policy.yaml"), {"scenario.end_year=2014"});
  ASSERT_EQ(s.info.scale, 0.01);
  const RunResult r = testing::run_in_memory(s);
  for (const auto& z : s.geography.zones) {
    EXPECT_NEAR(r.value(2010, z.id, "residents") / z.residents, 1.0, 0.01) << z.id;
  }
  // Beijing is 1.55 % short here and 1.5 % at scale 1 (docs/scenarios.md, "Calibration to 2014"):
  // within the 2 % asked, with little margin.
  EXPECT_NEAR(r.value(2014, "beijing", "residents") / 21.516e6, 1.0, 0.02);
  EXPECT_NEAR(r.value(2014, "six_central", "residents") / 12.76e6, 1.0, 0.03);
}

TEST(Calibration, StationaryRegionKeepsResidentsAndJobsOfEveryLargeZone) {
  const Scenario s = load_scenario(testing::source_path("scenarios/stationary.yaml"));
  const RunResult r = testing::run_in_memory(s);
  const int y0 = s.info.start_year;
  const int y1 = y0 + 10;
  ASSERT_LE(y1, s.info.end_year);
  std::vector<std::string> entities;
  for (const auto& z : s.geography.zones) entities.push_back(z.id);
  for (const auto& g : s.geography.groups) entities.push_back(g.id);
  for (const auto& e : entities) {
    if (r.value(y0, e, "residents") < 100000) continue;
    for (const char* m : {"residents", "jobs"}) {
      EXPECT_NEAR(r.value(y1, e, m) / r.value(y0, e, m), 1.0, 0.01) << e << " " << m;
    }
  }
  // Births equal deaths zone by zone, each rounded to whole agents, and nobody migrates.
  EXPECT_NEAR(r.value(y1, "region", "residents") / r.value(y0, "region", "residents"), 1.0, 1e-4);
}

}  // namespace
}  // namespace relocsim
