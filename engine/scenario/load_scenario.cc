// relocsim::load_scenario: file -> merged tree -> overrides -> typed Scenario -> resolved text.
#include <algorithm>
#include <tuple>

#include "engine/scenario/loader.h"
#include "engine/scenario/parse.h"
#include "relocsim/scenario.h"

namespace relocsim {

namespace {

constexpr std::size_t kMaxDiagnostics = 100;

// Sections are read in a fixed order, not in file order; report like a compiler: each file's
// diagnostics by line and column, files in the order they first appear.
InputError in_file_order(const InputError& e) {
  std::vector<std::string> files;
  for (const auto& d : e.diagnostics()) {
    if (std::find(files.begin(), files.end(), d.place.file) == files.end()) {
      files.push_back(d.place.file);
    }
  }
  auto rank = [&](const Diagnostic& d) {
    return std::find(files.begin(), files.end(), d.place.file) - files.begin();
  };
  std::vector<Diagnostic> sorted = e.diagnostics();
  std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(rank(a), a.place.line, a.place.column) <
           std::tuple(rank(b), b.place.line, b.place.column);
  });
  // A file gone wrong throughout (the wrong file, a runaway generator) would bury the first
  // problems under thousands of lines.
  if (sorted.size() > kMaxDiagnostics) {
    const std::size_t more = sorted.size() - kMaxDiagnostics;
    const Place last = sorted.back().place;
    sorted.resize(kMaxDiagnostics);
    sorted.push_back(Diagnostic{Place{last.file, 0, 0},
                                "and " + std::to_string(more) + " more problems not shown"});
  }
  return InputError(std::move(sorted));
}

Scenario load(const std::string& path, const std::vector<std::string>& overrides) {
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
  // A value that could not be set leaves the tree as it was; the rest is still worth checking.
  Scenario s;
  try {
    s = scenario::parse_scenario(root, path);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) sink.error(d.place, d.message);
  }
  sink.throw_if_any();
  s.resolved_yaml = scenario::emit_yaml(root);
  s.sha256 = scenario::sha256_hex(s.resolved_yaml);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  try {
    return load(path, overrides);
  } catch (const InputError& e) {
    throw in_file_order(e);
  }
}

}  // namespace relocsim
