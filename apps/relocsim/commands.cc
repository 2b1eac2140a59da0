#include "apps/relocsim/commands.h"

#include <array>

namespace relocsim::app {

void setup_run(CLI::App& sub, std::function<int()>& action);
void setup_validate(CLI::App& sub, std::function<int()>& action);

std::span<const Command> commands() {
  static constexpr std::array kCommands{
      Command{"run", "Run one scenario and write its outputs", &setup_run},
      Command{"validate", "Check a scenario without running it", &setup_validate},
  };
  return kCommands;
}

}  // namespace relocsim::app
