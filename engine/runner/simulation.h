// One run held in memory and advanced a year at a time: the world, its levers and processes, the
// metrics and flows recorded so far. run_scenario drives it to the end and writes files; tests,
// benchmarks and checkpoints use it directly.
//
//   Simulation sim(scenario, threads);      // base year built, constants calibrated, recorded
//   while (!sim.done()) sim.step();
//   sim.metrics().csv();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/output/metrics_table.h"
#include "engine/processes/process.h"
#include "engine/world/world.h"
#include "relocsim/run.h"
#include "relocsim/scenario.h"

namespace relocsim {

class Simulation {
 public:
  // Keeps its own copy of the scenario (the world refers to it).
  Simulation(const Scenario& scenario, int threads, RunObserver* observer = nullptr);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const Scenario& scenario() const { return scenario_; }
  World& world() { return world_; }
  const World& world() const { return world_; }
  // The last year simulated (the base year right after construction).
  int year() const { return world_.year; }
  bool done() const { return world_.year >= scenario_.info.end_year; }
  // Simulates the next year and records its metrics and flows.
  void step();

  const output::MetricsTable& metrics() const { return metrics_; }
  output::MetricsTable& metrics() { return metrics_; }
  const std::string& flows_csv() const { return flows_; }
  std::string& flows_csv() { return flows_; }
  const std::vector<std::unique_ptr<Process>>& processes() const { return processes_; }

 private:
  void account_relocation(int year);

  const Scenario scenario_;
  World world_;
  std::vector<std::unique_ptr<Process>> processes_;
  output::MetricsTable metrics_;
  std::string flows_;
  RunObserver* observer_;
};

}  // namespace relocsim
