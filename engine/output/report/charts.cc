#include "engine/output/report/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/output/report/format.h"
#include "engine/output/report/svg.h"

namespace relocsim::output {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Frame {
  double left, top, right, bottom;
};

std::vector<double> year_ticks(double x0, double x1) {
  std::vector<double> ticks;
  if (x1 - x0 <= 8) {
    for (double y = std::ceil(x0); y <= x1 + 1e-9; ++y) ticks.push_back(y);
    return ticks;
  }
  for (double t : nice_ticks(x0, x1, 6)) {
    if (t >= x0 - 1e-9 && t <= x1 + 1e-9 && t == std::floor(t)) ticks.push_back(t);
  }
  return ticks;
}

std::string year_text(double year) { return fmt::format("{}", static_cast<long long>(year)); }

// Value axis on the left: grid lines and formatted tick labels.
void draw_y_axis(Svg& svg, const Frame& f, const LinearScale& y, const std::vector<double>& ticks,
                 const std::string& label) {
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  const double top = std::max(std::abs(ticks.front()), std::abs(ticks.back()));
  for (double t : ticks) {
    svg.line(f.left, y(t), f.right, y(t),
             t == 0 ? " class=\"axis\" stroke=\"#888\"" : " class=\"grid\" stroke=\"#e3e3e3\"");
    svg.text(f.left - 6, y(t) + 4, format_tick(t, step, top),
             " class=\"tick\" text-anchor=\"end\"");
  }
  svg.text(4, f.top - 10, label, " class=\"axis-title\" font-weight=\"600\"");
}

void draw_x_years(Svg& svg, const Frame& f, const LinearScale& x, double x0, double x1,
                  const std::string& label) {
  svg.line(f.left, f.bottom, f.right, f.bottom, " class=\"axis\" stroke=\"#888\"");
  for (double t : year_ticks(x0, x1)) {
    svg.line(x(t), f.bottom, x(t), f.bottom + 4, " stroke=\"#888\"");
    svg.text(x(t), f.bottom + 16, year_text(t), " class=\"tick\" text-anchor=\"middle\"");
  }
  svg.text(f.right, f.bottom + 30, label, " class=\"axis-title\" text-anchor=\"end\"");
}

double tick_label_width(const std::vector<double>& ticks) {
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  const double top = std::max(std::abs(ticks.front()), std::abs(ticks.back()));
  double w = 0;
  for (double t : ticks) w = std::max(w, text_width(format_tick(t, step, top)));
  return w;
}

std::string tooltip_value(double v, const std::string& unit) {
  std::string s =
      std::abs(v) < 100 && v != std::floor(v) ? format_number(v, 2) : format_quantity(v);
  return unit.empty() ? s : s + " " + unit;
}

}  // namespace

