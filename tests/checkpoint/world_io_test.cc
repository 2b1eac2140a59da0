// world_io: every member of the world's structs is listed (saved, or skipped with a reason), and a
// saved world loads into a freshly built one so that saving it again gives the same bytes.
#include "engine/world/world_io.h"

#include <gtest/gtest.h>

#include "engine/core/state_io.h"
#include "engine/world/digest.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

using testing::small_scenario;

TEST(WorldIo, ListsEveryMemberOfEveryStruct) {
  for (const auto& check : world_io_layout_checks()) {
    EXPECT_EQ(check.listed, check.actual)
        << check.name << ": its members take " << check.actual << " bytes, those listed in "
        << "engine/world/world_io.cc " << check.listed
        << ": a member was added or removed; list it there (saved, or io.skip() with the reason) "
        << "and bump kCheckpointFormat in engine/runner/checkpoint.h";
  }
}

std::string saved(const World& w) {
  StringSink sink;
  StateWriter out(sink);
  save_world(out, w);
  return sink.data();
}

TEST(WorldIo, ASavedWorldLoadsBackToTheSameBytes) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2013);
  Simulation a(s, 2);
  a.step();
  a.step();
  const std::string bytes = saved(a.world());

  Simulation b(s, 1);  // a fresh base-year world: other agents, other year
  ASSERT_NE(world_digest(b.world()), world_digest(a.world()));
  StringSource source(bytes);
  StateReader in(source);
  load_world(in, b.world());
  EXPECT_EQ(in.remaining(), 0u);
  EXPECT_EQ(b.year(), a.year());
  EXPECT_EQ(world_digest(b.world()), world_digest(a.world()));
  EXPECT_EQ(saved(b.world()), bytes);
}

TEST(WorldIo, AWorldOfAnotherSeedIsRefused) {
  const Scenario s = small_scenario("scenarios/no_policy.yaml", 2011);
  const Scenario other =
      small_scenario("scenarios/no_policy.yaml", 2011, 0.002, {"scenario.seed=99"});
  Simulation a(s, 2);
  Simulation b(other, 2);
  const std::string bytes = saved(a.world());
  StringSource source(bytes);
  StateReader in(source);
  try {
    load_world(in, b.world());
    FAIL() << "no StateError";
  } catch (const StateError& e) {
    EXPECT_NE(std::string(e.what()).find("seed"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace relocsim
