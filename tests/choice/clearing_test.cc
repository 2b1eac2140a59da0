#include "engine/markets/clearing.h"

#include <gtest/gtest.h>

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
  const auto r = clear_in_rounds(4, {}, priority, capacity, 3, prefer_low);
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
  const auto r = clear_in_rounds(2, sizes, priority, capacity, 2, prefer_low);
  // The first takes 5 of zone 0's 6; the second does not fit the 1 left and goes to zone 1.
  EXPECT_EQ(r.destination, (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(capacity, (std::vector<double>{1, 8}));
}

}  // namespace
}  // namespace relocsim::markets
