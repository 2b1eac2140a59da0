// Results a planner can look at, built from the files a run wrote into its output folder
// (metrics.csv, flows.csv, summary.json): a self-contained report.html (inline SVG charts and a
// map, no network), zones.geojson for GIS, and a side-by-side comparison of several runs.
//
//   relocsim::output::write_report("results/baseline");         // -> results/baseline/report.html
//   relocsim::output::write_zones_geojson("results/baseline");  // -> .../zones.geojson
//   relocsim::output::write_comparison({"results/baseline", "results/no_policy"}, "results/cmp");
//   // -> results/cmp/compare.html and results/cmp/differences.csv
//
// Missing or malformed input files throw relocsim::InputError naming the file (and the line, for
// CSV). Every file is written atomically: a failed call leaves what was there before.
#pragma once

#include <filesystem>
#include <vector>

namespace relocsim::output {

struct ReportOptions {
  // Arrows drawn on the map for each agent kind (residents, firms): the largest flows between
  // zones.
  int top_flows = 12;
  // Flows are summed over the last `flow_years` years of the run; 0 sums over all years.
  int flow_years = 0;
  // The folder the report names as its own (default: run_dir), for reports written into a staging
  // folder before it is renamed into place.
  std::filesystem::path shown_dir;
};

// Writes run_dir/report.html from run_dir's metrics.csv, flows.csv and summary.json.
void write_report(const std::filesystem::path& run_dir, const ReportOptions& options = {});

// Writes run_dir/zones.geojson: one Point feature per zone ([lon, lat], WGS84) with the zone's
// groups and its final-year indicators and changes since the base year as properties.
void write_zones_geojson(const std::filesystem::path& run_dir);

// Writes out_dir/compare.html (the report's charts with the runs overlaid, one colour per run) and
// out_dir/differences.csv (headline indicators for the key years, each run against the first).
// Needs at least two runs; creates out_dir if missing.
void write_comparison(const std::vector<std::filesystem::path>& run_dirs,
                      const std::filesystem::path& out_dir);

}  // namespace relocsim::output
