// relocsim resume DIR [--threads N] [--checkpoint-every N] [--force] [--quiet] [--profile]
// Continues the run whose checkpoint.bin is in DIR to the end and writes DIR's outputs as
// `relocsim run` does. A damaged, foreign, other-version or other-scenario checkpoint is refused
// (exit code 2); SIGINT or SIGTERM stop it again at a year boundary (exit code 130 or 143).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>

#include "apps/relocsim/commands.h"
#include "apps/relocsim/progress.h"
#include "relocsim/errors.h"
#include "relocsim/run.h"

namespace relocsim::app {

namespace {

struct ResumeArgs {
  std::string folder;
  std::string threads;
  std::string checkpoint_every;
  bool force = false;
  bool quiet = false;
  bool profile = false;
};

ResumeOptions check_options(const ResumeArgs& args) {
  ResumeOptions o;
  if (!args.threads.empty()) o.threads = check_threads(args.threads);
  if (!args.checkpoint_every.empty())
    o.checkpoint_every = check_checkpoint_every(args.checkpoint_every);
  o.force = args.force;
  return o;
}

}  // namespace

std::string command_line_text();

void setup_resume(CLI::App& sub, std::function<int()>& action) {
  auto args = std::make_shared<ResumeArgs>();
  sub.add_option("folder", args->folder, "Output folder holding checkpoint.bin")->required();
  sub.add_option("--threads", args->threads,
                 "Worker threads, 1 to 4096 (default: as many as the interrupted run)");
  sub.add_option("--checkpoint-every", args->checkpoint_every,
                 "Years between further checkpoints (default: as the interrupted run; 0: none)");
  sub.add_flag("--force", args->force,
               "Resume although the folder holds files relocsim did not write, or outputs of "
               "another scenario (replaced when the run completes)");
  sub.add_flag("--quiet", args->quiet, "No progress on the terminal");
  sub.add_flag("--profile", args->profile, "Print the seconds spent in each process at the end");
  sub.callback([&action, args] {
    action = [args] {
      ResumeOptions options = check_options(*args);
      options.command_line = command_line_text();
      Progress progress(args->quiet, args->profile);
      options.observer = &progress;
      const StopOnSignals signals;
      options.stop = signals.flag();
      RunResult result;
      try {
        result = resume_run(args->folder, options);
      } catch (const RunInterrupted& e) {
        progress.finish();
        fmt::print(stderr, "relocsim: {}\n", e.what());
        return exit_code_for_signal(e.signal());
      }
      progress.finish();
      if (!args->quiet) {
        fmt::print(stderr, "relocsim: resumed run done in {:.1f} s in all; outputs in {}\n",
                   result.runtime_seconds, args->folder);
      }
      return 0;
    };
  });
}

}  // namespace relocsim::app
