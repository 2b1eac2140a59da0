// Resumed runs give the uninterrupted run's outputs byte for byte: on the baseline and on
// plan_2035 (every lever type) with levers active across the checkpoint, with another thread
// count after it; run_scenario stops at a year boundary when asked, leaves the folder's earlier
// outputs alone, and resume_run finishes the run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

#include "engine/runner/checkpoint.h"
#include "engine/world/digest.h"
#include "tests/checkpoint/checkpoint_test_util.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

namespace fs = std::filesystem;
using checkpoint_testing::read_file;
using checkpoint_testing::ScratchDir;
using testing::source_path;

// Runs `s` uninterrupted with `threads`, checkpointing after each of `years`; then, for each of
// them, restores the checkpoint into a new simulation with `resume_threads` and runs it to the
// end: the same metrics, flows and world, and the restored state saves to the same bytes.
void expect_resumes_identically(const Scenario& s, const std::vector<int>& years, int threads,
                                int resume_threads) {
  ScratchDir dir;
  const CheckpointRun run{"test", threads, 0, 0.0, 0, 0, 0};
  Simulation a(s, threads);
  while (!a.done()) {
    a.step();
    for (int y : years) {
      if (a.year() == y) write_checkpoint(dir / std::to_string(y), a, run);
    }
  }
  for (int y : years) {
    SCOPED_TRACE("resumed after " + std::to_string(y));
    CheckpointFile file(dir / std::to_string(y) / kCheckpointFileName);
    ASSERT_EQ(file.header().year, y);
    Simulation b(s, resume_threads);
    file.restore(b);
    ASSERT_EQ(b.year(), y);
    write_checkpoint(dir / ("again" + std::to_string(y)), b, run);
    EXPECT_TRUE(read_file(dir / ("again" + std::to_string(y)) / kCheckpointFileName) ==
                read_file(dir / std::to_string(y) / kCheckpointFileName))
        << "the restored state does not save to the bytes it was loaded from";
    while (!b.done()) b.step();
    EXPECT_TRUE(b.metrics().csv() == a.metrics().csv()) << "metrics.csv differs";
    EXPECT_TRUE(b.flows_csv() == a.flows_csv()) << "flows.csv differs";
    EXPECT_EQ(world_digest(b.world()), world_digest(a.world()));
  }
}

TEST(Resume, BaselineMatchesTheUninterruptedRunAcrossLeverYears) {
  // 2016: negative lists, exit programmes, a population cap, leading functions and transport
  // projects under way, mandated moves and core-area control about to start.
  const Scenario s =
      load_scenario(source_path("scenarios/baseline.yaml"), {"scenario.scale=0.002"});
  expect_resumes_identically(s, {2016}, 2, 1);
}

TEST(Resume, EveryLeverTypeCarriesItsStateAcrossTheCheckpoint) {
  // plan_2035 uses all fourteen lever types; with a budget spent during 2022-2023 the incentive's
  // remaining budget, and the mandated moves made so far, must come through the checkpoint.
  const Scenario s =
      load_scenario(source_path("scenarios/plan_2035.yaml"),
                    {"scenario.scale=0.002", "levers[xiongan_incentive].budget=40000"});
  expect_resumes_identically(s, {2021}, 1, 2);
}

// Raises the stop flag once `year` is simulated, as a signal would.
class StopAfter final : public RunObserver {
 public:
  explicit StopAfter(int year) : year_(year) {}
  void on_year(int year, std::uint64_t /*residents*/, double /*seconds*/) override {
    if (year == year_) flag.store(SIGTERM);
  }
  std::atomic<int> flag{0};

 private:
  int year_;
};

Scenario short_run_with_budget() {
  return testing::small_scenario(
      "scenarios/no_policy.yaml", 2017, 0.002,
      {"levers=[{name: x, type: relocation_incentive, from: 2011, zones: [xiongan], "
       "subsidy_per_job: 50, budget: 300000, bonus: 1}]"});
}

std::map<std::string, std::string> folder_files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    files[e.path().filename().string()] = read_file(e.path());
  }
  return files;
}

