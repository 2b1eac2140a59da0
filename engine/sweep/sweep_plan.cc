// SweepPlan: the runs of a sweep (design points x replicate seeds), their rows in runs.csv, the
// outputs taken from a finished run, and the indices over replicate means.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/csv.h"
#include "engine/core/nearest_name.h"
#include "engine/sweep/factors_yaml.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The shortest text that reads back to the same double; empty for NaN (a missing value).
std::string number_text(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

std::optional<double> read_number(std::string_view field) {
  if (field.empty()) return kNaN;
  if (field == "inf") return std::numeric_limits<double>::infinity();
  if (field == "-inf") return -std::numeric_limits<double>::infinity();
  return parse_double(field);
}

std::string nearest_hint(std::string_view word, const std::set<std::string>& names) {
  std::vector<std::string_view> candidates(names.begin(), names.end());
  if (std::string hint = did_you_mean(word, candidates); !hint.empty()) return hint;
  std::string list;
  std::size_t shown = 0;
  for (const std::string& name : names) {
    if (shown++ == 12) {
      list += ", ...";
      break;
    }
    list += fmt::format("{}{}", list.empty() ? "" : ", ", name);
  }
  return list.empty() ? std::string() : fmt::format(" (it has {})", list);
}

std::string metric_missing(const SweepOutput& out, const MetricValues& metrics) {
  std::set<int> years;
  std::set<std::string> zones;
  std::set<std::string> names;
  for (const auto& [key, value] : metrics) {
    const auto& [year, zone, metric] = key;
    years.insert(year);
    if (year != out.year) continue;
    zones.insert(zone);
    if (zone == out.zone) names.insert(metric);
  }
  const std::string label = fmt::format("output '{}'", out.name);
  if (years.empty()) return fmt::format("{}: the run wrote no metrics", label);
  if (!years.contains(out.year)) {
    return fmt::format("{}: the run has no year {} in metrics.csv (it has {} to {})", label,
                       out.year, *years.begin(), *years.rbegin());
  }
  if (!zones.contains(out.zone)) {
    return fmt::format("{}: metrics.csv has no zone or group '{}'{}", label, out.zone,
                       nearest_hint(out.zone, zones));
  }
  return fmt::format("{}: metrics.csv has no metric '{}' for '{}' in {}{}", label, out.metric,
                     out.zone, out.year, nearest_hint(out.metric, names));
}

// The field of summary.json at a dotted path. Keys may themselves hold dots ("core.residents"), so
// the longest key that starts the rest of the path is taken first; list items are picked by index
// or by their "id" or "name".
const nlohmann::json* find_field(const nlohmann::json& node, std::string_view path,
                                 std::string& reached, std::set<std::string>& there) {
  if (path.empty()) return &node;
  if (node.is_object()) {
    std::vector<std::string_view> keys;
    for (const auto& item : node.items()) {
      const std::string_view key = item.key();
      if (path == key ||
          (path.size() > key.size() && path.starts_with(key) && path[key.size()] == '.')) {
        keys.push_back(key);
      }
    }
    std::sort(keys.begin(), keys.end(),
              [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
    for (std::string_view key : keys) {
      const std::string_view rest = path.size() == key.size() ? "" : path.substr(key.size() + 1);
      std::string sub_reached =
          reached.empty() ? std::string(key) : fmt::format("{}.{}", reached, key);
      std::set<std::string> sub_there;
      if (const auto* found = find_field(node.at(std::string(key)), rest, sub_reached, sub_there)) {
        return found;
      }
      if (keys.size() == 1) {
        reached = std::move(sub_reached);
        there = std::move(sub_there);
        return nullptr;
      }
    }
    for (const auto& item : node.items()) there.insert(item.key());
    return nullptr;
  }
  if (node.is_array()) {
    const std::size_t dot = path.find('.');
    const std::string_view segment = path.substr(0, dot);
    const std::string_view rest = dot == std::string_view::npos ? "" : path.substr(dot + 1);
    const auto index = parse_integer(segment);
    for (std::size_t i = 0; i < node.size(); ++i) {
      const nlohmann::json& item = node[i];
      bool match = index && *index >= 0 && static_cast<std::size_t>(*index) == i;
      for (const char* id : {"id", "name"}) {
        if (item.is_object() && item.contains(id) && item[id].is_string() &&
            item[id].get<std::string>() == segment) {
          match = true;
        }
      }
      if (!match) continue;
      std::string sub_reached =
          reached.empty() ? std::string(segment) : fmt::format("{}.{}", reached, segment);
      reached = sub_reached;
      return find_field(item, rest, reached, there);
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const nlohmann::json& item = node[i];
      if (item.is_object() && item.contains("id") && item["id"].is_string()) {
        there.insert(item["id"].get<std::string>());
      } else {
        there.insert(std::to_string(i));
      }
    }
    return nullptr;
  }
  return nullptr;
}

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string factor_text(const Factor& f) {
  std::string params;
  switch (f.distribution) {
    case Distribution::kUniform:
      params = fmt::format("min={} max={}", f.min, f.max);
      break;
    case Distribution::kTriangular:
      params = fmt::format("min={} mode={} max={}", f.min, f.mode, f.max);
      break;
    case Distribution::kNormal:
    case Distribution::kLognormal:
      params = fmt::format("mean={} sd={}", f.mean, f.sd);
      break;
    case Distribution::kLevels:
      for (double level : f.levels) params += fmt::format("{}{}", params.empty() ? "" : ",", level);
      params = fmt::format("levels={}", params);
      break;
  }
  return fmt::format("{} {}", distribution_name(f.distribution), params);
}

}  // namespace

SweepPlan::SweepPlan(SweepSpec spec, std::uint64_t base_seed)
    : spec_(std::move(spec)),
      base_seed_(base_seed),
      design_(make_design(spec_.factor_list(), spec_.design)) {}

PlannedRun SweepPlan::run(std::size_t id) const {
  PlannedRun run;
  run.id = id;
  run.point = id / spec_.replicates;
  run.replicate = id % spec_.replicates;
  run.seed = base_seed_ + run.replicate;
  for (const SweepSetting& s : spec_.set) run.overrides.push_back(s.assignment);
  const auto values = design_.row(run.point);
  for (std::size_t j = 0; j < spec_.factors.size(); ++j) {
    run.overrides.push_back(fmt::format("{}={}", spec_.factors[j].path, number_text(values[j])));
  }
  run.overrides.push_back(fmt::format("scenario.seed={}", run.seed));
  return run;
}

std::string SweepPlan::key(std::string_view scenario_sha256) const {
  std::string out = "relocsim sweep 1\n";
  out += fmt::format("scenario {}\n", scenario_sha256);
  for (const SweepSetting& s : spec_.set) out += fmt::format("set {}\n", s.assignment);
  for (const SweepFactor& f : spec_.factors) {
    out += fmt::format("factor {} {} {}\n", f.factor.name, f.path, factor_text(f.factor));
  }
  out += fmt::format("design {} n={} seed={} levels={} rows={} values={}\n",
                     design_method_name(spec_.design.method), spec_.design.n, spec_.design.seed,
                     spec_.design.morris_levels, design_.rows(),
                     fnv1a_hex(design_csv(spec_.factor_list(), design_)));
  out += fmt::format("replicates {} base_seed {}\n", spec_.replicates, base_seed_);
  for (const SweepOutput& o : spec_.outputs) {
    out += o.is_summary()
               ? fmt::format("output {} summary {}\n", o.name, o.summary)
               : fmt::format("output {} metric {} {} {}\n", o.name, o.year, o.zone, o.metric);
  }
  return out;
}

std::string SweepPlan::csv_header() const {
  std::string out = "run,point,replicate,seed";
  for (const SweepFactor& f : spec_.factors) {
    out += ',';
    out += csv_escape(f.factor.name);
  }
  for (const SweepOutput& o : spec_.outputs) {
    out += ',';
    out += csv_escape(o.name);
  }
  out += ",status,seconds\n";
  return out;
}

std::string SweepPlan::csv_row(const RunRecord& record) const {
  const PlannedRun run = this->run(record.id);
  std::string out = fmt::format("{},{},{},{}", run.id, run.point, run.replicate, run.seed);
  for (double x : design_.row(run.point)) {
    out += ',';
    out += number_text(x);
  }
  for (std::size_t k = 0; k < spec_.outputs.size(); ++k) {
    out += ',';
    out += number_text(k < record.outputs.size() ? record.outputs[k] : kNaN);
  }
  out += fmt::format(",{},{:.3f}\n", csv_escape(record.status), record.seconds);
  return out;
}

RunRecord SweepPlan::parse_row(std::string_view row, const Place& place) const {
  const std::size_t factors = spec_.factors.size();
  const std::size_t outputs = spec_.outputs.size();
  std::vector<std::string> fields;
  try {
    const CsvTable table = parse_csv(csv_header() + std::string(row), place.file);
    if (table.rows.size() != 1) throw InputError(place, "expected one row of runs.csv");
    fields = table.rows.front().fields;
  } catch (const InputError&) {
    throw InputError(place,
                     "not a row of this sweep's runs.csv (wrong number of fields or "
                     "quoting)");
  }
  RunRecord record;
  const auto id = parse_integer(fields[0]);
  if (!id || *id < 0 || static_cast<std::size_t>(*id) >= runs()) {
    throw InputError(
        place, fmt::format("run '{}' is not a run of this sweep (0 to {})", fields[0], runs() - 1));
  }
  record.id = static_cast<std::size_t>(*id);
  // The columns the plan determines must be those it would write.
  const std::string expected = csv_row(RunRecord{record.id, {}, "", 0});
  const CsvTable mine = parse_csv(csv_header() + expected, place.file);
  for (std::size_t c = 1; c < 4 + factors; ++c) {
    if (mine.rows.front().fields[c] != fields[c]) {
      throw InputError(
          place, fmt::format("run {}: column {} holds '{}', but this sweep has '{}' "
                             "(the journal is of another sweep)",
                             record.id, mine.header[c], fields[c], mine.rows.front().fields[c]));
    }
  }
  for (std::size_t k = 0; k < outputs; ++k) {
    const auto x = read_number(fields[4 + factors + k]);
    if (!x) {
      throw InputError(place, fmt::format("run {}: output '{}' = '{}' is not a number", record.id,
                                          spec_.outputs[k].name, fields[4 + factors + k]));
    }
    record.outputs.push_back(*x);
  }
  record.status = fields[4 + factors + outputs];
  if (record.status.empty()) throw InputError(place, fmt::format("run {}: no status", record.id));
  const auto seconds = parse_double(fields[5 + factors + outputs]);
  if (!seconds) throw InputError(place, fmt::format("run {}: seconds is not a number", record.id));
  record.seconds = *seconds;
  return record;
}

std::vector<double> SweepPlan::collect_outputs(const MetricValues& metrics,
                                               std::string_view summary_json) const {
  std::vector<double> out;
  out.reserve(spec_.outputs.size());
  DiagnosticSink problems;
  std::optional<nlohmann::json> summary;
  for (const SweepOutput& o : spec_.outputs) {
    out.push_back(kNaN);
    if (!o.is_summary()) {
      auto it = metrics.find({o.year, o.zone, o.metric});
      if (it == metrics.end()) {
        problems.error(o.place, metric_missing(o, metrics));
      } else {
        out.back() = it->second;
      }
      continue;
    }
    if (!summary) {
      summary = nlohmann::json::parse(summary_json, nullptr, /*allow_exceptions=*/false);
    }
    if (summary->is_discarded()) {
      problems.error(o.place,
                     fmt::format("output '{}': the run's summary.json is not JSON", o.name));
      continue;
    }
    std::string reached;
    std::set<std::string> there;
    const nlohmann::json* field = find_field(*summary, o.summary, reached, there);
    if (field == nullptr) {
      const std::string where =
          reached.empty() ? std::string("at its top") : fmt::format("in '{}'", reached);
      const std::string_view rest =
          reached.empty()
              ? std::string_view(o.summary)
              : std::string_view(o.summary).substr(std::min(o.summary.size(), reached.size() + 1));
      problems.error(o.place, fmt::format("output '{}': summary.json has no field '{}' {}{}",
                                          o.name, rest, where, nearest_hint(rest, there)));
    } else if (field->is_number()) {
      out.back() = field->get<double>();
    } else if (field->is_boolean()) {
      out.back() = field->get<bool>() ? 1.0 : 0.0;
    } else {
      problems.error(o.place, fmt::format("output '{}': summary.json field '{}' is {}, not a "
                                          "number",
                                          o.name, o.summary, field->type_name()));
    }
  }
  problems.throw_if_any();
  return out;
}

std::optional<IndexTable> SweepPlan::indices(std::span<const RunRecord> records) const {
  const auto method = spec_.analysis_method();
  if (!method) return std::nullopt;
  const std::size_t points = design_.rows();
  const std::size_t replicates = spec_.replicates;
  const std::vector<Factor> factors = spec_.factor_list();
  IndexTable table;
  table.method = *method;
  for (std::size_t k = 0; k < spec_.outputs.size(); ++k) {
    Matrix means(points, 1);
    bool complete = true;
    for (std::size_t p = 0; p < points && complete; ++p) {
      double sum = 0.0;
      for (std::size_t r = 0; r < replicates; ++r) {
        const RunRecord& record = records[p * replicates + r];
        const double y = record.ok() && k < record.outputs.size() ? record.outputs[k] : kNaN;
        complete = complete && std::isfinite(y);
        sum += y;
      }
      means(p, 0) = sum / static_cast<double>(replicates);
    }
    const std::string& name = spec_.outputs[k].name;
    if (!complete) {
      for (const Factor& f : factors)
        table.rows.push_back({name, f.name, {kNaN, kNaN, kNaN, kNaN}});
      continue;
    }
    const std::array<std::string, 1> names = {name};
    IndexTable one = analyze(*method, factors, design_, means, names, spec_.analysis);
    std::move(one.rows.begin(), one.rows.end(), std::back_inserter(table.rows));
  }
  return table;
}

}  // namespace relocsim::sweep
