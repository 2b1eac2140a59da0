// report.html, zones.geojson and compare (compare.html, differences.csv) written from the fixture
// runs: the expected series are there, nothing is fetched from the network, text is escaped, the
// GeoJSON is valid and the differences are right.
#include "relocsim/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/core/csv.h"
#include "relocsim/errors.h"
#include "tests/report/test_dirs.h"

namespace relocsim::output {
namespace {

using testing::fixture;
using testing::read_file;
using testing::ScratchDir;

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// Every URL the page refers to, except the SVG namespace.
std::vector<std::string> external_references(const std::string& html) {
  std::vector<std::string> out;
  const std::regex url(R"((https?:)?//[A-Za-z0-9.-]+[^"' <>)]*)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator();
       ++it) {
    if (it->str() != "http://www.w3.org/2000/svg") out.push_back(it->str());
  }
  return out;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_ = scratch_.copy_run("baseline");
    write_report(run_);
    html_ = read_file(run_ / "report.html");
  }
  ScratchDir scratch_;
  std::filesystem::path run_;
  std::string html_;
};

TEST_F(ReportTest, IsOneSelfContainedPage) {
  EXPECT_TRUE(html_.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(contains(html_, "<meta charset=\"utf-8\">"));
  EXPECT_EQ(external_references(html_), std::vector<std::string>{});
  EXPECT_FALSE(contains(html_, "src="));
  EXPECT_FALSE(contains(html_, "@import"));
  EXPECT_FALSE(contains(html_, "url(http"));
  EXPECT_TRUE(contains(html_, "@media print"));
  EXPECT_TRUE(contains(html_, "size: A4"));
}

TEST_F(ReportTest, HasTheTimeSeriesOfEveryChartedGroup) {
  for (const char* group : {"core", "xiongan", "beijing", "hebei"}) {
    EXPECT_TRUE(contains(html_, std::string("data-chart=\"ts-") + group + "\"")) << group;
    EXPECT_TRUE(contains(html_, std::string("data-series=\"") + group + "/residents\"")) << group;
    EXPECT_TRUE(contains(html_, std::string("data-series=\"") + group + "/jobs\"")) << group;
  }
  // Groups absent from the metrics get no chart.
  EXPECT_FALSE(contains(html_, "data-chart=\"ts-sub_center\""));
  EXPECT_FALSE(contains(html_, "data-chart=\"ts-tianjin\""));
  // Beijing's cap from the population_cap lever, drawn from the lever's first year.
  EXPECT_TRUE(contains(html_, "data-series=\"beijing/cap\""));
  EXPECT_TRUE(contains(html_, "cap 23 M"));
  EXPECT_EQ(count(html_, "/cap\""), 2U);  // the line and its legend entry, Beijing only
  EXPECT_TRUE(contains(html_, "data-chart=\"ts-index\""));
  EXPECT_TRUE(contains(html_, "data-series=\"region/noncapital_jobs_relocated_share\""));
}

TEST_F(ReportTest, HasTheMapWithZonesAndFlows) {
  EXPECT_TRUE(contains(html_, "data-chart=\"map-region\""));
  EXPECT_TRUE(contains(html_, "data-zone=\"dongcheng\""));
  EXPECT_TRUE(contains(html_, "data-zone=\"xiongan\""));
  // Resident flows both ways and the firm flow; flows from or to outside are not drawn.
  EXPECT_TRUE(contains(html_, "data-series=\"flow/resident/dongcheng/xiongan\""));
  EXPECT_TRUE(contains(html_, "data-series=\"flow/resident/xiongan/dongcheng\""));
  EXPECT_TRUE(contains(html_, "data-series=\"flow/firm/dongcheng/xiongan\""));
  EXPECT_FALSE(contains(html_, "flow/resident/outside"));
  EXPECT_FALSE(contains(html_, "flow/institution"));
  // Summed over all years: 20 k + 25 k residents; the caption says which years.
  EXPECT_TRUE(contains(html_, "Residents Dongcheng → Xiong&#39;an New Area: 45 k"));
  EXPECT_TRUE(contains(html_, "summed over 2015–2016 (all years in flows.csv)"));
  // Colour legend of the change since the base year.
  EXPECT_TRUE(contains(html_, "Residents: change 2014–2016"));
}

TEST_F(ReportTest, LimitsFlowsToTheLastYearsWhenAsked) {
  ReportOptions options;
  options.flow_years = 1;
  options.top_flows = 1;
  write_report(run_, options);
  const std::string html = read_file(run_ / "report.html");
  EXPECT_TRUE(contains(html, "Residents Dongcheng → Xiong&#39;an New Area: 25 k"));
  EXPECT_FALSE(contains(html, "flow/resident/xiongan/dongcheng"));  // only in 2015
  EXPECT_TRUE(contains(html, "summed over 2016–2016 (the last 1 years)"));
}

TEST_F(ReportTest, HasSectorsRentsCommutesAndLevers) {
  EXPECT_TRUE(contains(html_, "data-chart=\"sectors-core\""));
  EXPECT_TRUE(contains(html_, "data-series=\"core/jobs.finance\""));
  EXPECT_TRUE(contains(html_, "data-series=\"core/jobs.general_manufacturing\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"rents\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"commute\""));
  EXPECT_TRUE(contains(html_, "data-row=\"dongcheng\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"levers\""));
  EXPECT_TRUE(contains(html_, "data-series=\"lever/beijing_cap\""));
  EXPECT_TRUE(contains(html_, "data-series=\"lever/soe_hq_to_xiongan\""));
  EXPECT_TRUE(contains(html_, "2015 onwards"));
}

TEST_F(ReportTest, ShowsHeadlinesAndTargets) {
  EXPECT_TRUE(contains(html_, "data-indicator=\"beijing/residents\""));
  EXPECT_TRUE(contains(html_, "3.7 % of the 23 M cap"));
  EXPECT_TRUE(contains(html_, "data-target=\"core_cut\""));
  EXPECT_TRUE(contains(html_, "data-met=\"true\""));
  EXPECT_TRUE(contains(html_, "data-met=\"false\""));
  EXPECT_TRUE(contains(html_, "≤ 870 k"));
  EXPECT_TRUE(contains(html_, "≥ 1.3 M"));
}

TEST_F(ReportTest, EscapesNamesAndDescriptions) {
  EXPECT_TRUE(contains(html_, "Xiong&#39;an New Area"));
  EXPECT_FALSE(contains(html_, "Xiong'an New Area"));
  EXPECT_TRUE(contains(html_, "Test &lt;b&gt;&quot;fixture&quot;&lt;/b&gt; &amp; Xiong&#39;an"));
  EXPECT_FALSE(contains(html_, "<b>\"fixture\""));
}

TEST(ZonesGeojson, IsAFeatureCollectionOfZonePoints) {
  ScratchDir scratch;
  const auto run = scratch.copy_run("baseline");
  write_zones_geojson(run);
  const auto doc = nlohmann::json::parse(read_file(run / "zones.geojson"));
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 2U);
  const auto& f = doc["features"][1];
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][0].get<double>(), 115.93);  // lon first
  EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][1].get<double>(), 39.03);
  const auto& p = f["properties"];
  EXPECT_EQ(p["id"], "xiongan");
  EXPECT_EQ(p["name"], "Xiong'an New Area");
  EXPECT_EQ(p["province"], "Hebei");
  EXPECT_EQ(p["groups"], nlohmann::json::array({"xiongan", "hebei"}));
  EXPECT_EQ(p["year"], 2016);
  EXPECT_DOUBLE_EQ(p["residents"].get<double>(), 1210000);
  EXPECT_DOUBLE_EQ(p["residents_base"].get<double>(), 1100000);
  EXPECT_DOUBLE_EQ(p["residents_change"].get<double>(), 110000);
  EXPECT_NEAR(p["residents_change_pct"].get<double>(), 10.0, 1e-9);
  EXPECT_TRUE(p.contains("jobs"));
  EXPECT_TRUE(p.contains("firms"));
  EXPECT_TRUE(p.contains("rent_housing"));
  EXPECT_TRUE(p.contains("commute_minutes"));
  EXPECT_TRUE(p.contains("jobs_finance"));  // dots become underscores for GIS field names
  EXPECT_TRUE(p["area_km2"].is_null());
  EXPECT_DOUBLE_EQ(doc["features"][0]["properties"]["area_km2"].get<double>(), 41.8);
}

class CompareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = scratch_.root() / "cmp";
    write_comparison({fixture("baseline"), fixture("no_policy")}, out_);
    html_ = read_file(out_ / "compare.html");
    differences_ = parse_csv(read_file(out_ / "differences.csv"), "differences.csv");
  }
  // The row of differences.csv for (zone, metric, year).
  const CsvRow* row(const std::string& zone, const std::string& metric, const std::string& year) {
    for (const auto& r : differences_.rows) {
      if (r.fields[0] == zone && r.fields[1] == metric && r.fields[2] == year) return &r;
    }
    return nullptr;
  }
  ScratchDir scratch_;
  std::filesystem::path out_;
  std::string html_;
  CsvTable differences_;
};

TEST_F(CompareTest, DifferencesHaveOneValueColumnPerRunAndDifferencesAgainstTheFirst) {
  EXPECT_EQ(differences_.header,
            (std::vector<std::string>{"zone", "metric", "year", "baseline", "no_policy",
                                      "diff_no_policy", "rel_diff_no_policy"}));
  const CsvRow* r = row("region", "residents", "2016");
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(*parse_double(r->fields[3]), 2070000);
  EXPECT_DOUBLE_EQ(*parse_double(r->fields[4]), 2030000);
  EXPECT_DOUBLE_EQ(*parse_double(r->fields[5]), -40000);
  EXPECT_NEAR(*parse_double(r->fields[6]), -40000.0 / 2070000, 1e-12);
  const CsvRow* core = row("core", "residents", "2014");
  ASSERT_NE(core, nullptr);
  EXPECT_DOUBLE_EQ(*parse_double(core->fields[5]), 0);
  // Region-only metrics, zones and groups are there; sector detail is not.
  EXPECT_NE(row("region", "noncapital_jobs_relocated_share", "2016"), nullptr);
  EXPECT_NE(row("xiongan", "jobs", "2016"), nullptr);
  EXPECT_NE(row("dongcheng", "commute_minutes", "2016"), nullptr);
  EXPECT_EQ(row("dongcheng", "commute_minutes", "2015"), nullptr);  // not a key year
  EXPECT_EQ(row("core", "jobs.finance", "2016"), nullptr);
  // An undefined relative difference (zero in the first run) is left empty.
  const CsvRow* subsidy = row("region", "subsidy_paid", "2014");
  ASSERT_NE(subsidy, nullptr);
  EXPECT_EQ(subsidy->fields[6], "");
}

