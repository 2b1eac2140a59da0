#include "engine/scenario/parse.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/scenario/reader.h"

namespace relocsim::scenario {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_';
  });
}

void parse_zone(ConfigNode& node, ZoneSpec& z, DiagnosticSink& sink) {
  MapReader r(node, sink, "a zone");
  if (!r.ok()) return;
  z.place = node.place();
  if (r.required_text("id", z.id) && !valid_id(z.id)) {
    sink.error(r.place_of("id"), "zone id '" + z.id + "' must be lower-case letters, digits, _");
  }
  r.required_text("name", z.name);
  r.required_text("province", z.province);
  r.required_text("functional_area", z.functional_area);
  r.required_number("lat", z.lat, Range{-90, 90});
  r.required_number("lon", z.lon, Range{-180, 180});
  r.optional_number("area_km2", z.area_km2, Range{0, 1e7, true});
  r.required_number("residents", z.residents, Range{0, 1e9});
  r.text("note", z.note);
  r.known("source_ids");
  r.finish();
}

void parse_link(ConfigNode& node, LinkSpec& l, DiagnosticSink& sink) {
  MapReader r(node, sink, "a link");
  if (!r.ok()) return;
  l.place = node.place();
  r.required_text("from", l.from);
  r.required_text("to", l.to);
  r.required_text("mode", l.mode);
  r.required_number("minutes", l.minutes, Range{0, 10000, true});
  r.optional_integer("opened", l.opened, Range{1800, 2200});
  l.status = "open";
  r.text("status", l.status);
  if (l.status != "open" && l.status != "under_construction" && l.status != "unknown") {
    sink.error(r.place_of("status"),
               "link status '" + l.status + "' must be open, under_construction or unknown");
  }
  r.text("name", l.name);
  r.known("source_ids");
  r.known("note");
  r.finish();
}

void parse_groups(ConfigNode& node, Geography& g, DiagnosticSink& sink) {
  // Automatic groups: every functional area and every province (lower case).
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  auto add_member = [&](const std::string& group, const std::string& zone) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](auto& p) { return p.first == group; });
    if (it == groups.end()) {
      groups.push_back({group, {zone}});
    } else {
      it->second.push_back(zone);
    }
  };
  for (const auto& z : g.zones) {
    add_member(lower(z.functional_area), z.id);
    add_member(lower(z.province), z.id);
  }
  std::vector<std::string> descriptions(groups.size());
  std::unordered_set<std::string> zone_ids;
  for (const auto& z : g.zones) zone_ids.insert(z.id);
  auto zone_exists = [&](const std::string& id) { return zone_ids.contains(id); };
  std::unordered_map<std::string, std::size_t> group_index;
  for (std::size_t k = 0; k < groups.size(); ++k) group_index.emplace(groups[k].first, k);
  auto find_group = [&](const std::string& id) {
    const auto it = group_index.find(id);
    return it == group_index.end() ? groups.end() : groups.begin() + it->second;
  };
  if (!node.is_null() && !node.is_map()) {
    sink.error(node.place(),
               "expected groups as a map of group id to zones, got " + node.describe());
    return;
  }
  for (auto& e : node.entries()) {
    if (!valid_id(e.key)) {
      sink.error(e.key_place, "group id '" + e.key + "' must be lower-case letters, digits, _");
      continue;
    }
    if (e.key == "region") {
      sink.error(e.key_place, "'region' is reserved for the whole region");
      continue;
    }
    std::vector<std::string> members;
    std::string description;
    ConfigNode* list = &e.value;
    if (e.value.is_map()) {
      MapReader r(e.value, sink, "group '" + e.key + "'");
      r.text("description", description);
      list = r.node("zones");
      r.finish();
      if (list == nullptr) {
        sink.error(e.value.place(), "group '" + e.key + "' lists no zones");
        continue;
      }
    }
    auto names = to_names(*list, sink);
    if (!names) continue;
    std::vector<std::string> zones;
    for (const auto& n : *names) {
      if (zone_exists(n)) {
        zones.push_back(n);
        continue;
      }
      auto it = find_group(n);
      if (it == groups.end()) {
        std::vector<std::string> all;
        for (const auto& z : g.zones) all.push_back(z.id);
        for (const auto& p : groups) all.push_back(p.first);
        sink.error(list->place(), "unknown zone or group '" + n + "' in group '" + e.key + "'" +
                                      did_you_mean(n, all));
        continue;
      }
      zones.insert(zones.end(), it->second.begin(), it->second.end());
    }
    auto existing = find_group(e.key);
    if (existing != groups.end()) {
      existing->second = zones;
      descriptions[existing - groups.begin()] = description;
    } else {
      group_index.emplace(e.key, groups.size());
      groups.push_back({e.key, zones});
      descriptions.push_back(description);
    }
  }
  for (std::size_t k = 0; k < groups.size(); ++k) {
    auto& [id, zones] = groups[k];
    std::vector<std::string> unique;
    std::unordered_set<std::string> seen;
    for (const auto& z : zones) {
      if (seen.insert(z).second) unique.push_back(z);
    }
    if (zone_exists(id) && !(unique.size() == 1 && unique[0] == id)) {
      sink.error(node.place(), "group '" + id + "' has the id of a zone but other members");
      continue;
    }
    g.groups.push_back(GroupSpec{id, unique, descriptions[k]});
  }
}

}  // namespace

