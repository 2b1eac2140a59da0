#include "engine/output/report/map.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numbers>

#include "engine/output/report/format.h"
#include "engine/output/report/svg.h"

namespace relocsim::output {
namespace {

constexpr double kWidth = 960;
constexpr double kMapWidth = 640;
constexpr double kPanelX = 668;
constexpr double kMaxRadius = 26;
constexpr double kKmPerDegree = 111.2;

struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Equirectangular projection fitted to the zones' bounding box.
struct Projection {
  double lon0 = 0, lat1 = 0, kx = 1, ky = 1, ox = 0, oy = 0;
  double x(double lon) const { return ox + (lon - lon0) * kx; }
  double y(double lat) const { return oy + (lat1 - lat) * ky; }
};

double nice_floor(double v) {
  if (!(v > 0)) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double f : {5.0, 2.0, 1.0}) {
    if (f * p <= v * 1.0000001) return f * p;
  }
  return p;
}

// The colour scale's half-width: the largest change, or with many zones the 85th percentile of
// changes, so that one booming zone does not wash all others out (beyond it colours saturate).
double colour_domain(const std::vector<MapPoint>& points) {
  std::vector<double> changes;
  for (const auto& p : points) {
    if (!std::isnan(p.change)) changes.push_back(std::abs(p.change));
  }
  if (changes.empty()) return 0.1;
  std::sort(changes.begin(), changes.end());
  const double m = changes.size() >= 10 ? changes[changes.size() * 85 / 100] : changes.back();
  for (double d : {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0}) {
    if (m <= d * 1.0001) return d;
  }
  return 10;
}

std::string percent_label(double share) {
  const double pct = share * 100;
  if (pct == 0) return "0 %";
  return fmt::format("{:+.0f} %", pct);
}

struct Extent {
  double lon_min = 115, lon_max = 118, lat_min = 38, lat_max = 41;
};

// A projection with the extent and the pixel box it draws into.
struct Viewport {
  Projection pr;
  Extent extent;
  Box px{0, 0, 0, 0};
};

Extent extent_of(const std::vector<const MapPoint*>& points, double pad_share) {
  Extent e{180, -180, 90, -90};
  for (const MapPoint* p : points) {
    e.lon_min = std::min(e.lon_min, p->lon);
    e.lon_max = std::max(e.lon_max, p->lon);
    e.lat_min = std::min(e.lat_min, p->lat);
    e.lat_max = std::max(e.lat_max, p->lat);
  }
  if (points.empty()) e = Extent{};
  // Pad so that circles and labels at the edges stay inside.
  const double pad =
      std::max(0.05, pad_share * std::max(e.lon_max - e.lon_min, e.lat_max - e.lat_min));
  return Extent{e.lon_min - pad, e.lon_max + pad, e.lat_min - pad, e.lat_max + pad};
}

// Fits the extent into box.x0..box.x1 at box.y0, with a height between min_h and max_h; the
// extent grows to fill the box so that the map keeps its aspect.
Viewport fit(Extent e, Box box, double min_h, double max_h) {
  const double coslat = std::cos((e.lat_min + e.lat_max) / 2 * std::numbers::pi / 180);
  const double w = box.x1 - box.x0;
  const double span_x = (e.lon_max - e.lon_min) * coslat;
  const double span_y = e.lat_max - e.lat_min;
  const double h = std::clamp(w * span_y / span_x, min_h, max_h);
  const double k = std::min(w / span_x, h / span_y);  // px per degree of latitude
  const double grow_x = (w / k - span_x) / coslat / 2, grow_y = (h / k - span_y) / 2;
  e = Extent{e.lon_min - grow_x, e.lon_max + grow_x, e.lat_min - grow_y, e.lat_max + grow_y};
  Viewport v;
  v.extent = e;
  v.px = Box{box.x0, box.y0, box.x1, box.y0 + h};
  v.pr = Projection{e.lon_min, e.lat_max, k * coslat, k, box.x0, box.y0};
  return v;
}

void draw_graticule(Svg& svg, const Viewport& v) {
  const Extent& e = v.extent;
  const double step = e.lat_max - e.lat_min > 3 ? 1 : e.lat_max - e.lat_min > 1 ? 0.5 : 0.25;
  svg.open_group(" class=\"graticule\" stroke=\"#e6e6e6\" stroke-width=\"1\"");
  for (double lon = std::ceil(e.lon_min / step) * step; lon <= e.lon_max; lon += step) {
    svg.line(v.pr.x(lon), v.px.y0, v.pr.x(lon), v.px.y1, "");
  }
  for (double lat = std::ceil(e.lat_min / step) * step; lat <= e.lat_max; lat += step) {
    svg.line(v.px.x0, v.pr.y(lat), v.px.x1, v.pr.y(lat), "");
  }
  svg.close_group();
  const char* format = step < 1 ? "{:.2f}°{}" : "{:.0f}°{}";
  for (double lon = std::ceil(e.lon_min / step) * step; lon <= e.lon_max; lon += step) {
    if (v.pr.x(lon) > v.px.x1 - 30) continue;
    svg.text(v.pr.x(lon) + 3, v.px.y1 - 4, fmt::format(fmt::runtime(format), lon, "E"),
             " class=\"tick\" fill=\"#999\" font-size=\"9\"");
  }
  for (double lat = std::ceil(e.lat_min / step) * step; lat <= e.lat_max; lat += step) {
    if (v.pr.y(lat) < v.px.y0 + 12) continue;
    svg.text(v.px.x0 + 3, v.pr.y(lat) - 3, fmt::format(fmt::runtime(format), lat, "N"),
             " class=\"tick\" fill=\"#999\" font-size=\"9\"");
  }
}

void draw_scale_bar(Svg& svg, const Viewport& v) {
  const double px_per_km = v.pr.ky / kKmPerDegree;
  const double km = nice_floor(std::min(120.0, (v.px.x1 - v.px.x0) / 3) / px_per_km);
  const double w = km * px_per_km;
  const double x = v.px.x1 - w - 14;
  const double y = v.px.y1 - 14;
  svg.rect(x, y - 4, w, 4, " fill=\"#555\"");
  svg.rect(x + w / 2, y - 4, w / 2, 4, " fill=\"#fff\" stroke=\"#555\" stroke-width=\"0.8\"");
  svg.text(x, y - 8, "0", " class=\"tick\" font-size=\"9\"");
  svg.text(x + w, y - 8, fmt::format("{:g} km", km),
           " class=\"tick\" font-size=\"9\" text-anchor=\"end\"");
}

double flow_width(double count, double max_count) {
  return max_count > 0 ? 1.2 + 6.0 * count / max_count : 1.2;
}

using Point = std::array<double, 2>;

// A quadratic curve from `from` to `to` bent towards `control`, ending in an arrowhead whose size
// follows the line width.
void draw_arrow(Svg& svg, Point from, Point control, Point to, double width,
                const std::string& colour, const std::string& extra, const std::string& tooltip) {
  const double head_len = 5 + 1.6 * width, head_half = 2.5 + 1.1 * width;
  double ux = to[0] - control[0], uy = to[1] - control[1];
  const double l = std::max(1e-9, std::hypot(ux, uy));
  ux /= l, uy /= l;
  const Point base{to[0] - ux * head_len, to[1] - uy * head_len};
  const Point end{to[0] - ux * head_len * 0.8, to[1] - uy * head_len * 0.8};
  svg.open_group(" class=\"flow\"" + extra);
  if (!tooltip.empty()) svg.raw("<title>" + escape_html(tooltip) + "</title>");
  svg.path(fmt::format("M{},{}Q{},{} {},{}", svg_num(from[0]), svg_num(from[1]),
                       svg_num(control[0]), svg_num(control[1]), svg_num(end[0]), svg_num(end[1])),
           attr("stroke", colour) + fmt::format(" stroke-width=\"{}\"", svg_num(width)) +
               " fill=\"none\" stroke-opacity=\"0.8\" stroke-linecap=\"round\"");
  svg.path(fmt::format("M{},{}L{},{}L{},{}Z", svg_num(to[0]), svg_num(to[1]),
                       svg_num(base[0] - uy * head_half), svg_num(base[1] + ux * head_half),
                       svg_num(base[0] + uy * head_half), svg_num(base[1] - ux * head_half)),
           attr("fill", colour) + " fill-opacity=\"0.9\"");
  svg.close_group();
}

std::string flow_colour(const std::string& agent) {
  return agent == "firm" ? "#00897b" : agent == "institution" ? "#8e44ad" : "#333333";
}

using RadiusFn = std::function<double(double)>;

// Zones (largest first, so that small ones stay on top), flows and labels in one viewport. Only the
// main map carries data attributes, so that each zone and flow is counted once.
void draw_layer(Svg& svg, const RegionMap& map, const Viewport& v,
                const std::vector<const MapPoint*>& points, double domain, const RadiusFn& radius,
                std::map<std::string, double>& max_count, bool main) {
  const Projection& pr = v.pr;
  std::vector<const MapPoint*> order = points;
  std::stable_sort(order.begin(), order.end(), [](const MapPoint* a, const MapPoint* b) {
    return a->size_value > b->size_value;
  });
  std::map<std::string, const MapPoint*> by_id;
  for (const MapPoint* p : points) by_id[p->id] = p;

  svg.open_group(" class=\"zones\"");
  for (const MapPoint* p : order) {
    svg.circle(pr.x(p->lon), pr.y(p->lat), radius(p->size_value),
               attr("fill", diverging_colour(p->change / domain)) +
                   " fill-opacity=\"0.9\" stroke=\"#444\" stroke-width=\"0.7\" class=\"zone\"" +
                   (main ? attr("data-zone", p->id) : std::string()),
               p->tooltip);
  }
  svg.close_group();

  // Flows: curved so that A->B and B->A do not overlap, residents and firms bent differently.
  svg.open_group(" class=\"flows\"");
  for (const auto& f : map.flows) {
    auto a = by_id.find(f.from);
    auto b = by_id.find(f.to);
    if (a == by_id.end() || b == by_id.end()) continue;
    const double x1 = pr.x(a->second->lon), y1 = pr.y(a->second->lat);
    const double x2 = pr.x(b->second->lon), y2 = pr.y(b->second->lat);
    const double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
    if (len < 1) continue;
    const double bend = f.agent == "firm" ? 0.3 : 0.15;
    const double cx = (x1 + x2) / 2 - dy * bend, cy = (y1 + y2) / 2 + dx * bend;
    auto toward = [](double px, double py, double qx, double qy, double dist) {
      const double l = std::max(1e-9, std::hypot(qx - px, qy - py));
      return Point{px + (qx - px) / l * dist, py + (qy - py) / l * dist};
    };
    const Point s = toward(x1, y1, cx, cy, std::min(len / 3, radius(a->second->size_value) * 0.6));
    const Point e = toward(x2, y2, cx, cy, std::min(len / 3, radius(b->second->size_value) + 1));
    draw_arrow(svg, s, {cx, cy}, e, flow_width(f.count, max_count[f.agent]), flow_colour(f.agent),
               main ? attr("data-series", "flow/" + f.agent + "/" + f.from + "/" + f.to) : "",
               fmt::format("{} {} → {}: {}", f.agent == "firm" ? "Firms" : "Residents",
                           a->second->name, b->second->name, format_quantity(f.count)));
  }
  svg.close_group();

  // Labels, largest zones first, each at the first free spot around its circle.
  std::vector<Box> placed;
  svg.open_group(" class=\"labels\" font-size=\"10\"");
  for (const MapPoint* p : order) {
    const double x = pr.x(p->lon), y = pr.y(p->lat), r = radius(p->size_value);
    const std::string label = short_name(p->name);
    const double w = text_width(label, 10), h = 11;
    const double d = r * 0.7 + 1;  // diagonal offset
    const std::array<Point, 8> spots{{{x + r + 2, y + 3.5},
                                      {x - r - 2 - w, y + 3.5},
                                      {x - w / 2, y - r - 3},
                                      {x - w / 2, y + r + 11},
                                      {x + d, y - d - 2},
                                      {x + d, y + d + 9},
                                      {x - d - w, y - d - 2},
                                      {x - d - w, y + d + 9}}};
    for (const auto& spot : spots) {
      const Box box{spot[0], spot[1] - h + 2, spot[0] + w, spot[1] + 2};
      if (box.x0 < v.px.x0 + 2 || box.x1 > v.px.x1 - 2 || box.y0 < v.px.y0 + 2 ||
          box.y1 > v.px.y1 - 2) {
        continue;
      }
      if (std::any_of(placed.begin(), placed.end(),
                      [&](const Box& o) { return o.overlaps(box); })) {
        continue;
      }
      placed.push_back(box);
      svg.text(spot[0], spot[1], label,
               " class=\"zone-label\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"" +
                   (main ? attr("data-label", p->id) : std::string()));
      break;
    }
  }
  svg.close_group();
}

// The legend panel right of the map: colour scale, circle sizes, flows. Returns its bottom.
double draw_map_legend(Svg& svg, const RegionMap& map, double domain, double max_size,
                       std::map<std::string, double>& max_count, const RadiusFn& radius) {
  double y = 16;
  svg.text(kPanelX, y, map.colour_title, " class=\"axis-title\" font-weight=\"600\"");
  y += 10;
  const std::string grad = slug(map.id) + "-scale";
  svg.raw(
      fmt::format("<defs><linearGradient id=\"{}\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">", grad));
  for (int i = 0; i <= 10; ++i) {
    svg.raw(fmt::format("<stop offset=\"{}\" stop-color=\"{}\"/>", i / 10.0,
                        diverging_colour(-1 + i / 5.0)));
  }
  svg.raw("</linearGradient></defs>\n");
  constexpr double kBarW = 260;
  svg.rect(kPanelX, y, kBarW, 12, attr("fill", "url(#" + grad + ")") + " stroke=\"#888\"");
  for (int i = 0; i <= 4; ++i) {
    const double x = kPanelX + kBarW * i / 4.0;
    svg.line(x, y + 12, x, y + 16, " stroke=\"#888\"");
  }
  svg.text(kPanelX, y + 27, "≤ " + percent_label(-domain), " class=\"tick\"");
  svg.text(kPanelX + kBarW / 2, y + 27, "0 %", " class=\"tick\" text-anchor=\"middle\"");
  svg.text(kPanelX + kBarW, y + 27, "≥ " + percent_label(domain),
           " class=\"tick\" text-anchor=\"end\"");
  y += 42;
  svg.text(kPanelX, y, "blue: decline · grey: no change · red: growth",
           " class=\"tick\" fill=\"#666\" font-size=\"9\"");
  y += 26;

  svg.text(kPanelX, y, map.size_title, " class=\"axis-title\" font-weight=\"600\"");
  y += 8;
  std::vector<double> sizes;
  for (double v : {nice_floor(max_size), nice_floor(max_size / 5), nice_floor(max_size / 25)}) {
    if (v > 0 && (sizes.empty() || v < sizes.back())) sizes.push_back(v);
  }
  const double base = y + 2 * radius(sizes.empty() ? 0 : sizes.front()) + 4;
  double sx = kPanelX + kMaxRadius;
  for (double v : sizes) {
    const double r = radius(v);
    svg.circle(sx, base - r, r, " fill=\"none\" stroke=\"#666\"");
    svg.text(sx, base + 13, format_quantity(v), " class=\"tick\" text-anchor=\"middle\"");
    sx += std::max(2 * r, 34.0) + 14;
  }
  y = base + 36;

  if (map.flows.empty()) return y;
  svg.text(kPanelX, y, "Flows between zones", " class=\"axis-title\" font-weight=\"600\"");
  y += 16;
  for (const auto& [agent, count] : max_count) {
    draw_arrow(svg, {kPanelX, y}, {kPanelX + 20, y}, {kPanelX + 44, y}, flow_width(count, count),
               flow_colour(agent), "", "");
    draw_arrow(svg, {kPanelX + 56, y}, {kPanelX + 70, y}, {kPanelX + 86, y}, flow_width(0, count),
               flow_colour(agent), "", "");
    const std::string what = agent == "firm" ? "firms" : agent + "s";
    svg.text(kPanelX + 96, y + 4,
             fmt::format("{}: {} (thickest) … fewer", what, format_quantity(count)),
             " class=\"tick\"");
    y += 20;
  }
  // The caption can be long: wrap it into the panel's width.
  std::string line;
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < map.flow_caption.size()) {
    std::size_t end = map.flow_caption.find(' ', start);
    if (end == std::string::npos) end = map.flow_caption.size();
    const std::string word = map.flow_caption.substr(start, end - start);
    if (!line.empty() && text_width(line + " " + word, 10) > kWidth - kPanelX - 10) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  for (const auto& l : lines) {
    svg.text(kPanelX, y, l, " class=\"tick\" fill=\"#555\" font-size=\"10\"");
    y += 13;
  }
  return y;
}

}  // namespace

std::string render_region_map(const RegionMap& map) {
  double max_size = 0;
  std::vector<const MapPoint*> all;
  std::vector<const MapPoint*> inset;
  for (const auto& p : map.points) {
    if (!std::isnan(p.size_value)) max_size = std::max(max_size, p.size_value);
    all.push_back(&p);
    if (std::find(map.inset_zones.begin(), map.inset_zones.end(), p.id) != map.inset_zones.end()) {
      inset.push_back(&p);
    }
  }
  const Extent whole = extent_of(all, 0.06);
  const Viewport main_view = fit(whole, Box{0, 0, kMapWidth, 0}, 420, 760);
  const double map_h = main_view.px.y1;
  const double domain = colour_domain(map.points);
  const auto radius = [max_size](double v) {
    return max_size > 0 && v > 0 ? std::max(2.5, kMaxRadius * std::sqrt(v / max_size)) : 2.5;
  };
  std::map<std::string, double> max_count;
  for (const auto& f : map.flows) max_count[f.agent] = std::max(max_count[f.agent], f.count);

  // Measure the legend panel first: the inset goes below it.
  Svg legend_svg(0, 0, "");
  const double legend_end = draw_map_legend(legend_svg, map, domain, max_size, max_count, radius);
  bool with_inset = inset.size() >= 3 && all.size() > inset.size() + 2;
  Extent inset_extent = extent_of(inset, 0.15);
  Viewport inset_view;
  if (with_inset) {
    inset_view = fit(inset_extent, Box{kPanelX, legend_end + 28, kWidth - 4, 0}, 160, 320);
    // Only worth it when it zooms in.
    with_inset = inset_view.pr.ky > 2 * main_view.pr.ky;
  }
  const double height = std::max({map_h, legend_end + 10, with_inset ? inset_view.px.y1 + 4 : 0.0});

  Svg svg(kWidth, height, map.id, "chart map");
  svg.rect(0, 0, kMapWidth, map_h, " fill=\"#fafafa\" stroke=\"#ccc\"");
  draw_graticule(svg, main_view);
  draw_scale_bar(svg, main_view);
  draw_layer(svg, map, main_view, all, domain, radius, max_count, true);
  draw_map_legend(svg, map, domain, max_size, max_count, radius);
  if (with_inset) {
    const Box& b = inset_view.px;
    const Extent& e = inset_view.extent;
    svg.rect(main_view.pr.x(e.lon_min), main_view.pr.y(e.lat_max),
             main_view.pr.x(e.lon_max) - main_view.pr.x(e.lon_min),
             main_view.pr.y(e.lat_min) - main_view.pr.y(e.lat_max),
             " fill=\"none\" stroke=\"#777\" stroke-dasharray=\"3 2\" class=\"inset-frame\"");
    svg.text(b.x0, b.y0 - 6, "Inset: the central area (dashed frame)",
             " class=\"axis-title\" font-weight=\"600\"");
    const std::string clip = slug(map.id) + "-inset";
    svg.raw(fmt::format(
        "<defs><clipPath id=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" "
        "height=\"{}\"/></clipPath></defs>\n",
        clip, svg_num(b.x0), svg_num(b.y0), svg_num(b.x1 - b.x0), svg_num(b.y1 - b.y0)));
    svg.rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, " fill=\"#fafafa\" stroke=\"#777\"");
    svg.open_group(attr("clip-path", "url(#" + clip + ")") + " class=\"inset\"");
    draw_graticule(svg, inset_view);
    draw_layer(svg, map, inset_view, all, domain, radius, max_count, false);
    svg.close_group();
    draw_scale_bar(svg, inset_view);
  }
  return svg.finish();
}

}  // namespace relocsim::output
