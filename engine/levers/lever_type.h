// What a lever type declares: its YAML `type`, a description for planners, and its fields (name,
// kind, default, doc). The same table drives parsing, validation, `docs/levers.md` and the
// factory that builds the lever's effect, so they cannot drift apart.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "relocsim/scenario.h"

namespace relocsim {
struct World;
}

namespace relocsim::levers {

class Lever;

enum class FieldKind {
  kBool,
  kNumber,  // any finite number
  kShare,   // a number in [0, 1]
  kYear,    // a year within the scenario's horizon
  kText,
  kZones,      // zone or group ids, expanded to zone ids
  kZone,       // one zone id
  kSectors,    // sector ids
  kKinds,      // institution kind ids
  kOwnership,  // private, local_soe, central_soe
  kTiers,      // headquarters, second, third
  kSchedule,   // map of year -> number (shares unless the field says otherwise)
};

struct FieldSpec {
  const char* name;
  FieldKind kind;
  FieldValue default_value;  // used when absent and not required
  const char* doc;
  bool required = false;
  double min = -1e300;  // for numbers and schedule values
  double max = 1e300;
};

struct LeverType {
  const char* type;
  const char* summary;      // one line for planners
  const char* counterpart;  // the real programme it represents
  std::vector<FieldSpec> fields;
  std::unique_ptr<Lever> (*make)(const LeverSpec& spec, std::size_t index);
  const char* example;  // minimal YAML example
  // Checks between fields (e.g. "kinds or sectors, not both"); may be null.
  void (*validate)(const LeverSpec& spec, const Scenario& scenario, DiagnosticSink& sink) = nullptr;
};

// Fields every lever has, whatever its type.
std::span<const FieldSpec> common_fields();

// The registry: one explicit table of every lever type (engine/levers/registry.cc).
std::span<const LeverType> lever_types();
const LeverType* find_lever_type(std::string_view type);

}  // namespace relocsim::levers
