// What the map shows of a run: zones with their residents and change, the largest flows between
// zones, the zones worth an inset. Drawing is in map.cc.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

#include "engine/output/report/format.h"
#include "engine/output/report/map.h"

namespace relocsim::output {
namespace {

// The crowded centre worth an inset: Beijing's central urban area and the sub-center.
std::vector<std::string> central_zones(const RunData& run) {
  std::vector<std::string> out;
  for (const auto& z : run.summary.zones) {
    for (const auto& g : z.groups) {
      if (g == "core" || g == "six_central" || g == "central_urban" || g == "sub_center") {
        out.push_back(z.id);
        break;
      }
    }
  }
  return out;
}

}  // namespace

RegionMap map_of_run(const RunData& run, const ReportOptions& options) {
  RegionMap map;
  map.inset_zones = central_zones(run);
  map.id = "map-region";
  const int base = run.base_year(), last = run.final_year();
  for (const auto& z : run.summary.zones) {
    MapPoint p;
    p.id = z.id;
    p.name = z.name;
    p.lat = z.lat;
    p.lon = z.lon;
    p.size_value = run.metrics.last(z.id, "residents");
    const double first = run.metrics.first(z.id, "residents");
    p.change = first > 0 ? p.size_value / first - 1 : std::nan("");
    const double jobs = run.metrics.last(z.id, "jobs");
    p.tooltip = fmt::format("{} ({})\nresidents {}: {} ({} since {})\njobs {}: {}", z.name,
                            z.province, last, format_quantity(p.size_value),
                            format_percent(p.change, true), base, last, format_quantity(jobs));
    map.points.push_back(std::move(p));
  }
  map.colour_title = fmt::format("Residents: change {}–{}", base, last);
  map.size_title = fmt::format("Residents {} (persons)", last);

  int flow_first = std::numeric_limits<int>::max(), flow_last = std::numeric_limits<int>::min();
  for (const auto& f : run.flows) {
    flow_first = std::min(flow_first, f.year);
    flow_last = std::max(flow_last, f.year);
  }
  if (options.flow_years > 0) flow_first = std::max(flow_first, flow_last - options.flow_years + 1);
  std::map<std::array<std::string, 3>, double> sums;
  for (const auto& f : run.flows) {
    if (f.year < flow_first || f.from == f.to || f.from == "outside" || f.to == "outside") continue;
    if (f.agent != "resident" && f.agent != "firm") continue;
    if (run.zone(f.from) == nullptr || run.zone(f.to) == nullptr) continue;
    sums[{f.agent, f.from, f.to}] += f.count;
  }
  for (const char* agent : {"resident", "firm"}) {
    std::vector<MapFlow> kind;
    for (const auto& [key, count] : sums) {
      if (key[0] == agent && count > 0) kind.push_back(MapFlow{key[0], key[1], key[2], count});
    }
    std::sort(kind.begin(), kind.end(), [](const MapFlow& a, const MapFlow& b) {
      return a.count != b.count ? a.count > b.count : a.from + a.to < b.from + b.to;
    });
    if (kind.size() > static_cast<std::size_t>(std::max(0, options.top_flows))) {
      kind.resize(static_cast<std::size_t>(std::max(0, options.top_flows)));
    }
    // Smallest first so that the largest arrows are drawn on top.
    map.flows.insert(map.flows.end(), kind.rbegin(), kind.rend());
  }
  if (!run.flows.empty()) {
    map.flow_caption = fmt::format(
        "Arrows: the {} largest resident and firm flows between zones (each kind), summed over "
        "{}–{} ({}); width proportional to the count within each kind; movers from or to "
        "outside the region are not drawn.",
        options.top_flows, flow_first, flow_last,
        options.flow_years > 0 ? fmt::format("the last {} years", options.flow_years)
                               : std::string("all years in flows.csv"));
  }
  return map;
}

RegionMap map_of_difference(const RunData& run, const RunData& reference) {
  RegionMap map;
  map.inset_zones = central_zones(run);
  map.id = "map-" + slug(run.label);
  const int last = run.final_year();
  for (const auto& z : run.summary.zones) {
    MapPoint p;
    p.id = z.id;
    p.name = z.name;
    p.lat = z.lat;
    p.lon = z.lon;
    p.size_value = run.metrics.last(z.id, "residents");
    const double ref = reference.metrics.value(z.id, "residents", last);
    p.change = ref > 0 ? p.size_value / ref - 1 : std::nan("");
    p.tooltip = fmt::format("{} ({})\nresidents {}: {} in {}, {} in {} ({})", z.name, z.province,
                            last, format_quantity(p.size_value), run.label, format_quantity(ref),
                            reference.label, format_percent(p.change, true));
    map.points.push_back(std::move(p));
  }
  map.colour_title = fmt::format("Residents {}: {} against {}", last, run.label, reference.label);
  map.size_title = fmt::format("Residents {} in {} (persons)", last, run.label);
  return map;
}

}  // namespace relocsim::output
