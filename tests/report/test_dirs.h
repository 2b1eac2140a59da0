// Scratch folders for the report tests: a fresh copy of a fixture run per test, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace relocsim::output::testing {

inline std::filesystem::path fixture(const std::string& run) {
  return std::filesystem::path(RELOCSIM_SOURCE_DIR) / "tests/report/fixtures" / run;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A scratch folder named after the running test; copies of fixture runs go in it.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = std::filesystem::temp_directory_path() /
            ("relocsim-report-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~ScratchDir() { std::filesystem::remove_all(root_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& root() const { return root_; }
  // Copies fixtures/<run> to <root>/<run> and returns the copy.
  std::filesystem::path copy_run(const std::string& run) const {
    const auto target = root_ / run;
    std::filesystem::copy(fixture(run), target, std::filesystem::copy_options::recursive);
    return target;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace relocsim::output::testing
