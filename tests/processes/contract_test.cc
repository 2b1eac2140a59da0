// Contract tests run over every registered process: each keeps the world consistent (columns of
// equal length, valid ids, staff counts that match who works where) and leaves the same world for
// the same seed whatever the thread count.
#include <gtest/gtest.h>

#include "engine/world/digest.h"
#include "tests/support/invariants.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

struct Trace {
  std::vector<std::string> digests;                  // after each process of 2019
  std::vector<std::vector<std::string>> violations;  // after each process of 2019
};

// Steps the baseline to 2018, then runs 2019's processes (the year municipal bodies move) one by
// one, recording the world after each.
Trace trace(int threads) {
  static const Scenario s = testing::small_scenario("scenarios/baseline.yaml", 2035, 0.002);
  Simulation sim(s, threads);
  while (sim.year() < 2018) sim.step();
  World& w = sim.world();
  w.year = 2019;
  w.tally.reset(w.zone_count());
  Trace t;
  for (const auto& p : sim.processes()) {
    p->step(w, YearContext{2019});
    t.digests.push_back(world_digest(w));
    t.violations.push_back(testing::invariant_violations(w));
  }
  return t;
}

TEST(ProcessContract, EveryProcessIsDeterministicAndKeepsTheWorldConsistent) {
  const Trace one = trace(1);
  const Trace two = trace(2);
  const auto registry = process_registry();
  ASSERT_EQ(one.digests.size(), registry.size());
  bool labour_done = false;
  for (std::size_t k = 0; k < registry.size(); ++k) {
    SCOPED_TRACE(registry[k].name);
    EXPECT_EQ(one.digests[k], two.digests[k]);
    // Until the labour market runs, staff of moved employers still carry their old work zone.
    labour_done = labour_done || std::string(registry[k].name) == "labour_market";
    if (labour_done) {
      EXPECT_EQ(one.violations[k], std::vector<std::string>{});
    }
  }
}

TEST(ProcessContract, RegistryHoldsTheYearOfTheDesignInOrder) {
  std::vector<std::string> names;
  for (const auto& p : process_registry()) names.emplace_back(p.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"policy_schedule", "network", "demography", "firm_dynamics",
                                      "firm_relocation", "institution_relocation", "labour_market",
                                      "household_relocation", "markets", "public_services"}));
}

}  // namespace
}  // namespace relocsim
