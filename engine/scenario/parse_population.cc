// Typed parsing of the `population` section: who lives and works where in the base year, and the
// trends (natural growth, migration, sector growth) that move the totals.
#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "engine/scenario/parse.h"
#include "engine/scenario/reader.h"

namespace relocsim::scenario {

namespace {

template <class Item, class Fn>
void read_list(ConfigNode* list, DiagnosticSink& sink, const char* what, std::vector<Item>& out,
               Fn&& read_item) {
  if (list == nullptr) return;
  if (!list->is_sequence()) {
    sink.error(list->place(),
               std::string("expected ") + what + " as a list, got " + list->describe());
    return;
  }
  for (auto& node : list->items()) {
    MapReader r(node, sink, std::string("an entry of ") + what);
    if (!r.ok()) continue;
    Item item;
    item.place = node.place();
    read_item(r, item);
    r.finish();
    out.push_back(std::move(item));
  }
}

void check_shares(const std::vector<double>& shares, const Place& place, const char* what,
                  DiagnosticSink& sink) {
  double sum = 0;
  for (double v : shares) sum += v;
  if (!shares.empty() && std::fabs(sum - 1.0) > 1e-3) {
    sink.error(place,
               std::string(what) + " must add up to 1 (they add up to " + format_number(sum) + ")");
  }
}

}  // namespace

void parse_population(ConfigNode& node, const Geography& geography, PopulationSpec& p,
                      DiagnosticSink& sink) {
  MapReader r(node, sink, "population");
  if (!r.ok()) return;
  const Range share{0, 1};
  const Range rate{0, 1};
  r.integer("working_age_min", p.working_age_min, Range{10, 30});
  r.integer("retirement_age", p.retirement_age, Range{40, 90});
  r.number("job_vacancy_rate", p.job_vacancy_rate, share);
  r.number("housing_vacancy_rate", p.housing_vacancy_rate, share);
  r.number("floorspace_vacancy_rate", p.floorspace_vacancy_rate, share);
  r.number("school_seats_per_child", p.school_seats_per_child, Range{0, 10});
  r.number("hospital_beds_per_1000", p.hospital_beds_per_1000, Range{0, 100});
  r.number("elderly_beds_per_senior", p.elderly_beds_per_senior, Range{0, 1});
  p.mortality_by_age = {0.2, 0.3, 0.8, 4.0};
  p.emigration_by_age = {0.6, 2.0, 0.8, 0.3};
  r.numbers("mortality_by_age", p.mortality_by_age, kAgeBands, Range{0, 1e3});
  r.numbers("emigration_by_age", p.emigration_by_age, kAgeBands, Range{0, 1e3});
  r.numbers("fertility_ages", p.fertility_ages, 2, Range{10, 60});
  r.number("commute_decay", p.commute_decay, Range{0, 10});

  read_list(r.node("provinces"), sink, "population.provinces", p.provinces,
            [&](MapReader& m, ProvinceProfile& v) {
              m.required_text("province", v.province);
              v.age_shares = {0.2, 0.3, 0.35, 0.15};
              m.numbers("age_shares", v.age_shares, kAgeBands, share);
              check_shares(v.age_shares, m.place_of("age_shares"), "age_shares", sink);
              m.number("local_hukou_share", v.local_hukou_share, share);
              m.number("employment_rate", v.employment_rate, share);
              m.number("participation_rate", v.participation_rate, share);
              if (v.employment_rate > v.participation_rate) {
                sink.error(m.place_of("employment_rate"),
                           "employment_rate cannot exceed participation_rate");
              }
            });
  read_list(r.node("sectors"), sink, "population.sectors", p.sectors,
            [&](MapReader& m, SectorSpec& v) {
              m.required_text("id", v.id);
              v.name = v.id;
              m.text("name", v.name);
              m.boolean("capital_function", v.capital_function);
              m.boolean("institutional", v.institutional);
              m.boolean("sampled", v.sampled);
              m.number("mean_firm_size", v.mean_firm_size, Range{1, 1e6});
              m.number("exit_rate", v.exit_rate, rate);
              m.number("relocation_rate", v.relocation_rate, rate);
              m.number("value_added_per_job", v.value_added_per_job, Range{0, 1e6});
            });
  std::vector<std::string> sector_ids;
  for (const auto& s : p.sectors) sector_ids.push_back(s.id);
  const std::unordered_set<std::string> sector_set(sector_ids.begin(), sector_ids.end());
  auto check_sector = [&](const std::string& id, const Place& place) {
    if (!sector_set.contains(id)) {
      sink.error(place, "unknown sector '" + id + "'" + did_you_mean(id, sector_ids));
      return false;
    }
    return true;
  };
  read_list(r.node("kinds"), sink, "population.kinds", p.kinds, [&](MapReader& m, KindSpec& v) {
    m.required_text("id", v.id);
    v.name = v.id;
    m.text("name", v.name);
    if (m.required_text("sector", v.sector)) check_sector(v.sector, m.place_of("sector"));
    m.boolean("capital_function", v.capital_function);
    m.text("service", v.service);
    if (!v.service.empty() && v.service != "school" && v.service != "hospital" &&
        v.service != "elderly") {
      sink.error(m.place_of("service"),
                 "service '" + v.service + "' must be school, hospital, elderly or empty");
    }
  });
  std::vector<std::string> kind_ids;
  for (const auto& k : p.kinds) kind_ids.push_back(k.id);
  read_list(r.node("areas"), sink, "population.areas", p.areas,
            [&](MapReader& m, FunctionalAreaProfile& v) {
              m.required_text("area", v.area);
              m.number("job_density", v.job_density, Range{0, 100});
              v.income_shares = {0.2, 0.2, 0.2, 0.2, 0.2};
              m.numbers("income_shares", v.income_shares, kIncomeQuintiles, share);
              check_shares(v.income_shares, m.place_of("income_shares"), "income_shares", sink);
              m.number_map("sector_shares", v.sector_shares, share);
              double sum = 0;
              for (const auto& entry : v.sector_shares) {
                // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
                const std::string& sector = entry.first;
                const double value = entry.second;
                if (check_sector(sector, m.place_of("sector_shares"))) {
                  auto it = std::find_if(p.sectors.begin(), p.sectors.end(),
                                         [&](const SectorSpec& s) { return s.id == sector; });
                  if (it->institutional) {
                    sink.error(m.place_of("sector_shares"),
                               "sector '" + sector +
                                   "' is institutional: its jobs come from "
                                   "population.institutions, not from sector_shares");
                  }
                }
                sum += value;
              }
              check_shares(std::vector<double>{sum}, m.place_of("sector_shares"), "sector_shares",
                           sink);
            });
  // Zone references within the population section: ids and groups of the geography.
  Scenario names_only;
  names_only.geography = geography;
  names_only.population.sectors = p.sectors;
  const NameIndex names(names_only);
  read_list(r.node("institutions"), sink, "population.institutions", p.institutions,
            [&](MapReader& m, InstitutionSpec& v) {
              if (m.required_text("kind", v.kind) &&
                  std::find(kind_ids.begin(), kind_ids.end(), v.kind) == kind_ids.end()) {
                sink.error(m.place_of("kind"), "unknown institution kind '" + v.kind + "'" +
                                                   did_you_mean(v.kind, kind_ids));
              }
              std::vector<std::string> zone_names;
              m.names("zones", zone_names);
              if (zone_names.empty()) sink.error(m.place(), "institutions need zones");
              v.zones = names.zones(zone_names, m.place_of("zones"), sink);
              m.numbers("weights", v.weights, 0, Range{0, 1e9});
              if (!v.weights.empty() && v.weights.size() != v.zones.size()) {
                sink.error(m.place_of("weights"), "weights needs one number per zone of zones");
              }
              m.required_integer("count", v.count, Range{0, 1e7});
              m.required_number("staff", v.staff, Range{0, 1e7});
              m.number("capacity", v.capacity, Range{0, 1e8});
              v.ownership = "public";
              m.text("ownership", v.ownership);
            });
  read_list(
      r.node("firms"), sink, "population.firms", p.firms, [&](MapReader& m, FirmGroupSpec& v) {
        if (m.required_text("sector", v.sector)) check_sector(v.sector, m.place_of("sector"));
        std::vector<std::string> zone_names;
        m.names("zones", zone_names);
        if (zone_names.empty()) sink.error(m.place(), "firms need zones");
        v.zones = names.zones(zone_names, m.place_of("zones"), sink);
        m.numbers("weights", v.weights, 0, Range{0, 1e9});
        if (!v.weights.empty() && v.weights.size() != v.zones.size()) {
          sink.error(m.place_of("weights"), "weights needs one number per zone of zones");
        }
        m.required_integer("count", v.count, Range{0, 1e7});
        m.required_number("jobs", v.jobs, Range{0, 1e7});
        m.text("ownership", v.ownership);
        if (v.ownership != "private" && v.ownership != "local_soe" &&
            v.ownership != "central_soe") {
          sink.error(m.place_of("ownership"),
                     "ownership '" + v.ownership + "' must be private, local_soe or central_soe");
        }
        m.text("tier", v.tier);
        if (v.tier != "headquarters" && v.tier != "second" && v.tier != "third") {
          sink.error(m.place_of("tier"),
                     "tier '" + v.tier + "' must be headquarters, second or third");
        }
      });
  std::vector<std::string> provinces;
  std::unordered_set<std::string> province_set;
  for (const auto& z : geography.zones) {
    if (province_set.insert(z.province).second) provinces.push_back(z.province);
  }
  auto check_province = [&](const std::string& id, const Place& place) {
    if (!province_set.contains(id)) {
      sink.error(place, "unknown province '" + id + "'" + did_you_mean(id, provinces));
    }
  };
  read_list(r.node("trends"), sink, "population.trends", p.trends,
            [&](MapReader& m, ProvinceTrend& v) {
              if (m.required_text("province", v.province)) {
                check_province(v.province, m.place_of("province"));
              }
              m.required_integer("from", v.from, Range{1900, 2200});
              m.number("birth_rate", v.birth_rate, Range{0, 0.2});
              m.number("death_rate", v.death_rate, Range{0, 0.2});
              m.number("immigration_rate", v.immigration_rate, Range{0, 0.5});
              m.number("emigration_rate", v.emigration_rate, Range{0, 0.5});
            });
  read_list(r.node("sector_growth"), sink, "population.sector_growth", p.sector_growth,
            [&](MapReader& m, SectorGrowth& v) {
              if (m.required_text("sector", v.sector)) check_sector(v.sector, m.place_of("sector"));
              m.text("province", v.province);
              if (!v.province.empty()) check_province(v.province, m.place_of("province"));
              m.required_integer("from", v.from, Range{1900, 2200});
              m.required_number("rate", v.rate, Range{-0.5, 0.5});
            });
  r.finish();

  // Cross-checks: every province and functional area of the zones is described.
  for (const auto& prov : provinces) {
    if (std::none_of(p.provinces.begin(), p.provinces.end(),
                     [&](const ProvinceProfile& v) { return v.province == prov; })) {
      sink.error(node.place(), "population.provinces has no entry for province '" + prov + "'");
    }
    if (std::none_of(p.trends.begin(), p.trends.end(),
                     [&](const ProvinceTrend& v) { return v.province == prov; })) {
      sink.error(node.place(), "population.trends has no entry for province '" + prov + "'");
    }
  }
  std::set<std::string> seen_areas;
  for (const auto& z : geography.zones) {
    if (!seen_areas.insert(z.functional_area).second) continue;
    if (std::none_of(p.areas.begin(), p.areas.end(),
                     [&](const FunctionalAreaProfile& v) { return v.area == z.functional_area; })) {
      sink.error(z.place, "population.areas has no entry for functional area '" +
                              z.functional_area + "' of zone '" + z.id + "'");
    }
  }
  // Entries keyed by something else than `name` or `id` do not merge by name (loader.h), so a
  // repeated key is a mistake of one file.
  std::set<std::string> keys;
  for (const auto& v : p.provinces) {
    if (!keys.insert(v.province).second) {
      sink.error(v.place, "population.provinces has province '" + v.province + "' twice");
    }
  }
  keys.clear();
  for (const auto& v : p.areas) {
    if (!keys.insert(v.area).second) {
      sink.error(v.place, "population.areas has area '" + v.area + "' twice");
    }
  }
  keys.clear();
  for (const auto& v : p.trends) {
    if (!keys.insert(v.province + ":" + std::to_string(v.from)).second) {
      sink.error(v.place, "population.trends has province '" + v.province + "' from " +
                              std::to_string(v.from) + " twice");
    }
  }
  std::set<std::string> ids;
  for (const auto& s : p.sectors) {
    if (!ids.insert(s.id).second) sink.error(s.place, "sector '" + s.id + "' is given twice");
  }
  for (const auto& k : p.kinds) {
    if (!ids.insert(k.id).second) sink.error(k.place, "kind '" + k.id + "' is given twice");
  }
  if (p.sectors.empty()) sink.error(node.place(), "population.sectors is empty");
}

}  // namespace relocsim::scenario
