// The chart sections: residents and jobs over the years, region-wide indicators, jobs by sector in
// the core area, and rents and commutes by zone. Tables and levers are in sections_tables.cc.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "engine/output/report/charts.h"
#include "engine/output/report/format.h"
#include "engine/output/report/page.h"
#include "engine/output/report/sections.h"
#include "engine/output/report/svg.h"

namespace relocsim::output {
namespace {

constexpr const char* kResidentsColour = "#1f5fa8";
constexpr const char* kJobsColour = "#d95f02";
constexpr std::size_t kMaxSectorLayers = 12;

std::vector<double> years_of(const RunData& run) {
  return {run.metrics.years.begin(), run.metrics.years.end()};
}

std::vector<double> values_of(const RunData& run, const std::string& zone,
                              const std::string& metric, double factor = 1) {
  std::vector<double> out(run.metrics.years.size(), std::nan(""));
  if (const auto* s = run.metrics.series(zone, metric)) {
    for (std::size_t i = 0; i < s->size(); ++i) out[i] = (*s)[i] * factor;
  }
  return out;
}

// The run's label as a prefix of series ids when several runs are overlaid.
std::string series_id(const RunSet& set, std::size_t run, const std::string& id) {
  return set.comparing() ? set.runs[run]->label + "/" + id : id;
}

// Whether a cap over `cap_zones` (zone or group ids, as the scenario wrote them or expanded to
// zones) is a cap on exactly `group`.
bool caps_group(const RunData& run, const std::vector<std::string>& cap_zones,
                const std::string& group) {
  if (std::find(cap_zones.begin(), cap_zones.end(), group) != cap_zones.end()) {
    return cap_zones.size() == 1;
  }
  for (const auto& g : run.summary.groups) {
    if (g.id != group) continue;
    const std::set<std::string> members(g.zones.begin(), g.zones.end());
    return members == std::set<std::string>(cap_zones.begin(), cap_zones.end());
  }
  return false;
}

std::vector<ReferenceLine> cap_lines(const RunSet& set, const std::string& group) {
  std::vector<ReferenceLine> out;
  std::set<double> seen;
  for (std::size_t i = 0; i < set.runs.size(); ++i) {
    for (const auto& l : set.runs[i]->summary.levers) {
      if (l.type != "population_cap" || !l.cap) continue;
      if (!caps_group(*set.runs[i], l.cap_zones, group)) continue;
      if (!seen.insert(*l.cap).second) continue;
      ReferenceLine line;
      line.id = group + "/cap";
      line.label = fmt::format("cap {}{}", format_quantity(*l.cap),
                               set.comparing() ? " (" + set.runs[i]->label + ")" : "");
      line.y = *l.cap;
      if (l.from) line.x_from = *l.from;
      if (l.until) line.x_to = *l.until;
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::string panel(const std::string& title, const std::string& svg) {
  return "<figure><h3>" + escape_html(title) + "</h3>\n" + svg + "</figure>\n";
}

std::vector<std::string> charted_groups(const RunData& run) {
  std::vector<std::string> groups = series_groups(run.metrics);
  if (!groups.empty()) return groups;
  for (const auto& g : run.summary.groups) {
    if (run.metrics.has(g.id, "residents")) groups.push_back(g.id);
  }
  if (run.metrics.has("region", "residents")) groups.emplace_back("region");
  return groups;
}

}  // namespace

std::string time_series_section(const RunSet& set) {
  const RunData& first = set.first();
  const std::vector<std::string> groups = charted_groups(first);
  std::string out;
  out += set.comparing()
             ? "<p class=\"note\">Solid lines: residents (persons); dashed: jobs. One colour per "
               "run.</p>\n"
             : "<p class=\"note\">Each panel has its own scale. Hover a point for its value.</p>\n";
  out += "<div class=\"grid2\">\n";
  for (const auto& g : groups) {
    LineChart c;
    c.id = "ts-" + g;
    c.y_label = "persons (residents) / jobs";
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
      const RunData& r = *set.runs[i];
      const std::string prefix = set.comparing() ? r.label + " " : "";
      c.series.push_back({series_id(set, i, g + "/residents"), prefix + "residents",
                          set.comparing() ? set.colour(i) : kResidentsColour, years_of(r),
                          values_of(r, g, "residents"), false, "persons"});
      c.series.push_back({series_id(set, i, g + "/jobs"), prefix + "jobs",
                          set.comparing() ? set.colour(i) : kJobsColour, years_of(r),
                          values_of(r, g, "jobs"), set.comparing(), "jobs"});
    }
    c.references = cap_lines(set, g);
    out += panel(area_name(first, g), render_line_chart(c));
  }
  out += "</div>\n";

  if (!set.comparing() && groups.size() > 1) {
    LineChart c;
    c.id = "ts-index";
    c.y_label = fmt::format("residents, index ({} = 100)", first.base_year());
    c.y_from_zero = false;
    c.width = 960;
    c.height = 300;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      std::vector<double> v = values_of(first, groups[i], "residents");
      const double base = v.empty() ? std::nan("") : v.front();
      for (double& x : v) x = base > 0 ? x / base * 100 : std::nan("");
      c.series.push_back({groups[i] + "/residents_index", area_name(first, groups[i]),
                          category_colour(i), years_of(first), v, false, ""});
    }
    out += figure(render_line_chart(c),
                  "Residents of each group relative to the base year: growth rates side by side.");
  }

  // Region-wide indicators that the metrics hold.
  static constexpr std::array<std::array<const char*, 2>, 6> kRegional{
      {{"noncapital_jobs_relocated_share", "Non-capital jobs relocated out of Beijing"},
       {"commute_minutes", "Mean commute, whole region"},
       {"disparity_cv", "Disparity of value added per capita (coefficient of variation)"},
       {"disparity_theil", "Disparity of value added per capita (Theil index)"},
       {"movers.resident", "Residents moving home between zones"},
       {"subsidy_paid", "Relocation subsidies paid per year"}}};
  std::string regional;
  for (const auto& [metric, title] : kRegional) {
    if (!first.metrics.has("region", metric)) continue;
    if (std::string_view(metric) == "subsidy_paid") {
      // No incentive paid anything in any run: a flat zero says nothing.
      bool any = false;
      for (const RunData* r : set.runs) {
        for (double v : values_of(*r, "region", metric)) any = any || (!std::isnan(v) && v != 0);
      }
      if (!any) continue;
    }
    const bool share = metric_unit(metric) == "share";
    LineChart c;
    c.id = std::string("region-") + slug(metric);
    c.y_label = share ? "percent of jobs" : metric_unit(metric);
    c.y_from_zero = share || metric_unit(metric) != "index";
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
      const RunData& r = *set.runs[i];
      const std::string label = set.comparing() ? r.label : "region, " + r.label;
      c.series.push_back({series_id(set, i, std::string("region/") + metric), label, set.colour(i),
                          years_of(r), values_of(r, "region", metric, share ? 100 : 1), false,
                          share ? "%" : metric_unit(metric)});
    }
    regional += panel(title, render_line_chart(c));
  }
  if (!regional.empty()) {
    out += "<h3>Region-wide indicators</h3>\n<div class=\"grid2\">\n" + regional + "</div>\n";
  }
  return out;
}

std::string sector_section(const RunSet& set) {
  const RunData& first = set.first();
  const std::string area = sector_area(first.metrics);
  if (area.empty()) return "<p class=\"note\">The metrics hold no jobs by sector.</p>\n";
  const std::vector<std::string> sectors = sectors_by_size(first.metrics, area);
  const std::string name = area_name(first, area);
  if (!set.comparing()) {
    StackedAreaChart c;
    c.id = "sectors-" + area;
    c.y_label = "jobs";
    c.x = years_of(first);
    std::vector<double> other(c.x.size(), 0);
    for (std::size_t s = 0; s < sectors.size(); ++s) {
      std::vector<double> v = values_of(first, area, "jobs." + sectors[s]);
      if (sectors.size() > kMaxSectorLayers && s + 1 >= kMaxSectorLayers) {
        for (std::size_t i = 0; i < v.size(); ++i) other[i] += std::isnan(v[i]) ? 0 : v[i];
        continue;
      }
      c.layers.push_back({area + "/jobs." + sectors[s],
                          display_name(sectors[s]),
                          category_colour(s),
                          {},
                          std::move(v),
                          false,
                          "jobs"});
    }
    if (sectors.size() > kMaxSectorLayers) {
      c.layers.push_back(
          {area + "/jobs.other", "Other sectors", "#cccccc", {}, other, false, "jobs"});
    }
    return figure(render_stacked_area(c),
                  fmt::format("Jobs by sector in the {} ({}), stacked; largest sector in the final "
                              "year at the bottom.",
                              name, area));
  }
  std::string out = fmt::format(
      "<p class=\"note\">Jobs by sector in the {} ({}), the largest sectors; one line per "
      "run.</p>\n<div class=\"grid2\">\n",
      escape_html(name), escape_html(area));
  for (std::size_t s = 0; s < sectors.size() && s < 8; ++s) {
    LineChart c;
    c.id = "sector-" + area + "-" + slug(sectors[s]);
    c.y_label = "jobs";
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
      const RunData& r = *set.runs[i];
      c.series.push_back({series_id(set, i, area + "/jobs." + sectors[s]), r.label, set.colour(i),
                          years_of(r), values_of(r, area, "jobs." + sectors[s]), false, "jobs"});
    }
    out += panel(display_name(sectors[s]), render_line_chart(c));
  }
  return out + "</div>\n";
}

