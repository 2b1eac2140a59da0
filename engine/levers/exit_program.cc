// exit_program: each year a share (or a number) of the firms of listed sectors in listed zones
// must leave: they relocate, choosing among the allowed destinations, or close when no
// destination has room. The real counterparts: relocation of general manufacturing and of
// regional wholesale markets and logistics centres.
#include <algorithm>
#include <cmath>

#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class ExitProgram final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const Schedule& plan = schedule("schedule");
    double amount = number("share");
    if (!plan.empty()) {
      const auto it =
          std::find_if(plan.begin(), plan.end(), [&](const auto& e) { return e.first == year; });
      if (it == plan.end()) return;  // with a schedule, only its years act
      amount = it->second;
    }
    if (amount <= 0) return;
    const auto sectors = sector_mask("sectors", w, false);
    const auto origin = zones("zones", w);
    double share = amount;
    if (text("unit") == "firms") {
      // A number of bodies (firms, or markets of `firms_per_body` establishments): as a share of
      // the matching firms there now.
      std::vector<std::uint8_t> in_origin(w.zone_count(), 0);
      for (ZoneId z : origin) in_origin[z.get()] = 1;
      double matching = 0;
      for (std::size_t f = 0; f < w.firms.size(); ++f) {
        if (w.firms.alive(f) && sectors[w.firms.sector[f].get()] &&
            in_origin[w.firms.zone[f].get()]) {
          matching += w.model.firm_weight[w.firms.sector[f].get()];
        }
      }
      share = matching > 0 ? std::min(1.0, amount * number("firms_per_body") / matching) : 0.0;
    }
    for (ZoneId z : origin) {
      for (std::size_t s = 0; s < w.sector_count(); ++s) {
        if (!sectors[s]) continue;
        double& e = policy.exit_share[policy.at(z, SectorId::from(s))];
        e = std::min(1.0, e + share);
      }
      policy.exit_allowed[z.get()] = 0;
    }
    const auto allowed = zones("destinations", w);
    if (!allowed.empty()) {
      std::vector<std::uint8_t> open(w.zone_count(), 0);
      for (ZoneId z : allowed) open[z.get()] = 1;
      for (std::size_t z = 0; z < w.zone_count(); ++z) {
        if (!open[z]) policy.exit_allowed[z] = 0;
      }
    }
  }
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  const auto& unit = std::get<std::string>(spec.fields.at("unit"));
  if (unit != "share" && unit != "firms") {
    sink.error(spec.field_places.at("unit"), "unit '" + unit + "' must be share or firms");
  }
  const auto& plan = std::get<Schedule>(spec.fields.at("schedule"));
  const double share = std::get<double>(spec.fields.at("share"));
  if (plan.empty() && share <= 0) {
    sink.error(spec.place, "exit_program '" + spec.name + "' needs a share or a schedule");
  }
  if (!plan.empty() && share > 0) {
    sink.error(
        spec.field_places.at("share"),
        "exit_program '" + spec.name + "' gives both a share and a schedule (overlapping years)");
  }
  for (const auto& [year, value] : plan) {
    if (unit == "share" && value > 1) {
      sink.error(spec.field_places.at("schedule"),
                 "schedule value for " + std::to_string(year) + " must be a share in [0, 1]");
    }
  }
}

}  // namespace

const LeverType& exit_program_type() {
  static const LeverType type{
      "exit_program",
      "Each year a share (or number) of the firms of listed sectors in listed zones must leave: "
      "they relocate to an allowed zone, or close when none has room.",
      "Relocation and closure of general manufacturing and of regional wholesale markets and "
      "logistics centres (e.g. 495 manufacturers and 131 wholesale malls in the first half of "
      "2017; 1,000 manufacturers and 300 markets planned for 2018-2020).",
      {
          {"zones", FieldKind::kZones, std::vector<std::string>{},
           "Zones or groups the firms must leave.", true},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{}, "Sectors concerned.", true},
          {"share", FieldKind::kShare, 0.0,
           "Share of the matching firms made to leave each active year."},
          {"schedule", FieldKind::kSchedule, Schedule{},
           "Amount made to leave in each listed year (instead of share), in `unit`.", false, 0,
           1e9},
          {"unit", FieldKind::kText, std::string("share"),
           "share or firms: what schedule values count."},
          {"firms_per_body", FieldKind::kNumber, 1.0,
           "Establishments per counted body (e.g. per wholesale market) when unit is firms.", false,
           1, 1e6},
          {"destinations", FieldKind::kZones, std::vector<std::string>{},
           "Zones the firms may go to (default: any zone outside `zones`)."},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<ExitProgram>(spec, index);
      },
      "- name: manufacturing_exit\n  type: exit_program\n  zones: [beijing]\n"
      "  sectors: [general_manufacturing]\n  unit: firms\n  schedule: {2018: 500}\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
