// relocsim command line: parses arguments, calls the library, maps errors to exit codes
// (0 success, 1 run failed, 2 invalid input or usage; run and resume: 130 / 143 when SIGINT /
// SIGTERM stopped them at a year boundary).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <functional>

#include "apps/relocsim/commands.h"
#include "engine/core/memory.h"
#include "relocsim/build_info.h"
#include "relocsim/errors.h"

namespace relocsim::app {

namespace {
std::string
    g_command_line;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): set once in main
}

// The command line as typed, for provenance in summary.json.
std::string command_line_text() { return g_command_line; }

}  // namespace relocsim::app

int main(int argc, char** argv) {
  relocsim::keep_freed_memory();
  for (int k = 0; k < argc; ++k) {
    if (k > 0) relocsim::app::g_command_line += ' ';
    relocsim::app::g_command_line += argv[k];
  }
  CLI::App app{"relocsim: relocation of firms, institutions and residents in Beijing-Tianjin-Hebei",
               "relocsim"};
  app.set_version_flag("--version", std::string("relocsim ") + RELOCSIM_GIT_DESCRIBE);
  app.require_subcommand(1);
  std::function<int()> action;
  for (const auto& command : relocsim::app::commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub, action);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    return action ? action() : 2;
  } catch (const relocsim::InputError& e) {
    std::fputs(e.what(), stderr);
    std::fputc('\n', stderr);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "relocsim: {}\n", e.what());
    return 1;
  }
}
