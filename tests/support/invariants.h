// Invariants of the world that every process must keep, checked by the contract tests.
#pragma once

#include <string>
#include <vector>

#include "engine/world/world.h"

namespace relocsim::testing {

// Human-readable violations (empty when the world is consistent).
inline std::vector<std::string> invariant_violations(const World& w) {
  std::vector<std::string> out;
  const auto& r = w.residents;
  const std::size_t n = r.slots();
  if (r.work.size() != n || r.employer.size() != n || r.born.size() != n || r.traits.size() != n ||
      r.moved.size() != n) {
    out.push_back("resident columns differ in length");
    return out;
  }
  const auto& f = w.firms;
  if (f.sector.size() != f.size() || f.flags.size() != f.size() || f.jobs.size() != f.size() ||
      f.filled.size() != f.size()) {
    out.push_back("firm columns differ in length");
  }
  std::vector<std::uint32_t> firm_staff(f.size(), 0);
  std::vector<std::uint32_t> inst_staff(w.institutions.size(), 0);
  std::vector<double> residents(w.zone_count(), 0.0);
  std::size_t free = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!r.home[i].valid()) {
      ++free;
      continue;
    }
    if (r.home[i].get() >= w.zone_count()) {
      out.push_back("resident " + std::to_string(i) + " lives in an unknown zone");
      continue;
    }
    residents[r.home[i].get()] += 1;
    const EmployerRef e = EmployerRef::from_raw(r.employer[i]);
    if (!e.employed()) {
      if (r.work[i].valid())
        out.push_back("resident " + std::to_string(i) + " has a work zone but no job");
      continue;
    }
    ZoneId at;
    if (e.is_firm()) {
      if (e.firm_id().get() >= f.size() || !f.alive(e.firm_id().get())) {
        out.push_back("resident " + std::to_string(i) + " works for a missing firm");
        continue;
      }
      ++firm_staff[e.firm_id().get()];
      at = f.zone[e.firm_id().get()];
    } else {
      if (e.institution_id().get() >= w.institutions.size()) {
        out.push_back("resident " + std::to_string(i) + " works for a missing institution");
        continue;
      }
      ++inst_staff[e.institution_id().get()];
      at = w.institutions.zone[e.institution_id().get()];
    }
    if (r.work[i] != at)
      out.push_back("resident " + std::to_string(i) + " works where its employer is not");
  }
  if (free != r.free_slots.size()) out.push_back("free slot list does not match empty slots");
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f.alive(k) && firm_staff[k] != f.filled[k]) {
      out.push_back("firm " + std::to_string(k) + " counts " + std::to_string(f.filled[k]) +
                    " staff but has " + std::to_string(firm_staff[k]));
    }
  }
  for (std::size_t k = 0; k < w.institutions.size(); ++k) {
    if (inst_staff[k] != w.institutions.filled[k]) {
      out.push_back("institution " + std::to_string(k) + " staff count is off");
    }
  }
  for (std::size_t z = 0; z < w.zone_count(); ++z) {
    if (residents[z] != w.zones.residents[z]) {
      out.push_back("zone " + w.model.zones[z].id + " residents count is off");
    }
  }
  if (out.size() > 10) out.resize(10);
  return out;
}

}  // namespace relocsim::testing
