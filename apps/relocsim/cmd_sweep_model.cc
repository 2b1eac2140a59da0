// relocsim sweep and the model: the base scenario of a sweep, the check of every factor against
// it before any run, and one run of the sweep.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>

#include "apps/relocsim/sweep_runner.h"
#include "relocsim/errors.h"
#include "relocsim/run.h"
#include "relocsim/scenario.h"

namespace relocsim::app {

namespace {

// Where each override of a load comes from in the sweep file, and how to name it there.
struct Origin {
  Place place;
  std::string label;
};
using Origins = std::map<std::string, Origin, std::less<>>;

// Loads the scenario; problems with an override are re-placed at their origin in the sweep file,
// and the others at `cause` when given (the base scenario having loaded without them). Returns
// nullopt when the scenario was refused (the diagnostics are added to `found`).
std::optional<Scenario> load_placed(const sweep::SweepSpec& spec,
                                    const std::vector<std::string>& overrides,
                                    const Origins& origins, const std::optional<Origin>& cause,
                                    std::vector<Diagnostic>& found, std::set<std::string>& seen) {
  try {
    return load_scenario(spec.scenario.string(), overrides);
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) {
      Diagnostic placed = d;
      constexpr std::string_view kSet = "--set ";
      const auto origin = d.place.file.starts_with(kSet)
                              ? origins.find(std::string_view(d.place.file).substr(kSet.size()))
                              : origins.end();
      if (origin != origins.end()) {
        placed = Diagnostic{origin->second.place,
                            fmt::format("{}: {}", origin->second.label, d.message)};
      } else if (cause) {
        placed = Diagnostic{cause->place, fmt::format("{}: {}", cause->label, d.str())};
      }
      if (seen.insert(placed.str()).second) found.push_back(std::move(placed));
    }
    return std::nullopt;
  }
}

std::string format_value(double x) { return fmt::format("{}", x); }

}  // namespace

SweepBase load_sweep_base(const sweep::SweepSpec& spec) {
  Origins origins;
  std::vector<std::string> overrides;
  for (const sweep::SweepSetting& s : spec.set) {
    overrides.push_back(s.assignment);
    origins.emplace(s.assignment, Origin{s.place, fmt::format("set {}", s.assignment)});
  }
  std::vector<Diagnostic> found;
  std::set<std::string> seen;
  const auto scenario = load_placed(spec, overrides, origins, std::nullopt, found, seen);
  if (!scenario) throw InputError(found);

  std::vector<std::string> zones{"region"};
  for (const ZoneSpec& z : scenario->geography.zones) zones.push_back(z.id);
  for (const GroupSpec& g : scenario->geography.groups) zones.push_back(g.id);
  const bool years_move = std::any_of(spec.factors.begin(), spec.factors.end(), [](const auto& f) {
    return f.path.starts_with("scenario.");
  });
  SweepBase base{scenario->info.seed, scenario->sha256, {}};
  base.output_problems =
      years_move ? sweep::output_problems(spec, std::nullopt, zones)
                 : sweep::output_problems(
                       spec, std::pair{scenario->info.start_year, scenario->info.end_year}, zones);
  return base;
}

std::vector<Diagnostic> factor_value_problems(const sweep::SweepPlan& plan) {
  const sweep::SweepSpec& spec = plan.spec();
  const sweep::Matrix& design = plan.design();
  constexpr std::size_t kAllValuesUpTo = 8;
  std::vector<Diagnostic> found;
  std::set<std::string> seen;
  for (std::size_t j = 0; j < spec.factors.size(); ++j) {
    const sweep::SweepFactor& f = spec.factors[j];
    std::vector<double> values = design.column(j);
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() > kAllValuesUpTo) values = {values.front(), values.back()};
    for (double x : values) {
      std::vector<std::string> overrides;
      Origins origins;
      for (const sweep::SweepSetting& s : spec.set) {
        overrides.push_back(s.assignment);
        origins.emplace(s.assignment, Origin{s.place, fmt::format("set {}", s.assignment)});
      }
      const std::string assignment = fmt::format("{}={}", f.path, format_value(x));
      overrides.push_back(assignment);
      const Origin origin{f.place, fmt::format("factor '{}' = {}", f.factor.name, format_value(x))};
      origins.emplace(assignment, origin);
      // One problem per factor is enough: a path that leads nowhere is wrong at every value.
      if (!load_placed(spec, overrides, origins, origin, found, seen)) break;
    }
  }
  return found;
}

sweep::RunRecord execute_run(const sweep::SweepPlan& plan, std::size_t id,
                             const RunSettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  const sweep::PlannedRun run = plan.run(id);
  sweep::RunRecord record;
  record.id = id;
  std::optional<RunResult> result;
  try {
    const Scenario scenario = load_scenario(plan.spec().scenario.string(), run.overrides);
    RunOptions options;
    options.threads = settings.threads_per_run;
    options.command_line = settings.command_line;
    if (!settings.keep_dir.empty()) {
      options.out = settings.keep_dir / fmt::format("{:06}", id);
      options.force = true;  // a folder left by a run that was killed
    }
    result = run_scenario(scenario, options);
  } catch (const std::exception& e) {
    std::string why = e.what();
    std::replace(why.begin(), why.end(), '\n', ';');
    record.status = "failed: " + why;
    record.outputs.assign(plan.spec().outputs.size(), std::numeric_limits<double>::quiet_NaN());
  }
  if (result) record.outputs = plan.collect_outputs(result->values, result->summary_json);
  record.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return record;
}

}  // namespace relocsim::app
