#include "engine/output/metrics_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace relocsim::output {

std::string format_value(double value) {
  if (!std::isfinite(value)) return "nan";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);
}

int MetricsTable::metric(std::string_view name) {
  const auto it = metric_ids_.find(name);
  if (it != metric_ids_.end()) return it->second;
  metrics_.emplace_back(name);
  const int id = static_cast<int>(metrics_.size() - 1);
  metric_ids_.emplace(std::string(name), id);
  return id;
}

void MetricsTable::add(int year, int entity, int metric, double value) {
  index_[{year, entity, metric}] = rows_.size();
  rows_.push_back(Row{year, entity, metric, value});
}

const double* MetricsTable::find(int year, std::string_view entity, std::string_view metric) const {
  const auto e = std::find(entities_.begin(), entities_.end(), entity);
  const auto m = metric_ids_.find(metric);
  if (e == entities_.end() || m == metric_ids_.end()) return nullptr;
  const auto it = index_.find({year, static_cast<int>(e - entities_.begin()), m->second});
  return it == index_.end() ? nullptr : &rows_[it->second].value;
}

std::vector<int> MetricsTable::years() const {
  std::set<int> years;
  for (const auto& r : rows_) years.insert(r.year);
  return {years.begin(), years.end()};
}

std::string MetricsTable::csv() const {
  std::string out = "year,zone,metric,value\n";
  out.reserve(rows_.size() * 40);
  for (const auto& r : rows_) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", r.year, entities_[r.entity],
                   metrics_[r.metric], format_value(r.value));
  }
  return out;
}

}  // namespace relocsim::output