std::string render_line_chart(const LineChart& chart) {
  double x0 = kInf, x1 = -kInf, y0 = chart.y_from_zero ? 0 : kInf, y1 = -kInf;
  for (const auto& s : chart.series) {
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      x0 = std::min(x0, s.x[i]);
      x1 = std::max(x1, s.x[i]);
      if (std::isnan(s.y[i])) continue;
      y0 = std::min(y0, s.y[i]);
      y1 = std::max(y1, s.y[i]);
    }
  }
  for (const auto& r : chart.references) {
    y0 = std::min(y0, r.y);
    y1 = std::max(y1, r.y);
  }
  if (!std::isfinite(x0)) x0 = 0, x1 = 1;
  if (x0 == x1) x0 -= 1, x1 += 1;
  if (!std::isfinite(y0) || !std::isfinite(y1)) y0 = 0, y1 = 1;
  const std::vector<double> ticks = nice_ticks(y0, y1, 5);

  std::vector<LegendItem> legend;
  if (chart.show_legend) {
    for (const auto& s : chart.series) {
      legend.push_back({s.label, s.colour,
                        s.dashed ? LegendItem::Mark::kDashedLine : LegendItem::Mark::kLine, s.id});
    }
    for (const auto& r : chart.references) {
      legend.push_back({r.label, r.colour, LegendItem::Mark::kDashedLine, r.id});
    }
  }
  const double legend_h = draw_legend(nullptr, legend, 8, 4, chart.width - 16);
  const double height = chart.height + legend_h;
  Svg svg(chart.width, height, chart.id);
  draw_legend(&svg, legend, 8, 4, chart.width - 16);
  const Frame f{std::max(40.0, tick_label_width(ticks) + 12), legend_h + 30, chart.width - 14,
                height - 36};
  const LinearScale x{x0, x1, f.left + 4, f.right - 4};
  const LinearScale y{ticks.front(), ticks.back(), f.bottom, f.top};
  draw_y_axis(svg, f, y, ticks, chart.y_label);
  draw_x_years(svg, f, x, x0, x1, chart.x_label);

  for (const auto& r : chart.references) {
    const double a = x(r.x_from.value_or(x0));
    const double b = x(r.x_to.value_or(x1));
    svg.line(a, y(r.y), b, y(r.y),
             attr("stroke", r.colour) + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"" +
                 attr("data-series", r.id) + " class=\"reference\"");
    svg.text(b, y(r.y) - 5, r.label, attr("fill", r.colour) + " text-anchor=\"end\" class=\"ref\"");
  }
  for (const auto& s : chart.series) {
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (std::isnan(s.y[i])) {
        pen_down = false;
        continue;
      }
      d += fmt::format("{}{},{}", pen_down ? "L" : "M", svg_num(x(s.x[i])), svg_num(y(s.y[i])));
      pen_down = true;
    }
    svg.path(d, attr("stroke", s.colour) + " fill=\"none\" stroke-width=\"2\"" +
                    std::string(s.dashed ? " stroke-dasharray=\"6 3\"" : "") +
                    attr("data-series", s.id) + " class=\"series\"");
    svg.open_group(" class=\"points\"" + attr("fill", s.colour));
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (std::isnan(s.y[i])) continue;
      svg.circle(
          x(s.x[i]), y(s.y[i]), 3, " class=\"pt\"",
          fmt::format("{} — {}: {}", s.label, year_text(s.x[i]), tooltip_value(s.y[i], s.unit)));
    }
    svg.close_group();
  }
  return svg.finish();
}

std::string render_stacked_area(const StackedAreaChart& chart) {
  const std::size_t n = chart.x.size();
  std::vector<std::vector<double>> top(chart.layers.size(), std::vector<double>(n, 0));
  double y1 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t l = 0; l < chart.layers.size(); ++l) {
      const auto& ys = chart.layers[l].y;
      if (i < ys.size() && !std::isnan(ys[i])) sum += std::max(0.0, ys[i]);
      top[l][i] = sum;
    }
    y1 = std::max(y1, sum);
  }
  const double x0 = n ? chart.x.front() : 0;
  const double x1 = n > 1 ? chart.x.back() : x0 + 1;
  const std::vector<double> ticks = nice_ticks(0, y1 > 0 ? y1 : 1, 5);

  // Legend on the right, one row per layer, top layer first so it reads like the stack.
  double legend_w = 0;
  for (const auto& l : chart.layers) legend_w = std::max(legend_w, text_width(l.label) + 30);
  legend_w = std::min(legend_w, chart.width * 0.4);
  const double height =
      std::max(chart.height, 40 + 16.0 * static_cast<double>(chart.layers.size()));
  Svg svg(chart.width, height, chart.id);
  const Frame f{std::max(40.0, tick_label_width(ticks) + 12), 30, chart.width - legend_w - 24,
                height - 36};
  const LinearScale x{x0, x1, f.left + 2, f.right - 2};
  const LinearScale y{ticks.front(), ticks.back(), f.bottom, f.top};
  draw_y_axis(svg, f, y, ticks, chart.y_label);
  draw_x_years(svg, f, x, x0, x1, chart.x_label);

  for (std::size_t l = 0; l < chart.layers.size(); ++l) {
    const auto& layer = chart.layers[l];
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      d +=
          fmt::format("{}{},{}", i == 0 ? "M" : "L", svg_num(x(chart.x[i])), svg_num(y(top[l][i])));
    }
    for (std::size_t i = n; i-- > 0;) {
      d += fmt::format("L{},{}", svg_num(x(chart.x[i])), svg_num(y(l == 0 ? 0 : top[l - 1][i])));
    }
    if (!d.empty()) d += "Z";
    const double last = n && n <= layer.y.size() ? layer.y[n - 1] : std::nan("");
    svg.path(d,
             attr("fill", layer.colour) + " stroke=\"#fff\" stroke-width=\"0.5\"" +
                 attr("data-series", layer.id) + " class=\"series area\"",
             fmt::format("{} — {}: {}", layer.label, n ? year_text(chart.x[n - 1]) : "",
                         tooltip_value(last, layer.unit)));
  }
  std::vector<LegendItem> items;
  for (std::size_t l = chart.layers.size(); l-- > 0;) {
    items.push_back({chart.layers[l].label, chart.layers[l].colour, LegendItem::Mark::kBox,
                     chart.layers[l].id});
  }
  double ly = f.top - 4;
  for (const auto& item : items) {
    ly += draw_legend(&svg, {item}, f.right + 20, ly, legend_w);
  }
  return svg.finish();
}

