// The table of relocsim's commands. Each command lives in its own cmd_<name>.cc and adds one line
// to kCommands in commands.cc.
#pragma once

#include <functional>
#include <span>

namespace CLI {
class App;
}

namespace relocsim::app {

// Declares the command's options on `sub` and sets `action` to what runs once they are parsed.
// The action returns the process exit code (0 success, 1 run failed, 2 invalid input or usage,
// 128 + the signal when SIGINT or SIGTERM stopped a run: 130, 143).
using CommandSetup = void (*)(CLI::App& sub, std::function<int()>& action);

struct Command {
  const char* name;
  const char* summary;
  CommandSetup setup;
};

std::span<const Command> commands();

}  // namespace relocsim::app
