#include "engine/output/report/run_data.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/csv.h"
#include "relocsim/errors.h"

namespace relocsim::output {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string key_of(std::string_view zone, std::string_view metric) {
  std::string key;
  key.reserve(zone.size() + metric.size() + 1);
  key.append(zone);
  key.push_back('\x1f');
  key.append(metric);
  return key;
}

// Writers print "nan" (or leave the field empty) for an undefined ratio; that is a missing value,
// not malformed input.
bool is_missing_value(std::string_view field) {
  while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
  while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
  return field.empty() || field == "nan" || field == "NaN" || field == "-nan" || field == "NA";
}

std::string file_label(const std::filesystem::path& file) { return file.string(); }

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(Place{file_label(file), 0, 0}, "cannot read file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Reads typed members of summary.json; a member of the wrong type is an InputError naming its path.
class JsonReader {
 public:
  explicit JsonReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw InputError(Place{file_, 0, 0}, "'" + path + "' " + what);
  }

  const nlohmann::ordered_json* member(const nlohmann::ordered_json& obj, const char* name) const {
    auto it = obj.find(name);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string text(const nlohmann::ordered_json& obj, const char* name,
                   const std::string& path) const {
    const auto* v = member(obj, name);
    if (v == nullptr) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return v->dump();
    fail(path + "." + name, "must be a string");
  }

  std::optional<double> number(const nlohmann::ordered_json& obj, const char* name,
                               const std::string& path) const {
    const auto* v = member(obj, name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) fail(path + "." + name, "must be a number or null");
    return v->get<double>();
  }

  std::optional<int> year(const nlohmann::ordered_json& obj, const char* name,
                          const std::string& path) const {
    auto v = number(obj, name, path);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v) || std::abs(*v) > 1e6) fail(path + "." + name, "must be a year");
    return static_cast<int>(*v);
  }

  std::vector<std::string> strings(const nlohmann::ordered_json& obj, const char* name,
                                   const std::string& path) const {
    std::vector<std::string> out;
    const auto* v = member(obj, name);
    if (v == nullptr) return out;
    if (v->is_string()) return {v->get<std::string>()};
    if (!v->is_array()) fail(path + "." + name, "must be a list of strings");
    for (const auto& item : *v) {
      if (!item.is_string()) fail(path + "." + name, "must be a list of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  const nlohmann::ordered_json& array(const nlohmann::ordered_json& obj, const char* name) const {
    static const nlohmann::ordered_json kEmpty = nlohmann::ordered_json::array();
    const auto* v = member(obj, name);
    if (v == nullptr) return kEmpty;
    if (!v->is_array()) fail(name, "must be a list");
    return *v;
  }

  void require_object(const nlohmann::ordered_json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, "must be an object");
  }

 private:
  std::string file_;
};

// A field's value for a table cell: strings bare, whole numbers without ".0", lists
// comma-separated, nested values as JSON.
std::string value_text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d == std::floor(d) && std::abs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!out.empty()) out += ", ";
      out += item.is_string() || item.is_number() ? value_text(item) : item.dump();
    }
    return out;
  }
  return v.dump();
}

void flatten(const nlohmann::ordered_json& v, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    }
  } else {
    out.emplace_back(prefix, value_text(v));
  }
}

LeverInfo read_lever(const JsonReader& r, const nlohmann::ordered_json& j,
                     const std::string& path) {
  r.require_object(j, path);
  LeverInfo lever;
  lever.name = r.text(j, "name", path);
  lever.type = r.text(j, "type", path);
  lever.description = r.text(j, "description", path);
  lever.from = r.year(j, "from", path);
  lever.until = r.year(j, "until", path);
  lever.zones = r.strings(j, "zones", path);
  lever.targets = r.strings(j, "targets", path);
  if (const auto* fields = r.member(j, "fields")) {
    r.require_object(*fields, path + ".fields");
    for (auto it = fields->begin(); it != fields->end(); ++it) {
      lever.fields.emplace_back(it.key(), value_text(it.value()));
    }
    if (lever.type == "population_cap") {
      lever.cap = r.number(*fields, "cap", path + ".fields");
      lever.cap_zones = r.strings(*fields, "zones", path + ".fields");
    }
  }
  if (lever.type == "population_cap" && lever.cap_zones.empty()) lever.cap_zones = lever.zones;
  return lever;
}

}  // namespace

const std::vector<double>* MetricTable::series(std::string_view zone,
                                               std::string_view metric) const {
  auto it = data_.find(key_of(zone, metric));
  return it == data_.end() ? nullptr : &it->second;
}

