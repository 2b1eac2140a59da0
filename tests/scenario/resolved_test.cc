// load_scenario end to end: the resolved scenario (extends merged, CSVs inlined, defaults written
// back) stands alone and reads back to itself; diagnostics come in file order, capped.
#include <gtest/gtest.h>

#include <string>

#include "relocsim/scenario.h"
#include "tests/scenario/scenario_test_util.h"

namespace relocsim {
namespace {

using scenario::testing::error_of;
using scenario::testing::ScratchDir;

std::string source(const std::string& relative) {
  return std::string(RELOCSIM_SOURCE_DIR) + "/" + relative;
}

class Resolved : public ::testing::TestWithParam<const char*> {};

TEST_P(Resolved, ReadsBackToTheSameText) {
  ScratchDir dir;
  const Scenario first = load_scenario(source(GetParam()));
  EXPECT_EQ(first.resolved_yaml.find("extends:"), std::string::npos);
  EXPECT_EQ(first.resolved_yaml.find("file:"), std::string::npos);  // CSVs inlined
  const Scenario again = load_scenario(dir.write("resolved.yaml", first.resolved_yaml));
  EXPECT_EQ(again.resolved_yaml, first.resolved_yaml);
  EXPECT_EQ(again.sha256, first.sha256);
  EXPECT_EQ(again.levers.size(), first.levers.size());
  EXPECT_EQ(again.geography.zones.size(), first.geography.zones.size());
}

INSTANTIATE_TEST_SUITE_P(Shipped, Resolved,
                         ::testing::Values("scenarios/no_policy.yaml", "scenarios/baseline.yaml",
                                           "scenarios/stationary.yaml"));

TEST(Resolved, ShowsEveryDefaultAndOverride) {
  const Scenario s = load_scenario(source("scenarios/no_policy.yaml"),
                                   {"behaviour.calibration.iterations=50", "scenario.seed=3"});
  EXPECT_EQ(s.behaviour.calibration.iterations, 50);
  EXPECT_NE(s.resolved_yaml.find("  calibration:\n    iterations: 50\n"), std::string::npos);
  EXPECT_NE(s.resolved_yaml.find("seed: 3\n"), std::string::npos);
  // Defaults the file does not give are written.
  EXPECT_NE(s.resolved_yaml.find("rent_step_max:"), std::string::npos);
  EXPECT_NE(s.resolved_yaml.find("outputs:\n  flows: true\n  report: true\n"), std::string::npos);
}

TEST(Resolved, DefaultedLeverFieldsReadBack) {
  // A transport project writes its unset zones back as "", which must read back as unset.
  ScratchDir dir;
  const auto path =
      dir.write("s.yaml", "extends: " + source("scenarios/no_policy.yaml") +
                              "\nlevers:\n  - {name: line, type: transport_project, year: 2020,"
                              " origin: tongzhou, destination: langfang, minutes: 20}\n");
  const Scenario s = load_scenario(path);
  EXPECT_NE(s.resolved_yaml.find("link: \"\""), std::string::npos);
  EXPECT_EQ(load_scenario(dir.write("r.yaml", s.resolved_yaml)).resolved_yaml, s.resolved_yaml);
}

TEST(Diagnostics, ComeInFileOrderWithOverridesAndFileErrorsTogether) {
  ScratchDir dir;
  const auto path = dir.write("s.yaml", "extends: " + source("scenarios/no_policy.yaml") +
                                            "\nbehaviour:\n  market: {rounds: 0}\n"
                                            "scenario:\n  scale: 2\n");
  EXPECT_EQ(error_of([&] {
              load_scenario(path, {"levers[x].y=1", "scenario.sed=1"});
            }),
            "--set levers[x].y=1: no item named 'x' in the list\n" + path +
                ":3:20: 0 is out of range: must be at least 1 and at most 50\n" + path +
                ":5:10: 2 is out of range: must be above 0 and at most 1\n"
                "--set scenario.sed=1: unknown key 'sed' in scenario (did you mean 'seed'?)");
}

TEST(Diagnostics, AreCappedAtAHundred) {
  ScratchDir dir;
  std::string text = "extends: " + source("scenarios/no_policy.yaml") + "\nscenario:\n";
  for (int k = 0; k < 150; ++k) text += "  unknown_" + std::to_string(k) + ": 1\n";
  const auto path = dir.write("s.yaml", text);
  try {
    load_scenario(path);
    FAIL();
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 101u);
    EXPECT_EQ(e.diagnostics()[0].str(), path + ":3:3: unknown key 'unknown_0' in scenario");
    EXPECT_EQ(e.diagnostics()[100].str(), path + ": and 50 more problems not shown");
  }
}

}  // namespace
}  // namespace relocsim
