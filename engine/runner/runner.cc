// run_scenario and resume_run: drive a Simulation year by year to the end, checkpointing on
// schedule and stopping at a year boundary when asked, then write the output folder.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "engine/core/atomic_file.h"
#include "engine/output/run_outputs.h"
#include "engine/runner/checkpoint.h"
#include "engine/runner/simulation.h"
#include "engine/scenario/loader.h"
#include "relocsim/errors.h"
#include "relocsim/run.h"

namespace relocsim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void parse_into(RunResult& result, const std::string& csv) {
  std::size_t pos = csv.find('\n') + 1;
  while (pos < csv.size()) {
    const std::size_t end = csv.find('\n', pos);
    const std::string line = csv.substr(pos, end - pos);
    pos = end + 1;
    const auto a = line.find(',');
    const auto b = line.find(',', a + 1);
    const auto c = line.find(',', b + 1);
    result.values[{std::stoi(line.substr(0, a)), line.substr(a + 1, b - a - 1),
                   line.substr(b + 1, c - b - 1)}] = std::stod(line.substr(c + 1));
  }
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(signal);
  }
}

std::string interrupted_text(int year, int signal, const std::filesystem::path& checkpoint,
                             int checkpoint_year) {
  std::string text = "interrupted at year " + std::to_string(year) + ": " + signal_name(signal) +
                     " received; no outputs written, the folder's earlier files are as they were";
  if (!checkpoint.empty()) {
    text += "; " + checkpoint.string() + " holds the state after " +
            std::to_string(checkpoint_year) + " (continue with: relocsim resume " +
            checkpoint.parent_path().string() + ")";
  }
  return text;
}

// The year loop and its checkpoints, shared by run_scenario and resume_run.
struct Drive {
  std::filesystem::path out;
  int checkpoint_every = 0;
  const std::atomic<int>* stop = nullptr;
  CheckpointRun run;                      // recorded in each checkpoint
  Clock::time_point started;              // of this process's part of the run
  std::optional<int> checkpoint_on_disk;  // year of this run's checkpoint in `out`, if any
  RunObserver* observer = nullptr;        // told the seconds each checkpoint took

  bool stop_requested() const { return stop != nullptr && stop->load() != 0; }
  double elapsed() const { return run.elapsed_seconds + seconds_since(started); }

  void checkpoint(const Simulation& sim) {
    const auto t = Clock::now();
    CheckpointRun at = run;
    at.elapsed_seconds = elapsed();
    write_checkpoint(out, sim, at);
    checkpoint_on_disk = sim.year();
    if (observer != nullptr) observer->on_process(sim.year(), "checkpoint", seconds_since(t));
  }

  [[noreturn]] void interrupt(const Simulation& sim) {
    const bool checkpointing = checkpoint_every > 0 && !out.empty();
    if (checkpointing && sim.year() > sim.scenario().info.start_year &&
        checkpoint_on_disk != sim.year()) {
      checkpoint(sim);
    }
    throw RunInterrupted(sim.year(), stop->load(),
                         checkpoint_on_disk ? out / kCheckpointFileName : std::filesystem::path(),
                         checkpoint_on_disk.value_or(0));
  }

  // Steps to the end; a checkpoint after every `checkpoint_every`-th year since the start (none
  // after the last year: the outputs follow at once); the stop request is read between years.
  void to_end(Simulation& sim) {
    const int start = sim.scenario().info.start_year;
    while (!sim.done()) {
      if (stop_requested()) interrupt(sim);
      sim.step();
      if (checkpoint_every > 0 && !out.empty() && !sim.done() &&
          (sim.year() - start) % checkpoint_every == 0) {
        checkpoint(sim);
      }
    }
    if (stop_requested()) interrupt(sim);
  }
};

// The outputs of a finished simulation, written into `out` when set. A checkpoint in `out` that
// this run did not write or resume from belongs to an earlier run and is removed once the new
// outputs are in place.
RunResult finish(const Simulation& sim, const Drive& drive, output::RunInfo info) {
  const Scenario& scenario = sim.scenario();
  RunResult result;
  result.residents = info.residents;
  result.firms = info.firms;
  result.institutions = info.institutions;
  result.metrics_csv = sim.metrics().csv();
  result.flows_csv = sim.flows_csv();
  result.runtime_seconds = drive.elapsed();
  info.runtime_seconds = result.runtime_seconds;
  result.summary_json = output::summary_json(scenario, sim.world(), sim.metrics(), info);
  parse_into(result, result.metrics_csv);
  if (!drive.out.empty()) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"metrics.csv", result.metrics_csv},
        {"flows.csv", result.flows_csv},
        {"summary.json", result.summary_json},
        {"scenario.resolved.yaml", scenario.resolved_yaml},
        {"targets.csv", output::targets_csv(scenario, sim.metrics())},
    };
    output::write_output_folder(drive.out, files, scenario.outputs.report);
    if (!drive.checkpoint_on_disk) {
      std::error_code ec;
      std::filesystem::remove(drive.out / kCheckpointFileName, ec);
    }
  }
  return result;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The checkpoint's scenario, loaded from its resolved text (written beside the checkpoint under a