std::optional<std::size_t> MetricTable::year_index(int year) const {
  auto it = std::lower_bound(years.begin(), years.end(), year);
  if (it == years.end() || *it != year) return std::nullopt;
  return static_cast<std::size_t>(it - years.begin());
}

double MetricTable::value(std::string_view zone, std::string_view metric, int year) const {
  const auto* s = series(zone, metric);
  auto i = year_index(year);
  if (s == nullptr || !i) return kNaN;
  return (*s)[*i];
}

double MetricTable::first(std::string_view zone, std::string_view metric) const {
  return years.empty() ? kNaN : value(zone, metric, years.front());
}

double MetricTable::last(std::string_view zone, std::string_view metric) const {
  return years.empty() ? kNaN : value(zone, metric, years.back());
}

std::vector<std::string> MetricTable::metrics_of(std::string_view zone,
                                                 std::string_view prefix) const {
  std::vector<std::string> out;
  auto it = metrics_by_zone_.find(std::string(zone));
  if (it == metrics_by_zone_.end()) return out;
  for (const auto& m : it->second) {
    if (m.compare(0, prefix.size(), prefix) == 0) out.push_back(m);
  }
  return out;
}

void MetricTable::set(const std::string& zone, const std::string& metric, int year, double value) {
  pending_.push_back(Pending{zone, metric, year, value});
}

void MetricTable::finish() {
  for (const auto& p : pending_) years.push_back(p.year);
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  for (auto& p : pending_) {
    auto [it, inserted] = data_.try_emplace(key_of(p.zone, p.metric));
    if (inserted) {
      it->second.assign(years.size(), kNaN);
      auto& metrics = metrics_by_zone_[p.zone];
      if (metrics.empty()) zones_.push_back(p.zone);
      metrics.push_back(p.metric);
    }
    it->second[*year_index(p.year)] = p.value;
  }
  pending_.clear();
  pending_.shrink_to_fit();
}

MetricTable load_metrics(const std::filesystem::path& file) {
  const CsvTable table = read_csv_file(file);
  DiagnosticSink sink;
  const auto year = table.column("year", sink);
  const auto zone = table.column("zone", sink);
  const auto metric = table.column("metric", sink);
  const auto value = table.column("value", sink);
  sink.throw_if_any();
  MetricTable metrics;
  for (const auto& row : table.rows) {
    const auto y = parse_integer(row.fields[*year]);
    if (!y) sink.error(table.place(row), "year '" + row.fields[*year] + "' is not an integer");
    double v = kNaN;
    if (!is_missing_value(row.fields[*value])) {
      const auto parsed = parse_double(row.fields[*value]);
      if (parsed) {
        v = *parsed;
      } else {
        sink.error(table.place(row), "value '" + row.fields[*value] + "' is not a number");
      }
    }
    if (row.fields[*zone].empty()) sink.error(table.place(row), "empty zone");
    if (row.fields[*metric].empty()) sink.error(table.place(row), "empty metric");
    if (sink.size() >= 20) break;
    if (y) metrics.set(row.fields[*zone], row.fields[*metric], static_cast<int>(*y), v);
  }
  sink.throw_if_any();
  if (table.rows.empty()) throw InputError(Place{table.file, 1, 0}, "no metrics: only a header");
  metrics.finish();
  return metrics;
}

std::vector<FlowRecord> load_flows(const std::filesystem::path& file) {
  const CsvTable table = read_csv_file(file);
  DiagnosticSink sink;
  const auto year = table.column("year", sink);
  const auto agent = table.column("agent", sink);
  const auto from = table.column("from", sink);
  const auto to = table.column("to", sink);
  const auto count = table.column("count", sink);
  sink.throw_if_any();
  std::vector<FlowRecord> flows;
  flows.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    const auto y = parse_integer(row.fields[*year]);
    const auto c = parse_double(row.fields[*count]);
    if (!y) sink.error(table.place(row), "year '" + row.fields[*year] + "' is not an integer");
    if (!c) sink.error(table.place(row), "count '" + row.fields[*count] + "' is not a number");
    if (sink.size() >= 20) break;
    if (y && c) {
      flows.push_back(FlowRecord{static_cast<int>(*y), row.fields[*agent], row.fields[*from],
                                 row.fields[*to], *c});
    }
  }
  sink.throw_if_any();
  return flows;
}

