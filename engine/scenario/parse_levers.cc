// Typed parsing of `levers`: each entry's `type` selects a lever type from the registry, whose
// field table says which keys exist, their kinds, ranges and defaults.
#include <algorithm>
#include <set>

#include "engine/levers/lever_type.h"
#include "engine/scenario/parse.h"
#include "engine/scenario/reader.h"

namespace relocsim::scenario {

namespace {

const std::vector<std::string> kOwnerships = {"private", "local_soe", "central_soe"};
const std::vector<std::string> kTiers = {"headquarters", "second", "third"};

ConfigNode default_node(const FieldValue& v, const Place& place) {
  return std::visit(
      [&](const auto& value) -> ConfigNode {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, bool>) {
          return ConfigNode::scalar(value ? "true" : "false", place);
        } else if constexpr (std::is_same_v<T, double>) {
          return ConfigNode::scalar(format_number(value), place);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return ConfigNode::scalar(value, place, true);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          ConfigNode seq = ConfigNode::sequence(place);
          for (const auto& s : value) seq.items().push_back(ConfigNode::scalar(s, place));
          return seq;
        } else {
          ConfigNode map = ConfigNode::map(place);
          for (const auto& [year, x] : value) {
            map.entries().push_back(
                {std::to_string(year), place, ConfigNode::scalar(format_number(x), place)});
          }
          return map;
        }
      },
      v);
}

// A year within the scenario's horizon.
std::optional<int> to_year(const ConfigNode& n, const Scenario& s, DiagnosticSink& sink) {
  const auto year = to_integer(n, sink);
  if (!year) return std::nullopt;
  if (*year < s.info.start_year || *year > s.info.end_year) {
    sink.error(n.place(), "year " + n.text() + " is outside the scenario's years " +
                              std::to_string(s.info.start_year) + "-" +
                              std::to_string(s.info.end_year));
    return std::nullopt;
  }
  return static_cast<int>(*year);
}

std::optional<FieldValue> read_field(const levers::FieldSpec& f, const ConfigNode& n,
                                     const Scenario& s, const NameIndex& names,
                                     DiagnosticSink& sink) {
  const Range range{f.min, f.max};
  auto check_in = [&](const std::vector<std::string>& values, const std::vector<std::string>& valid,
                      const char* what) {
    bool ok = true;
    for (const auto& v : values) {
      if (std::find(valid.begin(), valid.end(), v) == valid.end()) {
        sink.error(n.place(),
                   std::string("unknown ") + what + " '" + v + "'" + did_you_mean(v, valid));
        ok = false;
      }
    }
    return ok;
  };
  switch (f.kind) {
    case levers::FieldKind::kBool:
      if (auto v = to_bool(n, sink)) return FieldValue{*v};
      return std::nullopt;
    case levers::FieldKind::kNumber:
      if (auto v = to_number(n, sink, range)) return FieldValue{*v};
      return std::nullopt;
    case levers::FieldKind::kShare:
      if (auto v = to_number(n, sink, Range{0, 1})) return FieldValue{*v};
      return std::nullopt;
    case levers::FieldKind::kYear:
      if (auto v = to_year(n, s, sink)) return FieldValue{static_cast<double>(*v)};
      return std::nullopt;
    case levers::FieldKind::kText:
      if (auto v = to_string(n, sink)) return FieldValue{*v};
      return std::nullopt;
    case levers::FieldKind::kZones: {
      auto v = to_names(n, sink);
      if (!v) return std::nullopt;
      const std::size_t before = sink.size();
      auto zones = names.zones(*v, n.place(), sink);
      if (sink.size() != before) return std::nullopt;
      return FieldValue{zones};
    }
    case levers::FieldKind::kZone: {
      auto v = to_string(n, sink);
      if (!v) return std::nullopt;
      // "" is the unset default as the resolved scenario writes it back.
      if (v->empty() && std::get<std::string>(f.default_value).empty()) return FieldValue{*v};
      std::vector<std::string> zone_ids;
      for (const auto& z : s.geography.zones) zone_ids.push_back(z.id);
      if (!check_in({*v}, zone_ids, "zone")) return std::nullopt;
      return FieldValue{*v};
    }
    case levers::FieldKind::kSectors: {
      auto v = to_names(n, sink);
      if (!v) return std::nullopt;
      const std::size_t before = sink.size();
      for (const auto& x : *v) names.check_sector(x, n.place(), sink);
      if (sink.size() != before) return std::nullopt;
      return FieldValue{*v};
    }
    case levers::FieldKind::kKinds: {
      auto v = to_names(n, sink);
      if (!v) return std::nullopt;
      const std::size_t before = sink.size();
      for (const auto& x : *v) names.check_kind(x, n.place(), sink);
      if (sink.size() != before) return std::nullopt;
      return FieldValue{*v};
    }
    case levers::FieldKind::kOwnership: {
      auto v = to_names(n, sink);
      if (!v || !check_in(*v, kOwnerships, "ownership")) return std::nullopt;
      return FieldValue{*v};
    }
    case levers::FieldKind::kTiers: {
      auto v = to_names(n, sink);
      if (!v || !check_in(*v, kTiers, "tier")) return std::nullopt;
      return FieldValue{*v};
    }
    case levers::FieldKind::kSchedule: {
      if (!n.is_map()) {
        sink.error(n.place(), "expected a schedule as a map of year: value, got " + n.describe());
        return std::nullopt;
      }
      Schedule schedule;
      bool ok = true;
      for (const auto& e : n.entries()) {
        auto year = to_year(ConfigNode::scalar(e.key, e.key_place), s, sink);
        auto value = to_number(e.value, sink, range);
        if (!year || !value) {
          ok = false;
          continue;
        }
        schedule.emplace_back(static_cast<int>(*year), *value);
      }
      if (!ok) return std::nullopt;
      std::sort(schedule.begin(), schedule.end());
      // Distinct keys can name one year ("2019" and "02019").
      for (std::size_t k = 1; k < schedule.size(); ++k) {
        if (schedule[k].first == schedule[k - 1].first) {
          sink.error(n.place(), "year " + std::to_string(schedule[k].first) +
                                    " appears twice in the schedule");
          return std::nullopt;
        }
      }
      return FieldValue{schedule};
    }
  }
  return std::nullopt;
}

}  // namespace

