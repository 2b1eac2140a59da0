// run_scenario: drives a Simulation from the base year to the end and writes the output folder.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "engine/output/run_outputs.h"
#include "engine/runner/simulation.h"
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

}  // namespace

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
  const auto started = Clock::now();
  if (!options.out.empty()) output::check_output_folder(options.out, options.force);
  const int threads = resolve_threads(options.threads);
  Simulation sim(scenario, threads, options.observer);
  RunResult result;
  result.residents = sim.world().residents.alive();
  result.firms = sim.world().firms.size();
  result.institutions = sim.world().institutions.size();
  if (options.observer != nullptr) {
    options.observer->on_start(scenario.info.start_year, scenario.info.end_year, result.residents);
  }
  while (!sim.done()) sim.step();
  result.metrics_csv = sim.metrics().csv();
  result.flows_csv = sim.flows_csv();
  result.runtime_seconds = seconds_since(started);
  output::RunInfo info;
  info.threads = threads;
  info.runtime_seconds = result.runtime_seconds;
  info.command_line = options.command_line;
  info.residents = result.residents;
  info.firms = result.firms;
  info.institutions = result.institutions;
  result.summary_json = output::summary_json(scenario, sim.world(), sim.metrics(), info);
  parse_into(result, result.metrics_csv);
  if (!options.out.empty()) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"metrics.csv", result.metrics_csv},
        {"flows.csv", result.flows_csv},
        {"summary.json", result.summary_json},
        {"scenario.resolved.yaml", scenario.resolved_yaml},
        {"targets.csv", output::targets_csv(scenario, sim.metrics())},
    };
    output::write_output_folder(options.out, files, scenario.outputs.report);
  }
  return result;
}

}  // namespace relocsim