// name relocsim cleans up, since the loader reads files).
Scenario checkpoint_scenario(const std::filesystem::path& folder, const CheckpointHeader& h,
                             const std::filesystem::path& file) {
  const std::filesystem::path tmp =
      folder / (".relocsim-resume-" + std::to_string(::getpid()) + ".yaml");
  struct Remove {
    const std::filesystem::path& path;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
  } remove{tmp};
  write_file_atomically(tmp, h.scenario_yaml);
  Scenario s;
  try {
    s = load_scenario(tmp.string());
  } catch (const InputError& e) {
    throw InputError(Place{file.string()},
                     "holds a scenario this relocsim no longer accepts: " +
                         (e.diagnostics().empty() ? std::string() : e.diagnostics()[0].message));
  }
  if (s.sha256 != h.scenario_sha256) {
    throw InputError(Place{file.string()}, "holds scenario " + h.scenario_sha256 +
                                               ", which this relocsim now reads as " + s.sha256 +
                                               "; run the scenario again from the start");
  }
  return s;
}

}  // namespace

RunInterrupted::RunInterrupted(int year, int signal, std::filesystem::path checkpoint,
                               int checkpoint_year)
    : std::runtime_error(interrupted_text(year, signal, checkpoint, checkpoint_year)),
      year_(year),
      signal_(signal),
      checkpoint_(std::move(checkpoint)),
      checkpoint_year_(checkpoint_year) {}

std::optional<double> RunResult::find(int year, std::string_view zone,
                                      std::string_view metric) const {
  const auto it = values.find({year, std::string(zone), std::string(metric)});
  if (it == values.end()) return std::nullopt;
  return it->second;
}

double RunResult::value(int year, std::string_view zone, std::string_view metric) const {
  const auto v = find(year, zone, metric);
  if (!v) {
    throw std::out_of_range("no metric " + std::string(metric) + " for " + std::string(zone) +
                            " in " + std::to_string(year));
  }
  return *v;
}

int resolve_threads(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  Drive drive;
  drive.started = Clock::now();
  if (options.checkpoint_every < 0) {
    throw InputError(Place{"--checkpoint-every " + std::to_string(options.checkpoint_every)},
                     "the years between checkpoints must be 1 or more (0: no checkpoints)");
  }
  if (options.checkpoint_every > 0 && options.out.empty()) {
    throw InputError(Place{"--checkpoint-every"}, "checkpoints need an output folder (--out)");
  }
  if (!options.out.empty()) output::check_output_folder(options.out, options.force);
  const int threads = resolve_threads(options.threads);
  Simulation sim(scenario, threads, options.observer);
  output::check_target_metrics(sim.scenario(), sim.metrics());
  output::RunInfo info;
  info.threads = threads;
  info.command_line = options.command_line;
  info.residents = sim.world().residents.alive();
  info.firms = sim.world().firms.size();
  info.institutions = sim.world().institutions.size();
  if (options.observer != nullptr) {
    options.observer->on_start(scenario.info.start_year, scenario.info.end_year, info.residents);
  }
  drive.out = options.out;
  drive.checkpoint_every = options.checkpoint_every;
  drive.stop = options.stop;
  drive.observer = options.observer;
  drive.run = {options.command_line, threads,    options.checkpoint_every, 0.0,
               info.residents,       info.firms, info.institutions};
  drive.to_end(sim);
  return finish(sim, drive, info);
}

RunResult resume_run(const std::filesystem::path& folder, const ResumeOptions& options) {
  Drive drive;
  drive.started = Clock::now();
  const std::filesystem::path file = folder / kCheckpointFileName;
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    throw InputError(Place{folder.string()}, "no such output folder");
  }
  if (!std::filesystem::exists(file, ec)) {
    throw InputError(Place{folder.string()},
                     "holds no checkpoint.bin: nothing to resume (a run writes one with "
                     "--checkpoint-every N)");
  }
  if (options.checkpoint_every < -1) {
    throw InputError(Place{"--checkpoint-every " + std::to_string(options.checkpoint_every)},
                     "the years between checkpoints must be 1 or more (0: no checkpoints)");
  }
  CheckpointFile checkpoint(file);
  const CheckpointHeader& h = checkpoint.header();
  output::check_output_folder(folder, options.force);
  // Outputs of another scenario in the folder mean the checkpoint was not written by the run
  // whose outputs these are (copied in, or a later run into the same folder was stopped).
  const auto resolved = folder / "scenario.resolved.yaml";
  if (!options.force && std::filesystem::exists(resolved, ec)) {
    const std::string sha = scenario::sha256_hex(read_text(resolved));
    if (sha != h.scenario_sha256) {
      throw InputError(Place{file.string()},
                       "is of another scenario (sha256 " + h.scenario_sha256 + ") than the " +
                           "outputs in the folder (scenario.resolved.yaml: sha256 " + sha +
                           "); pass --force to resume it anyway and replace those outputs");
    }
  }
  const Scenario scenario = checkpoint_scenario(folder, h, file);
  const int threads = options.threads > 0 ? options.threads : std::max(1, h.run.threads);
  Simulation sim(scenario, threads, options.observer);
  checkpoint.restore(sim);
  if (options.observer != nullptr) {
    options.observer->on_start(sim.year(), scenario.info.end_year, sim.world().residents.alive());
  }
  output::RunInfo info;
  info.threads = threads;
  info.command_line = h.run.command_line;
  info.resumed_from_year = h.year;
  info.resumed_command_line = options.command_line;
  info.residents = h.run.residents;
  info.firms = h.run.firms;
  info.institutions = h.run.institutions;
  drive.out = folder;
  drive.checkpoint_every =
      options.checkpoint_every >= 0 ? options.checkpoint_every : h.run.checkpoint_every;
  drive.stop = options.stop;
  drive.observer = options.observer;
  drive.run = h.run;
  drive.run.threads = threads;
  drive.run.checkpoint_every = drive.checkpoint_every;
  drive.checkpoint_on_disk = h.year;
  drive.to_end(sim);
  return finish(sim, drive, info);
}

}  // namespace relocsim
