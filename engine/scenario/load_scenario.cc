// relocsim::load_scenario: file -> merged tree -> overrides -> typed Scenario -> resolved text.
#include "engine/scenario/loader.h"
#include "engine/scenario/parse.h"
#include "relocsim/scenario.h"

namespace relocsim {

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  scenario::ConfigNode root = scenario::load_merged(path);
  scenario::inline_data_files(root);
  DiagnosticSink sink;
  for (const auto& o : overrides) {
    try {
      scenario::apply_override(root, o);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) sink.error(d.place, d.message);
    }
  }
  sink.throw_if_any();
  Scenario s = scenario::parse_scenario(root, path);
  s.resolved_yaml = scenario::emit_yaml(root);
  s.sha256 = scenario::sha256_hex(s.resolved_yaml);
  return s;
}

}  // namespace relocsim
