// Contract tests over every registered lever type: a lever of zero strength changes nothing, and
// every type has a documented example that validates.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/levers/lever.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

// A zero-strength instance of each lever type (YAML flow), by type.
const std::map<std::string, std::string>& zero_strength() {
  static const std::map<std::string, std::string> kZero = {
      {"negative_list",
       "{name: z, type: negative_list, zones: [core], restricted: [finance], restricted_penalty: "
       "0}"},
      {"mandated_relocation",
       "{name: z, type: mandated_relocation, kinds: [university], origin: [haidian], destination: "
       "xiongan, schedule: {2012: 0}}"},
      {"transport_project",
       "{name: z, type: transport_project, link: Beijing-Tianjin intercity railway, year: 2012}"},
      {"exit_program",
       "{name: z, type: exit_program, zones: [core], sectors: [finance], schedule: {2012: 0}}"},
      {"relocation_incentive",
       "{name: z, type: relocation_incentive, zones: [xiongan], subsidy_per_job: 0}"},
      {"core_area_control",
       "{name: z, type: core_area_control, zones: [core], freeze_supply: false}"},
      {"space_reuse", "{name: z, type: space_reuse, zones: [core], capital_bonus: 0}"},
      {"leading_functions",
       "{name: z, type: leading_functions, zones: [tongzhou], sectors: [finance], bonus: 0}"},
      {"integration_zone",
       "{name: z, type: integration_zone, zones: [tongzhou, shunyi], time_factor: 1}"},
      {"innovation_cooperation",
       "{name: z, type: innovation_cooperation, zones: [cangzhou], sectors: [biomedicine], share: "
       "0, "
       "cluster_bonus: 0}"},
      {"public_service_transfer",
       "{name: z, type: public_service_transfer, zones: [xiongan], capacity: 0, quality: 0}"},
      {"population_cap",
       "{name: z, type: population_cap, zones: [beijing], cap: 1e10, freeze_margin: 0}"},
      {"housing_supply", "{name: z, type: housing_supply, zones: [xiongan], schedule: {2012: 0}}"},
      {"environment", "{name: z, type: environment, zones: [hebei]}"},
  };
  return kZero;
}

class LeverContract : public ::testing::TestWithParam<std::string> {};

TEST_P(LeverContract, ZeroStrengthChangesNothing) {
  const auto it = zero_strength().find(GetParam());
  ASSERT_NE(it, zero_strength().end()) << "add a zero-strength case for " << GetParam();
  const Scenario control = testing::small_scenario("scenarios/no_policy.yaml", 2012, 0.001);
  const Scenario zero = testing::small_scenario("scenarios/no_policy.yaml", 2012, 0.001,
                                                {"levers=[" + it->second + "]"});
  // Every simulated value is the same; only the indicator measured against a cap lever's cap
  // exists where the lever does.
  auto without_cap_ratio = [](const std::string& csv) {
    std::string out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
      if (line.find(",beijing_residents_vs_cap,") == std::string::npos) out += line + '\n';
    }
    return out;
  };
  EXPECT_EQ(without_cap_ratio(testing::run_in_memory(control).metrics_csv),
            without_cap_ratio(testing::run_in_memory(zero).metrics_csv));
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
    const std::string text =
        "extends: " + testing::source_path("scenarios/no_policy.yaml") + "\nlevers:\n" + example;
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
