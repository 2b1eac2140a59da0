// SWEEP.yaml: the base scenario, fixed settings, factors with their scenario paths, the design,
// replicates, outputs and folder of a sweep, read with every problem placed at `file:line:column`.
#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/core/nearest_name.h"
#include "engine/sweep/factors_yaml.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

constexpr std::array<std::string_view, 9> kTopKeys = {"scenario", "set",        "factors",
                                                      "design",   "replicates", "outputs",
                                                      "out",      "keep_runs",  "analysis"};
constexpr std::array<std::string_view, 4> kDesignKeys = {"method", "n", "seed", "levels"};
constexpr std::array<std::string_view, 5> kOutputKeys = {"name", "year", "zone", "metric",
                                                         "summary"};
constexpr std::array<std::string_view, 3> kAnalysisKeys = {"resamples", "confidence", "seed"};
// Columns of runs.csv besides the factors and outputs.
constexpr std::array<std::string_view, 6> kFixedColumns = {"run",  "point",  "replicate",
                                                           "seed", "status", "seconds"};
constexpr std::size_t kMaxReplicates = 100'000;

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::string unknown_key(std::string_view key, std::span<const std::string_view> valid) {
  std::string message = fmt::format("unknown key '{}'", key);
  if (std::string hint = did_you_mean(key, valid); !hint.empty()) return message + hint;
  return message + " (valid keys: " + join(valid) + ")";
}

// The entries of a YAML map by key, with unknown and duplicate keys reported.
class MapReader {
 public:
  MapReader(const YAML::Node& map, std::span<const std::string_view> valid, const std::string& file,
            DiagnosticSink& sink) {
    for (const auto& kv : map) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
        sink.error(place_of(kv.first, file), unknown_key(key, valid));
      } else if (!entries_.emplace(key, std::pair{kv.first, kv.second}).second) {
        sink.error(place_of(kv.first, file), fmt::format("duplicate key '{}'", key));
      }
    }
  }
  const YAML::Node* value(std::string_view key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second.second;
  }

 private:
  std::map<std::string, std::pair<YAML::Node, YAML::Node>, std::less<>> entries_;
};