void parse_info(ConfigNode& node, ScenarioInfo& info, DiagnosticSink& sink) {
  MapReader r(node, sink, "scenario");
  r.required_text("name", info.name);
  r.text("description", info.description);
  r.integer("start_year", info.start_year, Range{1950, 2200});
  r.integer("end_year", info.end_year, Range{1950, 2200});
  r.integer("seed", info.seed);
  r.number("scale", info.scale, Range{0, 1, true});
  r.number("firm_scale", info.firm_scale, Range{0, 1});
  r.finish();
  if (info.end_year < info.start_year) {
    // The two may come from different files (or --set): name the other one's place too.
    const Place end = r.place_of("end_year");
    const Place start = r.place_of("start_year");
    sink.error(end, "end_year " + std::to_string(info.end_year) + " is before start_year " +
                        std::to_string(info.start_year) +
                        (start.file != end.file ? " (set at " + start.str() + ")" : ""));
  }
}

void parse_geography(ConfigNode& node, Geography& g, DiagnosticSink& sink) {
  MapReader r(node, sink, "geography");
  if (!r.ok()) return;
  if (ConfigNode* zones = r.node("zones")) {
    if (!zones->is_sequence()) {
      sink.error(zones->place(), "expected zones as a list or {file: ..., residents: column}");
    } else {
      std::set<std::string> seen;
      for (auto& item : zones->items()) {
        ZoneSpec z;
        parse_zone(item, z, sink);
        if (!z.id.empty() && !seen.insert(z.id).second) {
          sink.error(item.place(), "zone '" + z.id + "' is given twice");
        }
        g.zones.push_back(std::move(z));
      }
    }
  } else {
    sink.error(node.place(), "geography needs zones");
  }
  if (ConfigNode* links = r.node("links")) {
    if (!links->is_sequence()) {
      sink.error(links->place(), "expected links as a list or {file: ...}");
    } else {
      std::vector<std::string> ids;
      for (const auto& z : g.zones) ids.push_back(z.id);
      const std::unordered_set<std::string> id_set(ids.begin(), ids.end());
      for (auto& item : links->items()) {
        LinkSpec l;
        parse_link(item, l, sink);
        for (const auto* end : {&l.from, &l.to}) {
          if (!end->empty() && !id_set.contains(*end)) {
            sink.error(item.place(),
                       "link refers to unknown zone '" + *end + "'" + did_you_mean(*end, ids));
          }
        }
        g.links.push_back(std::move(l));
      }
    }
  }
  r.optional_integer("open_links_until", g.open_links_until, Range{1800, 2200});
  g.access_minutes = {{"rail", 15}, {"metro", 5}, {"road", 0}};
  r.number_map("access_minutes", g.access_minutes, Range{0, 600});
  {
    r.known("intra_zone");
    MapReader ir(node.at("intra_zone", node.place()), sink, "geography.intra_zone");
    ir.number("minutes_per_sqrt_km2", g.intra_minutes_per_sqrt_km2, Range{0, 100});
    ir.number("min", g.intra_min, Range{0, 600});
    ir.number("max", g.intra_max, Range{0, 600});
    ir.number("default", g.intra_default, Range{0, 600});
    ir.finish();
  }
  ConfigNode* groups = r.node("groups");
  ConfigNode empty = ConfigNode::map(node.place());
  parse_groups(groups != nullptr ? *groups : empty, g, sink);
  r.finish();
  for (const auto& l : g.links) {
    if (!g.access_minutes.contains(l.mode)) {
      sink.error(l.place, "link mode '" + l.mode + "' has no access_minutes entry");
    }
  }
}

