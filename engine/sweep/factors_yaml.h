// Reading factors from YAML, with every problem placed at `file:line:column`. load_factors() reads
// a FACTORS.yaml with it; a sweep file reader can hand it the factor list of its own document.
//
//   DiagnosticSink sink;
//   std::vector<Factor> factors = factors_from_yaml(root["factors"], "sweep.yaml", sink, {"path"});
//   sink.throw_if_any();
#pragma once

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

// Reads a YAML sequence of factor maps. `extra_keys` are keys the caller reads itself (a scenario
// path, say): they are accepted in every factor and otherwise ignored.
std::vector<Factor> factors_from_yaml(const YAML::Node& list, const std::string& file,
                                      DiagnosticSink& sink,
                                      std::span<const std::string_view> extra_keys = {});

// Where a YAML node starts (yaml-cpp counts from 0; places count from 1).
Place place_of(const YAML::Node& node, const std::string& file);

}  // namespace relocsim::sweep