class SweepReader {
 public:
  SweepReader(const std::string& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  Place at(const YAML::Node& node) const { return place_of(node, file_); }

  std::optional<std::string> text(const YAML::Node& v, std::string_view key) {
    if (!v.IsScalar() || v.Scalar().empty()) {
      sink_.error(at(v), fmt::format("{}: expected a word or path", key));
      return std::nullopt;
    }
    return v.Scalar();
  }

  std::optional<double> number(const YAML::Node& v, std::string_view key) {
    double x = 0;
    if (!v.IsScalar() || !YAML::convert<double>::decode(v, x) || !std::isfinite(x)) {
      sink_.error(at(v), fmt::format("{}: '{}' is not a number", key,
                                     v.IsScalar() ? v.Scalar() : std::string("(a list or map)")));
      return std::nullopt;
    }
    return x;
  }

  // A whole number in [lo, hi].
  std::optional<long long> integer(const YAML::Node& v, std::string_view key, long long lo,
                                   long long hi) {
    long long x = 0;
    if (!v.IsScalar() || !YAML::convert<long long>::decode(v, x)) {
      sink_.error(at(v), fmt::format("{}: '{}' is not a whole number", key,
                                     v.IsScalar() ? v.Scalar() : std::string("(a list or map)")));
      return std::nullopt;
    }
    if (x < lo || x > hi) {
      sink_.error(at(v), fmt::format("{}: {} is out of range: must be at least {} and at most {}",
                                     key, x, lo, hi));
      return std::nullopt;
    }
    return x;
  }

  std::optional<bool> boolean(const YAML::Node& v, std::string_view key) {
    bool b = false;
    if (!v.IsScalar() || !YAML::convert<bool>::decode(v, b)) {
      sink_.error(at(v), fmt::format("{}: expected true or false", key));
      return std::nullopt;
    }
    return b;
  }

  // A name that becomes a runs.csv column.
  bool column_name(const YAML::Node& v, std::string_view key, std::string& name) {
    if (!v.IsScalar() || v.Scalar().empty()) {
      sink_.error(at(v), fmt::format("{}: expected a word", key));
      return false;
    }
    name = v.Scalar();
    if (name.front() == ' ' || name.back() == ' ' ||
        name.find_first_of(",\"\n\r") != std::string::npos) {
      sink_.error(at(v),
                  fmt::format("{}: '{}' cannot be a CSV column name (no commas, quotes, line "
                              "breaks or surrounding spaces)",
                              key, name));
      return false;
    }
    return true;
  }

  // A scenario path as --set takes it.
  bool scenario_path(const YAML::Node& v, std::string_view key, std::string& path) {
    if (!v.IsScalar() || v.Scalar().empty()) {
      sink_.error(at(v), fmt::format("{}: expected a scenario path such as "
                                     "behaviour.household.b_time",
                                     key));
      return false;
    }
    path = v.Scalar();
    if (path.find_first_of("= \t\n") != std::string::npos) {
      sink_.error(at(v),
                  fmt::format("{}: '{}' is not a scenario path (no spaces or '=')", key, path));
      return false;
    }
    return true;
  }

  // The YAML text of a value, for "path=value".
  static std::string value_text(const YAML::Node& v) {
    if (v.IsScalar()) return v.Scalar();
    YAML::Emitter emitter;
    emitter << YAML::Flow << v;
    return emitter.c_str();
  }

  void read_set(const YAML::Node& v, std::vector<SweepSetting>& set) {
    if (v.IsMap()) {
      for (const auto& kv : v) {
        std::string path;
        if (!scenario_path(kv.first, "set", path)) continue;
        if (kv.second.IsNull()) {
          sink_.error(at(kv.first), fmt::format("set: '{}' has no value", path));
          continue;
        }
        set.push_back({path + "=" + value_text(kv.second), at(kv.first)});
      }
    } else if (v.IsSequence()) {
      for (const auto& item : v) {
        const std::string s = item.IsScalar() ? item.Scalar() : std::string();
        const auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
          sink_.error(at(item), "set: expected path=value, e.g. scenario.scale=0.002");
          continue;
        }
        set.push_back({s, at(item)});
      }
    } else {
      sink_.error(at(v),
                  "set: expected a map of scenario paths to values, such as "
                  "{scenario.scale: 0.002}");
    }
  }

