// Running a scenario: build the base-year world, step it year by year through the processes,
// record the metrics, and write the output folder.
//
//   relocsim::Scenario s = relocsim::load_scenario("scenarios/baseline.yaml");
//   relocsim::RunOptions options;
//   options.out = "results/baseline";
//   relocsim::RunResult r = relocsim::run_scenario(s, options);
//   double v = r.value(2014, "beijing", "residents");
//
// Long runs checkpoint and resume (docs/checkpoints.md):
//
//   relocsim::StopOnSignals signals;      // SIGINT / SIGTERM: stop at the next year boundary
//   options.checkpoint_every = 5;         // out/checkpoint.bin every 5 simulated years
//   options.stop = signals.flag();
//   try { run_scenario(s, options); } catch (const relocsim::RunInterrupted& e) { ... }
//   relocsim::resume_run("results/baseline", {});   // later: continue from the checkpoint
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "relocsim/scenario.h"

namespace relocsim {

// Hooks around the simulated year, for progress and timing. Called on the run's thread.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void on_start(int /*start_year*/, int /*end_year*/, std::uint64_t /*residents*/) {}
  virtual void on_process(int /*year*/, std::string_view /*process*/, double /*seconds*/) {}
  virtual void on_year(int /*year*/, std::uint64_t /*residents*/, double /*seconds*/) {}
};

struct RunOptions {
  std::filesystem::path out;  // empty: nothing is written
  int threads = 0;            // 0: every hardware thread
  std::string command_line;   // recorded in summary.json
  bool force = false;         // write into a folder holding files relocsim did not write
  int checkpoint_every = 0;   // simulated years between checkpoints into `out` (0: none)
  // When set and nonzero (a signal's number, see StopOnSignals), the run stops at the next year
  // boundary and throws RunInterrupted; it writes none of its outputs, only a checkpoint of the
  // year it stopped at when it checkpoints.
  const std::atomic<int>* stop = nullptr;
  RunObserver* observer = nullptr;
};

struct ResumeOptions {
  int threads = 0;            // 0: as many as the interrupted run used
  int checkpoint_every = -1;  // -1: as the interrupted run; 0: no more checkpoints
  std::string command_line;   // recorded in summary.json beside the original run's
  // Resume although the folder holds files relocsim did not write, or outputs of another scenario
  // than the checkpoint's (they are replaced when the resumed run completes).
  bool force = false;
  const std::atomic<int>* stop = nullptr;  // as RunOptions::stop
  RunObserver* observer = nullptr;
};

struct RunResult {
  std::string metrics_csv;
  std::string flows_csv;
  std::string summary_json;
  double runtime_seconds = 0;
  std::uint64_t residents = 0;  // agents at the start
  std::uint64_t firms = 0;
  std::uint64_t institutions = 0;
  // (year, zone or group or "region", metric) -> value, as in metrics.csv.
  std::map<std::tuple<int, std::string, std::string>, double> values;

  // The value, or nullopt when the table has no such row.
  std::optional<double> find(int year, std::string_view zone, std::string_view metric) const;
  // The value; throws std::out_of_range when absent.
  double value(int year, std::string_view zone, std::string_view metric) const;
};

// A run stopped by RunOptions::stop: it stopped after simulating `year()` and wrote no outputs.
class RunInterrupted : public std::runtime_error {
 public:
  // `checkpoint`: this run's checkpoint in the output folder, of `checkpoint_year`; empty when
  // there is none.
  RunInterrupted(int year, int signal, std::filesystem::path checkpoint, int checkpoint_year);
  int year() const { return year_; }
  int signal() const { return signal_; }
  const std::filesystem::path& checkpoint() const { return checkpoint_; }
  int checkpoint_year() const { return checkpoint_year_; }

 private:
  int year_;
  int signal_;
  std::filesystem::path checkpoint_;
  int checkpoint_year_;
};

// Runs the scenario; writes the output folder when options.out is set. Throws InputError for
// unusable options or output folders, RunInterrupted when stopped, std::runtime_error when the
// run fails. A refused, stopped or failed run leaves the folder's files as they were, except
// checkpoint.bin, which a checkpointing run replaces at every checkpoint.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

// Continues the run whose checkpoint.bin is in `folder` from the year it was saved to the end,
// and writes the folder's outputs as run_scenario does: metrics.csv and flows.csv are
// byte-identical to an uninterrupted run's, summary.json differs only in run time and command
// line. Throws InputError when there is no usable checkpoint (damaged, foreign, of another
// relocsim version or scenario), RunInterrupted when stopped again.
RunResult resume_run(const std::filesystem::path& folder, const ResumeOptions& options);

// While alive, SIGINT and SIGTERM no longer end the process: they set flag() to the signal's
// number, for RunOptions::stop; a second such signal ends the process as usual. Restores the
// previous handlers when destroyed. One at a time per process.
class StopOnSignals {
 public:
  StopOnSignals();
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;
  const std::atomic<int>* flag() const;

 private:
  struct Saved;
  std::unique_ptr<Saved> saved_;
};

// The exit code of a process ended by `signal`, as shells report it: 128 + the signal's number.
inline int exit_code_for_signal(int signal) { return 128 + signal; }

// Number of threads to use for `requested` (0: hardware concurrency).
int resolve_threads(int requested);

}  // namespace relocsim
