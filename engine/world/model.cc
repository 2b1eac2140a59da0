#include "engine/world/model.h"

#include <algorithm>

namespace relocsim {

namespace {

template <class Vec, class Get>
int index_of(const Vec& v, std::string_view id, Get&& get) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (get(v[i]) == id) return static_cast<int>(i);
  }
  return -1;
}

int intern(std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  names.push_back(name);
  return static_cast<int>(names.size() - 1);
}

}  // namespace

ZoneId Model::find_zone(std::string_view id) const {
  const int i = index_of(zones, id, [](const ZoneInfo& z) -> const std::string& { return z.id; });
  return i < 0 ? ZoneId::none() : ZoneId::from(i);
}

SectorId Model::find_sector(std::string_view id) const {
  const auto& s = scenario->population.sectors;
  const int i = index_of(s, id, [](const SectorSpec& x) -> const std::string& { return x.id; });
  return i < 0 ? SectorId::none() : SectorId::from(i);
}

KindId Model::find_kind(std::string_view id) const {
  const auto& k = scenario->population.kinds;
  const int i = index_of(k, id, [](const KindSpec& x) -> const std::string& { return x.id; });
  return i < 0 ? KindId::none() : KindId::from(i);
}

int Model::find_province(std::string_view name) const {
  return index_of(provinces, name, [](const std::string& p) -> const std::string& { return p; });
}

const GroupInfo* Model::find_group(std::string_view id) const {
  const int i = index_of(groups, id, [](const GroupInfo& g) -> const std::string& { return g.id; });
  return i < 0 ? nullptr : &groups[static_cast<std::size_t>(i)];
}

Service service_named(std::string_view name) {
  if (name == "school") return Service::kSchool;
  if (name == "hospital") return Service::kHospital;
  if (name == "elderly") return Service::kElderly;
  return Service::kNone;
}

Model Model::build(const Scenario& s) {
  Model m;
  m.scenario = &s;
  m.scale = s.info.scale;
  m.firm_scale = s.info.firm_scale > 0 ? std::max(s.info.firm_scale, s.info.scale)
                                       : std::min(1.0, 10 * s.info.scale);
  m.start_year = s.info.start_year;
  m.end_year = s.info.end_year;
  for (const auto& z : s.geography.zones) {
    ZoneInfo info;
    info.id = z.id;
    info.name = z.name;
    info.province = intern(m.provinces, z.province);
    info.area = intern(m.areas, z.functional_area);
    info.lat = z.lat;
    info.lon = z.lon;
    info.area_km2 = z.area_km2.value_or(0.0);
    info.base_residents = z.residents;
    m.zones.push_back(std::move(info));
  }
  for (const auto& g : s.geography.groups) {
    GroupInfo info;
    info.id = g.id;
    for (const auto& z : g.zones) info.zones.push_back(m.find_zone(z));
    info.same_as_zone = info.zones.size() == 1 && m.zones[info.zones[0].get()].id == g.id;
    m.groups.push_back(std::move(info));
  }
  for (const auto& k : s.population.kinds) {
    m.kind_sector.push_back(m.find_sector(k.sector));
    m.kind_service.push_back(service_named(k.service));
  }
  for (const auto& sec : s.population.sectors) {
    m.firm_weight.push_back(sec.sampled ? 1.0 / m.firm_scale : 1.0);
  }
  return m;
}

}  // namespace relocsim
