// relocsim validate SCENARIO [--set path=value]...: checks a scenario without running it.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "relocsim/scenario.h"

namespace relocsim::app {

void setup_validate(CLI::App& sub, std::function<int()>& action) {
  auto scenario = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  sub.add_option("scenario", *scenario, "Scenario file (YAML)")->required();
  sub.add_option("--set", *sets, "Override a scenario value: path=value (repeatable)");
  sub.callback([&action, scenario, sets] {
    action = [scenario, sets] {
      const Scenario s = load_scenario(*scenario, *sets);
      fmt::print("{}: valid scenario '{}' ({}-{}, {} zones, {} levers, {} targets)\n", *scenario,
                 s.info.name, s.info.start_year, s.info.end_year, s.geography.zones.size(),
                 s.levers.size(), s.targets.size());
      return 0;
    };
  });
}

}  // namespace relocsim::app
