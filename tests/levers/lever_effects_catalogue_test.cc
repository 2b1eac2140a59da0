// Scenario-level tests of the rest of the lever catalogue: each lever against the same scenario
// without it, in the direction the lever states and of a plausible size.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using testing::run_in_memory;
using testing::small_scenario;

Scenario with_lever(const std::string& lever, int end_year) {
  return small_scenario("scenarios/no_policy.yaml", end_year, 0.002, {"levers=[" + lever + "]"});
}

const RunResult& control(int end_year) {
  static std::map<int, RunResult> cache;
  auto it = cache.find(end_year);
  if (it == cache.end())
    it = cache.emplace(end_year, run_in_memory(with_lever("", end_year))).first;
  return it->second;
}

TEST(ExitProgram, ListedFirmsLeaveForTheAllowedZones) {
  const RunResult r =
      run_in_memory(with_lever("{name: x, type: exit_program, from: 2012, zones: [beijing], "
                               "sectors: [general_manufacturing], "
                               "share: 0.3, destinations: [hebei, tianjin]}",
                               2013));
  const RunResult& c = control(2013);
  // Two years at 30% a year: about half of Beijing's manufacturers gone.
  const double left = r.value(2013, "beijing", "firms.general_manufacturing") /
                      c.value(2013, "beijing", "firms.general_manufacturing");
  EXPECT_LT(left, 0.6);
  EXPECT_GT(left, 0.3);
  EXPECT_GT(r.value(2013, "hebei", "jobs.general_manufacturing") +
                r.value(2013, "tianjin", "jobs.general_manufacturing"),
            c.value(2013, "hebei", "jobs.general_manufacturing") +
                c.value(2013, "tianjin", "jobs.general_manufacturing"));
  EXPECT_EQ(r.value(2011, "beijing", "firms.general_manufacturing"),
            c.value(2011, "beijing", "firms.general_manufacturing"));
}

TEST(RelocationIncentive, PaysFromItsBudgetUntilSpentThenStops) {
  const std::string lever =
      "{name: x, type: relocation_incentive, from: 2011, zones: [xiongan], subsidy_per_job: 50, "
      "budget: BUDGET, bonus: 1}";
  auto with_budget = [&](const std::string& budget) {
    std::string l = lever;
    l.replace(l.find("BUDGET"), 6, budget);
    return run_in_memory(with_lever(l, 2014));
  };
  const RunResult unlimited = with_budget("0");
  const RunResult& c = control(2014);
  // Firms move into Xiong'an more than without the lever, and are paid for it.
  EXPECT_GT(unlimited.value(2011, "region", "subsidy_paid"), 0);
  EXPECT_GT(unlimited.value(2014, "xiongan", "jobs"), c.value(2014, "xiongan", "jobs"));
  // With a budget worth about one year of payments, the payments stop once it is spent.
  const double budget = unlimited.value(2011, "region", "subsidy_paid") * 1.5;
  const RunResult limited = with_budget(std::to_string(budget));
  double paid = 0;
  for (int y = 2011; y <= 2014; ++y) paid += limited.value(y, "region", "subsidy_paid");
  EXPECT_NEAR(paid, budget, 1e-6 * budget);
  EXPECT_EQ(limited.value(2014, "region", "subsidy_paid"), 0);
  EXPECT_EQ(limited.value(2014, "xiongan", "subsidy_paid"), 0);
}

TEST(CoreAreaControl, CutsHousingAndFloorspaceAndTheCoreShrinks) {
  const RunResult r = run_in_memory(
      with_lever("{name: x, type: core_area_control, from: 2011, zones: [core], housing_cut: 0.05, "
                 "floorspace_cut: 0.05, push: 0.5}",
                 2014));
  const RunResult& c = control(2014);
  EXPECT_LT(r.value(2014, "core", "housing_capacity"),
            0.9 * c.value(2014, "core", "housing_capacity"));
  EXPECT_LT(r.value(2014, "core", "residents"), 0.95 * c.value(2014, "core", "residents"));
  EXPECT_LT(r.value(2014, "core", "jobs"), 0.95 * c.value(2014, "core", "jobs"));
  // The region keeps its people: they moved elsewhere.
  EXPECT_NEAR(r.value(2014, "region", "residents") / c.value(2014, "region", "residents"), 1.0,
              0.01);
}

TEST(SpaceReuse, VacatedFloorspaceRaisesServiceCapacity) {
  const RunResult r = run_in_memory(
      with_lever("{name: x, type: space_reuse, from: 2012, zones: [core], capital_share: 0.2, "
                 "services_share: 0.5, service: hospital}",
                 2014));
  const RunResult& c = control(2014);
  const double gain = r.value(2014, "core", "service_capacity.hospital") -
                      c.value(2014, "core", "service_capacity.hospital");
  EXPECT_GT(gain, 1000);  // beds from half of three years' vacated floorspace
  EXPECT_LT(r.value(2014, "core", "service_load.hospital"),
            c.value(2014, "core", "service_load.hospital"));
  EXPECT_LT(r.value(2014, "core", "floorspace_capacity"),
            c.value(2014, "core", "floorspace_capacity"));
}