TEST(RunScenario, StopsAtAYearBoundaryWithACheckpointAndResumes) {
  const Scenario s = short_run_with_budget();
  const RunResult reference = testing::run_in_memory(s, 2);
  ScratchDir dir;
  StopAfter stop(2014);
  RunOptions options;
  options.out = dir / "out";
  options.threads = 2;
  options.checkpoint_every = 3;
  options.command_line = "relocsim run short";
  options.observer = &stop;
  options.stop = &stop.flag;
  try {
    run_scenario(s, options);
    FAIL() << "not interrupted";
  } catch (const RunInterrupted& e) {
    EXPECT_EQ(e.year(), 2014);
    EXPECT_EQ(e.signal(), SIGTERM);
    EXPECT_EQ(e.checkpoint_year(), 2014);  // 2013 was due; the stop point is saved too
    EXPECT_EQ(e.checkpoint(), options.out / kCheckpointFileName);
    EXPECT_EQ(std::string(e.what()),
              "interrupted at year 2014: SIGTERM received; no outputs written, the folder's "
              "earlier files are as they were; " +
                  e.checkpoint().string() +
                  " holds the state after 2014 (continue with: relocsim resume " +
                  options.out.string() + ")");
  }
  // Nothing but the checkpoint.
  EXPECT_EQ(folder_files(options.out).size(), 1u);

  ResumeOptions resume;
  resume.threads = 1;
  resume.command_line = "relocsim resume out";
  const RunResult resumed = resume_run(options.out, resume);
  EXPECT_TRUE(resumed.metrics_csv == reference.metrics_csv);
  EXPECT_TRUE(resumed.flows_csv == reference.flows_csv);
  EXPECT_TRUE(read_file(options.out / "metrics.csv") == reference.metrics_csv);
  EXPECT_TRUE(read_file(options.out / "flows.csv") == reference.flows_csv);
  EXPECT_EQ(resumed.residents, reference.residents);
  // summary.json: the original command line, and what resumed it.
  const std::string summary = read_file(options.out / "summary.json");
  EXPECT_NE(summary.find("\"command_line\": \"relocsim run short\",\n  \"resumed\": {\n"
                         "    \"from_year\": 2014,\n    \"command_line\": \"relocsim resume out\""),
            std::string::npos)
      << summary;
}

TEST(RunScenario, AStoppedRunLeavesTheFolderAsItWas) {
  const Scenario s = short_run_with_budget();
  ScratchDir dir;
  RunOptions options;
  options.out = dir / "out";
  options.threads = 2;
  options.checkpoint_every = 2;
  run_scenario(s, options);  // a complete run, with its checkpoint of 2016
  const auto before = folder_files(options.out);
  ASSERT_TRUE(before.count("checkpoint.bin") == 1 && before.count("metrics.csv") == 1);

  const Scenario other =
      testing::small_scenario("scenarios/no_policy.yaml", 2017, 0.002, {"scenario.seed=11"});
  StopAfter stop(2013);
  options.observer = &stop;
  options.stop = &stop.flag;
  options.checkpoint_every = 0;
  EXPECT_THROW(run_scenario(other, options), RunInterrupted);
  EXPECT_TRUE(folder_files(options.out) == before) << "a stopped run changed the folder";
}

TEST(RunScenario, ASuccessfulRunRemovesAnEarlierRunsCheckpointAndDeadLeftovers) {
  const Scenario s = testing::small_scenario("scenarios/no_policy.yaml", 2012);
  ScratchDir dir;
  RunOptions options;
  options.out = dir / "out";
  options.checkpoint_every = 1;
  run_scenario(s, options);
  ASSERT_TRUE(fs::exists(options.out / kCheckpointFileName));
  // What runs killed mid-write left: removed once a run succeeds, unless their process lives.
  const fs::path dead_checkpoint = options.out / ".relocsim-checkpoint-2147483646.tmp";
  const fs::path dead_staging = options.out / ".relocsim-staging-2147483645";
  const fs::path live_staging = options.out / (".relocsim-staging-" + std::to_string(::getppid()));
  checkpoint_testing::write_file(dead_checkpoint, "partial");
  fs::create_directories(dead_staging);
  fs::create_directories(live_staging);
  options.checkpoint_every = 0;
  run_scenario(s, options);
  EXPECT_FALSE(fs::exists(options.out / kCheckpointFileName))
      << "a checkpoint of another run would be resumed over this run's outputs";
  EXPECT_FALSE(fs::exists(dead_checkpoint));
  EXPECT_FALSE(fs::exists(dead_staging));
  EXPECT_TRUE(fs::exists(live_staging));
}

}  // namespace
}  // namespace relocsim