  void read_factors(const YAML::Node& list, std::vector<SweepFactor>& out) {
    constexpr std::array<std::string_view, 1> kExtra = {"path"};
    const std::size_t before = sink_.size();
    std::vector<std::pair<std::string, Place>> paths;
    if (list.IsSequence()) {
      for (const auto& item : list) {
        if (!item.IsMap()) continue;  // factors_from_yaml says what is wrong
        const YAML::Node v = item["path"];
        std::string path;
        if (!v.IsDefined()) {
          const YAML::Node name = item["name"];
          sink_.error(at(item),
                      fmt::format("factor '{}': missing key 'path', the scenario value it sets "
                                  "(e.g. behaviour.household.b_time)",
                                  name.IsScalar() ? name.Scalar() : std::string("?")));
        } else if (scenario_path(v, "path", path)) {
          if (path == "scenario.seed") {
            sink_.error(at(v),
                        "path: scenario.seed cannot be a factor: seeds come from "
                        "`replicates` (base seed + replicate)");
          }
          paths.emplace_back(path, at(v));
        }
      }
    }
    std::vector<Factor> factors = factors_from_yaml(list, file_, sink_, kExtra);
    if (sink_.size() != before) return;
    for (std::size_t i = 0; i < factors.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (paths[j].first == paths[i].first) {
          sink_.error(paths[i].second,
                      fmt::format("path: '{}' is already the path of factor '{}' (line {})",
                                  paths[i].first, out[j].factor.name, paths[j].second.line));
        }
      }
      out.push_back({std::move(factors[i]), paths[i].first, paths[i].second});
    }
  }

  void read_design(const YAML::Node& v, SweepSpec& spec, const YAML::Node* factors_node) {
    spec.design_place = at(v);
    if (!v.IsMap()) {
      sink_.error(at(v), "design: expected a map such as {method: morris, n: 10, seed: 1}");
      return;
    }
    const std::size_t before = sink_.size();
    MapReader keys(v, kDesignKeys, file_, sink_);
    if (const YAML::Node* m = keys.value("method")) {
      const auto method = m->IsScalar() ? design_method_from_name(m->Scalar()) : std::nullopt;
      if (!method) {
        sink_.error(at(*m), fmt::format("method: '{}' is not one of grid, random, lhs, saltelli, "
                                        "morris",
                                        m->IsScalar() ? m->Scalar() : std::string("(not a word)")));
      } else {
        spec.design.method = *method;
      }
    } else {
      sink_.error(at(v), "design: missing key 'method' (grid, random, lhs, saltelli or morris)");
    }
    if (const YAML::Node* n = keys.value("n")) {
      if (auto x = integer(*n, "n", 0, static_cast<long long>(kMaxDesignRows))) {
        spec.design.n = static_cast<std::size_t>(*x);
      }
    }
    if (const YAML::Node* s = keys.value("seed")) {
      std::uint64_t seed = 0;
      if (!s->IsScalar() || !YAML::convert<std::uint64_t>::decode(*s, seed)) {
        sink_.error(at(*s), fmt::format("seed: '{}' is not a whole number of 0 or more",
                                        s->IsScalar() ? s->Scalar() : std::string("(not a word)")));
      }
      spec.design.seed = seed;
    }
    if (const YAML::Node* p = keys.value("levels")) {
      if (auto x = integer(*p, "levels", 2, 1000)) spec.design.morris_levels = static_cast<int>(*x);
    }
    if (sink_.size() != before || spec.factors.empty()) return;
    const std::vector<Factor> factors = spec.factor_list();
    for (const OptionProblem& problem : design_problems(factors, spec.design)) {
      const YAML::Node* node = keys.value(problem.option);
      if (problem.option == "factors" && factors_node != nullptr) node = factors_node;
      sink_.error(node != nullptr ? at(*node) : at(v), problem.message);
    }
  }

  void read_outputs(const YAML::Node& list, SweepSpec& spec) {
    if (!list.IsSequence() || list.size() == 0) {
      sink_.error(at(list),
                  "outputs: expected a non-empty list such as [{name: core_residents, "
                  "year: 2035, zone: core, metric: residents}]");
      return;
    }
    std::map<std::string, int, std::less<>> columns;
    for (std::string_view c : kFixedColumns) columns.emplace(c, 0);
    for (const SweepFactor& f : spec.factors) columns.emplace(f.factor.name, f.place.line);
    for (const auto& item : list) {
      if (!item.IsMap()) {
        sink_.error(at(item),
                    "an output is a map such as {name: x, year: 2035, zone: core, "
                    "metric: residents} or {name: y, summary: runtime_seconds}");
        continue;
      }
      const std::size_t before = sink_.size();
      MapReader keys(item, kOutputKeys, file_, sink_);
      SweepOutput out;
      out.place = at(item);
      if (const YAML::Node* n = keys.value("name")) {
        if (column_name(*n, "name", out.name)) {
          if (auto it = columns.find(out.name); it != columns.end()) {
            sink_.error(at(*n),
                        it->second == 0
                            ? fmt::format("name: '{}' is a column runs.csv has already", out.name)
                            : fmt::format("name: '{}' is already the name of a factor or "
                                          "output (line {})",
                                          out.name, it->second));
          } else {
            columns.emplace(out.name, out.place.line);
          }
        }
      } else {
        sink_.error(at(item), "output: missing key 'name'");
      }
      const YAML::Node* summary = keys.value("summary");
      const std::array<const YAML::Node*, 3> metric_keys = {keys.value("year"), keys.value("zone"),
                                                            keys.value("metric")};
      const bool any_metric_key =
          std::any_of(metric_keys.begin(), metric_keys.end(), [](auto* n) { return n; });
      const std::string label = out.name.empty() ? "output" : fmt::format("output '{}'", out.name);
      if (summary != nullptr) {
        if (any_metric_key) {
          sink_.error(at(item), fmt::format("{}: either 'summary' or 'year', 'zone' and 'metric', "
                                            "not both",
                                            label));
        } else if (auto s = text(*summary, "summary")) {
          out.summary = *s;
        }
      } else {
        constexpr std::array<std::string_view, 3> kNames = {"year", "zone", "metric"};
        for (std::size_t k = 0; k < 3; ++k) {
          if (metric_keys[k] == nullptr) {
            sink_.error(at(item), fmt::format("{}: missing key '{}' (a metrics.csv value needs "
                                              "year, zone and metric; a summary.json field needs "
                                              "summary)",
                                              label, kNames[k]));
          }
        }
        if (metric_keys[0] != nullptr) {
          if (auto y = integer(*metric_keys[0], "year", 0, 9999)) out.year = static_cast<int>(*y);
        }
        if (metric_keys[1] != nullptr) {
          if (auto z = text(*metric_keys[1], "zone")) out.zone = *z;
        }
        if (metric_keys[2] != nullptr) {
          if (auto m = text(*metric_keys[2], "metric")) out.metric = *m;
        }
      }
      if (sink_.size() == before) spec.outputs.push_back(std::move(out));
    }
  }

  void read_analysis(const YAML::Node& v, AnalysisOptions& analysis) {
    if (!v.IsMap()) {
      sink_.error(at(v), "analysis: expected a map such as {resamples: 100, confidence: 0.95}");
      return;
    }
    const std::size_t before = sink_.size();
    MapReader keys(v, kAnalysisKeys, file_, sink_);
    if (const YAML::Node* r = keys.value("resamples")) {
      if (auto x = integer(*r, "resamples", 2, 1'000'000)) {
        analysis.resamples = static_cast<std::size_t>(*x);
      }
    }
    if (const YAML::Node* c = keys.value("confidence")) {
      if (auto x = number(*c, "confidence")) analysis.confidence = *x;
    }
    if (const YAML::Node* s = keys.value("seed")) {
      if (!s->IsScalar() || !YAML::convert<std::uint64_t>::decode(*s, analysis.seed)) {
        sink_.error(at(*s), fmt::format("seed: '{}' is not a whole number of 0 or more",
                                        s->IsScalar() ? s->Scalar() : std::string("(not a word)")));
      }
    }
    if (sink_.size() != before) return;
    for (const OptionProblem& problem : analysis_problems(analysis)) {
      const YAML::Node* node = keys.value(problem.option);
      sink_.error(node != nullptr ? at(*node) : at(v), problem.message);
    }
  }

 private:
  const std::string& file_;
  DiagnosticSink& sink_;
};

}  // namespace