void parse_levers(ConfigNode& node, const Scenario& s, std::vector<LeverSpec>& out,
                  DiagnosticSink& sink) {
  if (node.is_null()) {
    node = ConfigNode::sequence(node.place());
    return;
  }
  if (!node.is_sequence()) {
    sink.error(node.place(), "expected levers as a list, got " + node.describe());
    return;
  }
  const NameIndex names(s);
  std::vector<std::string> type_names;
  for (const auto& t : levers::lever_types()) type_names.emplace_back(t.type);
  std::set<std::string> seen;
  for (auto& item : node.items()) {
    MapReader r(item, sink, "a lever");
    if (!r.ok()) continue;
    LeverSpec spec;
    spec.place = item.place();
    if (r.required_text("name", spec.name) && !seen.insert(spec.name).second) {
      sink.error(r.place_of("name"), "lever name '" + spec.name + "' is used twice");
    }
    if (!r.required_text("type", spec.type)) {
      r.finish();
      continue;
    }
    const levers::LeverType* type = levers::find_lever_type(spec.type);
    if (type == nullptr) {
      sink.error(r.place_of("type"),
                 "unknown lever type '" + spec.type + "'" + did_you_mean(spec.type, type_names));
      continue;
    }
    r.text("description", spec.description);
    std::vector<const levers::FieldSpec*> fields;
    for (const auto& f : levers::common_fields()) fields.push_back(&f);
    for (const auto& f : type->fields) fields.push_back(&f);
    for (const auto* f : fields) {
      const std::string key = f->name;
      if (key == "name" || key == "type" || key == "description") continue;
      if (ConfigNode* n = r.node(key)) {
        spec.field_places[key] = n->place();
        if (auto v = read_field(*f, *n, s, names, sink)) spec.fields[key] = *v;
      } else if (f->required) {
        sink.error(item.place(),
                   "lever '" + spec.name + "' (" + spec.type + ") needs '" + key + "'");
      } else {
        spec.fields[key] = f->default_value;
        spec.field_places[key] = item.place();
        // Default zones may name groups: expand them like given ones.
        if (f->kind == levers::FieldKind::kZones) {
          spec.fields[key] =
              names.zones(std::get<std::vector<std::string>>(f->default_value), item.place(), sink);
        }
        // An unset year (0) stays unwritten: it means "from the start" or "to the end".
        const bool unset_year =
            f->kind == levers::FieldKind::kYear && std::get<double>(f->default_value) == 0;
        if (!unset_year) item.at(key, item.place()) = default_node(f->default_value, item.place());
      }
    }
    r.finish();
    // Years: `from` <= `until`; a schedule's years lie within them.
    auto year = [&](const char* key) -> std::optional<double> {
      auto it = spec.fields.find(key);
      if (it == spec.fields.end()) return std::nullopt;
      if (const double* d = std::get_if<double>(&it->second); d != nullptr && *d > 0) return *d;
      return std::nullopt;
    };
    const auto from = year("from");
    const auto until = year("until");
    if (from && until && *until < *from) {
      sink.error(spec.field_places["until"],
                 "until " + format_number(*until) + " is before from " + format_number(*from));
    }
    for (const auto& [key, value] : spec.fields) {
      if (const auto* schedule = std::get_if<Schedule>(&value)) {
        for (const auto& [y, v] : *schedule) {
          if ((from && y < *from) || (until && y > *until)) {
            sink.error(spec.field_places[key], "schedule year " + std::to_string(y) +
                                                   " lies outside the lever's from/until");
          }
        }
      }
    }
    // Checks between fields only make sense once every field was read.
    const bool complete =
        std::all_of(fields.begin(), fields.end(), [&](const levers::FieldSpec* f) {
          const std::string key = f->name;
          return key == "name" || key == "type" || key == "description" ||
                 spec.fields.contains(key);
        });
    if (complete && type->validate != nullptr) type->validate(spec, s, sink);
    out.push_back(std::move(spec));
  }
}

}  // namespace relocsim::scenario