void parse_behaviour(ConfigNode& node, Behaviour& b, DiagnosticSink& sink) {
  MapReader r(node, sink, "behaviour");
  if (!r.ok()) return;
  auto section = [&](const char* key) -> ConfigNode& {
    r.known(key);
    return node.at(key, node.place());
  };
  {
    auto& h = b.household;
    MapReader s(section("household"), sink, "behaviour.household");
    s.number("hazard_intercept", h.hazard_intercept, Range{-20, 20});
    s.numbers("hazard_age", h.hazard_age, kAgeBands);
    s.number("hazard_commute", h.hazard_commute);
    s.number("hazard_rent", h.hazard_rent);
    s.number("hazard_push", h.hazard_push);
    s.number("hazard_follow", h.hazard_follow);
    s.number("b_time", h.b_time);
    s.numbers("b_rent", h.b_rent, kIncomeQuintiles);
    s.numbers("b_edu", h.b_edu, kAgeBands);
    s.numbers("b_health", h.b_health, kAgeBands);
    s.number("b_amenity", h.b_amenity);
    s.number("b_env", h.b_env);
    s.number("b_stay", h.b_stay);
    s.number("b_province", h.b_province);
    s.number("b_bonus", h.b_bonus);
    s.number("b_vacancy", h.b_vacancy);
    s.finish();
  }
  {
    auto& f = b.firm;
    MapReader s(section("firm"), sink, "behaviour.firm");
    s.number("hazard_rent", f.hazard_rent);
    s.number("hazard_push", f.hazard_push);
    s.number("b_acc", f.b_acc);
    s.number("b_agg", f.b_agg);
    s.number("b_rent", f.b_rent);
    s.number("b_sub", f.b_sub);
    s.number("b_dist", f.b_dist);
    s.number("b_stay", f.b_stay);
    s.number("b_bonus", f.b_bonus);
    s.number("b_space", f.b_space);
    s.number("vacancy_withdrawal", f.vacancy_withdrawal, Range{0, 1});
    s.number("vacancy_tolerance", f.vacancy_tolerance, Range{1, 100});
    s.finish();
  }
  {
    auto& l = b.labour;
    MapReader s(section("labour"), sink, "behaviour.labour");
    s.number("b_time", l.b_time);
    s.number("b_vacancy", l.b_vacancy);
    s.number("quit_minutes", l.quit_minutes, Range{0, 1000});
    s.number("quit_slope", l.quit_slope, Range{0, 10});
    s.number("max_commute_minutes", l.max_commute_minutes, Range{0, 1440});
    s.number("search_success", l.search_success, Range{0, 1});
    s.integer("rounds", l.rounds, Range{1, 50});
    s.finish();
  }
  {
    auto& m = b.market;
    MapReader s(section("market"), sink, "behaviour.market");
    s.number("housing_eta", m.housing_eta, Range{0, 10});
    s.number("commercial_eta", m.commercial_eta, Range{0, 10});
    s.number("rent_step_max", m.rent_step_max, Range{0, 1});
    s.integer("rounds", m.rounds, Range{1, 50});
    s.number("housing_supply_speed", m.housing_supply_speed, Range{0, 1});
    s.number("floorspace_supply_speed", m.floorspace_supply_speed, Range{0, 1});
    s.number("supply_growth_max", m.supply_growth_max, Range{0, 1});
    s.finish();
  }
  {
    MapReader s(section("services"), sink, "behaviour.services");
    s.number("gamma", b.services.gamma, Range{0, 10});
    s.finish();
  }
  {
    MapReader s(section("network"), sink, "behaviour.network");
    s.number("accessibility_decay", b.network.accessibility_decay, Range{0, 10});
    s.finish();
  }
  {
    MapReader s(section("calibration"), sink, "behaviour.calibration");
    s.integer("iterations", b.calibration.iterations, Range{0, 100000});
    s.number("tolerance", b.calibration.tolerance, Range{0, 1, true});
    s.finish();
  }
  r.finish();
}

void parse_targets(ConfigNode& node, const Scenario& s, std::vector<TargetSpec>& targets,
                   DiagnosticSink& sink) {
  if (node.is_null()) {
    node = ConfigNode::sequence(node.place());
    return;
  }
  if (!node.is_sequence()) {
    sink.error(node.place(), "expected targets as a list, got " + node.describe());
    return;
  }
  const NameIndex names(s);
  std::set<std::string> ids;
  for (auto& item : node.items()) {
    TargetSpec t;
    t.place = item.place();
    MapReader r(item, sink, "a target");
    if (!r.ok()) continue;
    if (r.required_text("id", t.id) && !ids.insert(t.id).second) {
      sink.error(r.place_of("id"), "target '" + t.id + "' is given twice");
    }
    if (r.required_text("zone", t.zone) && t.zone != "region" && !names.is_zone_or_group(t.zone)) {
      sink.error(r.place_of("zone"), "unknown zone or group '" + t.zone + "'");
    }
    r.required_text("metric", t.metric);
    if (r.required_integer("year", t.year) &&
        (t.year < s.info.start_year || t.year > s.info.end_year)) {
      sink.error(r.place_of("year"),
                 "year " + std::to_string(t.year) + " is outside the scenario's years " +
                     std::to_string(s.info.start_year) + "-" + std::to_string(s.info.end_year));
    }
    const bool has_max = r.has("max");
    const bool has_min = r.has("min");
    if (has_max == has_min) {
      sink.error(item.place(), "a target needs exactly one of 'max' or 'min'");
    }
    t.kind = has_max ? "max" : "min";
    r.required_number(t.kind, t.value);
    r.known(has_max ? "min" : "max");
    r.text("description", t.description);
    r.known("source_ids");
    r.finish();
    targets.push_back(std::move(t));
  }
}

