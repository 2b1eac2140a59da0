#include "engine/output/metrics_recorder.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

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

// The programme's reference year: indicators are measured against the region as it was then.
constexpr int kReferenceYear = 2014;

double province_value(const World& w, const MetricsTable& table, int year, const char* province,
                      const char* metric) {
  const double* v = table.find(year, province, metric);
  (void)w;
  return v == nullptr ? std::nan("") : *v;
}

// Region-wide indicators of the programme (DESIGN.md section 4), plus residents against the
// reference year and density for every zone and group.
void record_indicators(const World& w, int year,
                       const std::vector<std::vector<std::size_t>>& members, MetricsTable& table) {
  const auto& entities = table.entities();
  const int region = static_cast<int>(entities.size() - 1);
  const int residents = table.metric("residents");
  (void)residents;
  // Registered from the base year (recorded from the reference year), so that targets can name it.
  const int vs_reference = table.metric("residents_vs_2014");
  if (year >= kReferenceYear) {
    const int id = vs_reference;
    for (std::size_t e = 0; e < entities.size(); ++e) {
      const double* now = table.find(year, entities[e], "residents");
      const double* then = table.find(kReferenceYear, entities[e], "residents");
      if (now != nullptr && then != nullptr && *then > 0)
        table.add(year, static_cast<int>(e), id, *now / *then);
    }
  }
  {
    const int id = table.metric("density");
    for (std::size_t e = 0; e < entities.size(); ++e) {
      double area = 0;
      bool known = true;
      for (auto z : members[e]) {
        known = known && w.model.zones[z].area_km2 > 0;
        area += w.model.zones[z].area_km2;
      }
      const double* now = table.find(year, entities[e], "residents");
      if (known && area > 0 && now != nullptr)
        table.add(year, static_cast<int>(e), id, *now / area);
    }
  }
  const double nan = std::nan("");
  auto ratio = [&](const char* entity) {
    const double* now = table.find(year, entity, "residents");
    const double* then = table.find(kReferenceYear, entity, "residents");
    return now != nullptr && then != nullptr && *then > 0 ? *now / *then : nan;
  };
  // Beijing's cap: the population_cap lever over Beijing's zones, if the scenario has one.
  double cap = nan;
  if (const GroupInfo* beijing = w.model.find_group("beijing")) {
    for (const auto& lever : w.model.scenario->levers) {
      if (lever.type != "population_cap") continue;
      const auto& zones = std::get<std::vector<std::string>>(lever.fields.at("zones"));
      if (zones.size() == beijing->zones.size()) cap = std::get<double>(lever.fields.at("cap"));
    }
  }
  const double* beijing_residents = table.find(year, "beijing", "residents");
  // Value added per resident across Beijing, Tianjin and Hebei: coefficient of variation and the
  // population-weighted Theil index.
  double cv = nan;
  double theil = nan;
  {
    std::vector<double> people;
    std::vector<double> added;
    for (const char* p : {"beijing", "tianjin", "hebei"}) {
      const double n = province_value(w, table, year, p, "residents");
      const double va = province_value(w, table, year, p, "value_added");
      if (!(n > 0) || std::isnan(va)) continue;
      people.push_back(n);
      added.push_back(va);
    }
    if (people.size() == 3) {
      double mean = 0;
      for (std::size_t k = 0; k < 3; ++k) mean += added[k] / people[k] / 3;
      double var = 0;
      for (std::size_t k = 0; k < 3; ++k) var += std::pow(added[k] / people[k] - mean, 2) / 3;
      cv = std::sqrt(var) / mean;
      const double n_total = people[0] + people[1] + people[2];
      const double ybar = (added[0] + added[1] + added[2]) / n_total;
      theil = 0;
      for (std::size_t k = 0; k < 3; ++k) {
        const double y = added[k] / people[k] / ybar;
        theil += people[k] / n_total * y * std::log(y);
      }
    }
  }
  const std::pair<const char*, double> indicators[] = {
      {"core_residents_vs_2014", ratio("core")},
      {"beijing_residents_vs_cap",
       beijing_residents != nullptr && cap > 0 ? *beijing_residents / cap : nan},
      {"noncapital_jobs_relocated_share",
       w.noncapital_jobs_2014 > 0 ? w.noncapital_jobs_relocated / w.noncapital_jobs_2014 : nan},
      {"disparity_cv", cv},
      {"disparity_theil", theil},
  };
  for (const auto& [name, value] : indicators) table.add(year, region, table.metric(name), value);
}

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
    auto& v = ind.sum("labour_force");
    for (std::size_t z = 0; z < zones; ++z) v[z] = c.labour_force[z] * real;
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
  for (int s = 1; s < kServices; ++s) {
    auto& v = ind.sum(std::string("service_capacity.") + kServiceNames[s]);
    for (std::size_t z = 0; z < zones; ++z) v[z] = w.zones.service_capacity[s][z];
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
      {"firm_branches", t.firm_branches},
  };
  for (const auto& [name, value] : region_only) table.add(year, region, table.metric(name), value);
  record_indicators(w, year, members, table);
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
