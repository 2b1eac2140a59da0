#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "engine/core/parallel.h"
#include "engine/world/world.h"

namespace relocsim {
namespace {

// Ten firms in three zones, of which `closed` are closed, and residents over several chunks:
// resident i works at firm i % 12 when that is an open firm, at institution 3 when i % 12 is 10,
// and nowhere otherwise (the staff of closed firms have left them before compaction).
World world_with(const std::vector<std::size_t>& closed, int threads) {
  World w;
  w.threads = threads;
  for (std::size_t f = 0; f < 10; ++f) {
    w.firms.add(ZoneId::from(f % 3), SectorId::from(f % 2), FirmFlags::make(0, 0),
                static_cast<std::uint32_t>(f + 1), 2000);
  }
  for (const std::size_t f : closed) {
    w.firms.flags[f] = static_cast<std::uint8_t>(w.firms.flags[f] & ~FirmFlags::kAlive);
  }
  auto& r = w.residents;
  r.resize(3 * kChunk + 123);
  for (std::size_t i = 0; i < r.slots(); ++i) {
    const std::size_t f = i % 12;
    r.home[i] = ZoneId::from(0);
    EmployerRef e;
    if (f < 10 && w.firms.alive(f)) e = EmployerRef::firm(FirmId::from(f));
    if (f == 10) e = EmployerRef::institution(InstitutionId::from(3));
    r.employer[i] = e.raw();
    r.work[i] = e.employed() ? ZoneId::from(1) : ZoneId::none();
  }
  return w;
}

TEST(CompactFirms, DropsClosedFirmsAndRenumbersTheirStaff) {
  for (const int threads : {1, 2}) {
    World w = world_with({1, 4, 7}, threads);
    ASSERT_TRUE(compact_firms(w));
    // Open firms keep their order: 0 2 3 5 6 8 9 become 0..6.
    const std::vector<std::size_t> kept = {0, 2, 3, 5, 6, 8, 9};
    ASSERT_EQ(w.firms.size(), kept.size());
    for (std::size_t k = 0; k < kept.size(); ++k) {
      EXPECT_EQ(w.firms.zone[k], ZoneId::from(kept[k] % 3));
      EXPECT_EQ(w.firms.jobs[k], kept[k] + 1);
      EXPECT_TRUE(w.firms.alive(k));
    }
    std::vector<std::uint32_t> new_index(10, EmployerRef::kNone);
    for (std::size_t k = 0; k < kept.size(); ++k) {
      new_index[kept[k]] = static_cast<std::uint32_t>(k);
    }
    const auto& r = w.residents;
    for (std::size_t i = 0; i < r.slots(); ++i) {
      const std::size_t f = i % 12;
      EmployerRef expected;
      if (f < 10 && new_index[f] != EmployerRef::kNone) {
        expected = EmployerRef::firm(FirmId::from(new_index[f]));
      }
      if (f == 10) expected = EmployerRef::institution(InstitutionId::from(3));
      ASSERT_EQ(r.employer[i], expected.raw()) << "resident " << i << ", threads " << threads;
      ASSERT_EQ(r.work[i], expected.employed() ? ZoneId::from(1) : ZoneId::none()) << i;
    }
  }
}

TEST(CompactFirms, LeavesAStoreWithAQuarterOrFewerClosedAlone) {
  World w = world_with({1, 4}, 2);
  auto employers = [&w] {
    const std::uint32_t* e = w.residents.employer.data();
    return std::vector<std::uint32_t>(e, e + w.residents.slots());
  };
  const std::vector<std::uint32_t> before = employers();
  EXPECT_FALSE(compact_firms(w));
  EXPECT_EQ(w.firms.size(), 10u);
  EXPECT_EQ(employers(), before);
}

}  // namespace
}  // namespace relocsim