std::string rents_commute_section(const RunSet& set) {
  const RunData& first = set.first();
  std::vector<const ZoneInfo*> zones;
  double label_width = 80;
  for (const auto& z : first.summary.zones) {
    if (first.metrics.has(z.id, "rent_housing") || first.metrics.has(z.id, "commute_minutes")) {
      zones.push_back(&z);
      label_width = std::max(label_width, text_width(short_name(z.name)) + 14);
    }
  }
  if (zones.empty())
    return "<p class=\"note\">The metrics hold no rents or commutes by zone.</p>\n";
  label_width = std::min(label_width, 200.0);
  const int year = first.final_year();

  auto sorted_rows = [&](const std::vector<std::string>& metrics) {
    std::vector<BarRow> rows;
    for (const ZoneInfo* z : zones) {
      BarRow row{z->id, short_name(z->name), {}};
      for (const RunData* r : set.runs) {
        for (const auto& m : metrics) row.values.push_back(r->metrics.value(z->id, m, year));
      }
      rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const BarRow& a, const BarRow& b) {
      const double x = std::isnan(a.values[0]) ? -1e300 : a.values[0];
      const double y = std::isnan(b.values[0]) ? -1e300 : b.values[0];
      return x > y;
    });
    return rows;
  };
  auto bar_chart = [&](const std::string& id, const std::vector<std::string>& metrics,
                       const std::vector<std::string>& labels,
                       const std::vector<std::string>& colours) {
    BarChart c;
    c.id = id;
    c.label_width = label_width;
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        c.series_ids.push_back(series_id(set, i, metrics[m]));
        c.series_labels.push_back(set.comparing() ? set.runs[i]->label : labels[m]);
        c.series_colours.push_back(set.comparing() ? set.colour(i) : colours[m]);
      }
    }
    c.rows = sorted_rows(metrics);
    return c;
  };

  std::string out = "<div class=\"grid2\">\n";
  std::vector<std::pair<std::string, std::string>> rent_metrics{
      {"rent_housing", "Housing rent"}, {"rent_commercial", "Commercial rent"}};
  if (!set.comparing()) {
    BarChart c = bar_chart("rents", {"rent_housing", "rent_commercial"}, {"housing", "commercial"},
                           {"#1f5fa8", "#9ecae1"});
    c.x_label = fmt::format("rent index ({} = 1)", first.base_year());
    c.reference = 1.0;
    c.reference_label = "base year level";
    c.unit = "(index)";
    c.decimals = 2;
    out += panel(fmt::format("Rent indices by zone, {}", year), render_bar_chart(c));
  } else {
    for (const auto& [metric, label] : rent_metrics) {
      BarChart c = bar_chart("rents-" + metric, {metric}, {label}, {});
      c.x_label = fmt::format("{} index ({} = 1)", label, first.base_year());
      c.reference = 1.0;
      c.reference_label = "base year level";
      c.unit = "(index)";
      c.decimals = 2;
      out += panel(fmt::format("{} by zone, {}", label, year), render_bar_chart(c));
    }
  }
  BarChart commute = bar_chart("commute", {"commute_minutes"}, {"mean commute"}, {"#6a51a3"});
  commute.x_label = "minutes, one way (mean of workers living in the zone)";
  commute.unit = "min";
  out += panel(fmt::format("Commute by zone of residence, {}", year), render_bar_chart(commute));
  return out + "</div>\n";
}

}  // namespace relocsim::output
