// The report's chart kinds as inline SVG: lines over the years (with reference lines such as a
// population cap), stacked areas, horizontal bars by zone, and a timeline of levers. Each chart
// has axes with units, a legend, formatted ticks, and data attributes (data-chart on the <svg>,
// data-series on every drawn series) that tests and readers can query.
//
//   LineChart c{.id = "residents-core", .y_label = "persons"};
//   c.series.push_back({.id = "core/residents", .label = "Residents", .colour = "#4e79a7",
//                       .x = years, .y = values});
//   std::string svg = render_line_chart(c);
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace relocsim::output {

struct ChartSeries {
  std::string id;     // data-series, e.g. "core/residents"
  std::string label;  // legend text
  std::string colour;
  std::vector<double> x;  // years
  std::vector<double> y;  // NaN leaves a gap
  bool dashed = false;
  std::string unit;  // in tooltips, e.g. "persons"
};

// A horizontal line over [x_from, x_to] (the whole axis when unset), e.g. Beijing's cap.
struct ReferenceLine {
  std::string id;
  std::string label;
  double y = 0;
  std::optional<double> x_from;
  std::optional<double> x_to;
  std::string colour = "#111111";
};

struct LineChart {
  std::string id;
  std::string y_label;  // axis title with its unit, e.g. "residents (persons)"
  std::string x_label = "year";
  std::vector<ChartSeries> series;
  std::vector<ReferenceLine> references;
  double width = 470;
  double height = 250;
  bool y_from_zero = true;
  bool show_legend = true;
};
std::string render_line_chart(const LineChart& chart);

// Layers stacked bottom-up in the given order over the shared x.
struct StackedAreaChart {
  std::string id;
  std::string y_label;
  std::string x_label = "year";
  std::vector<double> x;
  std::vector<ChartSeries> layers;  // x of each layer is ignored
  double width = 960;
  double height = 320;
};
std::string render_stacked_area(const StackedAreaChart& chart);

// Rows of horizontal bars; each row has one bar per series (grouped bars when several).
struct BarRow {
  std::string id;  // data-row
  std::string label;
  std::vector<double> values;  // one per series, NaN skipped
};
struct BarChart {
  std::string id;
  std::string x_label;  // value axis title with unit
  std::vector<std::string> series_ids;
  std::vector<std::string> series_labels;
  std::vector<std::string> series_colours;
  std::vector<BarRow> rows;
  std::optional<double> reference;  // a vertical line, e.g. 1.0 for rent indices
  std::string reference_label;
  std::string unit;  // in tooltips and value labels
  int decimals = 1;  // of value labels
  double width = 470;
  double label_width = 130;
};
std::string render_bar_chart(const BarChart& chart);

struct TimelineRow {
  std::string id;  // data-series
  std::string label;
  std::string category;  // colour key
  double from = 0;
  double until = 0;
  bool open_start = false;  // started before the axis
  bool open_end = false;    // no end year: runs to the end
  std::string tooltip;
};
struct Timeline {
  std::string id;
  double x_min = 0;
  double x_max = 1;
  std::vector<TimelineRow> rows;
  double width = 960;
  double label_width = 230;
};
std::string render_timeline(const Timeline& timeline);

}  // namespace relocsim::output
