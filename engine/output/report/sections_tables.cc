// The table-like sections: run provenance, headline cards and tables, targets, summary indicators,
// and the levers (timeline and details). Charts over the years are in sections_charts.cc.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "engine/core/csv.h"
#include "engine/output/report/charts.h"
#include "engine/output/report/format.h"
#include "engine/output/report/page.h"
#include "engine/output/report/sections.h"

namespace relocsim::output {
namespace {

std::string td(std::string_view text, bool numeric = false) {
  return fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : "", escape_html(text));
}

std::string th(std::string_view text, bool numeric = false) {
  return fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "", escape_html(text));
}

std::string swatch(const std::string& colour) {
  return fmt::format("<span class=\"swatch\" style=\"background:{}\"></span>", escape_html(colour));
}

std::string status_cell(const TargetInfo* t) {
  if (t == nullptr) return "<td class=\"unknown\">—</td>";
  if (!t->met) return "<td class=\"unknown\">not evaluated</td>";
  return *t->met ? "<td class=\"met\" data-met=\"true\">✓ met</td>"
                 : "<td class=\"notmet\" data-met=\"false\">✗ not met</td>";
}

std::string bound_text(const TargetInfo& t) {
  if (!t.bound) return "—";
  const std::string op = t.kind == "min" ? "≥ " : t.kind == "max" ? "≤ " : "";
  return op + format_value(*t.bound, t.metric);
}

// Beijing's cap from a population_cap lever that applies to `group` (or to nothing named).
const LeverInfo* cap_lever(const RunData& run, std::string_view group) {
  for (const auto& l : run.summary.levers) {
    if (l.type != "population_cap" || !l.cap) continue;
    if (std::find(l.cap_zones.begin(), l.cap_zones.end(), group) != l.cap_zones.end()) return &l;
  }
  return nullptr;
}

std::string years_text(const LeverInfo& l, int start) {
  const std::string from = std::to_string(l.from.value_or(start));
  if (!l.until) return from + " onwards";
  if (l.from && *l.from == *l.until) return from;
  return from + "–" + std::to_string(*l.until);
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// A lever's zones for a table cell: a group's name when they are exactly that group's zones, else
// the ids, shortened when there are many.
std::string zones_text(const RunData& run, const std::vector<std::string>& zones) {
  if (zones.size() > 2) {
    const std::set<std::string> wanted(zones.begin(), zones.end());
    for (const auto& g : run.summary.groups) {
      if (std::set<std::string>(g.zones.begin(), g.zones.end()) == wanted) {
        return fmt::format("{} ({} zones)", area_name(run, g.id), zones.size());
      }
    }
  }
  if (zones.size() <= 6) return join(zones);
  return join(std::vector<std::string>(zones.begin(), zones.begin() + 5)) +
         fmt::format(", … ({} zones)", zones.size());
}

}  // namespace

std::string RunSet::colour(std::size_t run) const {
  static constexpr std::array<const char*, 6> kRunColours{"#1f5fa8", "#d95f02", "#1b9e77",
                                                          "#7570b3", "#e7298a", "#66a61e"};
  return kRunColours[run % kRunColours.size()];
}

std::string run_meta(const RunSet& set) {
  std::string out;
  for (std::size_t i = 0; i < set.runs.size(); ++i) {
    const RunData& r = *set.runs[i];
    const RunSummary& s = r.summary;
    if (set.comparing()) {
      out += fmt::format("<h3>{}{}</h3>\n", swatch(set.colour(i)), escape_html(r.label));
    }
    if (!s.description.empty() && set.comparing()) {
      out += "<p class=\"lead\">" + escape_html(s.description) + "</p>\n";
    }
    out += "<dl class=\"meta\">";
    auto item = [&](std::string_view key, const std::string& value) {
      if (!value.empty()) {
        out += fmt::format("<dt>{}</dt><dd>{}</dd>", escape_html(key), escape_html(value));
      }
    };
    item("output folder", r.dir.string());
    item(
        "years",
        fmt::format("{}–{} (metrics {}–{})", s.start_year ? std::to_string(*s.start_year) : "?",
                    s.end_year ? std::to_string(*s.end_year) : "?", r.base_year(), r.final_year()));
    item("seed", s.seed);
    if (s.scale) item("scale", fmt::format("{} agents per person or firm", *s.scale));
    std::string agents;
    for (const auto& [kind, count] : s.agents) {
      agents += (agents.empty() ? "" : ", ") + format_quantity(count) + " " + kind;
    }
    item("agents", agents);
    item("version", s.version + (s.compiler.empty() ? "" : ", " + s.compiler) +
                        (s.build_type.empty() ? "" : " " + s.build_type));
    item("command", s.command_line);
    item("scenario sha256", s.scenario_sha256);
    if (s.runtime_seconds) {
      item("run time", fmt::format("{:.1f} s{}", *s.runtime_seconds,
                                   s.threads ? fmt::format(" on {} thread{}", *s.threads,
                                                           *s.threads == 1 ? "" : "s")
                                             : ""));
    }
    out += "</dl>\n";
  }
  return out;
}

