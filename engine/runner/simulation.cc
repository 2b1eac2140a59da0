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
      world_(build_world(scenario_, threads)),
      metrics_(output::metric_entities(world_.model)),
      flows_("year,agent,from,to,count\n"),
      observer_(observer) {
  for (std::size_t k = 0; k < scenario_.levers.size(); ++k) {
    const auto* type = levers::find_lever_type(scenario_.levers[k].type);
    world_.levers.push_back(type->make(scenario_.levers[k], k));
  }
  for (const auto& entry : process_registry()) processes_.push_back(entry.make());
  for (auto& p : processes_) p->setup(world_);
  world_.tally.reset(world_.zone_count());
  account_relocation(scenario_.info.start_year);
  output::record_metrics(world_, scenario_.info.start_year, metrics_);
}

// Non-capital jobs moved out of Beijing since the programme began (2014), against those Beijing
// held at its start: the stock is taken at the end of 2013 (or the base year, if later).
void Simulation::account_relocation(int year) {
  constexpr int kProgrammeStart = 2014;
  World& w = world_;
  if (year >= kProgrammeStart) {
    for (double moved : w.tally.noncapital_jobs_moved_out) w.noncapital_jobs_relocated += moved;
  }
  if (year == kProgrammeStart - 1 ||
      (year == scenario_.info.start_year && year >= kProgrammeStart)) {
    count_positions(w, w.census);
    const int beijing = w.model.find_province("Beijing");
    w.noncapital_jobs_2014 = 0;
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      if (w.model.zones[z].province != beijing) continue;
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (!w.model.sector(SectorId::from(s)).capital_function) {
          w.noncapital_jobs_2014 += w.census.jobs[z * w.sector_count() + s];
        }
      }
    }
  }
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
  account_relocation(year);
  const auto t = Clock::now();
  output::record_metrics(world_, year, metrics_);
  if (scenario_.outputs.flows) flows_ += output::flow_rows(world_, year);
  if (observer_ != nullptr) {
    observer_->on_process(year, "metrics", seconds_since(t));
    observer_->on_year(year, world_.residents.alive(), seconds_since(started));
  }
}

}  // namespace relocsim
