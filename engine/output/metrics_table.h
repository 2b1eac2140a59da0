// The run's outcome metrics, tidy: one value per (year, zone or group or region, metric), kept in
// the order they were recorded, which is the order metrics.csv lists them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace relocsim::output {

class MetricsTable {
 public:
  // Entities: zone ids, then group ids (groups that merely repeat a zone are left out), then
  // "region".
  explicit MetricsTable(std::vector<std::string> entities) : entities_(std::move(entities)) {}

  const std::vector<std::string>& entities() const { return entities_; }
  int metric(std::string_view name);
  void add(int year, int entity, int metric, double value);

  // nullptr when absent.
  const double* find(int year, std::string_view entity, std::string_view metric) const;
  const std::vector<std::string>& metric_names() const { return metrics_; }
  std::vector<int> years() const;

  // "year,zone,metric,value" rows in recording order.
  std::string csv() const;

 private:
  struct Row {
    int year;
    int entity;
    int metric;
    double value;
  };
  std::vector<std::string> entities_;
  std::vector<std::string> metrics_;
  std::map<std::string, int, std::less<>> metric_ids_;
  std::vector<Row> rows_;
  std::map<std::tuple<int, int, int>, std::size_t> index_;
};

// Shortest text that reads back as the same double ("21516000", "0.35").
std::string format_value(double value);

}  // namespace relocsim::output