std::vector<Factor> SweepSpec::factor_list() const {
  std::vector<Factor> out;
  out.reserve(factors.size());
  for (const SweepFactor& f : factors) out.push_back(f.factor);
  return out;
}

std::optional<AnalysisMethod> SweepSpec::analysis_method() const {
  if (design.method == DesignMethod::kSaltelli) return AnalysisMethod::kSobol;
  if (design.method == DesignMethod::kMorris) return AnalysisMethod::kMorris;
  return std::nullopt;
}

std::vector<Diagnostic> output_problems(const SweepSpec& spec,
                                        std::optional<std::pair<int, int>> years,
                                        std::span<const std::string> zones) {
  std::vector<Diagnostic> problems;
  const std::vector<std::string_view> names(zones.begin(), zones.end());
  for (const SweepOutput& o : spec.outputs) {
    if (o.is_summary()) continue;
    if (years && (o.year < years->first || o.year > years->second)) {
      problems.push_back({o.place, fmt::format("output '{}': year {} is outside the scenario's "
                                               "years {} to {}",
                                               o.name, o.year, years->first, years->second)});
    }
    if (std::find(names.begin(), names.end(), o.zone) == names.end()) {
      const std::string hint = did_you_mean(o.zone, names);
      problems.push_back({o.place, fmt::format("output '{}': '{}' is not a zone or group of the "
                                               "scenario, nor 'region'{}",
                                               o.name, o.zone, hint)});
    }
  }
  return problems;
}

