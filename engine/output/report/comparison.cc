// write_comparison: compare.html (the report's charts with the runs overlaid) and differences.csv
// (headline indicators in the key years, each run against the first).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "engine/core/atomic_file.h"
#include "engine/core/csv.h"
#include "engine/output/report/format.h"
#include "engine/output/report/map.h"
#include "engine/output/report/page.h"
#include "engine/output/report/run_data.h"
#include "engine/output/report/sections.h"
#include "relocsim/errors.h"
#include "relocsim/report.h"

namespace relocsim::output {
namespace {

// Metrics compared for every zone and group; the region adds all its own (but sector detail).
constexpr std::array<const char*, 10> kAreaMetrics{
    "residents",   "jobs",         "firms",           "institutions",    "staff",
    "value_added", "rent_housing", "rent_commercial", "commute_minutes", "jobs_housing_ratio"};

// Two runs of one scenario (different seeds, say) need different labels in tables and legends.
void make_labels_unique(std::vector<RunData>& runs) {
  std::set<std::string> seen;
  for (auto& r : runs) {
    if (seen.count(r.label)) {
      const std::string folder = folder_name(r.dir);
      if (!folder.empty() && folder != r.label && !seen.count(r.label + " (" + folder + ")")) {
        r.label += " (" + folder + ")";
      }
      const std::string base = r.label;
      for (int n = 2; seen.count(r.label); ++n) r.label = base + " #" + std::to_string(n);
    }
    seen.insert(r.label);
  }
}

std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : ""; }

std::vector<std::pair<std::string, std::string>> compared_indicators(const RunData& first) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> done;
  auto add_area = [&](const std::string& zone) {
    if (!done.insert(zone).second) return;
    for (const char* m : kAreaMetrics) {
      if (first.metrics.has(zone, m)) out.emplace_back(zone, m);
    }
    for (const auto& m : first.metrics.metrics_of(zone, "service_load.")) out.emplace_back(zone, m);
  };
  if (first.metrics.has("region", "residents") || !first.metrics.metrics_of("region").empty()) {
    add_area("region");
    for (const auto& m : first.metrics.metrics_of("region")) {
      // Breakdowns (jobs.<sector>, residents.<age band>, ...) stay in metrics.csv; movers do not.
      const bool detail = m.find('.') != std::string::npos && !m.starts_with("movers.");
      const bool listed =
          std::find(kAreaMetrics.begin(), kAreaMetrics.end(), m) != kAreaMetrics.end();
      if (!detail && !listed) out.emplace_back("region", m);
    }
  }
  for (const auto& g : series_groups(first.metrics)) add_area(g);
  for (const auto& g : first.summary.groups) add_area(g.id);
  for (const auto& z : first.summary.zones) add_area(z.id);
  return out;
}

std::string differences_csv(const std::vector<RunData>& runs) {
  const RunData& first = runs.front();
  std::string out = "zone,metric,year";
  auto field = [&out](std::string_view text) {
    out += ',';
    out += text;
  };
  for (const auto& r : runs) field(csv_escape(r.label));
  for (std::size_t i = 1; i < runs.size(); ++i) {
    field(csv_escape("diff_" + runs[i].label));
    field(csv_escape("rel_diff_" + runs[i].label));
  }
  out += '\n';
  const std::vector<int> years = key_years(first.metrics.years);
  for (const auto& [zone, metric] : compared_indicators(first)) {
    for (int year : years) {
      const double v0 = first.metrics.value(zone, metric, year);
      out += fmt::format("{},{},{}", csv_escape(zone), csv_escape(metric), year);
      for (const auto& r : runs) field(csv_number(r.metrics.value(zone, metric, year)));
      for (std::size_t i = 1; i < runs.size(); ++i) {
        const double v = runs[i].metrics.value(zone, metric, year);
        field(csv_number(v - v0));
        field(csv_number(v0 != 0 ? (v - v0) / std::abs(v0) : std::nan("")));
      }
      out += '\n';
    }
  }
  return out;
}

std::string compare_html(const std::vector<RunData>& runs) {
  RunSet set;
  for (const auto& r : runs) set.runs.push_back(&r);
  std::string names;
  for (const auto& r : runs) names += (names.empty() ? "" : " vs ") + r.label;
  std::string body = "<header><h1>relocsim comparison: " + escape_html(names) + "</h1>\n";
  body += fmt::format(
      "<p class=\"lead\">{} runs overlaid, one colour per run; differences are against the first "
      "({}). The numbers are in differences.csv beside this file.</p>\n",
      runs.size(), escape_html(runs.front().label));
  body += run_meta(set) + "</header>\n";
  body += nav({{"headline", "Headline"},
               {"series", "Residents and jobs"},
               {"map", "Maps"},
               {"sectors", "Jobs by sector"},
               {"rents", "Rents and commutes"},
               {"levers", "Levers"}});
  body += section("headline", "Headline indicators in the final year",
                  headline_table(set) + "<h3>Targets</h3>\n" + targets_table(set));
  body += section("series", "Residents and jobs over the years", time_series_section(set));
  std::string maps;
  for (std::size_t i = 1; i < runs.size(); ++i) {
    if (runs[i].summary.zones.empty()) continue;
    maps += "<h3>" + escape_html(runs[i].label + " against " + runs.front().label) + "</h3>\n";
    maps += figure(render_region_map(map_of_difference(runs[i], runs.front())),
                   "Circle area: residents in the final year of " + runs[i].label +
                       "; colour: their difference against " + runs.front().label + ".");
  }
  body += section("map", "Where the runs differ",
                  maps.empty() ? "<p class=\"note\">No zones.</p>" : maps);
  body += section("sectors", "Jobs by sector in the core area", sector_section(set));
  body += section("rents", "Rents and commutes by zone, final year", rents_commute_section(set));
  body += section("levers", "Levers of each scenario", levers_section(set));
  body +=
      "<footer>Generated by relocsim compare from the runs' metrics.csv, flows.csv and "
      "summary.json. Charts are inline SVG: the page needs no network.</footer>\n";
  return html_page("relocsim comparison: " + names, body);
}

}  // namespace

void write_comparison(const std::vector<std::filesystem::path>& run_dirs,
                      const std::filesystem::path& out_dir) {
  if (run_dirs.size() < 2) {
    throw InputError(Place{"compare", 0, 0}, "needs at least two output folders to compare");
  }
  std::vector<RunData> runs;
  runs.reserve(run_dirs.size());
  for (const auto& dir : run_dirs) runs.push_back(load_run(dir));
  make_labels_unique(runs);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    throw InputError(Place{out_dir.string(), 0, 0}, "cannot create output folder: " + ec.message());
  }
  write_file_atomically(out_dir / "differences.csv", differences_csv(runs));
  write_file_atomically(out_dir / "compare.html", compare_html(runs));
}

}  // namespace relocsim::output