RunSummary load_summary(const std::filesystem::path& file) {
  const std::string text = read_text(file);
  const std::string name = file_label(file);
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::parse_error& e) {
    const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + end, '\n'));
    std::string what = e.what();
    if (auto colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError(Place{name, line, 0}, "malformed JSON: " + what);
  }
  const JsonReader r(name);
  r.require_object(j, "summary");
  RunSummary s;
  s.scenario = r.text(j, "scenario", "summary");
  s.description = r.text(j, "description", "summary");
  s.seed = r.text(j, "seed", "summary");
  s.scale = r.number(j, "scale", "summary");
  s.start_year = r.year(j, "start_year", "summary");
  s.end_year = r.year(j, "end_year", "summary");
  s.scenario_sha256 = r.text(j, "scenario_sha256", "summary");
  s.version = r.text(j, "version", "summary");
  s.compiler = r.text(j, "compiler", "summary");
  s.build_type = r.text(j, "build_type", "summary");
  s.command_line = r.text(j, "command_line", "summary");
  s.threads = r.number(j, "threads", "summary");
  s.runtime_seconds = r.number(j, "runtime_seconds", "summary");
  if (const auto* agents = r.member(j, "agents")) {
    r.require_object(*agents, "agents");
    for (auto it = agents->begin(); it != agents->end(); ++it) {
      if (!it.value().is_number()) r.fail("agents." + it.key(), "must be a number");
      s.agents.emplace_back(it.key(), it.value().get<double>());
    }
  }
  const auto& zones = r.array(j, "zones");
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const std::string path = "zones[" + std::to_string(i) + "]";
    r.require_object(zones[i], path);
    ZoneInfo z;
    z.id = r.text(zones[i], "id", path);
    if (z.id.empty()) r.fail(path + ".id", "is missing");
    z.name = r.text(zones[i], "name", path);
    if (z.name.empty()) z.name = z.id;
    z.province = r.text(zones[i], "province", path);
    z.functional_area = r.text(zones[i], "functional_area", path);
    const auto lat = r.number(zones[i], "lat", path);
    const auto lon = r.number(zones[i], "lon", path);
    if (!lat || !lon) r.fail(path, "needs numeric 'lat' and 'lon'");
    if (std::abs(*lat) > 90 || std::abs(*lon) > 180) r.fail(path, "has lat/lon out of range");
    z.lat = *lat;
    z.lon = *lon;
    z.area_km2 = r.number(zones[i], "area_km2", path);
    z.groups = r.strings(zones[i], "groups", path);
    s.zones.push_back(std::move(z));
  }
  const auto& groups = r.array(j, "groups");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string path = "groups[" + std::to_string(i) + "]";
    r.require_object(groups[i], path);
    s.groups.push_back(
        GroupInfo{r.text(groups[i], "id", path), r.strings(groups[i], "zones", path)});
  }
  const auto& levers = r.array(j, "levers");
  for (std::size_t i = 0; i < levers.size(); ++i) {
    s.levers.push_back(read_lever(r, levers[i], "levers[" + std::to_string(i) + "]"));
  }
  const auto& targets = r.array(j, "targets");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string path = "targets[" + std::to_string(i) + "]";
    r.require_object(targets[i], path);
    TargetInfo t;
    t.id = r.text(targets[i], "id", path);
    t.zone = r.text(targets[i], "zone", path);
    t.metric = r.text(targets[i], "metric", path);
    t.year = r.year(targets[i], "year", path);
    t.bound = r.number(targets[i], "bound", path);
    t.kind = r.text(targets[i], "kind", path);
    t.value = r.number(targets[i], "value", path);
    if (const auto* met = r.member(targets[i], "met")) {
      if (!met->is_boolean()) r.fail(path + ".met", "must be true, false or null");
      t.met = met->get<bool>();
    }
    t.description = r.text(targets[i], "description", path);
    s.targets.push_back(std::move(t));
  }
  if (const auto* indicators = r.member(j, "indicators")) flatten(*indicators, "", s.indicators);
  return s;
}

int RunData::base_year() const { return metrics.years.empty() ? 0 : metrics.years.front(); }
int RunData::final_year() const { return metrics.years.empty() ? 0 : metrics.years.back(); }

const ZoneInfo* RunData::zone(std::string_view id) const {
  for (const auto& z : summary.zones) {
    if (z.id == id) return &z;
  }
  return nullptr;
}

std::string folder_name(const std::filesystem::path& dir) {
  std::filesystem::path p = std::filesystem::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().empty() ? dir.string() : p.filename().string();
}

RunData load_run(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw InputError(Place{dir.string(), 0, 0}, "not an output folder (no such directory)");
  }
  RunData run;
  run.dir = dir;
  run.summary = load_summary(dir / "summary.json");
  run.metrics = load_metrics(dir / "metrics.csv");
  run.flows = load_flows(dir / "flows.csv");
  run.label = run.summary.scenario.empty() ? folder_name(dir) : run.summary.scenario;
  return run;
}

}  // namespace relocsim::output
