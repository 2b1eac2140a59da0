// A run's output folder read back for reporting: metrics.csv as series by (zone, metric) over the
// years, flows.csv as records, summary.json as plain structs. Nothing here knows the list of zones,
// groups or sectors in advance: it is whatever the files hold.
//
//   RunData run = load_run("results/baseline");
//   const std::vector<double>* s = run.metrics.series("core", "residents");  // by
//   run.metrics.years
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace relocsim::output {

struct ZoneInfo {
  std::string id;
  std::string name;
  std::string province;
  std::string functional_area;
  double lat = 0;
  double lon = 0;
  std::optional<double> area_km2;
  std::vector<std::string> groups;
};

struct GroupInfo {
  std::string id;
  std::vector<std::string> zones;
};

struct LeverInfo {
  std::string name;
  std::string type;
  std::string description;
  std::optional<int> from;
  std::optional<int> until;
  std::vector<std::string> zones;
  std::vector<std::string> targets;
  std::vector<std::pair<std::string, std::string>> fields;  // field name -> value as text
  std::optional<double> cap;                                // population_cap: persons
  std::vector<std::string> cap_zones;                       // population_cap: zones or groups
};

struct TargetInfo {
  std::string id;
  std::string zone;
  std::string metric;
  std::optional<int> year;
  std::optional<double> bound;
  std::string kind;  // "max" or "min"
  std::optional<double> value;
  std::optional<bool> met;
  std::string description;
};

struct RunSummary {
  std::string scenario;
  std::string description;
  std::string seed;  // as text: seeds may exceed what a double holds
  std::optional<double> scale;
  std::optional<int> start_year;
  std::optional<int> end_year;
  std::string scenario_sha256;
  std::string version;
  std::string compiler;
  std::string build_type;
  std::string command_line;
  std::optional<double> threads;
  std::optional<double> runtime_seconds;
  std::vector<std::pair<std::string, double>> agents;  // kind -> count
  std::vector<ZoneInfo> zones;
  std::vector<GroupInfo> groups;
  std::vector<LeverInfo> levers;
  std::vector<TargetInfo> targets;
  std::vector<std::pair<std::string, std::string>> indicators;  // flattened key -> value as text
};

// metrics.csv as one series per (zone, metric), each indexed like `years`; NaN where missing.
class MetricTable {
 public:
  std::vector<int> years;  // ascending, every year found in the file

  const std::vector<double>* series(std::string_view zone, std::string_view metric) const;
  // NaN when the zone, metric or year is absent.
  double value(std::string_view zone, std::string_view metric, int year) const;
  double first(std::string_view zone, std::string_view metric) const;
  double last(std::string_view zone, std::string_view metric) const;
  bool has(std::string_view zone, std::string_view metric) const {
    return series(zone, metric) != nullptr;
  }
  // Every zone id (zones, groups, "region") in order of first appearance.
  const std::vector<std::string>& zones() const { return zones_; }
  // Metric names of a zone in order of first appearance, optionally only those with a prefix.
  std::vector<std::string> metrics_of(std::string_view zone, std::string_view prefix = {}) const;
  // Index of a year in `years`, or nullopt.
  std::optional<std::size_t> year_index(int year) const;

  // Used while loading.
  void set(const std::string& zone, const std::string& metric, int year, double value);
  void finish();

 private:
  struct Pending {
    std::string zone;
    std::string metric;
    int year;
    double value;
  };
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::vector<double>> data_;  // zone '\x1f' metric -> values
  std::vector<std::string> zones_;
  std::unordered_map<std::string, std::vector<std::string>> metrics_by_zone_;
};

struct FlowRecord {
  int year = 0;
  std::string agent;  // resident, firm, institution
  std::string from;
  std::string to;
  double count = 0;
};

struct RunData {
  std::filesystem::path dir;
  std::string label;  // scenario name, or the folder name when the summary has none
  RunSummary summary;
  MetricTable metrics;
  std::vector<FlowRecord> flows;

  int base_year() const;   // first year of the metrics
  int final_year() const;  // last year of the metrics
  const ZoneInfo* zone(std::string_view id) const;
};

// The last component of a folder's path, also when it is given with a trailing '/' or as ".".
std::string folder_name(const std::filesystem::path& dir);

// Reads dir's metrics.csv, flows.csv and summary.json. Throws InputError naming the file (and line)
// when one is missing or malformed.
RunData load_run(const std::filesystem::path& dir);

MetricTable load_metrics(const std::filesystem::path& file);
std::vector<FlowRecord> load_flows(const std::filesystem::path& file);
RunSummary load_summary(const std::filesystem::path& file);

}  // namespace relocsim::output
