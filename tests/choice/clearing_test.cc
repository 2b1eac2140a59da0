#include "engine/markets/clearing.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace relocsim::markets {
namespace {

// Everyone prefers zone 0, then zone 1, then zone 2 among the open ones.
void prefer_low(int, std::span<const std::uint32_t> pending, const std::vector<std::uint8_t>& open,
                std::vector<std::int32_t>& dest) {
  for (auto c : pending) {
    dest[c] = -1;
    for (std::size_t z = 0; z < open.size(); ++z) {
      if (open[z]) {
        dest[c] = static_cast<std::int32_t>(z);
        break;
      }
    }
  }
}

TEST(Clearing, CapacityHoldsAndLotteryOrderDecides) {
  const std::vector<double> priority = {0.9, 0.1, 0.5, 0.3};
  std::vector<double> capacity = {2, 1, 0};
  const auto r = clear_in_rounds(4, {}, priority, capacity, 3, 1, prefer_low);
  // Lowest priorities first: choosers 1 and 3 get zone 0, chooser 2 zone 1, chooser 0 nothing.
  EXPECT_EQ(r.destination, (std::vector<std::int32_t>{-1, 0, 1, 0}));
  EXPECT_EQ(capacity, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(r.unmet[0], 2.0);     // two were turned away from zone 0 in the first round
  EXPECT_EQ(r.unplaced[0], 1.0);  // and one of them found nothing
}

TEST(Clearing, SizesMustFit) {
  const std::vector<double> priority = {0.1, 0.2};
  const std::vector<double> sizes = {5, 2};
  std::vector<double> capacity = {6, 10};
  const auto r = clear_in_rounds(2, sizes, priority, capacity, 2, 1, prefer_low);
  // The first takes 5 of zone 0's 6; the second does not fit the 1 left and goes to zone 1.
  EXPECT_EQ(r.destination, (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(capacity, (std::vector<double>{1, 8}));
}

// Many choosers (several chunks), each drawing among the open zones by a hash of (round, chooser),
// with tight capacity: zones accept and reject in parallel, and the result must not depend on the
// number of threads.
ClearingResult clear_many(bool sized, int threads, std::vector<double>& capacity) {
  constexpr std::size_t kChoosers = 200'000;
  auto mix = [](std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
  };
  std::vector<double> priority(kChoosers);
  std::vector<double> sizes(sized ? kChoosers : 0);
  for (std::size_t c = 0; c < kChoosers; ++c) {
    priority[c] = static_cast<double>(mix(c) % 1000) / 1000.0;  // many ties: index decides
    if (sized) sizes[c] = 1.0 + static_cast<double>(mix(c + kChoosers) % 4);
  }
  auto draw = [&](int round, std::span<const std::uint32_t> pending,
                  const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
    for (auto c : pending) {
      const auto start = mix((static_cast<std::uint64_t>(round + 1) << 32) + c) % open.size();
      dest[c] = -1;
      for (std::size_t k = 0; k < open.size(); ++k) {
        const std::size_t z = (start + k) % open.size();
        if (open[z] != 0) {
          dest[c] = static_cast<std::int32_t>(z);
          break;
        }
      }
    }
  };
  return clear_in_rounds(kChoosers, sizes, priority, capacity, 4, threads, draw);
}

TEST(Clearing, SameResultWhateverTheThreads) {
  for (const bool sized : {false, true}) {
    const std::vector<double> start = {30'000, 50'000, 10'000, 80'000, 5'000, 0, 20'000};
    std::vector<double> one = start;
    std::vector<double> two = start;
    const auto a = clear_many(sized, 1, one);
    const auto b = clear_many(sized, 2, two);
    EXPECT_EQ(a.destination, b.destination) << "sized " << sized;
    EXPECT_EQ(a.unmet, b.unmet);
    EXPECT_EQ(a.unplaced, b.unplaced);
    EXPECT_EQ(one, two);
    // Capacity holds, and what was placed used exactly the capacity taken.
    double placed = 0;
    for (auto d : a.destination) placed += d >= 0 ? 1 : 0;
    EXPECT_GT(placed, 0);
    for (std::size_t z = 0; z < start.size(); ++z) EXPECT_GE(one[z], 0.0) << "zone " << z;
    if (!sized) {
      double used = 0;
      for (std::size_t z = 0; z < start.size(); ++z) used += start[z] - one[z];
      EXPECT_EQ(used, placed);
    }
  }
}

}  // namespace
}  // namespace relocsim::markets
