// The sections of report.html and compare.html, built for one run or several overlaid. With one
// run, colours tell series apart (residents, jobs, groups, sectors); with several, colours tell
// runs apart and line styles the series.
//
//   RunSet set{{&run}};
//   std::string html = time_series_section(set) + sector_section(set);
#pragma once

#include <string>
#include <vector>

#include "engine/output/report/run_data.h"

namespace relocsim::output {

struct RunSet {
  std::vector<const RunData*> runs;  // the first is the reference of comparisons

  bool comparing() const { return runs.size() > 1; }
  const RunData& first() const { return *runs.front(); }
  std::string colour(std::size_t run) const;
};

// Name, description and provenance of each run.
std::string run_meta(const RunSet& set);
// One card per headline indicator: final-year value, change since the base year, cap share.
std::string headline_cards(const RunData& run);
// Headline indicators of the final year, one column per run, differences against the first.
std::string headline_table(const RunSet& set);
// The scenario's targets with bound, achieved value and met / not met, per run.
std::string targets_table(const RunSet& set);
// The free-form indicators object of summary.json as a two-column table; empty when there is none.
std::string indicators_table(const RunData& run);

// Residents and jobs by year for the main groups (with Beijing's cap when a population_cap lever
// exists), plus residents indexed to the base year.
std::string time_series_section(const RunSet& set);
// Jobs by sector in the core area over the years.
std::string sector_section(const RunSet& set);
// Housing and commercial rent indices and mean commute minutes by zone in the final year.
std::string rents_commute_section(const RunSet& set);
// The levers as a timeline, one row per lever, and a table of their details.
std::string levers_section(const RunSet& set);

}  // namespace relocsim::output
