#include "engine/levers/lever.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

const FieldValue& field(const LeverSpec& spec, const std::string& name) {
  const auto it = spec.fields.find(name);
  // The parser fills every declared field; a missing one is a bug in the lever's table.
  if (it == spec.fields.end()) throw std::logic_error("lever field '" + name + "' not declared");
  return it->second;
}

const std::array<FieldSpec, 2> kCommon = {{
    {"from", FieldKind::kYear, 0.0, "First year the lever acts (default: the start of the run)."},
    {"until", FieldKind::kYear, 0.0, "Last year the lever acts (default: the end of the run)."},
}};

}  // namespace

std::span<const FieldSpec> common_fields() { return kCommon; }

bool Lever::active(int year) const {
  const auto from = static_cast<int>(number("from"));
  const auto until = static_cast<int>(number("until"));
  return (from == 0 || year >= from) && (until == 0 || year <= until);
}

int Lever::first_year(int start_year) const {
  const auto from = static_cast<int>(number("from"));
  return from == 0 ? start_year : from;
}

int Lever::last_year(int end_year) const {
  const auto until = static_cast<int>(number("until"));
  return until == 0 ? end_year : until;
}

double Lever::number(const std::string& name) const { return std::get<double>(field(spec_, name)); }
bool Lever::flag(const std::string& name) const { return std::get<bool>(field(spec_, name)); }
const std::string& Lever::text(const std::string& name) const {
  return std::get<std::string>(field(spec_, name));
}
const std::vector<std::string>& Lever::names(const std::string& name) const {
  return std::get<std::vector<std::string>>(field(spec_, name));
}
const Schedule& Lever::schedule(const std::string& name) const {
  return std::get<Schedule>(field(spec_, name));
}

std::vector<ZoneId> Lever::zones(const std::string& name, const World& world) const {
  std::vector<ZoneId> out;
  const FieldValue& v = field(spec_, name);
  if (const auto* one = std::get_if<std::string>(&v)) {
    if (!one->empty()) out.push_back(world.model.find_zone(*one));
    return out;
  }
  for (const auto& id : std::get<std::vector<std::string>>(v))
    out.push_back(world.model.find_zone(id));
  return out;
}

std::vector<std::uint8_t> Lever::sector_mask(const std::string& name, const World& world,
                                             bool all_if_empty) const {
  const auto& list = names(name);
  std::vector<std::uint8_t> mask(world.sector_count(), list.empty() && all_if_empty ? 1 : 0);
  for (const auto& s : list) mask[world.model.find_sector(s).get()] = 1;
  return mask;
}

std::vector<std::uint8_t> Lever::kind_mask(const std::string& name, const World& world,
                                           bool all_if_empty) const {
  const auto& list = names(name);
  std::vector<std::uint8_t> mask(world.model.kind_count(), list.empty() && all_if_empty ? 1 : 0);
  for (const auto& k : list) mask[world.model.find_kind(k).get()] = 1;
  return mask;
}

std::uint8_t Lever::ownership_mask(const std::string& name) const {
  const auto& list = names(name);
  if (list.empty()) return 0x7;
  std::uint8_t mask = 0;
  for (const auto& o : list) {
    for (int k = 0; k < 3; ++k) {
      if (o == kOwnershipNames[k]) mask |= static_cast<std::uint8_t>(1u << k);
    }
  }
  return mask;
}

std::uint8_t Lever::tier_mask(const std::string& name) const {
  const auto& list = names(name);
  if (list.empty()) return 0x7;
  std::uint8_t mask = 0;
  for (const auto& t : list) {
    for (int k = 0; k < 3; ++k) {
      if (t == kTierNames[k]) mask |= static_cast<std::uint8_t>(1u << k);
    }
  }
  return mask;
}

double schedule_value(const Schedule& schedule, int year, double before) {
  double value = before;
  for (const auto& [y, v] : schedule) {
    if (y <= year) value = v;
  }
  return value;
}

}  // namespace relocsim::levers