TEST(LeadingFunctions, AttractTheListedSectors) {
  const RunResult r = run_in_memory(
      with_lever("{name: x, type: leading_functions, from: 2011, zones: [tongzhou], sectors: "
                 "[business_services], bonus: 2, floorspace: 50000}",
                 2014));
  const RunResult& c = control(2014);
  EXPECT_GT(r.value(2014, "tongzhou", "jobs.business_services"),
            1.2 * c.value(2014, "tongzhou", "jobs.business_services"));
  EXPECT_NEAR(r.value(2014, "tongzhou", "jobs.finance") / c.value(2014, "tongzhou", "jobs.finance"),
              1.0, 0.15);
}

TEST(IntegrationZone, FasterTravelAndMoreMovesAcrossTheBoundary) {
  const std::string lever =
      "{name: x, type: integration_zone, from: 2011, zones: [tongzhou, north_three], time_factor: "
      "0.5}";
  Simulation a(with_lever("", 2013), 2);
  const Scenario s = with_lever(lever, 2013);
  Simulation b(s, 2);
  double flows_a = 0;
  double flows_b = 0;
  const ZoneId t = a.world().model.find_zone("tongzhou");
  const ZoneId n = a.world().model.find_zone("north_three");
  while (!b.done()) {
    a.step();
    b.step();
    EXPECT_NEAR(b.world().network.minutes(t, n), 0.5 * a.world().network.minutes(t, n), 1e-9);
    flows_a += a.world().tally.flow(YearTally::kResident, t.get(), n.get()) +
               a.world().tally.flow(YearTally::kResident, n.get(), t.get());
    flows_b += b.world().tally.flow(YearTally::kResident, t.get(), n.get()) +
               b.world().tally.flow(YearTally::kResident, n.get(), t.get());
  }
  EXPECT_GT(flows_b, 1.5 * flows_a);
}

TEST(InnovationCooperation, BranchesOpenInTheTargets) {
  const RunResult r = run_in_memory(
      with_lever("{name: x, type: innovation_cooperation, from: 2011, zones: [cangzhou], sectors: "
                 "[biomedicine], share: 0.05, branch_size: 0.5}",
                 2013));
  const RunResult& c = control(2013);
  EXPECT_GT(r.value(2011, "region", "firm_branches"), 0);
  EXPECT_EQ(c.value(2011, "region", "firm_branches"), 0);
  EXPECT_GT(r.value(2013, "cangzhou", "jobs.biomedicine"),
            1.2 * c.value(2013, "cangzhou", "jobs.biomedicine"));
}

TEST(PublicServiceTransfer, AddsCapacityAndQualityInTheTargets) {
  const RunResult r = run_in_memory(with_lever(
      "{name: x, type: public_service_transfer, from: 2012, zones: [xiongan], service: hospital, "
      "capacity: 5000, quality: 0.2, origin: [xicheng]}",
      2013));
  const RunResult& c = control(2013);
  EXPECT_NEAR(r.value(2013, "xiongan", "service_capacity.hospital") -
                  c.value(2013, "xiongan", "service_capacity.hospital"),
              5000, 1e-6);
  EXPECT_NEAR(c.value(2013, "xicheng", "service_capacity.hospital") -
                  r.value(2013, "xicheng", "service_capacity.hospital"),
              5000, 1e-6);
  EXPECT_GT(r.value(2013, "xiongan", "residents"), c.value(2013, "xiongan", "residents"));
}

TEST(PopulationCap, KeepsTheGroupAtOrUnderItsCap) {
  const double cap = 20.0e6;
  const RunResult r = run_in_memory(with_lever(
      "{name: x, type: population_cap, from: 2011, zones: [beijing], cap: 20000000}", 2016));
  const RunResult& c = control(2016);
  EXPECT_GT(c.value(2016, "beijing", "residents"), cap * 1.05);
  for (int y = 2011; y <= 2016; ++y) {
    // Births can add a little in the year the cap is reached; in-migration cannot.
    EXPECT_LE(r.value(y, "beijing", "residents"), cap * 1.005) << y;
    EXPECT_LE(r.value(y, "region", "beijing_residents_vs_cap"), 1.005) << y;
  }
}

TEST(HousingSupply, NewHousingRaisesResidents) {
  const RunResult r = run_in_memory(with_lever(
      "{name: x, type: housing_supply, zones: [xiongan], schedule: {2012: 100000}}", 2014));
  const RunResult& c = control(2014);
  EXPECT_NEAR(
      r.value(2012, "xiongan", "housing_capacity") - c.value(2012, "xiongan", "housing_capacity"),
      100000, 2000);
  EXPECT_GT(r.value(2014, "xiongan", "residents"), c.value(2014, "xiongan", "residents") + 10000);
}

TEST(Environment, BetterEnvironmentAttractsResidents) {
  const RunResult r = run_in_memory(
      with_lever("{name: x, type: environment, from: 2011, zones: [xiongan], quality: 1.0}", 2014));
  const RunResult& c = control(2014);
  EXPECT_GT(r.value(2014, "xiongan", "residents"), c.value(2014, "xiongan", "residents") * 1.005);
}

}  // namespace
}  // namespace relocsim