SweepSpec parse_sweep(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw InputError(Place{file, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
  }
  if (!root.IsMap()) {
    throw InputError(root.IsNull() ? Place{file, 0, 0} : place_of(root, file),
                     "expected a map with the keys scenario, factors, design and outputs");
  }
  DiagnosticSink sink;
  SweepReader reader(file, sink);
  MapReader keys(root, kTopKeys, file, sink);
  SweepSpec spec;
  spec.file = file;
  spec.out = std::filesystem::path("results") / "sweeps" / std::filesystem::path(file).stem();

  for (std::string_view required : {"scenario", "factors", "design", "outputs"}) {
    if (keys.value(required) == nullptr) {
      sink.error(place_of(root, file), fmt::format("missing key '{}'", required));
    }
  }
  if (const YAML::Node* v = keys.value("scenario")) {
    spec.scenario_place = reader.at(*v);
    if (auto path = reader.text(*v, "scenario")) {
      const std::filesystem::path given(*path);
      spec.scenario = given.is_absolute()
                          ? given
                          : (std::filesystem::path(file).parent_path() / given).lexically_normal();
      std::error_code ec;
      if (!std::filesystem::is_regular_file(spec.scenario, ec)) {
        sink.error(spec.scenario_place,
                   fmt::format("scenario: no file '{}' (paths are relative to the sweep file's "
                               "folder)",
                               spec.scenario.string()));
      }
    }
  }
  if (const YAML::Node* v = keys.value("set")) reader.read_set(*v, spec.set);
  if (const YAML::Node* v = keys.value("factors")) reader.read_factors(*v, spec.factors);
  for (const SweepFactor& f : spec.factors) {
    for (const SweepSetting& s : spec.set) {
      if (s.assignment.substr(0, s.assignment.find('=')) == f.path) {
        sink.error(f.place, fmt::format("path: '{}' is also fixed by `set` (line {})", f.path,
                                        s.place.line));
      }
    }
  }
  if (const YAML::Node* v = keys.value("design"))
    reader.read_design(*v, spec, keys.value("factors"));
  if (const YAML::Node* v = keys.value("replicates")) {
    if (auto r = reader.integer(*v, "replicates", 1, kMaxReplicates)) {
      spec.replicates = static_cast<std::size_t>(*r);
    }
  }
  if (const YAML::Node* v = keys.value("outputs")) reader.read_outputs(*v, spec);
  if (const YAML::Node* v = keys.value("out")) {
    if (auto out = reader.text(*v, "out")) spec.out = *out;
  }
  if (const YAML::Node* v = keys.value("keep_runs")) {
    if (auto keep = reader.boolean(*v, "keep_runs")) spec.keep_runs = *keep;
  }
  if (const YAML::Node* v = keys.value("analysis")) reader.read_analysis(*v, spec.analysis);
  sink.throw_if_any();
  if (sink.empty() &&
      design_rows(spec.factor_list(), spec.design) * spec.replicates > kMaxDesignRows) {
    throw InputError(
        place_of(*keys.value("replicates"), file),
        fmt::format("replicates: {} design points x {} replicates is more than the "
                    "limit of {} runs",
                    design_rows(spec.factor_list(), spec.design), spec.replicates, kMaxDesignRows));
  }
  return spec;
}

SweepSpec load_sweep(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Place{path.string(), 0, 0}, "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_sweep(buffer.str(), path.string());
}

}  // namespace relocsim::sweep
