// SWEEP.yaml: what a sweep file says, its defaults, and refusals of bad files with their places.
// Tests run in the source folder, so `scenario:` paths name files of scenarios/.
#include <gtest/gtest.h>

#include <string_view>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {
namespace {

std::string refusal(std::string_view yaml) {
  try {
    parse_sweep(yaml, "s.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(SweepFile, ReadsEveryKey) {
  const SweepSpec spec = parse_sweep(R"(scenario: scenarios/stationary.yaml
set:
  scenario.scale: 0.002
  "levers[a].schedule": {2019: 1}
factors:
  - {name: b_time, path: behaviour.household.b_time, min: -0.06, max: -0.02}
  - {name: share, path: "levers[x].schedule.2019", levels: [0.5, 1]}
design: {method: saltelli, n: 8, seed: 3}
replicates: 2
outputs:
  - {name: core_res, year: 2020, zone: core, metric: residents}
  - {name: runtime, summary: runtime_seconds}
out: results/here
keep_runs: true
analysis: {resamples: 50, confidence: 0.9, seed: 4}
)",
                                     "s.yaml");
  EXPECT_EQ(spec.scenario, std::filesystem::path("scenarios/stationary.yaml"));
  EXPECT_EQ(spec.scenario_place.str(), "s.yaml:1:11");
  ASSERT_EQ(spec.set.size(), 2u);
  EXPECT_EQ(spec.set[0].assignment, "scenario.scale=0.002");
  EXPECT_EQ(spec.set[0].place.str(), "s.yaml:3:3");
  EXPECT_EQ(spec.set[1].assignment, "levers[a].schedule={2019: 1}");
  ASSERT_EQ(spec.factors.size(), 2u);
  EXPECT_EQ(spec.factors[0].factor.name, "b_time");
  EXPECT_EQ(spec.factors[0].factor.min, -0.06);
  EXPECT_EQ(spec.factors[0].path, "behaviour.household.b_time");
  EXPECT_EQ(spec.factors[0].place.str(), "s.yaml:6:26");
  EXPECT_EQ(spec.factors[1].factor.distribution, Distribution::kLevels);
  EXPECT_EQ(spec.factors[1].path, "levers[x].schedule.2019");
  EXPECT_EQ(spec.design.method, DesignMethod::kSaltelli);
  EXPECT_EQ(spec.design.n, 8u);
  EXPECT_EQ(spec.design.seed, 3u);
  EXPECT_EQ(spec.analysis_method(), AnalysisMethod::kSobol);
  EXPECT_EQ(spec.replicates, 2u);
  ASSERT_EQ(spec.outputs.size(), 2u);
  EXPECT_FALSE(spec.outputs[0].is_summary());
  EXPECT_EQ(spec.outputs[0].year, 2020);
  EXPECT_EQ(spec.outputs[0].zone, "core");
  EXPECT_EQ(spec.outputs[0].metric, "residents");
  EXPECT_TRUE(spec.outputs[1].is_summary());
  EXPECT_EQ(spec.outputs[1].summary, "runtime_seconds");
  EXPECT_EQ(spec.out, std::filesystem::path("results/here"));
  EXPECT_TRUE(spec.keep_runs);
  EXPECT_EQ(spec.analysis.resamples, 50u);
  EXPECT_EQ(spec.analysis.confidence, 0.9);
  EXPECT_EQ(spec.analysis.seed, 4u);
}

TEST(SweepFile, Defaults) {
  const SweepSpec spec = parse_sweep(R"(scenario: stationary.yaml
set: [scenario.scale=0.002, scenario.end_year=2012]
factors: [{name: b, path: behaviour.household.b_time, min: -1, max: 0}]
design: {method: lhs, n: 4}
outputs: [{name: y, year: 2012, zone: region, metric: residents}]
)",
                                     "scenarios/my_sweep.yaml");
  // The scenario is found relative to the sweep file, the output folder from the working folder.
  EXPECT_EQ(spec.scenario, std::filesystem::path("scenarios/stationary.yaml"));
  EXPECT_EQ(spec.out, std::filesystem::path("results/sweeps/my_sweep"));
  EXPECT_EQ(spec.set.size(), 2u);
  EXPECT_EQ(spec.set[1].assignment, "scenario.end_year=2012");
  EXPECT_EQ(spec.replicates, 1u);
  EXPECT_FALSE(spec.keep_runs);
  EXPECT_EQ(spec.design.seed, 0u);
  EXPECT_FALSE(spec.analysis_method().has_value());
  EXPECT_EQ(spec.analysis.resamples, 100u);
}

TEST(SweepFile, RefusesBadKeysAndValuesAllAtOnce) {
  EXPECT_EQ(refusal(R"(scenario: nothing.yaml
sett: {a: 1}
factors:
  - {name: b_time, path: behaviour.household.b_time, min: -0.02, max: -0.06}
  - {name: x, min: 1, max: 2}
  - {name: s, path: scenario.seed, min: 1, max: 2}
design: {method: morriss, n: 2, seed: -1, level: 3}
replicates: 0
outputs:
  - {name: core_res, year: 2012, zone: core}
  - {name: core_res, summary: runtime_seconds, metric: x}
keep_runs: maybe
analysis: {resamples: 1}
)"),
            "s.yaml:2:1: unknown key 'sett' (did you mean 'set'?)\n"
            "s.yaml:1:11: scenario: no file 'nothing.yaml' (paths are relative to the sweep "
            "file's folder)\n"
            "s.yaml:5:5: factor 'x': missing key 'path', the scenario value it sets (e.g. "
            "behaviour.household.b_time)\n"
            "s.yaml:6:21: path: scenario.seed cannot be a factor: seeds come from `replicates` "
            "(base seed + replicate)\n"
            "s.yaml:4:5: factor 'b_time': min (-0.02) must be less than max (-0.06)\n"
            "s.yaml:7:43: unknown key 'level' (did you mean 'levels'?)\n"
            "s.yaml:7:18: method: 'morriss' is not one of grid, random, lhs, saltelli, morris\n"
            "s.yaml:7:39: seed: '-1' is not a whole number of 0 or more\n"
            "s.yaml:8:13: replicates: 0 is out of range: must be at least 1 and at most 100000\n"
            "s.yaml:10:5: output 'core_res': missing key 'metric' (a metrics.csv value needs "
            "year, zone and metric; a summary.json field needs summary)\n"
            "s.yaml:11:12: name: 'core_res' is already the name of a factor or output (line 10)\n"
            "s.yaml:11:5: output 'core_res': either 'summary' or 'year', 'zone' and 'metric', not "
            "both\n"
            "s.yaml:12:12: keep_runs: expected true or false\n"
            "s.yaml:13:23: resamples: 1 is out of range: must be at least 2 and at most 1000000");
}

TEST(SweepFile, RefusesMissingKeysAndSyntax) {
  EXPECT_EQ(refusal("design: {method: lhs, n: 2}\n"),
            "s.yaml:1:1: missing key 'scenario'\n"
            "s.yaml:1:1: missing key 'factors'\n"
            "s.yaml:1:1: missing key 'outputs'");
  EXPECT_EQ(refusal("scenario: [a\n"), "s.yaml:2:1: YAML syntax: end of sequence flow not found");
  EXPECT_EQ(refusal("- a\n"),
            "s.yaml:1:1: expected a map with the keys scenario, factors, design and outputs");
}

TEST(SweepFile, RefusesClashingPathsAndNames) {
  EXPECT_EQ(refusal(R"(scenario: scenarios/stationary.yaml
set: {behaviour.household.b_stay: 2}
factors:
  - {name: a, path: behaviour.household.b_time, min: 0, max: 1}
  - {name: b, path: behaviour.household.b_time, min: 0, max: 1}
  - {name: seed, path: behaviour.household.b_stay, min: 0, max: 1}
  - {name: c, path: "a = 1", min: 0, max: 1}
design: {method: lhs, n: 2}
outputs:
  - {name: a, summary: runtime_seconds}
  - {name: status, summary: runtime_seconds}
  - {name: "x,y", summary: runtime_seconds}
)"),
            "s.yaml:7:21: path: 'a = 1' is not a scenario path (no spaces or '=')\n"
            "s.yaml:11:12: name: 'status' is a column runs.csv has already\n"
            "s.yaml:12:12: name: 'x,y' cannot be a CSV column name (no commas, quotes, line "
            "breaks or surrounding spaces)");
  EXPECT_EQ(refusal(R"(scenario: scenarios/stationary.yaml
set: {behaviour.household.b_stay: 2}
factors:
  - {name: a, path: behaviour.household.b_time, min: 0, max: 1}
  - {name: b, path: behaviour.household.b_time, min: 0, max: 1}
  - {name: seed, path: behaviour.household.b_stay, min: 0, max: 1}
design: {method: lhs, n: 2}
outputs:
  - {name: a, summary: runtime_seconds}
  - {name: status, summary: runtime_seconds}
  - {name: "x,y", summary: runtime_seconds}
)"),
            "s.yaml:5:21: path: 'behaviour.household.b_time' is already the path of factor 'a' "
            "(line 4)\n"
            "s.yaml:6:24: path: 'behaviour.household.b_stay' is also fixed by `set` (line 2)\n"
            "s.yaml:9:12: name: 'a' is already the name of a factor or output (line 4)\n"
            "s.yaml:10:12: name: 'status' is a column runs.csv has already\n"
            "s.yaml:11:12: name: 'x,y' cannot be a CSV column name (no commas, quotes, line "
            "breaks or surrounding spaces)");
}

TEST(SweepFile, DesignProblemsArePlacedAtTheirKeys) {
  EXPECT_EQ(refusal(R"(scenario: scenarios/stationary.yaml
factors: [{name: a, path: behaviour.household.b_time, min: 0, max: 1}]
design:
  method: morris
  n: 1
  levels: 3
outputs: [{name: y, summary: runtime_seconds}]
)"),
            "s.yaml:5:6: morris needs n >= 2 trajectories\n"
            "s.yaml:6:11: morris needs an even number of grid levels p >= 2, found 3");
}

TEST(SweepFile, OutputProblemsAgainstTheScenario) {
  const SweepSpec spec = parse_sweep(R"(scenario: scenarios/stationary.yaml
factors: [{name: a, path: behaviour.household.b_time, min: 0, max: 1}]
design: {method: lhs, n: 2}
outputs:
  - {name: ok, year: 2015, zone: core, metric: residents}
  - {name: late, year: 2040, zone: region, metric: residents}
  - {name: typo, year: 2015, zone: xiongn, metric: residents}
  - {name: t, summary: runtime_seconds}
)",
                                     "s.yaml");
  const std::vector<std::string> zones = {"core", "xiongan", "region"};
  const std::vector<Diagnostic> problems = output_problems(spec, std::pair{2010, 2020}, zones);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].str(),
            "s.yaml:6:5: output 'late': year 2040 is outside the scenario's years 2010 to 2020");
  EXPECT_EQ(problems[1].str(),
            "s.yaml:7:5: output 'typo': 'xiongn' is not a zone or group of the scenario, nor "
            "'region' (did you mean 'xiongan'?)");
  EXPECT_EQ(output_problems(spec, std::nullopt, zones).size(), 1u);
}

}  // namespace
}  // namespace relocsim::sweep
