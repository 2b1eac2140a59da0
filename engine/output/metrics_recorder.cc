#include "engine/output/metrics_recorder.h"

#include <fmt/format.h>

#include <array>

#include "engine/world/world.h"

namespace relocsim::output {

namespace {

// A zone-level indicator: a sum, or a ratio of sums (so that groups aggregate correctly).
struct Indicator {
  std::string name;
  std::vector<double> numerator;
  std::vector<double> denominator;  // empty for sums
};

class Indicators {
 public:
  explicit Indicators(std::size_t zones) : zones_(zones) {}
  std::vector<double>& sum(const std::string& name) {
    list_.push_back(Indicator{name, std::vector<double>(zones_, 0.0), {}});
    return list_.back().numerator;
  }
  Indicator& ratio(const std::string& name) {
    list_.push_back(
        Indicator{name, std::vector<double>(zones_, 0.0), std::vector<double>(zones_, 0.0)});
    return list_.back();
  }
  const std::vector<Indicator>& list() const { return list_; }

 private:
  std::size_t zones_;
  std::vector<Indicator> list_;
};

constexpr std::array<const char*, kAgeBands> kBandNames = {"age_0_17", "age_18_34", "age_35_59",
                                                           "age_60_plus"};
constexpr std::array<const char*, kServices> kServiceNames = {"", "school", "hospital", "elderly"};

}  // namespace

std::vector<std::string> metric_entities(const Model& model) {
  std::vector<std::string> out;
  for (const auto& z : model.zones) out.push_back(z.id);
  for (const auto& g : model.groups) {
    if (!g.same_as_zone) out.push_back(g.id);
  }
  out.emplace_back("region");
  return out;
}

void record_metrics(const World& w, int year, MetricsTable& table) {
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  const double real = 1.0 / w.scale();
  const auto& c = w.census;
  Indicators ind(zones);
  // Every reference into `ind` is used before the next indicator is added.
  {
    auto& v = ind.sum("residents");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.residents[z] * real;
  }
  for (int b = 0; b < kAgeBands; ++b) {
    auto& v = ind.sum(std::string("residents.") + kBandNames[b]);
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.by_age[z][b] * real;
  }
  {
    auto& v = ind.sum("residents.local_hukou");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.local_hukou[z] * real;
  }
  {
    auto& v = ind.sum("workers");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.workers[z] * real;
  }
  {
    auto& v = ind.sum("jobs");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.zone_jobs(z) * real;
  }
  {
    auto& v = ind.sum("firms");
    for (std::size_t z = 0; z < zones; ++z) {
      for (std::size_t s = 0; s < sectors; ++s) v[z] += c.firms[z * sectors + s];
    }
  }
  for (std::size_t s = 0; s < sectors; ++s) {
    auto& v = ind.sum("jobs." + w.model.sector(SectorId::from(s)).id);
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.jobs[z * sectors + s] * real;
  }
  for (std::size_t s = 0; s < sectors; ++s) {
    auto& v = ind.sum("firms." + w.model.sector(SectorId::from(s)).id);
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.firms[z * sectors + s];
  }
  {
    auto& v = ind.sum("institutions");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.institutions[z];
  }
  {
    auto& v = ind.sum("staff");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.staff[z];
  }
  {
    auto& v = ind.sum("value_added");
    for (std::size_t z = 0; z < zones; ++z) {
      for (std::size_t s = 0; s < sectors; ++s) {
        v[z] +=
            c.jobs[z * sectors + s] * real * w.model.sector(SectorId::from(s)).value_added_per_job;
      }
    }
  }
  {
    auto& r = ind.ratio("rent_housing");
    for (std::size_t z = 0; z < zones; ++z) {
      r.numerator[z] = w.zones.rent_housing[z] * std::max(c.residents[z], 1.0);
      r.denominator[z] = std::max(c.residents[z], 1.0);
    }
  }
  {
    auto& r = ind.ratio("rent_commercial");
    for (std::size_t z = 0; z < zones; ++z) {
      const double jobs = std::max(c.zone_jobs(z), 1.0);
      r.numerator[z] = w.zones.rent_commercial[z] * jobs;
      r.denominator[z] = jobs;
    }
  }
  {
    auto& r = ind.ratio("commute_minutes");
    for (std::size_t z = 0; z < zones; ++z) {
      r.numerator[z] = c.commute_sum[z];
      r.denominator[z] = c.workers[z];
    }
  }
  {
    auto& r = ind.ratio("jobs_housing_ratio");
    for (std::size_t z = 0; z < zones; ++z) {
      r.numerator[z] = c.zone_jobs(z);
      r.denominator[z] = c.workers[z];
    }
  }
  for (int s = 1; s < kServices; ++s) {
    auto& r = ind.ratio(std::string("service_load.") + kServiceNames[s]);
    for (std::size_t z = 0; z < zones; ++z) {
      r.numerator[z] = w.zones.service_users[s][z];
      r.denominator[z] = w.zones.service_capacity[s][z];
    }
  }
  {
    auto& v = ind.sum("housing_capacity");
    for (std::size_t z = 0; z < zones; ++z) v[z] = w.zones.housing_capacity[z] * real;
  }
  {
    auto& v = ind.sum("floorspace_capacity");
    for (std::size_t z = 0; z < zones; ++z) v[z] = w.zones.floorspace_capacity[z] * real;
  }
  {
    auto& v = ind.sum("subsidy_paid");
    for (std::size_t z = 0; z < zones; ++z) v[z] = w.tally.subsidy_by_zone[z];
  }

  // Zones, then groups, then the region, each with every indicator.
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t z = 0; z < zones; ++z) members.push_back({z});
  for (const auto& g : w.model.groups) {
    if (g.same_as_zone) continue;
    std::vector<std::size_t> m;
    for (ZoneId z : g.zones) m.push_back(z.get());
    members.push_back(std::move(m));
  }
  std::vector<std::size_t> all(zones);
  for (std::size_t z = 0; z < zones; ++z) all[z] = z;
  members.push_back(all);
  std::vector<int> ids;
  for (const auto& i : ind.list()) ids.push_back(table.metric(i.name));
  for (std::size_t e = 0; e < members.size(); ++e) {
    for (std::size_t k = 0; k < ind.list().size(); ++k) {
      const Indicator& i = ind.list()[k];
      double num = 0;
      double den = 0;
      for (auto z : members[e]) {
        num += i.numerator[z];
        if (!i.denominator.empty()) den += i.denominator[z];
      }
      const double value = i.denominator.empty() ? num : (den > 0 ? num / den : 0.0);
      table.add(year, static_cast<int>(e), ids[k], value);
    }
  }
  // Region-only flows of the year.
  const int region = static_cast<int>(members.size() - 1);
  const auto& t = w.tally;
  const std::pair<const char*, double> region_only[] = {
      {"births", t.births * real},
      {"deaths", t.deaths * real},
      {"immigrants", t.immigrants * real},
      {"emigrants", t.emigrants * real},
      {"movers.resident", t.movers_resident * real},
      {"movers.firm", t.movers_firm},
      {"movers.institution", t.movers_institution},
      {"firm_entries", t.firm_entries},
      {"firm_exits", t.firm_exits},
  };
  for (const auto& [name, value] : region_only) table.add(year, region, table.metric(name), value);
}

std::string flow_rows(const World& w, int year) {
  static constexpr const char* kAgents[] = {"resident", "firm", "institution"};
  const std::size_t zones = w.zone_count();
  auto name = [&](std::size_t z) -> const std::string& {
    static const std::string kOutside = "outside";
    return z == zones ? kOutside : w.model.zones[z].id;
  };
  std::string out;
  for (int a = 0; a < 3; ++a) {
    const double unit = a == YearTally::kResident ? 1.0 / w.scale() : 1.0;
    for (std::size_t from = 0; from <= zones; ++from) {
      for (std::size_t to = 0; to <= zones; ++to) {
        const double count =
            w.tally.flows[(static_cast<std::size_t>(a) * (zones + 1) + from) * (zones + 1) + to];
        if (count == 0) continue;
        fmt::format_to(std::back_inserter(out), "{},{},{},{},{}\n", year, kAgents[a], name(from),
                       name(to), format_value(count * unit));
      }
    }
  }
  return out;
}

}  // namespace relocsim::output