TEST_F(CompareTest, KeyYearsArePresentOnes) {
  std::set<std::string> years;
  for (const auto& r : differences_.rows) years.insert(r.fields[2]);
  EXPECT_EQ(years, (std::set<std::string>{"2014", "2016"}));  // 2020 and 2025 are past the run
}

TEST_F(CompareTest, OverlaysTheRunsInOnePage) {
  EXPECT_EQ(external_references(html_), std::vector<std::string>{});
  EXPECT_TRUE(contains(html_, "data-series=\"baseline/core/residents\""));
  EXPECT_TRUE(contains(html_, "data-series=\"no_policy/core/residents\""));
  EXPECT_TRUE(contains(html_, "data-series=\"no_policy/core/jobs.finance\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"map-no_policy\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"rents-rent_housing\""));
  EXPECT_TRUE(contains(html_, "data-chart=\"levers-baseline\""));
  EXPECT_TRUE(contains(html_, "No levers: trends only."));
  EXPECT_TRUE(contains(html_, "-40 k (-1.9 %)"));  // region residents, no_policy - baseline
}

TEST(Compare, NeedsTwoRuns) {
  ScratchDir scratch;
  EXPECT_THROW(write_comparison({fixture("baseline")}, scratch.root() / "cmp"), InputError);
  EXPECT_FALSE(std::filesystem::exists(scratch.root() / "cmp"));
}

TEST(Compare, LabelsRunsOfTheSameScenarioApart) {
  ScratchDir scratch;
  const auto a = scratch.copy_run("baseline");
  const auto b = scratch.root() / "seed2";
  std::filesystem::copy(a, b);
  write_comparison({a, b}, scratch.root() / "cmp");
  const CsvTable t =
      parse_csv(read_file(scratch.root() / "cmp" / "differences.csv"), "differences.csv");
  EXPECT_EQ(t.header[3], "baseline");
  EXPECT_EQ(t.header[4], "baseline (seed2)");
}

}  // namespace
}  // namespace relocsim::output