std::string headline_cards(const RunData& run) {
  const MetricTable& m = run.metrics;
  std::string out = "<div class=\"cards\">\n";
  for (const auto& h : headlines(m)) {
    const double last = m.last(h.zone, h.metric);
    const double first = m.first(h.zone, h.metric);
    std::string sub;
    if (h.metric == "subsidy_paid") {
      double total = 0;
      for (double v : *m.series(h.zone, h.metric)) total += std::isnan(v) ? 0 : v;
      sub = fmt::format("{} × 10k yuan in all years", format_quantity(total));
    } else if (metric_unit(h.metric) == "share") {
      sub = fmt::format("{} in {}", format_value(first, h.metric), run.base_year());
    } else if (first != 0 && !std::isnan(first)) {
      sub = fmt::format("{} since {} ({})", format_percent(last / first - 1, true), run.base_year(),
                        format_value(first, h.metric));
    }
    if (h.metric == "residents") {
      if (const LeverInfo* cap = cap_lever(run, h.zone)) {
        sub += fmt::format("<br>{} of the {} cap", format_percent(last / *cap->cap),
                           format_quantity(*cap->cap));
      }
      if (h.zone == "core") {
        const double y2014 = m.value("core", "residents", 2014);
        if (y2014 > 0 && run.base_year() != 2014) {
          sub += fmt::format("<br>{} against 2014", format_percent(last / y2014 - 1, true));
        }
      }
    }
    out += fmt::format(
        "<div class=\"card\" data-indicator=\"{}/{}\"><div class=\"label\">{} ({})</div>"
        "<div class=\"value\">{}</div><div class=\"sub\">{}</div></div>\n",
        escape_html(h.zone), escape_html(h.metric), escape_html(h.label), run.final_year(),
        escape_html(format_value(last, h.metric)), sub);
  }
  return out + "</div>\n";
}

std::string headline_table(const RunSet& set) {
  const RunData& first = set.first();
  std::string out = "<table class=\"headline\"><thead><tr>";
  out += th("indicator") + th("year", true);
  for (const RunData* r : set.runs) out += th(r->label, true);
  for (std::size_t i = 1; i < set.runs.size(); ++i) {
    out += th(set.runs[i]->label + " − " + first.label, true);
  }
  out += "</tr></thead><tbody>\n";
  for (const auto& h : headlines(first.metrics)) {
    for (int year : {first.final_year()}) {
      const double v0 = first.metrics.value(h.zone, h.metric, year);
      out +=
          fmt::format("<tr data-indicator=\"{}/{}\">", escape_html(h.zone), escape_html(h.metric));
      out += td(h.label) + td(std::to_string(year), true);
      for (const RunData* r : set.runs) {
        out += td(format_value(r->metrics.value(h.zone, h.metric, year), h.metric), true);
      }
      for (std::size_t i = 1; i < set.runs.size(); ++i) {
        const double v = set.runs[i]->metrics.value(h.zone, h.metric, year);
        std::string diff = format_value(v - v0, h.metric);
        if (metric_unit(h.metric) == "share" && !std::isnan(v - v0)) {
          diff = format_number((v - v0) * 100, 1) + " pp";  // percentage points
        }
        if (diff != "n/a" && v - v0 >= 0) diff = "+" + diff;
        if (v0 != 0 && metric_unit(h.metric) != "share" && !std::isnan(v - v0)) {
          diff += " (" + format_percent((v - v0) / std::abs(v0), true) + ")";
        }
        out += td(diff, true);
      }
      out += "</tr>\n";
    }
  }
  return out + "</tbody></table>\n";
}

