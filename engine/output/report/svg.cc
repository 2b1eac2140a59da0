#include "engine/output/report/svg.h"

#include <fmt/format.h>

#include "engine/output/report/format.h"

namespace relocsim::output {

Svg::Svg(double width, double height, std::string_view id, std::string_view css_class)
    : width_(width), height_(height) {
  out_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" class=\"{}\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"",
      svg_num(width), svg_num(height), svg_num(width), svg_num(height), escape_html(css_class));
  if (!id.empty()) out_ += attr("data-chart", id) + attr("id", id);
  out_ += ">\n";
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view extra) {
  out_ += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n", svg_num(x1),
                      svg_num(y1), svg_num(x2), svg_num(y2), extra);
}

void Svg::rect(double x, double y, double w, double h, std::string_view extra) {
  out_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>\n", svg_num(x),
                      svg_num(y), svg_num(std::max(0.0, w)), svg_num(std::max(0.0, h)), extra);
}

void Svg::circle(double cx, double cy, double r, std::string_view extra, std::string_view tooltip) {
  out_ += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}", svg_num(cx), svg_num(cy),
                      svg_num(r), extra);
  if (tooltip.empty()) {
    out_ += "/>\n";
  } else {
    out_ += "><title>" + escape_html(tooltip) + "</title></circle>\n";
  }
}

void Svg::path(std::string_view d, std::string_view extra, std::string_view tooltip) {
  out_ += fmt::format("<path d=\"{}\"{}", d, extra);
  if (tooltip.empty()) {
    out_ += "/>\n";
  } else {
    out_ += "><title>" + escape_html(tooltip) + "</title></path>\n";
  }
}

void Svg::text(double x, double y, std::string_view content, std::string_view extra) {
  out_ += fmt::format("<text x=\"{}\" y=\"{}\"{}>{}</text>\n", svg_num(x), svg_num(y), extra,
                      escape_html(content));
}

void Svg::open_group(std::string_view extra) { out_ += fmt::format("<g{}>\n", extra); }

std::string Svg::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

std::string attr(std::string_view name, std::string_view value) {
  return fmt::format(" {}=\"{}\"", name, escape_html(value));
}

double text_width(std::string_view text, double font_size) {
  // DejaVu Sans / Arial average about 0.58 em per character; UTF-8 continuation bytes add none.
  double chars = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) chars += c >= 0x80 ? 1.7 : 1.0;
  }
  return chars * font_size * 0.6;
}

double draw_legend(Svg* svg, const std::vector<LegendItem>& items, double x, double y,
                   double max_width) {
  constexpr double kRow = 16;
  constexpr double kSwatch = 18;
  double cx = x;
  double cy = y;
  for (const auto& item : items) {
    const double w = kSwatch + 5 + text_width(item.label) + 14;
    if (cx > x && cx + w > x + max_width) {
      cx = x;
      cy += kRow;
    }
    if (svg != nullptr) {
      std::string data = item.series.empty() ? std::string() : attr("data-legend", item.series);
      svg->open_group(" class=\"legend-item\"" + data);
      const double my = cy + kRow / 2;
      switch (item.mark) {
        case LegendItem::Mark::kLine:
          svg->line(cx, my, cx + kSwatch, my,
                    attr("stroke", item.colour) + " stroke-width=\"2.5\"");
          break;
        case LegendItem::Mark::kDashedLine:
          svg->line(cx, my, cx + kSwatch, my,
                    attr("stroke", item.colour) + " stroke-width=\"2\" stroke-dasharray=\"5 3\"");
          break;
        case LegendItem::Mark::kBox:
          svg->rect(cx, my - 5, kSwatch - 6, 10, attr("fill", item.colour));
          break;
        case LegendItem::Mark::kCircle:
          svg->circle(cx + 6, my, 5, attr("fill", item.colour) + " stroke=\"#555\"");
          break;
      }
      svg->text(cx + kSwatch + 5, my + 4, item.label, " class=\"legend\"");
      svg->close_group();
    }
    cx += w;
  }
  return items.empty() ? 0 : cy - y + kRow;
}

}  // namespace relocsim::output
