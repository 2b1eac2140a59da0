#include "engine/core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <vector>

#include "engine/core/column.h"

namespace relocsim {
namespace {

TEST(Parallel, ChunksCoverEveryItemOnceWhateverTheThreads) {
  const std::size_t n = 3 * kChunk + 17;
  for (int threads : {1, 2, 3}) {
    std::vector<int> seen(n, 0);
    std::vector<std::size_t> chunk_of(n);
    for_chunks(n, threads, [&](std::size_t c, std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        ++seen[i];
        chunk_of[i] = c;
      }
    });
    EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
    EXPECT_EQ(chunk_of[kChunk - 1], 0u);
    EXPECT_EQ(chunk_of[kChunk], 1u);
    EXPECT_EQ(chunk_of[n - 1], 3u);
  }
}

TEST(Parallel, EachIndexOnce) {
  std::vector<std::atomic<int>> seen(100);
  for_each_index(100, 2, [&](std::size_t i) { seen[i]++; });
  for (auto& s : seen) EXPECT_EQ(s.load(), 1);
}

TEST(Column, GrowsKeepingValuesAndCopies) {
  Column<std::uint16_t> c;
  for (std::uint16_t i = 0; i < 1000; ++i) c.push_back(i);
  Column<std::uint16_t> copy = c;
  c.resize(5000);
  EXPECT_EQ(c.size(), 5000u);
  EXPECT_EQ(copy.size(), 1000u);
  for (std::uint16_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(c[i], i);
    ASSERT_EQ(copy[i], i);
  }
}

}  // namespace
}  // namespace relocsim