std::string targets_table(const RunSet& set) {
  // Targets by id, in the order they first appear in the runs.
  std::vector<std::string> ids;
  for (const RunData* r : set.runs) {
    for (const auto& t : r->summary.targets) {
      if (std::find(ids.begin(), ids.end(), t.id) == ids.end()) ids.push_back(t.id);
    }
  }
  if (ids.empty()) return "<p class=\"note\">The scenario sets no targets.</p>\n";
  auto find = [](const RunData& r, const std::string& id) -> const TargetInfo* {
    for (const auto& t : r.summary.targets) {
      if (t.id == id) return &t;
    }
    return nullptr;
  };
  std::string out = "<table class=\"targets\"><thead><tr>";
  out += th("target") + th("zone") + th("metric") + th("year", true) + th("bound", true);
  for (const RunData* r : set.runs) {
    const std::string suffix = set.comparing() ? " (" + r->label + ")" : "";
    out += th("value" + suffix, true) + th("status" + suffix);
  }
  out += "</tr></thead><tbody>\n";
  for (const auto& id : ids) {
    const TargetInfo* ref = nullptr;
    for (const RunData* r : set.runs) ref = ref ? ref : find(*r, id);
    out += fmt::format("<tr data-target=\"{}\">", escape_html(id));
    out +=
        (ref->description.empty() ? td(id)
                                  : fmt::format("<td>{}<br><span class=\"note\">{}</span></td>",
                                                escape_html(id), escape_html(ref->description))) +
        td(area_name(set.first(), ref->zone)) + td(ref->metric) +
        td(ref->year ? std::to_string(*ref->year) : "—", true) + td(bound_text(*ref), true);
    for (const RunData* r : set.runs) {
      const TargetInfo* t = find(*r, id);
      out += td(t && t->value ? format_value(*t->value, t->metric) : "—", true) + status_cell(t);
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string indicators_table(const RunData& run) {
  const auto& items = run.summary.indicators;
  if (items.empty()) return {};
  auto shown = [](const std::string& value) {
    const auto v = parse_double(value);
    return v && std::abs(*v) >= 1e4 ? format_quantity(*v) : value;
  };
  // Keys like "core.residents.start" / ".end" read better as rows with one column per last part.
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::map<std::pair<std::string, std::string>, std::string> cells;
  for (const auto& [key, value] : items) {
    const auto dot = key.rfind('.');
    const std::string row = dot == std::string::npos ? key : key.substr(0, dot);
    const std::string column = dot == std::string::npos ? "value" : key.substr(dot + 1);
    if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
    if (std::find(columns.begin(), columns.end(), column) == columns.end())
      columns.push_back(column);
    cells[{row, column}] = value;
  }
  if (columns.size() > 4 || rows.size() == items.size()) {
    rows.clear();
    columns = {"value"};
    cells.clear();
    for (const auto& [key, value] : items) {
      rows.push_back(key);
      cells[{key, "value"}] = value;
    }
  }
  const bool change = columns == std::vector<std::string>{"start", "end"};
  std::string out = "<table class=\"indicators\"><thead><tr>" + th("indicator (summary.json)");
  for (const auto& c : columns) out += th(c, true);
  if (change) out += th("change", true);
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>" + td(row);
    for (const auto& c : columns) {
      auto it = cells.find({row, c});
      out += td(it == cells.end() ? "" : shown(it->second), true);
    }
    if (change) {
      const auto a = parse_double(cells[{row, "start"}]);
      const auto b = parse_double(cells[{row, "end"}]);
      out += td(a && b && *a != 0 ? format_percent(*b / *a - 1, true) : "", true);
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string levers_section(const RunSet& set) {
  std::string out;
  for (std::size_t i = 0; i < set.runs.size(); ++i) {
    const RunData& r = *set.runs[i];
    if (set.comparing()) {
      out += fmt::format("<h3>{}{}</h3>\n", swatch(set.colour(i)), escape_html(r.label));
    }
    if (r.summary.levers.empty()) {
      out += "<p class=\"note\">No levers: trends only.</p>\n";
      continue;
    }
    const int start = r.summary.start_year.value_or(r.base_year());
    const int end = r.summary.end_year.value_or(r.final_year());
    Timeline tl;
    tl.id = set.comparing() ? "levers-" + slug(r.label) : "levers";
    tl.x_min = start;
    tl.x_max = end;
    for (const auto& l : r.summary.levers) {
      TimelineRow row;
      row.id = "lever/" + l.name;
      row.label = l.name.empty() ? l.type : l.name;
      row.category = l.type;
      row.from = l.from.value_or(start);
      row.until = l.until.value_or(end);
      row.open_start = !l.from || *l.from < start;
      row.open_end = !l.until;
      row.tooltip =
          fmt::format("{} ({}), {}\n{}", row.label, l.type, years_text(l, start), l.description);
      if (!l.zones.empty()) row.tooltip += "\nzones: " + zones_text(r, l.zones);
      if (!l.targets.empty()) row.tooltip += "\ntargets: " + join(l.targets);
      tl.rows.push_back(std::move(row));
    }
    out += figure(render_timeline(tl),
                  "One row per lever, coloured by type; ▸ marks a lever with no end year. Hover "
                  "a bar for its description.");
    if (set.comparing()) continue;
    out += "<table class=\"levers\"><thead><tr>" + th("lever") + th("type") + th("years") +
           th("zones") + th("targets") + th("settings") + th("description") +
           "</tr></thead><tbody>\n";
    for (const auto& l : r.summary.levers) {
      std::vector<std::string> fields;
      for (const auto& [k, v] : l.fields) {
        // Years and places have their own columns; unset values say nothing.
        static constexpr std::array<std::string_view, 7> kShown{
            "from", "until", "year", "zones", "origin", "destination", "targets"};
        if (v.empty() || v == "0" || std::find(kShown.begin(), kShown.end(), k) != kShown.end()) {
          continue;
        }
        fields.push_back(k + ": " + v);
      }
      out += "<tr>" + td(l.name) + td(l.type) + td(years_text(l, start)) +
             td(zones_text(r, l.zones)) + td(join(l.targets)) + td(join(fields, "; ")) +
             td(l.description) + "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  return out;
}

}  // namespace relocsim::output
