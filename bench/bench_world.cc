// The benchmarks' shared worlds (bench_world.h).
#include "bench/bench_world.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/core/memory.h"

namespace relocsim::bench {

namespace {
// The allocator keeps freed memory, as in `relocsim` (engine/core/memory.h): set before main, so
// that the kernels allocate as the engine does in a run.
const bool kFreedMemoryKept = keep_freed_memory();  // NOLINT(cert-err58-cpp): cannot throw
}  // namespace

std::string scenario_path() {
  if (const char* env = std::getenv("RELOCSIM_BENCH_SCENARIO"); env != nullptr && *env != '\0') {
    return env;
  }
  // This file is bench/bench_world.cc of the source tree; the scenario sits beside bench/.
  return (std::filesystem::path(__FILE__).parent_path().parent_path() / "scenarios" /
          "baseline.yaml")
      .string();
}

int threads() {
  if (const char* env = std::getenv("RELOCSIM_BENCH_THREADS"); env != nullptr && *env != '\0') {
    return std::max(1, std::atoi(env));
  }
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

Scenario scenario_at(double scale, const std::vector<std::string>& overrides) {
  std::vector<std::string> all = {"scenario.scale=" + scale_name(scale)};
  all.insert(all.end(), overrides.begin(), overrides.end());
  return load_scenario(scenario_path(), all);
}

Simulation& base_year(double scale) {
  // Benchmarks run one at a time on the main thread; the lock only guards against misuse.
  static std::mutex mutex;
  static std::map<double, std::unique_ptr<Simulation>> built;
  const std::lock_guard lock(mutex);
  auto& sim = built[scale];
  if (!sim) sim = std::make_unique<Simulation>(scenario_at(scale), threads());
  return *sim;
}

std::string scale_name(double scale) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, scale).ptr;  // shortest round trip
  return {text, end};
}

std::size_t reference_residents(double scale) {
  constexpr double kRegionResidents = 110e6;
  return static_cast<std::size_t>(std::llround(kRegionResidents * scale));
}

}  // namespace relocsim::bench
