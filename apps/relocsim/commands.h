// The table of relocsim's commands. Each command lives in its own cmd_<name>.cc and adds one line
// to kCommands in commands.cc.
#pragma once

#include <functional>
#include <span>
#include <string>

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

// Option values shared by `run` and `resume`, checked with the option and value as the place of
// an InputError: --threads (1 to 4096) and --checkpoint-every (0 to 1000).
int check_threads(const std::string& text);
int check_checkpoint_every(const std::string& text);

}  // namespace relocsim::app
