// Typed parsing of a merged scenario tree into a Scenario, section by section. Each section's
// reader fills defaults back into the tree, so that the tree afterwards is the resolved scenario.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/scenario/config_node.h"
#include "relocsim/scenario.h"

namespace relocsim::scenario {

// Names a scenario can refer to, for checking references with "did you mean" suggestions.
class NameIndex {
 public:
  explicit NameIndex(const Scenario& s);
  // Zone or group names to zone ids (deduplicated, in first-seen order); unknown names reported.
  std::vector<std::string> zones(const std::vector<std::string>& names, const Place& place,
                                 DiagnosticSink& sink) const;
  bool is_zone_or_group(const std::string& name) const;
  void check_sector(const std::string& name, const Place& place, DiagnosticSink& sink) const;
  void check_kind(const std::string& name, const Place& place, DiagnosticSink& sink) const;
  void check_province(const std::string& name, const Place& place, DiagnosticSink& sink) const;
  const std::vector<std::string>& sector_ids() const { return sectors_; }

 private:
  std::vector<std::string> zone_and_group_ids_;                        // for suggestions
  std::unordered_map<std::string, std::vector<std::string>> members_;  // zone or group -> zones
  std::vector<std::string> sectors_;
  std::unordered_set<std::string> sector_set_;
  std::vector<std::string> kinds_;
  std::unordered_set<std::string> kind_set_;
  std::vector<std::string> provinces_;
};

void parse_info(ConfigNode& node, ScenarioInfo& info, DiagnosticSink& sink);
void parse_geography(ConfigNode& node, Geography& geography, DiagnosticSink& sink);
void parse_population(ConfigNode& node, const Geography& geography, PopulationSpec& population,
                      DiagnosticSink& sink);
void parse_behaviour(ConfigNode& node, Behaviour& behaviour, DiagnosticSink& sink);
void parse_levers(ConfigNode& node, const Scenario& s, std::vector<LeverSpec>& levers,
                  DiagnosticSink& sink);
void parse_targets(ConfigNode& node, const Scenario& s, std::vector<TargetSpec>& targets,
                   DiagnosticSink& sink);

// The whole tree; `root` is completed with defaults.
Scenario parse_scenario(ConfigNode& root, const std::string& path);

}  // namespace relocsim::scenario
