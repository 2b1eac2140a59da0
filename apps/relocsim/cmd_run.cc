// relocsim run SCENARIO [--out DIR] [--seed N] [--scale X] [--threads N] [--set path=value]...
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "apps/relocsim/progress.h"
#include "relocsim/run.h"

namespace relocsim::app {

namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::optional<double> scale;
  int threads = 0;
  bool force = false;
  bool quiet = false;
};

}  // namespace

std::string command_line_text();

void setup_run(CLI::App& sub, std::function<int()>& action) {
  auto args = std::make_shared<RunArgs>();
  sub.add_option("scenario", args->scenario, "Scenario file (YAML)")->required();
  sub.add_option("--out", args->out, "Output folder (default: results/<scenario file name>)");
  sub.add_option("--seed", args->seed, "Random seed (overrides scenario.seed)");
  sub.add_option("--scale", args->scale, "Agents per real person and firm, in (0, 1]")
      ->check(CLI::Range(0.0, 1.0).description("in (0, 1]"))
      ->check([](const std::string& v) { return std::stod(v) > 0 ? "" : "scale must be above 0"; });
  sub.add_option("--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 4096));
  sub.add_option("--set", args->sets, "Override a scenario value: path=value (repeatable)");
  sub.add_flag("--force", args->force,
               "Write into a folder that holds files relocsim did not write");
  sub.add_flag("--quiet", args->quiet, "No progress on the terminal");
  sub.callback([&action, args] {
    action = [args] {
      std::vector<std::string> overrides = args->sets;
      if (args->seed) overrides.push_back("scenario.seed=" + std::to_string(*args->seed));
      if (args->scale) overrides.push_back(fmt::format("scenario.scale={}", *args->scale));
      const Scenario scenario = load_scenario(args->scenario, overrides);
      RunOptions options;
      options.out = args->out.empty() ? std::filesystem::path("results") /
                                            std::filesystem::path(args->scenario).stem()
                                      : std::filesystem::path(args->out);
      options.threads = args->threads;
      options.force = args->force;
      options.command_line = command_line_text();
      Progress progress(args->quiet);
      options.observer = &progress;
      const RunResult result = run_scenario(scenario, options);
      progress.finish();
      if (!args->quiet) {
        fmt::print(stderr, "relocsim: {} {}-{} done in {:.1f} s; outputs in {}\n",
                   scenario.info.name, scenario.info.start_year, scenario.info.end_year,
                   result.runtime_seconds, options.out.string());
      }
      return 0;
    };
  });
}

}  // namespace relocsim::app
