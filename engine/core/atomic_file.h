// Output files appear only complete: content goes to a temporary name beside the target, is
// flushed, and is renamed over the target in one step.
//
//   write_file_atomically(dir / "metrics.csv", text);
#pragma once

#include <filesystem>
#include <string_view>

namespace relocsim {

// Writes `content` to `path` via "<path>.tmp-<pid>" and rename(2). Throws std::runtime_error on
// failure, leaving any existing file at `path` untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace relocsim
