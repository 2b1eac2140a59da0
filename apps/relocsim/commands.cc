#include "apps/relocsim/commands.h"

#include <array>
#include <charconv>
#include <optional>

#include "relocsim/errors.h"

namespace relocsim::app {

void setup_run(CLI::App& sub, std::function<int()>& action);
void setup_resume(CLI::App& sub, std::function<int()>& action);
void setup_validate(CLI::App& sub, std::function<int()>& action);
void setup_levers(CLI::App& sub, std::function<int()>& action);
void setup_report(CLI::App& sub, std::function<int()>& action);
void setup_compare(CLI::App& sub, std::function<int()>& action);
void setup_sample(CLI::App& sub, std::function<int()>& action);
void setup_analyze(CLI::App& sub, std::function<int()>& action);
void setup_sweep(CLI::App& sub, std::function<int()>& action);

std::span<const Command> commands() {
  static constexpr std::array kCommands{
      Command{"run", "Run one scenario and write its outputs", &setup_run},
      Command{"resume", "Continue an interrupted run from the checkpoint in its output folder",
              &setup_resume},
      Command{"validate", "Check a scenario without running it", &setup_validate},
      Command{"report", "Rebuild report.html and zones.geojson of an output folder", &setup_report},
      Command{"compare", "Compare runs: compare.html and differences.csv", &setup_compare},
      Command{"sample", "Write a design for a sensitivity analysis (design.csv)", &setup_sample},
      Command{"analyze", "Sobol or Morris indices of outputs over a design", &setup_analyze},
      Command{"sweep", "Run a scenario over a design of factors: runs.csv and indices.csv",
              &setup_sweep},
      Command{"levers", "List the lever types (--markdown: the full reference)", &setup_levers},
  };
  return kCommands;
}

namespace {

std::optional<int> parse_int(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

int check_threads(const std::string& text) {
  const auto threads = parse_int(text);
  if (!threads || *threads < 1 || *threads > 4096) {
    throw InputError(Place{"--threads " + text},
                     "the number of threads must be a whole number from 1 to 4096");
  }
  return *threads;
}

int check_checkpoint_every(const std::string& text) {
  const auto every = parse_int(text);
  if (!every || *every < 0 || *every > 1000) {
    throw InputError(
        Place{"--checkpoint-every " + text},
        "the years between checkpoints must be a whole number from 1 to 1000 (0: none)");
  }
  return *every;
}

}  // namespace relocsim::app
