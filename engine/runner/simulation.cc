#include "engine/runner/simulation.h"

#include <chrono>

#include "engine/levers/lever.h"
#include "engine/output/metrics_recorder.h"
#include "engine/world/synthesis.h"

namespace relocsim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, int threads, RunObserver* observer)
    : scenario_(scenario),
      world_(build_world(scenario, threads)),
      metrics_(output::metric_entities(world_.model)),
      flows_("year,agent,from,to,count\n"),
      observer_(observer) {
  for (std::size_t k = 0; k < scenario.levers.size(); ++k) {
    const auto* type = levers::find_lever_type(scenario.levers[k].type);
    world_.levers.push_back(type->make(scenario.levers[k], k));
  }
  for (const auto& entry : process_registry()) processes_.push_back(entry.make());
  for (auto& p : processes_) p->setup(world_);
  world_.tally.reset(world_.zone_count());
  output::record_metrics(world_, scenario.info.start_year, metrics_);
}

void Simulation::step() {
  const auto started = Clock::now();
  const int year = world_.year + 1;
  world_.year = year;
  world_.tally.reset(world_.zone_count());
  const YearContext ctx{year};
  // The year of DESIGN.md section 3: processes 1-10 in registry order, then metrics (11).
  for (auto& p : processes_) {
    const auto t = Clock::now();
    p->step(world_, ctx);
    if (observer_ != nullptr) observer_->on_process(year, p->name(), seconds_since(t));
  }
  for (auto& lever : world_.levers) lever->after_year(year, world_, world_.policy);
  const auto t = Clock::now();
  output::record_metrics(world_, year, metrics_);
  if (scenario_.outputs.flows) flows_ += output::flow_rows(world_, year);
  if (observer_ != nullptr) {
    observer_->on_process(year, "metrics", seconds_since(t));
    observer_->on_year(year, world_.residents.alive(), seconds_since(started));
  }
}

}  // namespace relocsim
