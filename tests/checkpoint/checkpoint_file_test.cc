// checkpoint.bin refused with a clear message, and nothing run, when it is damaged, cut short,
// foreign, of another format, byte order, relocsim version or scenario.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/output/provenance.h"
#include "engine/runner/checkpoint.h"
#include "tests/checkpoint/checkpoint_test_util.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using checkpoint_testing::error_of;
using checkpoint_testing::read_file;
using checkpoint_testing::reseal;
using checkpoint_testing::ScratchDir;
using checkpoint_testing::write_file;
using testing::small_scenario;

constexpr std::size_t kFormatAt = 16;
constexpr std::size_t kByteOrderAt = 20;
constexpr std::size_t kVersionAt = 24 + 8;  // after its u64 length

// A checkpoint of a short run after its first year, in dir/run.
class CheckpointFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = small_scenario("scenarios/no_policy.yaml", 2012);
    Simulation sim(scenario_, 2);
    sim.step();
    write_checkpoint(dir_ / "run", sim, CheckpointRun{"relocsim run test", 2, 1, 0.5, 1, 2, 3});
    bytes_ = read_file(file());
  }
  std::filesystem::path file() const { return dir_ / "run" / kCheckpointFileName; }
  // The message of opening the checkpoint after replacing its bytes.
  std::string refusal(const std::string& bytes) const {
    write_file(file(), bytes);
    return error_of([&] { CheckpointFile f(file()); });
  }
  std::string expected(const std::string& message) const {
    return file().string() + ": " + message;
  }

  ScratchDir dir_;
  Scenario scenario_;
  std::string bytes_;
};

TEST_F(CheckpointFileTest, ReadsBackItsHeader) {
  const CheckpointFile f(file());
  const auto& h = f.header();
  EXPECT_EQ(h.format, kCheckpointFormat);
  EXPECT_EQ(h.version, output::build_info().version);
  EXPECT_EQ(h.year, 2011);
  EXPECT_EQ(h.scenario_sha256, scenario_.sha256);
  EXPECT_EQ(h.scenario_yaml, scenario_.resolved_yaml);
  EXPECT_EQ(h.seed, scenario_.info.seed);
  EXPECT_EQ(h.scale, 0.002);
  EXPECT_EQ(h.run.command_line, "relocsim run test");
  EXPECT_EQ(h.run.checkpoint_every, 1);
  EXPECT_EQ(h.run.institutions, 3u);
  // Written through a temporary name: nothing else is left in the folder.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "run"),
                          std::filesystem::directory_iterator()),
            1);
}

// One test for the refusals of the file itself, so that the run that makes the checkpoint is
// paid once.
TEST_F(CheckpointFileTest, RefusesWhatItCannotUse) {
  {
    SCOPED_TRACE("a damaged byte, caught by the checksum");
    std::string bytes = bytes_;
    bytes[bytes.size() / 2] ^= 0x01;
    EXPECT_EQ(refusal(bytes),
              expected("is damaged: its SHA-256 checksum does not match its content"));
  }
  {
    SCOPED_TRACE("truncated");
    EXPECT_EQ(refusal(bytes_.substr(0, bytes_.size() - 1000)),
              expected("is truncated or damaged: it holds " + std::to_string(bytes_.size() - 1000) +
                       " bytes, and its trailer does not record that length (was it cut short or "
                       "copied incompletely?)"));
    EXPECT_EQ(refusal(bytes_.substr(0, 20)),
              expected("is truncated: 20 bytes, too short for a checkpoint"));
  }
  {
    SCOPED_TRACE("foreign");
    EXPECT_EQ(refusal("year,zone,metric,value\n2010,core,residents,2163000\n"),
              expected("is not a relocsim checkpoint (its first bytes are not relocsim's)"));
    EXPECT_EQ(refusal(""), expected("is empty: not a relocsim checkpoint"));
  }
  {
    SCOPED_TRACE("another format");
    std::string bytes = bytes_;
    bytes[kFormatAt] = 2;
    EXPECT_EQ(refusal(reseal(bytes)),
              expected("is in checkpoint format 2; this relocsim reads format 1"));
  }
  {
    SCOPED_TRACE("another byte order");
    std::string bytes = bytes_;
    std::reverse(bytes.begin() + kByteOrderAt, bytes.begin() + kByteOrderAt + 4);
    EXPECT_EQ(refusal(reseal(bytes)), expected("was written on a machine with another byte order"));
  }
  {
    SCOPED_TRACE("another relocsim version");
    const std::string version = output::build_info().version;
    ASSERT_EQ(bytes_.substr(kVersionAt, version.size()), version);
    std::string bytes = bytes_;
    const std::string other(version.size(), 'x');
    bytes.replace(kVersionAt, version.size(), other);
    EXPECT_EQ(refusal(reseal(bytes)),
              expected("was written by relocsim " + other + ", this is relocsim " + version +
                       ": a checkpoint is resumed only by the build that wrote it (run the "
                       "scenario again from the start)"));
  }
  {
    SCOPED_TRACE("resealed intact: accepted");
    EXPECT_EQ(refusal(reseal(bytes_)), "");
  }
}

