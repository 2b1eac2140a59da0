// The runs of a sweep without the model: the plan (ids, seeds, overrides, rows of runs.csv,
// outputs, indices over replicate means), the journal (resuming, refusing another sweep's folder)
// and the thread pool, with the Ishigami function in place of relocsim.
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <thread>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"
#include "tests/sweep/test_functions.h"

namespace relocsim::sweep {
namespace {

using testing::Ishigami;
using testing::ScratchDir;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kBaseSeed = 100;

// The Ishigami factors as a sweep with 2 replicates and two outputs: a metrics value and a
// summary field.
SweepSpec ishigami_sweep(std::string_view method, std::size_t n) {
  return parse_sweep(fmt::format(R"(scenario: scenarios/stationary.yaml
set: {{scenario.scale: 0.002}}
factors:
  - {{name: x1, path: p.x1, min: -3.141592653589793, max: 3.141592653589793}}
  - {{name: x2, path: p.x2, min: -3.141592653589793, max: 3.141592653589793}}
  - {{name: x3, path: p.x3, min: -3.141592653589793, max: 3.141592653589793}}
design: {{method: {}, n: {}, seed: 5}}
replicates: 2
outputs:
  - {{name: y, year: 2020, zone: region, metric: y}}
  - {{name: half, summary: indicators.core.residents.end}}
)",
                                 method, n),
                     "s.yaml");
}

// The model: Ishigami plus a replicate's noise (+0.5 and -0.5, so that the means are Ishigami).
struct Model {
  const SweepPlan& plan;
  MetricValues metrics(const PlannedRun& run) const {
    const double noise = run.replicate == 0 ? 0.5 : -0.5;
    return {{{2020, "region", "y"}, Ishigami{}(plan.design().row(run.point)) + noise}};
  }
  std::string summary(double y) const {
    return fmt::format(R"({{"indicators": {{"core.residents": {{"end": {}}}}}}})", y / 2);
  }
  RunRecord operator()(std::size_t id) const {
    const PlannedRun run = plan.run(id);
    const MetricValues m = metrics(run);
    RunRecord r;
    r.id = id;
    r.outputs = plan.collect_outputs(m, summary(m.begin()->second));
    r.seconds = 0.25;
    return r;
  }
};

bool same(const RunRecord& a, const RunRecord& b) {
  if (a.id != b.id || a.status != b.status || a.seconds != b.seconds) return false;
  if (a.outputs.size() != b.outputs.size()) return false;
  for (std::size_t k = 0; k < a.outputs.size(); ++k) {
    const bool both_nan = std::isnan(a.outputs[k]) && std::isnan(b.outputs[k]);
    if (!both_nan && a.outputs[k] != b.outputs[k]) return false;
  }
  return true;
}

template <typename F>
std::string refusal(F&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(SweepPlan, NumbersRunsByPointAndReplicate) {
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  ASSERT_EQ(plan.design().rows(), 16u);  // 4 trajectories of k + 1 = 4 rows
  EXPECT_EQ(plan.runs(), 32u);
  const PlannedRun run = plan.run(5);
  EXPECT_EQ(run.point, 2u);
  EXPECT_EQ(run.replicate, 1u);
  EXPECT_EQ(run.seed, kBaseSeed + 1);
  const auto x = plan.design().row(2);
  EXPECT_EQ(run.overrides,
            (std::vector<std::string>{"scenario.scale=0.002", fmt::format("p.x1={}", x[0]),
                                      fmt::format("p.x2={}", x[1]), fmt::format("p.x3={}", x[2]),
                                      "scenario.seed=101"}));
  EXPECT_EQ(plan.run(4).seed, kBaseSeed);
}

TEST(SweepPlan, RowsReadBackExactly) {
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  EXPECT_EQ(plan.csv_header(), "run,point,replicate,seed,x1,x2,x3,y,half,status,seconds\n");
  const RunRecord ok{7, {0.1 + 0.2, -1e-300}, "ok", 12.3456};
  const RunRecord failed{8, {kNaN, kNaN}, "failed: a, \"b\"\nc", 0.5};
  for (const RunRecord& r : {ok, failed}) {
    const std::string row = plan.csv_row(r);
    RunRecord back = plan.parse_row(row, Place{"j.csv", 1, 0});
    back.seconds = r.seconds;  // written with 3 decimals
    EXPECT_TRUE(same(back, r)) << row;
  }
  const auto x = plan.design().row(3);
  EXPECT_EQ(
      plan.csv_row(ok),
      fmt::format("7,3,1,101,{},{},{},0.30000000000000004,-1e-300,ok,12.346\n", x[0], x[1], x[2]));
}

TEST(SweepPlan, RefusesRowsOfAnotherSweep) {
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  const SweepPlan other(ishigami_sweep("morris", 4), kBaseSeed + 1);
  const Place place{"j.csv", 1, 0};
  EXPECT_EQ(refusal([&] {
              plan.parse_row(other.csv_row({3, {1, 2}, "ok", 1}), place);
            }),
            "j.csv:1: run 3: column seed holds '102', but this sweep has '101' (the journal is of "
            "another sweep)");
  EXPECT_EQ(refusal([&] { plan.parse_row("99,0,0,100,1,2,3,1,2,ok,1\n", place); }),
            "j.csv:1: run '99' is not a run of this sweep (0 to 31)");
  EXPECT_EQ(refusal([&] { plan.parse_row("3,1,1\n", place); }),
            "j.csv:1: not a row of this sweep's runs.csv (wrong number of fields or quoting)");
}

TEST(SweepPlan, KeyNamesWhatTheRunsDependOn) {
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  EXPECT_EQ(plan.key("abc"), SweepPlan(ishigami_sweep("morris", 4), kBaseSeed).key("abc"));
  EXPECT_NE(plan.key("abc"), plan.key("abd"));
  EXPECT_NE(plan.key("abc"), SweepPlan(ishigami_sweep("morris", 4), kBaseSeed + 1).key("abc"));
  EXPECT_NE(plan.key("abc"), SweepPlan(ishigami_sweep("morris", 5), kBaseSeed).key("abc"));
  EXPECT_TRUE(plan.key("abc").starts_with("relocsim sweep 1\nscenario abc\nset "));
}

TEST(SweepPlan, MissingOutputsAreNamedWithTheNearestOnes) {
  SweepSpec spec = ishigami_sweep("morris", 4);
  spec.outputs[0].metric = "yy";
  spec.outputs[1].summary = "indicators.core.residents.ned";
  const SweepPlan plan(spec, kBaseSeed);
  const MetricValues metrics = {{{2020, "region", "y"}, 1.0}, {{2020, "region", "z"}, 2.0}};
  EXPECT_EQ(refusal([&] {
              plan.collect_outputs(metrics, R"({"indicators": {"core.residents": {"end": 1}}})");
            }),
            "s.yaml:10:5: output 'y': metrics.csv has no metric 'yy' for 'region' in 2020 (did "
            "you mean 'y'?)\n"
            "s.yaml:11:5: output 'half': summary.json has no field 'ned' in "
            "'indicators.core.residents' (did you mean 'end'?)");
  // Nothing near: the fields there are listed.
  spec.outputs[1].summary = "indicators.core.residents.population";
  const SweepPlan listed(spec, kBaseSeed);
  EXPECT_EQ(refusal([&] {
              listed.collect_outputs(
                  metrics, R"({"indicators": {"core.residents": {"end": 1, "start": 2}}})");
            }),
            "s.yaml:10:5: output 'y': metrics.csv has no metric 'yy' for 'region' in 2020 (did "
            "you mean 'y'?)\n"
            "s.yaml:11:5: output 'half': summary.json has no field 'population' in "
            "'indicators.core.residents' (it has end, start)");
  spec.outputs[0].year = 2030;
  spec.outputs[1].summary = "agents";
  const SweepPlan later(spec, kBaseSeed);
  EXPECT_EQ(refusal([&] { later.collect_outputs(metrics, R"({"agents": {"residents": 3}})"); }),
            "s.yaml:10:5: output 'y': the run has no year 2030 in metrics.csv (it has 2020 to "
            "2020)\n"
            "s.yaml:11:5: output 'half': summary.json field 'agents' is object, not a number");
}

TEST(SweepPlan, SummaryFieldsByDottedPath) {
  SweepSpec spec = ishigami_sweep("morris", 4);
  spec.outputs.assign(3, SweepOutput{});
  for (std::size_t k = 0; k < 3; ++k)
    spec.outputs[k].name = std::string(1, static_cast<char>('a' + k));
  spec.outputs[0].summary = "targets.t2.met";
  spec.outputs[1].summary = "zones.1.area";
  spec.outputs[2].summary = "x.y.z";
  const SweepPlan plan(spec, kBaseSeed);
  const auto values = plan.collect_outputs(
      {}, R"({"targets": [{"id": "t1", "met": false}, {"id": "t2", "met": true}],
              "zones": [{"area": 1.5}, {"area": 2.5}], "x.y": {"z": 7}, "x": {"y": 1}})");
  EXPECT_EQ(values, (std::vector<double>{1.0, 2.5, 7.0}));
}

TEST(SweepPlan, IndicesAreThoseOfTheReplicateMeans) {
  for (const auto& [method, analysis] : {std::pair{"morris", AnalysisMethod::kMorris},
                                         std::pair{"saltelli", AnalysisMethod::kSobol}}) {
    const SweepPlan plan(ishigami_sweep(method, 8), kBaseSeed);
    const Model model{plan};
    std::vector<RunRecord> records;
    for (std::size_t id = 0; id < plan.runs(); ++id) records.push_back(model(id));
    const auto table = plan.indices(records);
    ASSERT_TRUE(table.has_value());

    const std::vector<double> y = testing::evaluate(Ishigami{}, plan.design());
    Matrix outputs(y.size(), 2);
    for (std::size_t r = 0; r < y.size(); ++r) {
      outputs(r, 0) = y[r];
      outputs(r, 1) = y[r] / 2;
    }
    const std::vector<std::string> names = {"y", "half"};
    const IndexTable expected = analyze(analysis, plan.spec().factor_list(), plan.design(), outputs,
                                        names, plan.spec().analysis);
    ASSERT_EQ(table->rows.size(), expected.rows.size());
    for (std::size_t i = 0; i < expected.rows.size(); ++i) {
      EXPECT_EQ(table->rows[i].output, expected.rows[i].output);
      EXPECT_EQ(table->rows[i].factor, expected.rows[i].factor);
      for (std::size_t c = 0; c < 4; ++c) {
        EXPECT_NEAR(table->rows[i].values[c], expected.rows[i].values[c], 1e-9) << method;
      }
    }

    // A failed run leaves its outputs without indices; a missing value only its own output.
    records[3].status = "failed: no";
    records[3].outputs = {kNaN, kNaN};
    records[6].outputs[1] = kNaN;
    const auto partial = plan.indices(records);
    for (const IndexRow& row : partial->rows) {
      for (double v : row.values) EXPECT_TRUE(std::isnan(v)) << row.output;
    }
    records[3] = model(3);
    const auto half_missing = plan.indices(records);
    EXPECT_FALSE(std::isnan(half_missing->rows[0].values[1]));
    EXPECT_TRUE(std::isnan(half_missing->rows[3].values[1]));
  }
  EXPECT_FALSE(SweepPlan(ishigami_sweep("lhs", 8), kBaseSeed).indices({}).has_value());
}

TEST(SweepJournal, KeepsFinishedRunsAcrossStarts) {
  const ScratchDir dir("journal");
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  const Model model{plan};
  const auto out = dir.file("sweep");
  {
    SweepJournal journal(out, plan, plan.key("k"));
    EXPECT_EQ(journal.missing().size(), plan.runs());
    for (std::size_t id : {0u, 5u, 31u}) journal.add(model(id));
    EXPECT_THROW(journal.write_results(), std::logic_error);
  }
  // A record cut short by a kill, and one damaged by hand.
  dir.write("sweep/journal/000001.csv.tmp-123", "1,0,1");
  dir.write("sweep/journal/000007.csv", "7,3,1,101,1,2\n");
  SweepJournal journal(out, plan, plan.key("k"));
  EXPECT_EQ(journal.finished_count(), 3u);
  EXPECT_FALSE(std::filesystem::exists(out / "journal" / "000001.csv.tmp-123"));
  ASSERT_EQ(journal.warnings().size(), 1u);
  EXPECT_NE(journal.warnings()[0].find("000007.csv:1: not a row of this sweep's runs.csv"),
            std::string::npos)
      << journal.warnings()[0];
  const std::vector<std::size_t> missing = journal.missing();
  EXPECT_EQ(missing.size(), plan.runs() - 3);
  EXPECT_EQ(missing.front(), 1u);
  EXPECT_EQ(std::count(missing.begin(), missing.end(), 7u), 1);

  RunRecord failed = model(2);
  failed.status = "failed: x";
  journal.add(failed);
  EXPECT_EQ(journal.failed_count(), 1u);
  EXPECT_EQ(journal.missing(true).front(), 1u);
  EXPECT_EQ(journal.missing(true)[1], 2u);

  for (std::size_t id : journal.missing()) journal.add(model(id));
  journal.add(model(2));
  const auto table = journal.write_results();
  ASSERT_TRUE(table.has_value());
  std::string expected = plan.csv_header();
  for (std::size_t id = 0; id < plan.runs(); ++id) expected += plan.csv_row(model(id));
  EXPECT_EQ(ScratchDir::read(out / "runs.csv"), expected);
  EXPECT_EQ(ScratchDir::read(out / "indices.csv"), index_table_csv(*table));
}

TEST(SweepJournal, RefusesAnotherSweepsFolder) {
  const ScratchDir dir("journal_refusals");
  const SweepPlan plan(ishigami_sweep("morris", 4), kBaseSeed);
  const auto out = dir.file("sweep");
  {
    SweepJournal journal(out, plan, "relocsim sweep 1\nscenario a\n");
    // One sweep at a time in a folder.
    EXPECT_EQ(refusal([&] { SweepJournal(out, plan, "relocsim sweep 1\nscenario a\n"); }),
              out.string() +
                  ": another relocsim sweep is running into this folder (it holds "
                  "sweep.lock)");
  }
  EXPECT_EQ(refusal([&] { SweepJournal(out, plan, "relocsim sweep 1\nscenario b\n"); }),
            (out / "sweep.key").string() +
                ": the folder holds another sweep (it has 'scenario a' where this one has "
                "'scenario b'): choose another --out, or delete the folder to start again");
  dir.write("notes.txt", "mine");
  EXPECT_EQ(refusal([&] { SweepJournal(dir.file(""), plan, "k"); }),
            dir.file("").string() +
                ": the folder holds files but no sweep.key, so it is not a sweep's folder: choose "
                "another --out");
}

TEST(RunPool, RunsEveryIdOnceAndReportsOnTheCallingThread) {
  std::vector<std::size_t> ids(40);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = 3 * i;
  const auto caller = std::this_thread::get_id();
  std::set<std::thread::id> workers;
  std::mutex mutex;
  std::multiset<std::size_t> done;
  int idles = 0;
  run_pool(
      ids, 3,
      [&](std::size_t id) {
        {
          std::lock_guard lock(mutex);
          workers.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return RunRecord{id, {}, "ok", 0};
      },
      [&](RunRecord r) {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        done.insert(r.id);
      },
      [&] {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        ++idles;
      },
      1);
  EXPECT_EQ(done, std::multiset<std::size_t>(ids.begin(), ids.end()));
  EXPECT_FALSE(workers.contains(caller));
  EXPECT_LE(workers.size(), 3u);
  EXPECT_GT(idles, 0);
}

TEST(RunPool, StopsAtTheFirstErrorAndRethrowsIt) {
  std::vector<std::size_t> ids(100);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  std::atomic<int> started = 0;
  std::size_t delivered = 0;
  EXPECT_THROW(run_pool(
                   ids, 2,
                   [&](std::size_t id) {
                     ++started;
                     if (id == 1) throw InputError(Place{"s.yaml", 1, 1}, "no such output");
                     std::this_thread::sleep_for(std::chrono::milliseconds(5));
                     return RunRecord{id, {}, "ok", 0};
                   },
                   [&](RunRecord) { ++delivered; }),
               InputError);
  EXPECT_LT(started.load(), 10);
  EXPECT_EQ(delivered, static_cast<std::size_t>(started.load()) - 1);

  EXPECT_THROW(run_pool(
                   ids, 2,
                   [&](std::size_t id) {
                     return RunRecord{id, {}, "ok", 0};
                   },
                   [&](RunRecord) { throw std::runtime_error("disk full"); }),
               std::runtime_error);
  run_pool(
      {}, 4, [](std::size_t) -> RunRecord { throw std::logic_error("no runs"); }, [](RunRecord) {});
}

}  // namespace
}  // namespace relocsim::sweep
