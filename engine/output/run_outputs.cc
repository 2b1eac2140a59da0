#include "engine/output/run_outputs.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/core/nearest_name.h"
#include "engine/levers/lever.h"
#include "engine/output/provenance.h"
#include "engine/scenario/reader.h"
#include "engine/world/world.h"
#include "relocsim/report.h"

namespace relocsim::output {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

ordered_json field_json(const FieldValue& v) {
  return std::visit(
      [](const auto& x) -> ordered_json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Schedule>) {
          ordered_json o = ordered_json::object();
          for (const auto& [year, value] : x) o[std::to_string(year)] = value;
          return o;
        } else {
          return ordered_json(x);
        }
      },
      v);
}

}  // namespace

std::string summary_json(const Scenario& s, const World& w, const MetricsTable& metrics,
                         const RunInfo& info) {
  const BuildInfo build = build_info();
  ordered_json j;
  j["scenario"] = s.info.name;
  j["description"] = s.info.description;
  j["seed"] = s.info.seed;
  j["scale"] = s.info.scale;
  j["start_year"] = s.info.start_year;
  j["end_year"] = s.info.end_year;
  j["scenario_sha256"] = s.sha256;
  j["version"] = build.version;
  j["compiler"] = build.compiler;
  j["build_type"] = build.build_type;
  j["threads"] = info.threads;
  j["command_line"] = info.command_line;
  if (info.resumed_from_year > 0) {
    j["resumed"] = {{"from_year", info.resumed_from_year},
                    {"command_line", info.resumed_command_line}};
  }
  j["runtime_seconds"] = std::round(info.runtime_seconds * 1000) / 1000;
  j["agents"] = {
      {"residents", info.residents}, {"firms", info.firms}, {"institutions", info.institutions}};
  ordered_json zones = ordered_json::array();
  for (const auto& z : s.geography.zones) {
    ordered_json g = ordered_json::array();
    for (const auto& grp : s.geography.groups) {
      if (std::find(grp.zones.begin(), grp.zones.end(), z.id) != grp.zones.end())
        g.push_back(grp.id);
    }
    zones.push_back({{"id", z.id},
                     {"name", z.name},
                     {"province", z.province},
                     {"functional_area", z.functional_area},
                     {"lat", z.lat},
                     {"lon", z.lon},
                     {"area_km2", z.area_km2 ? ordered_json(*z.area_km2) : ordered_json(nullptr)},
                     {"groups", g}});
  }
  j["zones"] = zones;
  ordered_json groups = ordered_json::array();
  for (const auto& g : s.geography.groups) groups.push_back({{"id", g.id}, {"zones", g.zones}});
  j["groups"] = groups;
  ordered_json levers = ordered_json::array();
  for (const auto& l : s.levers) {
    ordered_json fields = ordered_json::object();
    for (const auto& [k, v] : l.fields) fields[k] = field_json(v);
    auto year_of = [&](const char* key) -> ordered_json {
      const auto it = l.fields.find(key);
      if (it == l.fields.end()) return nullptr;
      const double y = std::get<double>(it->second);
      return y > 0 ? ordered_json(static_cast<int>(y)) : ordered_json(nullptr);
    };
    ordered_json from = year_of("from");
    // Levers acting on dated schedules or opening years start then.
    if (from.is_null()) {
      if (auto it = l.fields.find("schedule"); it != l.fields.end()) {
        const auto& sch = std::get<Schedule>(it->second);
        if (!sch.empty()) from = sch.front().first;
      }
      if (auto it = l.fields.find("year");
          it != l.fields.end() && std::get<double>(it->second) > 0) {
        from = static_cast<int>(std::get<double>(it->second));
      }
    }
    if (from.is_null()) from = s.info.start_year;
    std::vector<std::string> lever_zones;
    std::vector<std::string> lever_targets;
    for (const char* key : {"zones", "origin"}) {
      if (auto it = l.fields.find(key); it != l.fields.end()) {
        if (const auto* v = std::get_if<std::vector<std::string>>(&it->second)) {
          lever_zones.insert(lever_zones.end(), v->begin(), v->end());
        } else if (const auto* one = std::get_if<std::string>(&it->second); one && !one->empty()) {
          lever_zones.push_back(*one);
        }
      }
    }
    for (const char* key : {"destination", "targets"}) {
      if (auto it = l.fields.find(key); it != l.fields.end()) {
        if (const auto* v = std::get_if<std::vector<std::string>>(&it->second)) {
          lever_targets.insert(lever_targets.end(), v->begin(), v->end());
        } else if (const auto* one = std::get_if<std::string>(&it->second); one && !one->empty()) {
          lever_targets.push_back(*one);
        }
      }
    }
    levers.push_back({{"name", l.name},
                      {"type", l.type},
                      {"description", l.description},
                      {"from", from},
                      {"until", year_of("until")},
                      {"zones", lever_zones},
                      {"targets", lever_targets},
                      {"fields", fields}});
  }
  j["levers"] = levers;
  ordered_json targets = ordered_json::array();
  for (const auto& t : s.targets) {
    const double* v = metrics.find(t.year, t.zone, t.metric);
    const bool met = v != nullptr && (t.kind == "max" ? *v <= t.value : *v >= t.value);
    targets.push_back({{"id", t.id},
                       {"zone", t.zone},
                       {"metric", t.metric},
                       {"year", t.year},
                       {"kind", t.kind},
                       {"bound", t.value},
                       {"value", v != nullptr ? ordered_json(*v) : ordered_json(nullptr)},
                       {"met", met},
                       {"description", t.description}});
  }
  j["targets"] = targets;
  ordered_json indicators = ordered_json::object();
  for (const char* entity : {"core", "six_central", "sub_center", "xiongan", "north_three",
                             "beijing", "tianjin", "hebei", "region"}) {
    for (const char* metric : {"residents", "jobs"}) {
      const double* start = metrics.find(s.info.start_year, entity, metric);
      const double* end = metrics.find(s.info.end_year, entity, metric);
      if (start == nullptr || end == nullptr) continue;
      indicators[std::string(entity) + "." + metric] = {{"start", *start}, {"end", *end}};
    }
  }
  j["indicators"] = indicators;
  (void)w;
  return j.dump(2) + "\n";
}