std::string render_bar_chart(const BarChart& chart) {
  const std::size_t k = std::max<std::size_t>(1, chart.series_ids.size());
  const double bar_h = k == 1 ? 11 : std::max(5.0, 16.0 / static_cast<double>(k));
  const double row_h = bar_h * static_cast<double>(k) + 5;
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& row : chart.rows) {
    for (double v : row.values) {
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      any = true;
    }
  }
  if (chart.reference) hi = std::max(hi, *chart.reference);
  if (!any && !chart.reference) hi = 1;
  const std::vector<double> ticks = nice_ticks(lo, hi, 4);

  std::vector<LegendItem> legend;
  for (std::size_t s = 0; s < chart.series_labels.size(); ++s) {
    legend.push_back({chart.series_labels[s], chart.series_colours[s], LegendItem::Mark::kBox,
                      s < chart.series_ids.size() ? chart.series_ids[s] : ""});
  }
  if (chart.reference && !chart.reference_label.empty()) {
    legend.push_back({chart.reference_label, "#555", LegendItem::Mark::kDashedLine, ""});
  }
  const double legend_h = draw_legend(nullptr, legend, 8, 4, chart.width - 16);
  const double plot_h = row_h * static_cast<double>(chart.rows.size());
  const double height = legend_h + 30 + plot_h + 40;
  Svg svg(chart.width, height, chart.id);
  draw_legend(&svg, legend, 8, 4, chart.width - 16);
  const Frame f{chart.label_width, legend_h + 24, chart.width - 46, legend_h + 24 + plot_h};
  const LinearScale x{ticks.front(), ticks.back(), f.left, f.right};
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  const double top = std::max(std::abs(ticks.front()), std::abs(ticks.back()));
  for (double t : ticks) {
    svg.line(x(t), f.top, x(t), f.bottom, " class=\"grid\" stroke=\"#e3e3e3\"");
    svg.text(x(t), f.bottom + 14, format_tick(t, step, top),
             " class=\"tick\" text-anchor=\"middle\"");
  }
  svg.line(x(0), f.top, x(0), f.bottom, " class=\"axis\" stroke=\"#888\"");
  svg.text(f.right, f.bottom + 30, chart.x_label, " class=\"axis-title\" text-anchor=\"end\"");
  for (std::size_t r = 0; r < chart.rows.size(); ++r) {
    const auto& row = chart.rows[r];
    const double ry = f.top + row_h * static_cast<double>(r) + 2.5;
    svg.text(f.left - 6, ry + row_h / 2,
             truncate_text(row.label, static_cast<std::size_t>((chart.label_width - 10) / 6.6)),
             " class=\"tick\" text-anchor=\"end\"");
    for (std::size_t s = 0; s < row.values.size() && s < chart.series_colours.size(); ++s) {
      const double v = row.values[s];
      if (std::isnan(v)) continue;
      const double a = x(std::min(0.0, v));
      const double b = x(std::max(0.0, v));
      const std::string series = s < chart.series_ids.size() ? chart.series_ids[s] : "";
      const std::string tip =
          fmt::format("{}{}: {}", row.label, k > 1 ? " (" + chart.series_labels[s] + ")" : "",
                      format_number(v, chart.decimals) + " " + chart.unit);
      svg.raw(fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}{} class=\"bar\"><title>{}</title>"
          "</rect>\n",
          svg_num(a), svg_num(ry + bar_h * static_cast<double>(s)), svg_num(std::max(0.5, b - a)),
          svg_num(bar_h - 1), attr("fill", chart.series_colours[s]), attr("data-series", series),
          attr("data-row", row.id), escape_html(tip)));
      if (k == 1) {
        svg.text(b + 3, ry + bar_h - 2, format_number(v, chart.decimals),
                 " class=\"value\" font-size=\"9\" fill=\"#444\"");
      }
    }
  }
  if (chart.reference) {
    svg.line(x(*chart.reference), f.top - 4, x(*chart.reference), f.bottom,
             " stroke=\"#555\" stroke-dasharray=\"4 3\" class=\"reference\"");
  }
  return svg.finish();
}

