#include "engine/output/report/page.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/output/report/format.h"

namespace relocsim::output {
namespace {

// Screen and print styles. Printing on A4: figures scale to the page width and are not split.
constexpr std::string_view kCss = R"css(
:root { --ink: #222; --muted: #666; --line: #ddd; --ok: #1e7b34; --bad: #b3261e; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1000px; padding: 16px 20px 40px; font-size: 14px; line-height: 1.4; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 14px 0 6px; }
p.lead { color: var(--muted); margin: 4px 0 12px; }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line);
  padding: 6px 0; z-index: 2; font-size: 13px; }
nav a { margin-right: 14px; color: #2458a6; text-decoration: none; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 12.5px;
  color: var(--muted); margin: 8px 0; }
dl.meta dt { font-weight: 600; color: var(--ink); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.card .label { font-size: 12px; color: var(--muted); }
.card .value { font-size: 21px; font-weight: 600; }
.card .sub { font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; font-size: 12.5px; margin: 6px 0 10px; width: 100%; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.met { color: var(--ok); font-weight: 600; }
.notmet { color: var(--bad); font-weight: 600; }
.unknown { color: var(--muted); }
figure { margin: 10px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 2px; }
figure h3 { margin-top: 0; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 20px; }
.grid2 figure { margin: 4px 0 10px; }
svg.chart { max-width: 100%; height: auto; display: block; overflow: visible; }
svg .pt { opacity: 0; } svg .pt:hover { opacity: 1; }
svg .zone:hover, svg .bar:hover, svg .flow:hover { stroke: #000; stroke-width: 2; }
svg .series.area:hover { opacity: 0.8; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px;
  margin-right: 5px; }
.note { font-size: 12px; color: var(--muted); }
footer { margin-top: 30px; font-size: 11.5px; color: var(--muted); border-top: 1px solid var(--line);
  padding-top: 8px; }
@media screen and (max-width: 760px) { .grid2 { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  section.page { break-before: page; page-break-before: always; }
  .cards { grid-template-columns: repeat(3, 1fr); }
  a { color: inherit; text-decoration: none; }
}
)css";

}  // namespace

std::string html_page(std::string_view title, std::string_view body) {
  std::string out;
  out.reserve(body.size() + 8000);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // An empty icon stops the browser from asking the folder for favicon.ico.
  out += "<link rel=\"icon\" href=\"data:,\">\n";
  out += "<title>" + escape_html(title) + "</title>\n<style>";
  out += kCss;
  out += "</style>\n</head>\n<body>\n";
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

std::string section(std::string_view id, std::string_view title, std::string_view content) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", escape_html(id),
                     escape_html(title), content);
}

std::string figure(std::string_view svg, std::string_view caption, std::string_view css_class) {
  std::string out = "<figure";
  if (!css_class.empty()) out += fmt::format(" class=\"{}\"", escape_html(css_class));
  out += ">\n";
  out += svg;
  if (!caption.empty()) out += "<figcaption>" + escape_html(caption) + "</figcaption>\n";
  out += "</figure>\n";
  return out;
}

std::string nav(const std::vector<std::pair<std::string, std::string>>& links) {
  std::string out = "<nav>";
  for (const auto& [id, title] : links) {
    out += fmt::format("<a href=\"#{}\">{}</a>", escape_html(id), escape_html(title));
  }
  return out + "</nav>\n";
}

std::vector<std::string> series_groups(const MetricTable& metrics) {
  std::vector<std::string> out;
  for (const char* g :
       {"core", "sub_center", "xiongan", "north_three", "beijing", "tianjin", "hebei"}) {
    if (metrics.has(g, "residents") || metrics.has(g, "jobs")) out.emplace_back(g);
  }
  return out;
}

std::string sector_area(const MetricTable& metrics) {
  for (const char* g : {"core", "central_urban", "six_central", "beijing", "region"}) {
    if (!metrics.metrics_of(g, "jobs.").empty()) return g;
  }
  return {};
}

std::vector<std::string> sectors_by_size(const MetricTable& metrics, const std::string& zone) {
  std::vector<std::pair<double, std::string>> sized;
  for (const auto& m : metrics.metrics_of(zone, "jobs.")) {
    const double v = metrics.last(zone, m);
    sized.emplace_back(std::isnan(v) ? -1 : v, m.substr(5));
  }
  std::stable_sort(sized.begin(), sized.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [v, s] : sized) out.push_back(std::move(s));
  return out;
}

std::string metric_unit(std::string_view m) {
  auto starts = [&](std::string_view p) { return m.substr(0, p.size()) == p; };
  auto ends = [&](std::string_view p) {
    return m.size() >= p.size() && m.substr(m.size() - p.size()) == p;
  };
  if (m == "residents" || m == "staff" || m == "births" || m == "deaths" || m == "immigrants" ||
      m == "emigrants" || m == "movers.resident") {
    return "persons";
  }
  if (m == "jobs" || starts("jobs.")) return "jobs";
  if (m == "firms" || starts("firms.") || m == "movers.firm") return "firms";
  if (m == "institutions" || m == "movers.institution") return "institutions";
  if (starts("rent_")) return "index (base year = 1)";
  if (ends("_minutes")) return "minutes";
  if (m == "value_added" || m == "subsidy_paid") return "10k yuan";
  if (ends("_share")) return "share";
  if (starts("service_load.")) return "users per place";
  if (starts("disparity_")) return "index";
  return "ratio";
}

std::string format_value(double v, std::string_view metric) {
  if (std::isnan(v)) return "n/a";
  const std::string unit = metric_unit(metric);
  if (unit == "share") return format_percent(v);
  if (unit == "minutes") return format_number(v, 1) + " min";
  if (unit == "10k yuan") return format_quantity(v) + " × 10k yuan";
  if (unit == "ratio" || unit == "index" || unit == "users per place" ||
      unit.starts_with("index")) {
    return format_number(v, std::abs(v) < 10 ? 3 : 1);
  }
  return format_quantity(v);
}

std::vector<Headline> headlines(const MetricTable& metrics) {
  static constexpr std::array<std::array<const char*, 3>, 18> kHeadlines{{
      {"beijing", "residents", "Beijing residents"},
      {"core", "residents", "Core area residents"},
      {"core", "jobs", "Core area jobs"},
      {"six_central", "residents", "Six central districts residents"},
      {"sub_center", "residents", "Sub-center residents"},
      {"sub_center", "jobs", "Sub-center jobs"},
      {"xiongan", "residents", "Xiong'an residents"},
      {"xiongan", "jobs", "Xiong'an jobs"},
      {"north_three", "residents", "North three counties residents"},
      {"tianjin", "residents", "Tianjin residents"},
      {"hebei", "residents", "Hebei residents"},
      {"region", "residents", "Region residents"},
      {"region", "jobs", "Region jobs"},
      {"region", "noncapital_jobs_relocated_share", "Non-capital jobs relocated out of Beijing"},
      {"region", "commute_minutes", "Mean commute (region)"},
      {"region", "disparity_cv", "Disparity of value added per capita (CV)"},
      {"region", "disparity_theil", "Disparity of value added per capita (Theil)"},
      {"region", "subsidy_paid", "Subsidies paid"},
  }};
  std::vector<Headline> out;
  for (const auto& [zone, metric, label] : kHeadlines) {
    if (metrics.has(zone, metric)) out.push_back(Headline{zone, metric, label});
  }
  return out;
}

std::vector<int> key_years(const std::vector<int>& years) {
  std::vector<int> out;
  if (years.empty()) return out;
  for (int y : {years.front(), 2020, 2025, years.back()}) {
    if (std::binary_search(years.begin(), years.end(), y)) out.push_back(y);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string area_name(const RunData& run, std::string_view id) {
  if (const ZoneInfo* z = run.zone(id)) return z->name;
  return display_name(id);
}

}  // namespace relocsim::output
