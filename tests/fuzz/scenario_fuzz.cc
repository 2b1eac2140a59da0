// libFuzzer target for the scenario loader: arbitrary bytes as a scenario file, loaded the whole
// way (YAML events -> tree, extends with the shipped scenarios, CSV data inlined, --set values,
// typed parsing, the resolved text). Bad input must end in InputError; anything else (a crash, an
// other exception, a hang, a leak) is a bug.
//
// The input is a scenario file, optionally followed by a line "#--set" and one path=value per
// line. It is written to <scratch>/tests/bad_input/fuzz.yaml, beside copies of the shipped
// scenarios and the data files (scenarios/ and tests/bad_input/data/), so that the seeds'
// `extends: ../../scenarios/no_policy.yaml` and `extends: no_policy.yaml` both resolve.
//
//   scripts/fuzz.sh 600
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/config_node.h"
#include "relocsim/errors.h"
#include "relocsim/scenario.h"

namespace {

namespace fs = std::filesystem;

const std::string_view kSetMarker = "\n#--set\n";

// The scratch folder, set up once per process.
std::string input_path;

void copy_folder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from)) {
    if (e.is_regular_file()) {
      fs::copy_file(e.path(), to / e.path().filename(), fs::copy_options::overwrite_existing);
    }
  }
}

void set_up() {
  const fs::path source = RELOCSIM_SOURCE_DIR;
  const fs::path root = fs::temp_directory_path() / ("relocsim_fuzz_" + std::to_string(::getpid()));
  const fs::path here = root / "tests" / "bad_input";
  copy_folder(source / "scenarios", root / "scenarios");
  copy_folder(source / "scenarios" / "data", root / "scenarios" / "data");
  copy_folder(source / "scenarios", here);
  copy_folder(source / "scenarios" / "data", here / "data");
  copy_folder(source / "tests" / "bad_input" / "data", here / "data");
  input_path = (here / "fuzz.yaml").string();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view text = input;
  std::vector<std::string> overrides;
  if (const auto at = input.find(kSetMarker); at != std::string_view::npos) {
    text = input.substr(0, at);
    std::string_view rest = input.substr(at + kSetMarker.size());
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (!line.empty()) overrides.emplace_back(line);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  // The parser alone, from memory.
  try {
    relocsim::scenario::parse_yaml(text, "fuzz.yaml");
  } catch (const relocsim::InputError&) {
  }
  // The whole loader, from a file among the real scenarios and data.
  {
    std::ofstream out(input_path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  try {
    const relocsim::Scenario s = relocsim::load_scenario(input_path, overrides);
    // What loaded must read back: the resolved text is a valid scenario too.
    if (s.resolved_yaml.empty()) __builtin_trap();
  } catch (const relocsim::InputError& e) {
    // Every diagnostic has a place.
    for (const auto& d : e.diagnostics()) {
      if (d.place.file.empty()) __builtin_trap();
    }
  }
  return 0;
}
