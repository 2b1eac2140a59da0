// Scenario-level tests of each lever: its effect on the simulation, in the direction and of the
// size the lever states, against the same scenario without it.
#include <gtest/gtest.h>

#include <set>

#include "engine/levers/lever.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using testing::small_scenario;

// A lever written as YAML flow text, added to no_policy at a small scale.
Scenario with_lever(const std::string& lever, int end_year) {
  return small_scenario("scenarios/no_policy.yaml", end_year, 0.002, {"levers=[" + lever + "]"});
}

// Firm agents of the listed sectors that entered (new or moved in) a Beijing zone this year.
int beijing_entries(const World& w, const std::set<std::string>& sectors) {
  const int beijing = w.model.find_province("Beijing");
  int n = 0;
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    if (!w.firms.alive(f) || !sectors.contains(w.model.sector(w.firms.sector[f]).id)) continue;
    if (w.model.zones[w.firms.zone[f].get()].province != beijing) continue;
    if ((w.firms.flags[f] & (FirmFlags::kNew | FirmFlags::kMoved)) != 0) ++n;
  }
  return n;
}

TEST(NegativeList, NoProhibitedFirmEntersTheListedZonesFromItsFirstYear) {
  const std::set<std::string> banned = {"general_manufacturing", "wholesale_logistics"};
  const Scenario control = with_lever("", 2014);
  const Scenario listed = with_lever(
      "{name: catalogue, type: negative_list, from: 2012, zones: [beijing], sectors: "
      "[general_manufacturing, wholesale_logistics]}",
      2014);
  Simulation a(control, 2);
  Simulation b(listed, 2);
  int control_entries_after = 0;
  while (!b.done()) {
    a.step();
    b.step();
    if (b.year() >= 2012) {
      EXPECT_EQ(beijing_entries(b.world(), banned), 0) << b.year();
      control_entries_after += beijing_entries(a.world(), banned);
    } else {
      EXPECT_GT(beijing_entries(b.world(), banned), 0) << "the list is not active yet";
    }
  }
  // Without the list such firms do enter Beijing: the test could fail.
  EXPECT_GT(control_entries_after, 50);
}

TEST(MandatedRelocation, MovesTheStatedShareOfBodiesAndTheirStaffInTheStatedYear) {
  const Scenario control = with_lever("", 2013);
  const Scenario moved = with_lever(
      "{name: half, type: mandated_relocation, kinds: [municipal_admin], origin: [core], "
      "destination: tongzhou, schedule: {2012: 0.5}}",
      2013);
  const RunResult a = testing::run_in_memory(control);
  const RunResult b = testing::run_in_memory(moved);
  // 200 municipal bodies of 600 staff in the core: 100 bodies and 60,000 staff move in 2012.
  EXPECT_EQ(b.value(2011, "tongzhou", "staff"), a.value(2011, "tongzhou", "staff"));
  EXPECT_EQ(b.value(2012, "tongzhou", "staff") - a.value(2012, "tongzhou", "staff"), 60000);
  EXPECT_EQ(b.value(2012, "tongzhou", "institutions") - a.value(2012, "tongzhou", "institutions"),
            100);
  EXPECT_EQ(a.value(2012, "core", "staff") - b.value(2012, "core", "staff"), 60000);
  // Their positions go with them.
  const double jobs_gain = b.value(2012, "tongzhou", "jobs") - a.value(2012, "tongzhou", "jobs");
  EXPECT_NEAR(jobs_gain, 60000, 15000);
  EXPECT_EQ(b.value(2012, "region", "movers.institution"), 100);
  // The schedule is cumulative: nothing more moves in 2013.
  EXPECT_EQ(b.value(2013, "region", "movers.institution"), 0);
}

TEST(TransportProject, ANewLinkShortensTravelAndRaisesAccessibilityFromItsOpeningYear) {
  const Scenario control = with_lever("", 2013);
  const Scenario built = with_lever(
      "{name: xiongan_express, type: transport_project, origin: xiongan, destination: dongcheng, "
      "mode: rail, minutes: 30, year: 2012}",
      2013);
  Simulation a(control, 2);
  Simulation b(built, 2);
  const ZoneId xiongan = a.world().model.find_zone("xiongan");
  const ZoneId dongcheng = a.world().model.find_zone("dongcheng");
  while (!b.done()) {
    a.step();
    b.step();
    const double ta = a.world().network.minutes(xiongan, dongcheng);
    const double tb = b.world().network.minutes(xiongan, dongcheng);
    const double aa = a.world().network.accessibility()[xiongan.get()];
    const double ab = b.world().network.accessibility()[xiongan.get()];
    if (b.year() < 2012) {
      EXPECT_EQ(tb, ta);
    } else {
      EXPECT_EQ(tb, 30 + 15);  // in-vehicle minutes plus rail access
      EXPECT_LT(tb, ta - 60);
      EXPECT_GT(ab, aa * 1.2);
    }
  }
}

}  // namespace
}  // namespace relocsim
