// A process of the simulated year (DESIGN.md section 3): one small component that reads and
// changes the world. The runner calls setup() once after the world is built and step() once per
// year, in the fixed order of the registry (engine/processes/registry.cc).
#pragma once

#include <memory>
#include <span>
#include <string_view>

namespace relocsim {

struct World;

struct YearContext {
  int year = 0;
};

class Process {
 public:
  virtual ~Process() = default;
  virtual std::string_view name() const = 0;
  // Base-year preparation, e.g. calibrating alternative-specific constants.
  virtual void setup(World& /*world*/) {}
  virtual void step(World& world, const YearContext& ctx) = 0;
};

// The year's processes in their fixed order.
struct ProcessEntry {
  const char* name;
  std::unique_ptr<Process> (*make)();
};
std::span<const ProcessEntry> process_registry();

}  // namespace relocsim
