// A small SVG writer for the report's charts and map: elements are appended to a string with
// coordinates rounded to 0.1 px and every text and attribute value escaped. Also the pieces every
// chart shares: linear scales and a wrapping legend.
//
//   Svg svg(480, 260, "chart-residents");
//   svg.line(10, 10, 100, 10, "stroke=\"#999\"");
//   svg.text(10, 30, "Xiong'an", "class=\"label\"");
//   std::string markup = svg.finish();
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relocsim::output {

// Maps a domain [d0, d1] linearly onto a range [r0, r1].
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const {
    return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }
};

class Svg {
 public:
  // Opens <svg> with a viewBox of width x height; `id` goes into data-chart (and id) when given.
  Svg(double width, double height, std::string_view id, std::string_view css_class = "chart");

  // `extra` is raw attribute text (already escaped by the caller, see attr()).
  void line(double x1, double y1, double x2, double y2, std::string_view extra);
  void rect(double x, double y, double w, double h, std::string_view extra);
  void circle(double cx, double cy, double r, std::string_view extra,
              std::string_view tooltip = {});
  void path(std::string_view d, std::string_view extra, std::string_view tooltip = {});
  void text(double x, double y, std::string_view content, std::string_view extra = {});
  void raw(std::string_view markup) { out_ += markup; }
  void open_group(std::string_view extra);
  void close_group() { out_ += "</g>\n"; }
  std::string finish();

  double width() const { return width_; }
  double height() const { return height_; }

 private:
  std::string out_;
  double width_;
  double height_;
};

// ` name="escaped value"` for building `extra` attribute text.
std::string attr(std::string_view name, std::string_view value);

struct LegendItem {
  std::string label;
  std::string colour;
  enum class Mark { kLine, kDashedLine, kBox, kCircle } mark = Mark::kLine;
  std::string series;  // data-legend attribute, optional
};

// Estimated width of text at `font_size` px in the report's sans-serif font.
double text_width(std::string_view text, double font_size = 11);

// Lays legend items out left to right from (x, y), wrapping at x + max_width; returns the height
// used. With svg == nullptr it only measures.
double draw_legend(Svg* svg, const std::vector<LegendItem>& items, double x, double y,
                   double max_width);

}  // namespace relocsim::output
