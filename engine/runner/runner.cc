// The runner: the year loop of DESIGN.md section 3 in one place. Builds the world, sets up the
// processes (calibration), then for each year runs the processes in registry order, lets levers
// account for the year, and records the metrics; finally writes the output folder.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "engine/levers/lever.h"
#include "engine/output/metrics_recorder.h"
#include "engine/output/run_outputs.h"
#include "engine/processes/process.h"
#include "engine/world/synthesis.h"
#include "engine/world/world.h"
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
  World world = build_world(scenario, threads);
  for (std::size_t k = 0; k < scenario.levers.size(); ++k) {
    const auto* type = levers::find_lever_type(scenario.levers[k].type);
    world.levers.push_back(type->make(scenario.levers[k], k));
  }
  std::vector<std::unique_ptr<Process>> processes;
  for (const auto& entry : process_registry()) processes.push_back(entry.make());
  for (auto& p : processes) p->setup(world);

  RunResult result;
  result.residents = world.residents.alive();
  result.firms = world.firms.size();
  result.institutions = world.institutions.size();
  output::MetricsTable metrics(output::metric_entities(world.model));
  std::string flows = "year,agent,from,to,count\n";
  RunObserver* observer = options.observer;
  if (observer != nullptr) {
    observer->on_start(scenario.info.start_year, scenario.info.end_year, world.residents.alive());
  }
  world.tally.reset(world.zone_count());
  output::record_metrics(world, scenario.info.start_year, metrics);
  for (int year = scenario.info.start_year + 1; year <= scenario.info.end_year; ++year) {
    const auto year_started = Clock::now();
    world.year = year;
    world.tally.reset(world.zone_count());
    const YearContext ctx{year};
    for (auto& p : processes) {
      const auto t = Clock::now();
      p->step(world, ctx);
      if (observer != nullptr) observer->on_process(year, p->name(), seconds_since(t));
    }
    for (auto& lever : world.levers) lever->after_year(year, world, world.policy);
    const auto t = Clock::now();
    output::record_metrics(world, year, metrics);
    if (scenario.outputs.flows) flows += output::flow_rows(world, year);
    if (observer != nullptr) {
      observer->on_process(year, "metrics", seconds_since(t));
      observer->on_year(year, world.residents.alive(), seconds_since(year_started));
    }
  }
  result.metrics_csv = metrics.csv();
  result.flows_csv = std::move(flows);
  result.runtime_seconds = seconds_since(started);
  output::RunInfo info;
  info.threads = threads;
  info.runtime_seconds = result.runtime_seconds;
  info.command_line = options.command_line;
  info.residents = result.residents;
  info.firms = result.firms;
  info.institutions = result.institutions;
  result.summary_json = output::summary_json(scenario, world, metrics, info);
  parse_into(result, result.metrics_csv);
  if (!options.out.empty()) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"metrics.csv", result.metrics_csv},
        {"flows.csv", result.flows_csv},
        {"summary.json", result.summary_json},
        {"scenario.resolved.yaml", scenario.resolved_yaml},
    };
    output::write_output_folder(options.out, files, scenario.outputs.report);
  }
  return result;
}

}  // namespace relocsim
