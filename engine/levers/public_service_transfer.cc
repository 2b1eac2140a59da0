// public_service_transfer: branch schools, hospitals or elderly care of Beijing's institutions in
// target zones: capacity added there (optionally taken from origin zones) and a quality gain while
// the lever is active.
#include <algorithm>

#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class PublicServiceTransfer final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const int service = static_cast<int>(service_named(text("service")));
    const auto targets = zones("zones", w);
    for (ZoneId z : targets) {
      policy.service_quality_boost[static_cast<std::size_t>(service) * w.zone_count() + z.get()] *=
          1 + number("quality");
    }
    // Capacity: in each scheduled year, or all in the first active year without a schedule.
    const Schedule& plan = schedule("schedule");
    double added = 0;
    if (plan.empty()) {
      if (!done_) added = number("capacity");
      done_ = true;
    } else {
      for (const auto& [y, v] : plan) {
        if (y == year) added = v;
      }
    }
    if (added <= 0) return;
    for (ZoneId z : targets) {
      w.zones.service_capacity[service][z.get()] += added / static_cast<double>(targets.size());
    }
    const auto origin = zones("origin", w);
    double origin_capacity = 0;
    for (ZoneId z : origin) origin_capacity += w.zones.service_capacity[service][z.get()];
    for (ZoneId z : origin) {
      double& c = w.zones.service_capacity[service][z.get()];
      c = std::max(0.0, c - added * c / std::max(origin_capacity, 1.0));
    }
  }

  void save(StateWriter& out) const override { out.field(done_); }
  void load(StateReader& in) override { in.field(done_); }

 private:
  bool done_ = false;
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  const auto& service = std::get<std::string>(spec.fields.at("service"));
  if (service_named(service) == Service::kNone) {
    sink.error(spec.field_places.at("service"),
               "service '" + service + "' must be school, hospital or elderly");
  }
  if (std::get<double>(spec.fields.at("capacity")) > 0 &&
      !std::get<Schedule>(spec.fields.at("schedule")).empty()) {
    sink.error(spec.field_places.at("capacity"),
               "give capacity or a schedule of capacities, not both (overlapping years)");
  }
}

}  // namespace

const LeverType& public_service_transfer_type() {
  static const LeverType type{
      "public_service_transfer",
      "Adds school, hospital or elderly-care capacity to target zones (optionally taken from "
      "origin zones) and raises its quality while active.",
      "Beijing's top schools and hospitals opening branches in Hebei and Xiong'an; elderly care "
      "around Beijing.",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{}, "Target zones or groups.", true},
          {"service", FieldKind::kText, std::string("hospital"), "school, hospital or elderly."},
          {"capacity", FieldKind::kNumber, 0.0, "Seats or beds added in the first active year.",
           false, 0, 1e8},
          {"schedule", FieldKind::kSchedule, Schedule{},
           "Seats or beds added in each listed year (instead of capacity).", false, 0, 1e8},
          {"quality", FieldKind::kNumber, 0.0,
           "Relative quality gain in the targets while active (0.1 = +10%).", false, 0, 10},
          {"origin", FieldKind::kZones, std::vector<std::string>{},
           "Zones the capacity is taken from (default: none, it is new)."},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<PublicServiceTransfer>(spec, index);
      },
      "- name: hospital_branches\n  type: public_service_transfer\n  from: 2018\n"
      "  zones: [xiongan]\n  service: hospital\n  capacity: 3000\n  quality: 0.1\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
