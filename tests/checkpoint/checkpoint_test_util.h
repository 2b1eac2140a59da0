// Helpers of the checkpoint tests: scratch folders, whole files, small runs that leave a
// checkpoint, and re-sealing a checkpoint after editing its bytes (so that a test can reach the
// checks behind the checksum).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/scenario/loader.h"
#include "relocsim/errors.h"

namespace relocsim::checkpoint_testing {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A fresh folder named after the running test, removed at its end.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ =
        fs::temp_directory_path() / ("relocsim-checkpoint-" + std::string(info->test_suite_name()) +
                                     "-" + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~ScratchDir() { fs::remove_all(root_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& root() const { return root_; }
  fs::path operator/(const std::string& name) const { return root_ / name; }

 private:
  fs::path root_;
};

// Recomputes the trailer of checkpoint bytes (u64 length, SHA-256 of what precedes it) after an
// edit, as docs/checkpoints.md describes it.
inline std::string reseal(std::string bytes) {
  constexpr std::size_t kTrailer = 8 + 32;
  std::string body = bytes.substr(0, bytes.size() - kTrailer);
  const std::string hex = scenario::sha256_hex(body);
  const std::uint64_t length = body.size();
  body.append(reinterpret_cast<const char*>(&length), sizeof length);
  for (std::size_t k = 0; k < hex.size(); k += 2) {
    body += static_cast<char>(std::stoi(hex.substr(k, 2), nullptr, 16));
  }
  return body;
}

// The InputError's text ("" when `f` does not throw one).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace relocsim::checkpoint_testing