TEST_F(CheckpointFileTest, IsNotRestoredIntoAnotherScenario) {
  CheckpointFile f(file());
  const Scenario other =
      small_scenario("scenarios/no_policy.yaml", 2012, 0.002, {"scenario.seed=5"});
  Simulation sim(other, 1);
  EXPECT_EQ(error_of([&] { f.restore(sim); }),
            expected("was written for scenario " + scenario_.sha256 + ", not for " + other.sha256));
}

TEST_F(CheckpointFileTest, ResumeRefusesAFolderOfAnotherScenarioUnlessForced) {
  const Scenario other =
      small_scenario("scenarios/no_policy.yaml", 2012, 0.002, {"scenario.seed=5"});
  write_file(dir_ / "run" / "scenario.resolved.yaml", other.resolved_yaml);
  ResumeOptions options;
  EXPECT_EQ(
      error_of([&] { resume_run(dir_ / "run", options); }),
      expected("is of another scenario (sha256 " + scenario_.sha256 +
               ") than the outputs in the folder (scenario.resolved.yaml: sha256 " + other.sha256 +
               "); pass --force to resume it anyway and replace those outputs"));
  EXPECT_EQ(read_file(dir_ / "run" / "scenario.resolved.yaml"), other.resolved_yaml);
  options.force = true;
  const RunResult r = resume_run(dir_ / "run", options);
  EXPECT_EQ(read_file(dir_ / "run" / "scenario.resolved.yaml"), scenario_.resolved_yaml);
  EXPECT_EQ(read_file(dir_ / "run" / "metrics.csv"), r.metrics_csv);
}

TEST(ResumeRun, NeedsAFolderWithACheckpoint) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "empty");
  EXPECT_EQ(error_of([&] { resume_run(dir / "empty", {}); }),
            (dir / "empty").string() +
                ": holds no checkpoint.bin: nothing to resume (a run writes one with "
                "--checkpoint-every N)");
  EXPECT_EQ(error_of([&] { resume_run(dir / "nothing", {}); }),
            (dir / "nothing").string() + ": no such output folder");
}

TEST_F(CheckpointFileTest, ADamagedCheckpointIsRefusedBeforeTheFolderIsTouched) {
  std::string bytes = bytes_;
  bytes[bytes.size() - 100] ^= 0x40;
  write_file(file(), bytes);
  EXPECT_NE(error_of([&] { resume_run(dir_ / "run", {}); }).find("is damaged"), std::string::npos);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "run"),
                          std::filesystem::directory_iterator()),
            1);
  EXPECT_EQ(read_file(file()), bytes);
}

}  // namespace
}  // namespace relocsim
