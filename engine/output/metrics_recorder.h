// Step 11 of the year: reads the world (its latest census, employers, zone state and the year's
// tallies) and records every zone's, group's and the region's indicators in real units.
#pragma once

#include <string>
#include <vector>

#include "engine/output/metrics_table.h"

namespace relocsim {
struct World;
struct Model;
}  // namespace relocsim

namespace relocsim::output {

// Zone ids, group ids (except groups that repeat a zone), "region".
std::vector<std::string> metric_entities(const Model& model);

void record_metrics(const World& world, int year, MetricsTable& table);

// The origin-destination rows of the year: "year,agent,from,to,count" without header.
std::string flow_rows(const World& world, int year);

}  // namespace relocsim::output
