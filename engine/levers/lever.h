// A lever: one policy instrument of the scenario (negative list, mandated relocation, rail
// project, ...). Each year the policy schedule calls apply() on every lever; the lever writes its
// effect into the PolicyState or changes capacities and links of the world. It never edits
// outputs. One file per lever type (engine/levers/<type>.cc) holds its class, field table and
// factory; engine/levers/registry.cc lists the types.
#pragma once

#include <string>
#include <vector>

#include "engine/core/ids.h"
#include "engine/levers/lever_type.h"
#include "engine/levers/policy_state.h"
#include "relocsim/scenario.h"

namespace relocsim {
struct World;
class StateWriter;
class StateReader;
}  // namespace relocsim

namespace relocsim::levers {

class Lever {
 public:
  Lever(const LeverSpec& spec, std::size_t index) : spec_(spec), index_(index) {}
  virtual ~Lever() = default;
  Lever(const Lever&) = delete;
  Lever& operator=(const Lever&) = delete;

  const LeverSpec& spec() const { return spec_; }
  std::size_t index() const { return index_; }
  // Whether `year` lies within from/until (unset bounds are open).
  bool active(int year) const;
  // First and last year the lever can act (start/end of the horizon when unset).
  int first_year(int start_year) const;
  int last_year(int end_year) const;

  // Writes the lever's effect for `year` (called every year, active or not).
  virtual void apply(int year, World& world, PolicyState& policy) = 0;
  // Called after all processes of the year ran, e.g. to account for what an order achieved.
  virtual void after_year(int /*year*/, World& /*world*/, const PolicyState& /*policy*/) {}
  // Lever state that evolves during a run (budgets spent, bodies moved), for checkpoints.
  virtual void save(StateWriter& /*out*/) const {}
  virtual void load(StateReader& /*in*/) {}

 protected:
  double number(const std::string& field) const;
  bool flag(const std::string& field) const;
  const std::string& text(const std::string& field) const;
  const std::vector<std::string>& names(const std::string& field) const;
  const Schedule& schedule(const std::string& field) const;
  std::vector<ZoneId> zones(const std::string& field, const World& world) const;
  // 1 per selected sector (all when the field is empty and `all_if_empty`).
  std::vector<std::uint8_t> sector_mask(const std::string& field, const World& world,
                                        bool all_if_empty) const;
  std::vector<std::uint8_t> kind_mask(const std::string& field, const World& world,
                                      bool all_if_empty) const;
  std::uint8_t ownership_mask(const std::string& field) const;
  std::uint8_t tier_mask(const std::string& field) const;

 private:
  const LeverSpec& spec_;
  std::size_t index_;
};

// Value of a schedule in `year`: the entry of the latest scheduled year at or before it, or
// `before` when the schedule has not started.
double schedule_value(const Schedule& schedule, int year, double before);

}  // namespace relocsim::levers
