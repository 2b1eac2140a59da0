// write_zones_geojson: zones.geojson, one Point feature per zone ([lon, lat], WGS84, RFC 7946)
// with the final year's indicators, so that a GIS (QGIS: Layer > Add Vector Layer) can map them.
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/core/atomic_file.h"
#include "engine/output/report/run_data.h"
#include "relocsim/report.h"

namespace relocsim::output {
namespace {

// GeoJSON has no NaN: unknown values are null.
nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// GIS field names: dots (jobs.finance) become underscores (jobs_finance).
std::string field_name(std::string metric) {
  for (char& c : metric) {
    if (c == '.') c = '_';
  }
  return metric;
}

// Shapefile and CSV exports of the layer cannot hold lists: the groups also as one text field.
std::string join_groups(const std::vector<std::string>& groups) {
  std::string out;
  for (const auto& g : groups) out += (out.empty() ? "" : ",") + g;
  return out;
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

std::string zones_geojson(const RunData& run) {
  const MetricTable& m = run.metrics;
  const int base = run.base_year(), last = run.final_year();
  nlohmann::ordered_json features = nlohmann::ordered_json::array();
  for (const auto& z : run.summary.zones) {
    nlohmann::ordered_json props;
    props["id"] = z.id;
    props["name"] = z.name;
    props["province"] = z.province;
    props["functional_area"] = z.functional_area;
    props["groups"] = z.groups;
    props["groups_text"] = join_groups(z.groups);
    props["area_km2"] = z.area_km2 ? nlohmann::json(*z.area_km2) : nlohmann::json(nullptr);
    props["base_year"] = base;
    props["year"] = last;
    for (const char* metric : {"residents", "jobs", "firms"}) {
      const double first = m.first(z.id, metric);
      const double final_value = m.last(z.id, metric);
      const std::string name = metric;
      props[name] = number_or_null(final_value);
      props[name + "_base"] = number_or_null(first);
      props[name + "_change"] = number_or_null(final_value - first);
      props[name + "_change_pct"] =
          number_or_null(first != 0 ? (final_value / first - 1) * 100 : std::nan(""));
    }
    for (const auto& metric : m.metrics_of(z.id)) {
      const std::string name = field_name(metric);
      if (!props.contains(name)) props[name] = number_or_null(m.last(z.id, metric));
    }
    if (z.area_km2 && *z.area_km2 > 0) {
      props["density_per_km2"] = number_or_null(m.last(z.id, "residents") / *z.area_km2);
    }
    nlohmann::ordered_json feature;
    feature["type"] = "Feature";
    feature["id"] = z.id;
    feature["geometry"] = {{"type", "Point"}, {"coordinates", {round6(z.lon), round6(z.lat)}}};
    feature["properties"] = std::move(props);
    features.push_back(std::move(feature));
  }
  nlohmann::ordered_json doc;
  doc["type"] = "FeatureCollection";
  doc["name"] = "relocsim zones: " + run.label + " " + std::to_string(last);
  doc["features"] = std::move(features);
  return doc.dump(1) + "\n";
}

}  // namespace

void write_zones_geojson(const std::filesystem::path& run_dir) {
  const RunData run = load_run(run_dir);
  write_file_atomically(run_dir / "zones.geojson", zones_geojson(run));
}

}  // namespace relocsim::output
