#include <gtest/gtest.h>

#include <vector>

#include "engine/world/agents.h"

namespace relocsim {
namespace {

// A store of n residents, all in zone 0.
ResidentStore store_of(std::size_t n) {
  ResidentStore r;
  r.resize(n);
  for (std::size_t i = 0; i < n; ++i) r.home[i] = ZoneId::from(0);
  return r;
}

TEST(ResidentStore, TakeSlotsGivesWhatOneAtATimeWould) {
  for (const std::size_t wanted : {0u, 2u, 3u, 7u}) {
    ResidentStore one = store_of(10);
    ResidentStore many = store_of(10);
    one.release({1, 4, 8});
    many.release({1, 4, 8});
    std::vector<std::uint32_t> expected;
    for (std::size_t k = 0; k < wanted; ++k) {
      expected.push_back(static_cast<std::uint32_t>(one.take_slot()));
    }
    EXPECT_EQ(many.take_slots(wanted), expected) << wanted;
    EXPECT_EQ(many.slots(), one.slots()) << wanted;
    EXPECT_EQ(many.free_slots, one.free_slots) << wanted;
  }
}

TEST(ResidentStore, TakeSlotsFillsTheLowestFreeSlotsFirst) {
  ResidentStore r = store_of(6);
  r.release({2, 5});
  EXPECT_EQ(r.take_slots(4), (std::vector<std::uint32_t>{2, 5, 6, 7}));
  EXPECT_EQ(r.slots(), 8u);
  EXPECT_TRUE(r.free_slots.empty());
}

}  // namespace
}  // namespace relocsim