NameIndex::NameIndex(const Scenario& s) {
  for (const auto& z : s.geography.zones) {
    zone_and_group_ids_.push_back(z.id);
    members_.try_emplace(z.id, std::vector<std::string>{z.id});
  }
  for (const auto& g : s.geography.groups) {
    zone_and_group_ids_.push_back(g.id);
    members_.try_emplace(g.id, g.zones);  // a zone's own id names the zone, not a group
  }
  for (const auto& sec : s.population.sectors) {
    sectors_.push_back(sec.id);
    sector_set_.insert(sec.id);
  }
  for (const auto& k : s.population.kinds) {
    kinds_.push_back(k.id);
    kind_set_.insert(k.id);
  }
  for (const auto& z : s.geography.zones) {
    if (std::find(provinces_.begin(), provinces_.end(), z.province) == provinces_.end()) {
      provinces_.push_back(z.province);
    }
  }
}

bool NameIndex::is_zone_or_group(const std::string& name) const { return members_.contains(name); }

std::vector<std::string> NameIndex::zones(const std::vector<std::string>& names, const Place& place,
                                          DiagnosticSink& sink) const {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& n : names) {
    const auto it = members_.find(n);
    if (it == members_.end()) {
      sink.error(place, "unknown zone or group '" + n + "'" + did_you_mean(n, zone_and_group_ids_));
      continue;
    }
    for (const auto& z : it->second) {
      if (seen.insert(z).second) out.push_back(z);
    }
  }
  return out;
}

void NameIndex::check_sector(const std::string& name, const Place& place,
                             DiagnosticSink& sink) const {
  if (!sector_set_.contains(name)) {
    sink.error(place, "unknown sector '" + name + "'" + did_you_mean(name, sectors_));
  }
}

void NameIndex::check_kind(const std::string& name, const Place& place,
                           DiagnosticSink& sink) const {
  if (!kind_set_.contains(name)) {
    sink.error(place, "unknown institution kind '" + name + "'" + did_you_mean(name, kinds_));
  }
}

void NameIndex::check_province(const std::string& name, const Place& place,
                               DiagnosticSink& sink) const {
  if (std::find(provinces_.begin(), provinces_.end(), name) == provinces_.end()) {
    sink.error(place, "unknown province '" + name + "'" + did_you_mean(name, provinces_));
  }
}

Scenario parse_scenario(ConfigNode& root, const std::string& path) {
  Scenario s;
  s.path = path;
  DiagnosticSink sink;
  MapReader r(root, sink, "the scenario");
  if (!r.ok()) sink.throw_if_any();
  // Absent sections are added in this order, which the resolved scenario shows.
  static constexpr const char* kSections[] = {"scenario", "geography", "population", "behaviour",
                                              "levers",   "targets",   "outputs"};
  for (const char* key : kSections) {
    r.known(key);
    root.at(key, root.place());
  }
  auto section = [&](const char* key) -> ConfigNode& { return *root.find(key); };
  // Independent sections first; each later one only when what it refers to is valid, so that
  // every independent error is reported and none follows from another.
  parse_info(section("scenario"), s.info, sink);
  const std::size_t info_errors = sink.size();
  parse_geography(section("geography"), s.geography, sink);
  const bool zones_valid = sink.size() == info_errors;
  parse_behaviour(section("behaviour"), s.behaviour, sink);
  {
    MapReader o(section("outputs"), sink, "outputs");
    o.boolean("flows", s.outputs.flows);
    o.boolean("report", s.outputs.report);
    o.finish();
  }
  std::size_t before = sink.size();
  if (zones_valid) parse_population(section("population"), s.geography, s.population, sink);
  const bool population_valid = zones_valid && sink.size() == before;
  // Levers and targets refer to years, zones, sectors and kinds.
  if (info_errors == 0 && population_valid) {
    parse_levers(section("levers"), s, s.levers, sink);
    parse_targets(section("targets"), s, s.targets, sink);
  }
  r.finish();
  sink.throw_if_any();
  return s;
}

}  // namespace relocsim::scenario
