// docs/levers.md is generated from the lever registry; this fails when they differ (a field added,
// renamed or documented in one and not the other). Regenerate: relocsim levers --markdown.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/levers/docs.h"
#include "tests/support/test_support.h"

namespace relocsim {
namespace {

TEST(LeversDoc, MatchesTheRegistry) {
  std::ifstream in(testing::source_path("docs/levers.md"));
  ASSERT_TRUE(in) << "docs/levers.md is missing";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), levers::levers_markdown())
      << "docs/levers.md is out of date: build/relocsim levers --markdown > docs/levers.md";
}

}  // namespace
}  // namespace relocsim
