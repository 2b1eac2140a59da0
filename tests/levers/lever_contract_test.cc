// Contract tests over every registered lever type: a lever of zero strength changes nothing, and
// every type has a documented example that validates.
#include <gtest/gtest.h>

#include "engine/levers/lever.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

// A zero-strength instance of each lever type (YAML flow), by type.
const std::map<std::string, std::string>& zero_strength() {
  static const std::map<std::string, std::string> kZero = {
      {"negative_list",
       "{name: z, type: negative_list, zones: [core], restricted: [finance], restricted_penalty: 0}"},
      {"mandated_relocation",
       "{name: z, type: mandated_relocation, kinds: [university], origin: [haidian], destination: "
       "xiongan, schedule: {2012: 0}}"},
      {"transport_project",
       "{name: z, type: transport_project, link: Beijing-Tianjin intercity railway, year: 2012}"},
  };
  return kZero;
}

class LeverContract : public ::testing::TestWithParam<std::string> {};

TEST_P(LeverContract, ZeroStrengthChangesNothing) {
  const auto it = zero_strength().find(GetParam());
  ASSERT_NE(it, zero_strength().end()) << "add a zero-strength case for " << GetParam();
  const Scenario control = testing::small_scenario("scenarios/no_policy.yaml", 2012, 0.001);
  const Scenario zero =
      testing::small_scenario("scenarios/no_policy.yaml", 2012, 0.001, {"levers=[" + it->second + "]"});
  EXPECT_EQ(testing::run_in_memory(control).metrics_csv, testing::run_in_memory(zero).metrics_csv);
}

TEST_P(LeverContract, ExampleValidates) {
  const auto* type = levers::find_lever_type(GetParam());
  ASSERT_NE(type, nullptr);
  // The example is a YAML list of one lever: it becomes the levers of a scenario.
  const std::string example = type->example;
  const std::string path = ::testing::TempDir() + "/lever_example_" + GetParam() + ".yaml";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    const std::string text = "extends: " + testing::source_path("scenarios/no_policy.yaml") +
                             "\nlevers:\n" + example;
    std::fputs(text.c_str(), f);
    std::fclose(f);
  }
  try {
    const Scenario s = load_scenario(path);
    EXPECT_EQ(s.levers.size(), 1u);
  } catch (const InputError& e) {
    ADD_FAILURE() << e.what();
  }
}

std::vector<std::string> lever_type_names() {
  std::vector<std::string> names;
  for (const auto& t : levers::lever_types()) names.emplace_back(t.type);
  return names;
}

INSTANTIATE_TEST_SUITE_P(EveryLever, LeverContract, ::testing::ValuesIn(lever_type_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relocsim
