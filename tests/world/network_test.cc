#include "engine/world/network.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/world/synthesis.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

TEST(Network, ShortestPathsOverOpenLinks) {
  const Scenario s = testing::small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  World w = build_world(s, 2);
  const ZoneId dongcheng = w.model.find_zone("dongcheng");
  const ZoneId xicheng = w.model.find_zone("xicheng");
  const ZoneId xiongan = w.model.find_zone("xiongan");
  EXPECT_EQ(w.network.minutes(dongcheng, xicheng), 4.0);  // the road link, no access time
  EXPECT_EQ(w.network.minutes(xicheng, dongcheng), 4.0);
  EXPECT_EQ(w.network.minutes(dongcheng, dongcheng), 8.0);  // intra-zone: sqrt(40.6) -> min 8
  // Planned links (the Beijing-Xiong'an railway opens only by lever) are not used.
  const double before = w.network.minutes(dongcheng, xiongan);
  EXPECT_GT(before, 100.0);
  for (auto& l : w.network.links()) {
    if (l.name == "Beijing-Xiong'an intercity railway (Daxing airport-Xiong'an)") {
      l.planned = false;
      l.opens = 2015;
    }
  }
  w.network.invalidate();
  w.network.update(2014);
  EXPECT_EQ(w.network.minutes(dongcheng, xiongan), before);
  w.network.update(2015);
  EXPECT_LT(w.network.minutes(dongcheng, xiongan), before - 30);
}

TEST(Network, AccessibilityIsJobsDiscountedByTime) {
  const Scenario s = testing::small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  World w = build_world(s, 2);
  std::vector<double> jobs(w.zone_count(), 0.0);
  jobs[w.model.find_zone("xicheng").get()] = 1000;
  w.network.update_accessibility(jobs, 0.05);
  const auto& a = w.network.accessibility();
  EXPECT_NEAR(a[w.model.find_zone("dongcheng").get()], 1000 * std::exp(-0.05 * 4), 1e-9);
}

}  // namespace
}  // namespace relocsim
