// The moving firm's utilities shared by firm relocation and the firm constants' calibration.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/choice/firm_utility.h"
#include "engine/choice/logit.h"
#include "engine/world/synthesis.h"
#include "engine/world/world.h"
#include "tests/support/test_support.h"

namespace relocsim::choice {
namespace {

// A small base-year world, built once (it refers to its scenario, which lives as long).
World& small_world() {
  static const Scenario scenario = testing::small_scenario("scenarios/no_policy.yaml", 2011, 0.002);
  static World world = build_world(scenario, 2);
  return world;
}

TEST(FirmMover, RowAddsDistanceAndStaying) {
  const World& w = small_world();
  const std::size_t zones = w.zone_count();
  const auto& b = w.model.behaviour().firm;
  std::vector<double> sector_utility(zones);
  for (std::size_t j = 0; j < zones; ++j) sector_utility[j] = 0.1 * static_cast<double>(j);
  std::vector<double> u(zones);
  const std::size_t origin = 3;
  firm_mover_row(w, sector_utility.data(), origin, false, nullptr, u.data());
  for (std::size_t j = 0; j < zones; ++j) {
    const double expected = sector_utility[j] +
                            b.b_dist * w.network.minutes(ZoneId::from(origin), ZoneId::from(j)) +
                            (j == origin ? b.b_stay : 0.0);
    EXPECT_DOUBLE_EQ(u[j], expected) << j;
  }
  // Staying weighs: the origin's utility differs from what distance alone gives.
  ASSERT_NE(b.b_stay, 0);
  EXPECT_NE(u[origin], sector_utility[origin] + b.b_dist * w.network.minutes(ZoneId::from(origin),
                                                                             ZoneId::from(origin)));
}

TEST(FirmMover, ForcedFirmsLeaveTheirZoneForZonesThatAdmitThemWithRoom) {
  World& w = small_world();
  const std::size_t zones = w.zone_count();
  std::vector<double> sector_utility(zones, 0.0);
  std::vector<std::uint8_t> open(zones, 1);
  open[5] = 0;
  w.policy.exit_allowed.assign(zones, 1);
  w.policy.exit_allowed[7] = 0;
  std::vector<double> u(zones);
  firm_mover_row(w, sector_utility.data(), 2, true, open.data(), u.data());
  for (std::size_t j = 0; j < zones; ++j) {
    const bool closed = j == 2 || j == 5 || j == 7;
    EXPECT_EQ(u[j] == kUnavailable, closed) << j;
  }
  // A voluntary mover may stay, and go where exits are refused, but not where there is no room.
  firm_mover_row(w, sector_utility.data(), 2, false, open.data(), u.data());
  for (std::size_t j = 0; j < zones; ++j) EXPECT_EQ(u[j] == kUnavailable, j == 5) << j;
  w.policy.exit_allowed.assign(zones, 1);
}

TEST(FirmMover, TableRowsAreVoluntaryThenForcedByOriginAndSector) {
  const World& w = small_world();
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  std::vector<double> utility(sectors * zones);
  for (std::size_t k = 0; k < utility.size(); ++k) utility[k] = std::sin(static_cast<double>(k));
  ChoiceTable table;
  firm_mover_table(w, utility, nullptr, table);
  ASSERT_EQ(table.rows(), 2 * zones * sectors);
  ASSERT_EQ(table.alternatives(), zones);
  // Row (forced, origin 4, sector 1): its draws never stay at the origin.
  const std::size_t forced_row = zones * sectors + 4 * sectors + 1;
  const std::size_t voluntary_row = 4 * sectors + 1;
  std::vector<double> u(zones);
  std::vector<double> p(zones);
  firm_mover_row(w, &utility[1 * zones], 4, false, nullptr, u.data());
  ASSERT_TRUE(softmax(u.data(), p.data(), zones));
  for (int k = 0; k < 200; ++k) {
    const double uniform = (k + 0.5) / 200;
    EXPECT_NE(table.draw(forced_row, uniform), 4);
  }
  // The voluntary row stays with its logit probability of staying.
  int stays = 0;
  for (int k = 0; k < 1000; ++k) stays += table.draw(voluntary_row, (k + 0.5) / 1000) == 4 ? 1 : 0;
  EXPECT_NEAR(stays / 1000.0, p[4], 0.002);
}

}  // namespace
}  // namespace relocsim::choice
