// The refusal corpus: each tests/bad_input/<case>.yaml is loaded (with the --set values of
// <case>.args, one per line) and must be refused with exactly the text of <case>.expected, every
// diagnostic "file:line:column: message" in file order. RELOCSIM_UPDATE_GOLDEN=1 rewrites the
// expected files from what the loader says (review the diff before committing it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "relocsim/errors.h"
#include "relocsim/scenario.h"

namespace relocsim {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = "tests/bad_input";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// Case names, from the source tree (places in messages are relative to it).
std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(RELOCSIM_SOURCE_DIR) / kCorpus)) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadInput : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { fs::current_path(RELOCSIM_SOURCE_DIR); }
};

TEST_P(BadInput, IsRefusedWithExactlyTheExpectedDiagnostics) {
  const fs::path base = kCorpus / GetParam();
  const fs::path args_file = fs::path(base).concat(".args");
  const fs::path expected_file = fs::path(base).concat(".expected");
  const std::vector<std::string> overrides =
      fs::exists(args_file) ? lines_of(read_file(args_file)) : std::vector<std::string>{};
  // Alias bombs, deep nesting and long lines are refused at once, not after expanding them: a
  // file that were expanded would not finish within the test's time-out.
  std::string said;
  try {
    load_scenario(fs::path(base).concat(".yaml").string(), overrides);
    FAIL() << base << ".yaml was accepted";
  } catch (const InputError& e) {
    said = std::string(e.what()) + "\n";
    for (const auto& d : e.diagnostics()) {
      EXPECT_FALSE(d.place.file.empty()) << "a diagnostic without a place: " << d.message;
    }
  }
  if (std::getenv("RELOCSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected_file, std::ios::binary) << said;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_file)) << "no " << expected_file;
  EXPECT_EQ(said, read_file(expected_file));
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

TEST(BadInputCorpus, CoversTheCategoriesAndHasNoStrayFiles) {
  const auto names = case_names();
  EXPECT_GE(names.size(), 40u);
  for (const char* prefix :
       {"syntax_", "duplicated_", "unknown_", "wrong_", "out_of_range_", "shares_",
        "end_before_start", "extends_", "csv_", "lever_", "alias_bomb", "deep_nesting_", "set_"}) {
    EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                            [&](const std::string& n) { return n.starts_with(prefix); }))
        << "no case " << prefix << "*";
  }
  for (const auto& e : fs::directory_iterator(fs::path(RELOCSIM_SOURCE_DIR) / kCorpus)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".expected" && ext != ".args") continue;
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), e.path().stem().string()))
        << e.path() << " belongs to no case";
  }
}

// The shipped scenarios are what the corpus's cases extend: they must stay valid.
TEST(BadInputCorpus, ParentsAreValid) {
  fs::current_path(RELOCSIM_SOURCE_DIR);
  for (const char* s : {"scenarios/no_policy.yaml", "scenarios/baseline.yaml"}) {
    EXPECT_NO_THROW(load_scenario(s)) << s;
  }
}

}  // namespace
}  // namespace relocsim
