// relocsim run SCENARIO [--out DIR] [--seed N] [--scale X] [--threads N] [--set path=value]...
//              [--checkpoint-every N] [--force] [--quiet] [--profile]
// SIGINT or SIGTERM stop the run at the next year boundary: exit code 130 or 143, nothing written
// but a checkpoint of that year when checkpointing.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "apps/relocsim/commands.h"
#include "apps/relocsim/progress.h"
#include "relocsim/errors.h"
#include "relocsim/run.h"

namespace relocsim::app {

namespace {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::vector<std::string> sets;
  std::string seed;  // as typed: checked below, so that a refusal names the option and value
  std::string scale;
  std::string threads;
  std::string checkpoint_every;
  bool force = false;
  bool quiet = false;
  bool profile = false;
};

[[noreturn]] void refuse(const char* option, const std::string& value, const std::string& rule) {
  throw InputError(Place{std::string(option) + " " + value, 0, 0}, rule);
}

template <class T>
std::optional<T> parse_whole(const std::string& text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The option values of `run`, checked before the scenario is read.
struct CheckedOptions {
  std::optional<std::uint64_t> seed;
  std::optional<double> scale;
  int threads = 0;  // 0: all cores
  int checkpoint_every = 0;
};

CheckedOptions check_options(const RunArgs& args) {
  CheckedOptions o;
  if (!args.seed.empty()) {
    const auto seed = parse_whole<long long>(args.seed);
    if (!seed || *seed < 0) {
      refuse("--seed", args.seed, "the seed must be a whole number from 0 to 9223372036854775807");
    }
    o.seed = static_cast<std::uint64_t>(*seed);
  }
  if (!args.scale.empty()) {
    const auto scale = parse_whole<double>(args.scale);
    if (!scale || !std::isfinite(*scale) || *scale <= 0 || *scale > 1) {
      refuse("--scale", args.scale, "the scale must be a number above 0 and at most 1");
    }
    o.scale = *scale;
  }
  if (!args.threads.empty()) o.threads = check_threads(args.threads);
  if (!args.checkpoint_every.empty())
    o.checkpoint_every = check_checkpoint_every(args.checkpoint_every);
  return o;
}

}  // namespace

std::string command_line_text();

void setup_run(CLI::App& sub, std::function<int()>& action) {
  auto args = std::make_shared<RunArgs>();
  sub.add_option("scenario", args->scenario, "Scenario file (YAML)")->required();
  sub.add_option("--out", args->out, "Output folder (default: results/<scenario file name>)");
  sub.add_option("--seed", args->seed,
                 "Random seed, a whole number >= 0 (overrides scenario.seed)");
  sub.add_option("--scale", args->scale, "Agents per real person and firm, in (0, 1]");
  sub.add_option("--threads", args->threads, "Worker threads, 1 to 4096 (default: all cores)");
  sub.add_option("--set", args->sets, "Override a scenario value: path=value (repeatable)");
  sub.add_option("--checkpoint-every", args->checkpoint_every,
                 "Write the whole state to OUT/checkpoint.bin every N simulated years, for "
                 "`relocsim resume OUT`");
  sub.add_flag("--force", args->force,
               "Write into a folder that holds files relocsim did not write");
  sub.add_flag("--quiet", args->quiet, "No progress on the terminal");
  sub.add_flag("--profile", args->profile, "Print the seconds spent in each process at the end");
  sub.callback([&action, args] {
    action = [args] {
      const CheckedOptions checked = check_options(*args);
      std::vector<std::string> overrides = args->sets;
      if (checked.seed) overrides.push_back("scenario.seed=" + std::to_string(*checked.seed));
      if (checked.scale) overrides.push_back(fmt::format("scenario.scale={}", *checked.scale));
      const Scenario scenario = load_scenario(args->scenario, overrides);
      RunOptions options;
      options.out = args->out.empty() ? std::filesystem::path("results") /
                                            std::filesystem::path(args->scenario).stem()
                                      : std::filesystem::path(args->out);
      options.threads = checked.threads;
      options.force = args->force;
      options.checkpoint_every = checked.checkpoint_every;
      options.command_line = command_line_text();
      Progress progress(args->quiet, args->profile);
      options.observer = &progress;
      const StopOnSignals signals;
      options.stop = signals.flag();
      RunResult result;
      try {
        result = run_scenario(scenario, options);
      } catch (const RunInterrupted& e) {
        progress.finish();
        fmt::print(stderr, "relocsim: {}\n", e.what());
        return exit_code_for_signal(e.signal());
      }
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
