#include "engine/world/synthesis.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/world/digest.h"
#include "tests/support/invariants.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using testing::small_scenario;

TEST(Synthesis, ResidentsOfEveryZoneMatchTheBaseYearData) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  const World w = build_world(s, 2);
  for (const auto& z : s.geography.zones) {
    const double agents = w.zones.residents[w.model.find_zone(z.id).get()];
    EXPECT_NEAR(agents / 0.002, z.residents, 0.5 / 0.002 + 1e-6) << z.id;
  }
}

TEST(Synthesis, WorldIsConsistent) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  const World w = build_world(s, 2);
  EXPECT_EQ(testing::invariant_violations(w), std::vector<std::string>{});
  // Everyone employed holds a position; positions exceed workers by about the vacancy rate.
  double positions = 0;
  double filled = 0;
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    positions += w.firms.jobs[f];
    filled += w.firms.filled[f];
  }
  for (std::size_t i = 0; i < w.institutions.size(); ++i) {
    positions += w.institutions.jobs[i];
    filled += w.institutions.filled[i];
  }
  EXPECT_NEAR(positions / filled, 1 + s.population.job_vacancy_rate, 0.02);
}

TEST(Synthesis, InstitutionsAreNeverSampled) {
  const World small = build_world(small_scenario("scenarios/no_policy.yaml", 2011, 0.002), 2);
  const World large = build_world(small_scenario("scenarios/no_policy.yaml", 2011, 0.004), 2);
  EXPECT_EQ(small.institutions.size(), large.institutions.size());
  EXPECT_EQ(small.institutions.staff, large.institutions.staff);
  // Resident agents double with the scale.
  EXPECT_NEAR(double(large.residents.alive()) / small.residents.alive(), 2.0, 0.001);
}

TEST(Synthesis, SameSeedSameWorldWhateverTheThreads) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  EXPECT_EQ(world_digest(build_world(s, 1)), world_digest(build_world(s, 2)));
  const Scenario other =
      small_scenario("scenarios/no_policy.yaml", 2011, 0.002, {"scenario.seed=99"});
  EXPECT_NE(world_digest(build_world(s, 2)), world_digest(build_world(other, 2)));
}

TEST(Synthesis, AllocateCountsIsExactAndProportional) {
  EXPECT_EQ(allocate_counts(10, {1, 1, 2}), (std::vector<int>{3, 2, 5}));
  EXPECT_EQ(allocate_counts(0, {1, 2}), (std::vector<int>{0, 0}));
}

}  // namespace
}  // namespace relocsim
