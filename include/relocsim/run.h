// Running a scenario: build the base-year world, step it year by year through the processes,
// record the metrics, and write the output folder.
//
//   relocsim::Scenario s = relocsim::load_scenario("scenarios/baseline.yaml");
//   relocsim::RunOptions options;
//   options.out = "results/baseline";
//   relocsim::RunResult r = relocsim::run_scenario(s, options);
//   double v = r.value(2014, "beijing", "residents");
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
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
  int checkpoint_every = 0;   // years between checkpoints (0: none)
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

// Runs the scenario; writes the output folder when options.out is set. Throws InputError for
// unusable options or output folders, std::runtime_error when the run fails.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

// Number of threads to use for `requested` (0: hardware concurrency).
int resolve_threads(int requested);

}  // namespace relocsim
