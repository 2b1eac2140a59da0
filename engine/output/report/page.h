// What report.html and compare.html share: the HTML shell with its screen and print (A4) CSS, the
// figure wrapper, the choice of groups and headline indicators to show, and units of metrics.
//
//   std::string body = section("map", "Map", figure(svg, "caption"));
//   write_file_atomically(dir / "report.html", html_page("relocsim report: baseline", body));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/output/report/run_data.h"

namespace relocsim::output {

// A complete self-contained HTML document: inline CSS (screen and print), no external resources.
std::string html_page(std::string_view title, std::string_view body);
// <section id=...><h2>title</h2>content</section>
std::string section(std::string_view id, std::string_view title, std::string_view content);
// <figure> with the SVG and a caption (escaped).
std::string figure(std::string_view svg, std::string_view caption, std::string_view css_class = "");
// A navigation bar of in-page links: (anchor id, title).
std::string nav(const std::vector<std::pair<std::string, std::string>>& links);

// The groups whose residents and jobs are charted over time: core, sub_center, xiongan,
// north_three, beijing, tianjin, hebei, in that order, those the metrics hold.
std::vector<std::string> series_groups(const MetricTable& metrics);
// The zone or group whose jobs by sector are charted: core, else central_urban, six_central,
// beijing, region (the first with jobs.* metrics); empty when none has them.
std::string sector_area(const MetricTable& metrics);
// Sector ids of jobs.<sector> metrics of `zone`, largest in the final year first.
std::vector<std::string> sectors_by_size(const MetricTable& metrics, const std::string& zone);

// The unit a metric is measured in, for axes and tables: "persons", "jobs", "minutes", "yuan",
// "index (base year = 1)", "share", "ratio", ...
std::string metric_unit(std::string_view metric);
// A value with its unit as a reader wants it: "21.5 M persons", "34.2 min", "12.3 %", "1.08".
std::string format_value(double value, std::string_view metric);

struct Headline {
  std::string zone;
  std::string metric;
  std::string label;
};
// Headline indicators for cards and comparison tables, those present in the metrics.
std::vector<Headline> headlines(const MetricTable& metrics);

// Years that matter for a comparison: the first, 2020, 2025 and the last, those present in
// `years`.
std::vector<int> key_years(const std::vector<int>& years);

// The name of a zone or group for display: a zone's name from the summary, else display_name().
std::string area_name(const RunData& run, std::string_view id);

}  // namespace relocsim::output
