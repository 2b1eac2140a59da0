// The constant description of the modelled region for one run, indexed for fast look-up: zones,
// groups, provinces, sectors and institution kinds with their parameters. Built once from the
// Scenario; processes read it, nothing writes it after setup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/core/ids.h"
#include "relocsim/scenario.h"

namespace relocsim {

enum class Service : std::uint8_t { kNone = 0, kSchool, kHospital, kElderly };
inline constexpr int kServices = 4;

// The service a scenario names: "school", "hospital" or "elderly"; kNone for any other name.
Service service_named(std::string_view name);

struct ZoneInfo {
  std::string id;
  std::string name;
  int province = 0;  // index into Model::provinces
  int area = 0;      // index into Model::areas (functional area)
  double lat = 0;
  double lon = 0;
  double area_km2 = 0;  // 0 when unknown
  double base_residents = 0;
};

struct GroupInfo {
  std::string id;
  std::vector<ZoneId> zones;
  bool same_as_zone = false;  // the group's id is a zone's id and it holds just that zone
};

struct Model {
  const Scenario* scenario = nullptr;
  double scale = 0.01;      // resident agents per person
  double firm_scale = 0.1;  // firm agents per firm (sampled sectors)
  int start_year = 0;
  int end_year = 0;
  std::vector<ZoneInfo> zones;
  std::vector<GroupInfo> groups;
  std::vector<std::string> provinces;
  std::vector<std::string> areas;
  std::vector<Service> kind_service;  // by KindId
  std::vector<SectorId> kind_sector;  // by KindId
  std::vector<double> firm_weight;    // real firms per firm agent, by SectorId
  // Positions (resident-agent units) per real job of a sampled firm agent: scale / firm_scale.
  double positions_per_job() const { return scale / firm_scale; }

  std::size_t zone_count() const { return zones.size(); }
  std::size_t sector_count() const { return scenario->population.sectors.size(); }
  std::size_t kind_count() const { return scenario->population.kinds.size(); }
  const SectorSpec& sector(SectorId s) const { return scenario->population.sectors[s.get()]; }
  const KindSpec& kind(KindId k) const { return scenario->population.kinds[k.get()]; }
  const Behaviour& behaviour() const { return scenario->behaviour; }
  const PopulationSpec& population() const { return scenario->population; }

  ZoneId find_zone(std::string_view id) const;
  SectorId find_sector(std::string_view id) const;
  KindId find_kind(std::string_view id) const;
  int find_province(std::string_view name) const;  // -1 when absent
  const GroupInfo* find_group(std::string_view id) const;

  static Model build(const Scenario& scenario);
};

}  // namespace relocsim