std::string render_timeline(const Timeline& timeline) {
  std::map<std::string, std::string> colours;
  for (const auto& row : timeline.rows) colours.try_emplace(row.category, "");
  std::size_t index = 0;
  std::vector<LegendItem> legend;
  for (auto& [category, colour] : colours) {
    colour = category_colour(index++);
    legend.push_back({category, colour, LegendItem::Mark::kBox, ""});
  }
  constexpr double kRow = 20;
  const double legend_h = draw_legend(nullptr, legend, 8, 4, timeline.width - 16);
  const double plot_h = kRow * static_cast<double>(timeline.rows.size());
  const double height = legend_h + 16 + plot_h + 40;
  Svg svg(timeline.width, height, timeline.id);
  draw_legend(&svg, legend, 8, 4, timeline.width - 16);
  const Frame f{timeline.label_width, legend_h + 12, timeline.width - 20, legend_h + 12 + plot_h};
  // A lever active in year Y covers [Y, Y + 1) on the axis.
  const LinearScale x{timeline.x_min, timeline.x_max + 1, f.left, f.right};
  // Year labels sit in the middle of their year's band.
  for (const double t : year_ticks(timeline.x_min, timeline.x_max)) {
    svg.line(x(t), f.top, x(t), f.bottom + 4, " class=\"grid\" stroke=\"#e3e3e3\"");
    svg.text(x(t + 0.5), f.bottom + 16, year_text(t), " class=\"tick\" text-anchor=\"middle\"");
  }
  svg.line(f.left, f.bottom, f.right, f.bottom, " class=\"axis\" stroke=\"#888\"");
  svg.text(f.right, f.bottom + 30, "year (a bar covers the years a lever is active)",
           " class=\"axis-title\" text-anchor=\"end\"");
  for (std::size_t r = 0; r < timeline.rows.size(); ++r) {
    const auto& row = timeline.rows[r];
    const double ry = f.top + kRow * static_cast<double>(r);
    const std::string label =
        truncate_text(row.label, static_cast<std::size_t>((timeline.label_width - 10) / 6.6));
    svg.text(f.left - 6, ry + 14, label, " class=\"tick\" text-anchor=\"end\"");
    const double a = x(std::clamp(row.from, timeline.x_min, timeline.x_max + 1));
    const double b = x(std::clamp(row.until + 1, timeline.x_min, timeline.x_max + 1));
    svg.raw(fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"13\" rx=\"3\"{}{} class=\"bar\"><title>{}"
        "</title></rect>\n",
        svg_num(a), svg_num(ry + 3.5), svg_num(std::max(3.0, b - a)),
        attr("fill", colours[row.category]), attr("data-series", row.id),
        escape_html(row.tooltip)));
    if (row.open_end) svg.text(b - 2, ry + 14, "▸", " text-anchor=\"end\" fill=\"#fff\"");
    if (row.open_start) svg.text(a + 2, ry + 14, "◂", " fill=\"#fff\"");
  }
  return svg.finish();
}

}  // namespace relocsim::output
