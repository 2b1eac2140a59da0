// relocsim levers [--markdown]: the lever types a scenario can use, with their fields.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "engine/levers/docs.h"
#include "engine/levers/lever_type.h"

namespace relocsim::app {

void setup_levers(CLI::App& sub, std::function<int()>& action) {
  auto markdown = std::make_shared<bool>(false);
  sub.add_flag("--markdown", *markdown, "Print the full reference (docs/levers.md)");
  sub.callback([&action, markdown] {
    action = [markdown] {
      if (*markdown) {
        fmt::print("{}", levers::levers_markdown());
        return 0;
      }
      for (const auto& t : levers::lever_types()) fmt::print("{:<24} {}\n", t.type, t.summary);
      return 0;
    };
  });
}

}  // namespace relocsim::app
