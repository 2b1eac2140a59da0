// keep_freed_memory: large blocks come from the heap and freed memory stays in the process. A
// test binary of its own, since the policy holds for the whole process.
#include "engine/core/memory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace relocsim {
namespace {

// Under AddressSanitizer or ThreadSanitizer the allocator is the sanitizer's, not glibc's.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST(KeepFreedMemory, LargeBlocksComeFromTheHeapAndStayThereWhenFreed) {
  if (const char* t = std::getenv("GLIBC_TUNABLES");
      t != nullptr && std::strstr(t, "glibc.malloc.")) {
    EXPECT_FALSE(keep_freed_memory());
    GTEST_SKIP() << "GLIBC_TUNABLES sets a malloc tunable: the policy is left to it";
  }
  ASSERT_TRUE(keep_freed_memory());
  constexpr std::size_t kBytes = std::size_t{64} << 20;  // above glibc's largest mmap threshold
  const auto before = mallinfo2();
  {
    const auto block = std::make_unique_for_overwrite<char[]>(kBytes);
    std::memset(block.get(), 1, kBytes);
    const auto during = mallinfo2();
    EXPECT_EQ(during.hblkhd, before.hblkhd) << "the block was given a mapping of its own";
    EXPECT_GE(during.arena, before.arena + kBytes) << "the block did not come from the heap";
  }
  const auto after = mallinfo2();
  EXPECT_GE(after.arena, before.arena + kBytes) << "the freed block was handed back";
  EXPECT_GE(after.fordblks, kBytes) << "the freed block is not free for reuse";
}
#endif

TEST(KeepFreedMemory, RespectsAMallocTunableInTheEnvironment) {
  // With GLIBC_TUNABLES naming a malloc tunable the call changes nothing and says so.
  const char* old = std::getenv("GLIBC_TUNABLES");
  const std::string saved = old != nullptr ? old : "";
  ASSERT_EQ(setenv("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1", 1), 0);
  EXPECT_FALSE(keep_freed_memory());
  if (old != nullptr) {
    setenv("GLIBC_TUNABLES", saved.c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace
}  // namespace relocsim
