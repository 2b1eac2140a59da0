#include "engine/levers/docs.h"

#include <fmt/format.h>

#include "engine/levers/lever_type.h"

namespace relocsim::levers {

namespace {

const char* kind_name(FieldKind k) {
  switch (k) {
    case FieldKind::kBool:
      return "true/false";
    case FieldKind::kNumber:
      return "number";
    case FieldKind::kShare:
      return "share in [0, 1]";
    case FieldKind::kYear:
      return "year";
    case FieldKind::kText:
      return "text";
    case FieldKind::kZones:
      return "zones or groups";
    case FieldKind::kZone:
      return "zone";
    case FieldKind::kSectors:
      return "sectors";
    case FieldKind::kKinds:
      return "institution kinds";
    case FieldKind::kOwnership:
      return "ownership list";
    case FieldKind::kTiers:
      return "tier list";
    case FieldKind::kSchedule:
      return "schedule {year: value}";
  }
  return "?";
}

std::string default_text(const FieldSpec& f) {
  if (f.required) return "required";
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return v ? "`true`" : "`false`";
        } else if constexpr (std::is_same_v<T, double>) {
          if (f.kind == FieldKind::kYear && v == 0) return "unset";
          return fmt::format("`{}`", v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v.empty() ? "empty" : "`" + v + "`";
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          if (v.empty()) return "empty";
          std::string s;
          for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
          return "`[" + s + "]`";
        } else {
          return v.empty() ? "empty" : "given";
        }
      },
      f.default_value);
}

void field_rows(std::string& out, std::span<const FieldSpec> fields) {
  for (const auto& f : fields) {
    fmt::format_to(std::back_inserter(out), "| `{}` | {} | {} | {} |\n", f.name, kind_name(f.kind),
                   default_text(f), f.doc);
  }
}

}  // namespace

std::string levers_markdown() {
  std::string out =
      "# Levers\n\n"
      "<!-- Generated from the lever registry (engine/levers/*.cc): `relocsim levers --markdown > "
      "docs/levers.md`. A test fails when this file and the registry differ. -->\n\n"
      "A lever is one policy instrument of a scenario, written under `levers:` as a map with a "
      "`name` (unique in the scenario), a `type` (one of the sections below), an optional "
      "`description`, and the fields of its type. Levers act through the simulation's processes "
      "(bans, bonuses, pushes, capacities, links, mandated moves), never on the outputs.\n\n"
      "Every lever also takes:\n\n"
      "| field | kind | default | meaning |\n|---|---|---|---|\n";
  field_rows(out, common_fields());
  out +=
      "\nZones may be given by zone id or group id (`core`, `six_central`, `beijing`, `hebei`, "
      "...); groups expand to their zones. Unknown zones, sectors or kinds, shares outside "
      "[0, 1], years outside the scenario's horizon and schedules that overlap another setting "
      "of the same lever are refused with `file:line:column`.\n\n"
      "In a scenario that `extends` another, a lever with the same `name` overrides the parent's "
      "fields, a new name is added, and `{name: x, remove: true}` drops one; `replace: [levers]` "
      "starts from no lever. From the command line: `--set levers[name].field=value`.\n";
  for (const auto& t : lever_types()) {
    fmt::format_to(std::back_inserter(out),
                   "\n## `{}`\n\n{}\n\n**Real counterpart.** {}\n\n"
                   "| field | kind | default | meaning |\n|---|---|---|---|\n",
                   t.type, t.summary, t.counterpart);
    field_rows(out, t.fields);
    fmt::format_to(std::back_inserter(out), "\nExample:\n\n```yaml\nlevers:\n{}```\n", t.example);
  }
  return out;
}

}  // namespace relocsim::levers
