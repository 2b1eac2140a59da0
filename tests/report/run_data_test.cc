// Reading an output folder back: values land in the right series, and missing or malformed files
// are refused with an InputError naming the file (and the line, for CSV and JSON).
#include "engine/output/report/run_data.h"

#include <gtest/gtest.h>

#include <cmath>

#include "relocsim/errors.h"
#include "relocsim/report.h"
#include "tests/report/test_dirs.h"

namespace relocsim::output {
namespace {

using testing::fixture;
using testing::read_file;
using testing::ScratchDir;
using testing::write_text;

TEST(LoadRun, ReadsMetricsFlowsAndSummary) {
  const RunData run = load_run(fixture("baseline"));
  EXPECT_EQ(run.label, "baseline");
  EXPECT_EQ(run.metrics.years, (std::vector<int>{2014, 2015, 2016}));
  EXPECT_EQ(run.base_year(), 2014);
  EXPECT_EQ(run.final_year(), 2016);
  EXPECT_DOUBLE_EQ(run.metrics.value("dongcheng", "residents", 2015), 880000);
  EXPECT_DOUBLE_EQ(run.metrics.last("region", "residents"), 2070000);
  EXPECT_TRUE(std::isnan(run.metrics.value("region", "disparity_cv", 2014)));  // "nan" in the file
  EXPECT_TRUE(std::isnan(run.metrics.value("nowhere", "residents", 2015)));
  EXPECT_EQ(run.metrics.metrics_of("core", "jobs.").size(), 2U);

  ASSERT_EQ(run.flows.size(), 8U);
  EXPECT_EQ(run.flows[0].agent, "resident");
  EXPECT_EQ(run.flows[0].from, "dongcheng");
  EXPECT_DOUBLE_EQ(run.flows[0].count, 20000);

  const RunSummary& s = run.summary;
  EXPECT_EQ(s.seed, "42");
  ASSERT_EQ(s.zones.size(), 2U);
  EXPECT_EQ(s.zones[1].name, "Xiong'an New Area");
  EXPECT_DOUBLE_EQ(s.zones[1].lon, 115.93);
  EXPECT_FALSE(s.zones[1].area_km2.has_value());
  ASSERT_EQ(s.levers.size(), 2U);
  EXPECT_EQ(s.levers[0].type, "population_cap");
  EXPECT_DOUBLE_EQ(s.levers[0].cap.value(), 23e6);
  EXPECT_EQ(s.levers[0].cap_zones, (std::vector<std::string>{"beijing"}));
  EXPECT_FALSE(s.levers[0].until.has_value());
  ASSERT_EQ(s.targets.size(), 2U);
  EXPECT_EQ(s.targets[0].met, std::optional<bool>(true));
  EXPECT_EQ(s.targets[1].met, std::optional<bool>(false));
  // Insertion order of JSON objects is kept.
  ASSERT_EQ(s.agents.size(), 3U);
  EXPECT_EQ(s.agents[0].first, "residents");
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

TEST(LoadRun, MissingFilesAreNamed) {
  ScratchDir scratch;
  const auto run = scratch.copy_run("baseline");
  std::filesystem::remove(run / "flows.csv");
  EXPECT_NE(error_of([&] { load_run(run); }).find("flows.csv: cannot read file"),
            std::string::npos);
  EXPECT_NE(error_of([&] { load_run(scratch.root() / "nothing"); }).find("no such directory"),
            std::string::npos);
}

TEST(LoadRun, MalformedCsvNamesFileAndLine) {
  ScratchDir scratch;
  const auto run = scratch.copy_run("baseline");
  std::string text = read_file(run / "metrics.csv");
  text += "2016,dongcheng,residents,lots\n";
  write_text(run / "metrics.csv", text);
  const std::string error = error_of([&] { load_metrics(run / "metrics.csv"); });
  EXPECT_NE(error.find("metrics.csv:347: value 'lots' is not a number"), std::string::npos)
      << error;

  write_text(run / "flows.csv", "year,agent,from,count\n2015,firm,a,3\n");
  EXPECT_NE(
      error_of([&] { load_flows(run / "flows.csv"); }).find("flows.csv:1: missing column 'to'"),
      std::string::npos);
  write_text(run / "flows.csv", "year,agent,from,to,count\n2015,firm,a\n");
  EXPECT_NE(error_of([&] { load_flows(run / "flows.csv"); }).find("flows.csv:2: expected 5 fields"),
            std::string::npos);
  write_text(run / "metrics.csv", "year,zone,metric,value\n");
  EXPECT_NE(error_of([&] { load_metrics(run / "metrics.csv"); }).find("no metrics"),
            std::string::npos);
}

TEST(LoadRun, MalformedSummaryNamesFileAndLineOrKey) {
  ScratchDir scratch;
  const auto run = scratch.copy_run("baseline");
  write_text(run / "summary.json", "{\n  \"scenario\": \"x\",\n  \"zones\": [\n}\n");
  const std::string error = error_of([&] { load_summary(run / "summary.json"); });
  EXPECT_NE(error.find("summary.json:4: malformed JSON"), std::string::npos) << error;

  write_text(run / "summary.json", R"({"scenario": "x", "zones": [{"id": "a", "lat": "north"}]})");
  EXPECT_NE(
      error_of([&] { load_summary(run / "summary.json"); }).find("'zones[0].lat' must be a number"),
      std::string::npos);
  write_text(run / "summary.json", R"({"levers": {"a": 1}})");
  EXPECT_NE(error_of([&] { load_summary(run / "summary.json"); }).find("'levers' must be a list"),
            std::string::npos);
  write_text(run / "summary.json", "[1, 2]");
  EXPECT_NE(error_of([&] { load_summary(run / "summary.json"); }).find("must be an object"),
            std::string::npos);
}

TEST(LoadRun, FailedReportLeavesThePreviousFile) {
  ScratchDir scratch;
  const auto run = scratch.copy_run("baseline");
  write_report(run);
  const std::string before = read_file(run / "report.html");
  write_text(run / "metrics.csv", "year,zone,metric,value\n2016,a,residents,x\n");
  EXPECT_THROW(write_report(run), InputError);
  EXPECT_EQ(read_file(run / "report.html"), before);
  for (const auto& entry : std::filesystem::directory_iterator(run)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace relocsim::output
