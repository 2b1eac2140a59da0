// The map of the region: zones as circles at their lat/lon (area proportional to residents,
// colour on a diverging scale), the largest origin-destination flows as curved arrows, a
// graticule, a scale bar and legends. Built from a run (change since the base year) or from two
// runs (difference of the final year against a reference run).
//
//   std::string svg = render_region_map(map_of_run(run, options));
#pragma once

#include <string>
#include <vector>

#include "engine/output/report/run_data.h"
#include "relocsim/report.h"

namespace relocsim::output {

struct MapPoint {
  std::string id;
  std::string name;
  double lat = 0;
  double lon = 0;
  double size_value = 0;  // residents: circle area is proportional to it
  double change = 0;      // a relative change (0.05 = +5 %), NaN when unknown
  std::string tooltip;
};

struct MapFlow {
  std::string agent;  // resident, firm
  std::string from;
  std::string to;
  double count = 0;
};

struct RegionMap {
  std::string id;
  std::vector<MapPoint> points;
  std::vector<MapFlow> flows;  // drawn in order; widths scaled per agent kind
  std::string colour_title;    // e.g. "Residents, change 2010–2035"
  std::string size_title;      // e.g. "Residents 2035 (persons)"
  std::string flow_caption;    // which flows, over which years
  // Zones shown again, enlarged, in an inset (the crowded central area); empty for none.
  std::vector<std::string> inset_zones;
};

// Zones sized by final-year residents, coloured by change since the base year, with the largest
// resident and firm flows between zones.
RegionMap map_of_run(const RunData& run, const ReportOptions& options);
// Zones sized by `run`'s final-year residents, coloured by their difference against `reference`.
RegionMap map_of_difference(const RunData& run, const RunData& reference);

std::string render_region_map(const RegionMap& map);

}  // namespace relocsim::output