void check_target_metrics(const Scenario& s, const MetricsTable& base_year) {
  const auto& names = base_year.metric_names();
  DiagnosticSink sink;
  for (const auto& t : s.targets) {
    if (std::find(names.begin(), names.end(), t.metric) == names.end()) {
      sink.error(t.place, "target '" + t.id + "': no metric '" + t.metric + "'" +
                              did_you_mean(t.metric, names));
      continue;
    }
    // A metric recorded in the base year for some areas but not for this one (e.g. a region-wide
    // indicator asked of a zone). Metrics recorded only from a later year are not checked here.
    bool recorded_somewhere = false;
    for (const auto& e : base_year.entities()) {
      recorded_somewhere = recorded_somewhere || base_year.find(s.info.start_year, e, t.metric);
    }
    if (recorded_somewhere && base_year.find(s.info.start_year, t.zone, t.metric) == nullptr) {
      sink.error(t.place, "target '" + t.id + "': metric '" + t.metric + "' is not recorded for '" +
                              t.zone + "'");
    }
  }
  sink.throw_if_any();
}

std::string targets_csv(const Scenario& s, const MetricsTable& metrics) {
  std::string out = "id,zone,metric,year,kind,bound,value,met,description\n";
  for (const auto& t : s.targets) {
    const double* v = metrics.find(t.year, t.zone, t.metric);
    const bool met = v != nullptr && (t.kind == "max" ? *v <= t.value : *v >= t.value);
    out += csv_escape(t.id) + ',' + csv_escape(t.zone) + ',' + csv_escape(t.metric) + ',' +
           std::to_string(t.year) + ',' + t.kind + ',' + format_value(t.value) + ',' +
           (v != nullptr ? format_value(*v) : std::string()) + ',' + (met ? "true" : "false") +
           ',' + csv_escape(t.description) + '\n';
  }
  return out;
}

const std::vector<std::string>& known_output_files() {
  static const std::vector<std::string> kFiles = {
      "metrics.csv", "flows.csv",   "summary.json",  "scenario.resolved.yaml",
      "targets.csv", "report.html", "zones.geojson", "checkpoint.bin",
      ".relocsim"};
  return kFiles;
}

void check_output_folder(const fs::path& out, bool force) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return;
  if (!fs::is_directory(out, ec)) {
    throw InputError(Place{out.string()}, "--out names a file, not a folder");
  }
  if (force) return;
  const auto& known = known_output_files();
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    if (name.rfind(".relocsim-", 0) == 0) continue;  // leftovers of an interrupted write
    throw InputError(Place{out.string()},
                     "the output folder holds '" + name +
                         "', which relocsim did not write; choose another --out or pass --force");
  }
}

void remove_dead_leftovers(const fs::path& out) {
  constexpr std::string_view kPrefix = ".relocsim-";
  std::error_code ec;
  std::vector<fs::path> dead;
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kPrefix, 0) != 0) continue;
    // ".relocsim-<what>-<pid>[.<ext>]"
    const std::size_t dash = name.rfind('-');
    int pid = 0;
    const auto [end, err] = std::from_chars(name.data() + dash + 1, name.data() + name.size(), pid);
    if (err != std::errc() || pid <= 0 || pid == ::getpid()) continue;
    if (end != name.data() + name.size() && *end != '.') continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
    dead.push_back(entry.path());
  }
  for (const auto& path : dead) fs::remove_all(path, ec);
}

void write_output_folder(const fs::path& out,
                         const std::vector<std::pair<std::string, std::string>>& files,
                         bool report) {
  const bool existed = fs::exists(out);
  fs::create_directories(out);
  const fs::path staging = out / (".relocsim-staging-" + std::to_string(::getpid()));
  try {
    fs::remove_all(staging);
    fs::create_directory(staging);
    std::vector<std::string> names;
    for (const auto& [name, content] : files) {
      write_file_atomically(staging / name, content);
      names.push_back(name);
    }
    if (report) {
      ReportOptions options;
      options.shown_dir = out;
      write_report(staging, options);
      write_zones_geojson(staging);
      names.emplace_back("report.html");
      names.emplace_back("zones.geojson");
    }
    write_file_atomically(staging / ".relocsim",
                          "This folder holds outputs written by relocsim.\n");
    names.emplace_back(".relocsim");
    for (const auto& name : names) fs::rename(staging / name, out / name);
    fs::remove_all(staging);
    remove_dead_leftovers(out);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    if (!existed) fs::remove_all(out, ec);
    throw;
  }
}

}  // namespace relocsim::output
