// mandated_relocation: bodies matching a selector (institution kinds, or firm sectors with
// ownership and tier) move from origin zones to a destination on a dated schedule. Schedule values
// are cumulative: shares of the matching bodies counted in the first scheduled year
// (unit: share), or numbers of bodies (unit: bodies). Their staff follow, commute or quit.
#include <cmath>

#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class MandatedRelocation final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& policy) override {
    if (!active(year)) return;
    const Schedule& plan = schedule("schedule");
    if (plan.empty() || year < plan.front().first) return;
    MandatedOrder order;
    order.lever = index();
    order.institutions = !names("kinds").empty();
    order.kinds = kind_mask("kinds", w, false);
    order.sectors = sector_mask("sectors", w, false);
    order.ownership_mask = ownership_mask("ownership");
    order.tier_mask = tier_mask("tier");
    order.from.assign(w.zone_count(), 0);
    for (ZoneId z : zones("origin", w)) order.from[z.get()] = 1;
    order.to = zones("destination", w).front();
    if (!counted_) {
      matching_ = count_matching(w, order);
      counted_ = true;
    }
    const bool shares = text("unit") == "share";
    const double target = schedule_value(plan, year, 0.0) * (shares ? matching_ : 1.0);
    order.bodies = std::max(0.0, std::round(target - moved_));
    if (order.bodies > 0) policy.mandated.push_back(std::move(order));
  }

  void after_year(int /*year*/, World& /*w*/, const PolicyState& policy) override {
    for (const auto& order : policy.mandated) {
      if (order.lever == index()) moved_ += order.moved;
    }
  }

  void save(StateWriter& out) const override {
    out.field(counted_);
    out.field(matching_);
    out.field(moved_);
  }
  void load(StateReader& in) override {
    in.field(counted_);
    in.field(matching_);
    in.field(moved_);
  }

 private:
  static double count_matching(const World& w, const MandatedOrder& order) {
    double n = 0;
    if (order.institutions) {
      const auto& in = w.institutions;
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (order.kinds[in.kind[i].get()] && order.from[in.zone[i].get()] &&
            (order.ownership_mask & (1u << in.ownership[i])) != 0) {
          n += 1;
        }
      }
      return n;
    }
    const auto& f = w.firms;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f.alive(i) && order.sectors[f.sector[i].get()] && order.from[f.zone[i].get()] &&
          (order.ownership_mask & (1u << FirmFlags::ownership(f.flags[i]))) != 0 &&
          (order.tier_mask & (1u << FirmFlags::tier(f.flags[i]))) != 0) {
        n += w.model.firm_weight[f.sector[i].get()];
      }
    }
    return n;
  }

  bool counted_ = false;
  double matching_ = 0;
  double moved_ = 0;
};

void validate(const LeverSpec& spec, const Scenario& /*scenario*/, DiagnosticSink& sink) {
  const bool kinds = !std::get<std::vector<std::string>>(spec.fields.at("kinds")).empty();
  const bool sectors = !std::get<std::vector<std::string>>(spec.fields.at("sectors")).empty();
  if (kinds == sectors) {
    sink.error(spec.place, "mandated_relocation '" + spec.name +
                               "' needs either kinds (institutions) or sectors (firms), not both");
  }
  const auto& unit = std::get<std::string>(spec.fields.at("unit"));
  if (unit != "share" && unit != "bodies") {
    sink.error(spec.field_places.at("unit"), "unit '" + unit + "' must be share or bodies");
  }
  const auto& plan = std::get<Schedule>(spec.fields.at("schedule"));
  double last = 0;
  for (const auto& [year, value] : plan) {
    if (value < 0 || (unit == "share" && value > 1)) {
      sink.error(spec.field_places.at("schedule"),
                 "schedule value for " + std::to_string(year) +
                     (unit == "share" ? " must be a share in [0, 1]" : " must not be negative"));
    }
    if (value < last) {
      sink.error(spec.field_places.at("schedule"),
                 "schedule values are cumulative and cannot fall (" + std::to_string(year) + ")");
    }
    last = value;
  }
}

}  // namespace

const LeverType& mandated_relocation_type() {
  static const LeverType type{
      "mandated_relocation",
      "Bodies matching the selector move from origin zones to the destination on a dated "
      "schedule; their staff follow, commute or quit.",
      "Municipal party and government bodies to the Tongzhou sub-center (2019); central SOE "
      "headquarters and their subsidiaries, universities and hospitals to Xiong'an.",
      {
          {"kinds", FieldKind::kKinds, std::vector<std::string>{}, "Institution kinds that move."},
          {"sectors", FieldKind::kSectors, std::vector<std::string>{}, "Firm sectors that move."},
          {"ownership", FieldKind::kOwnership, std::vector<std::string>{},
           "Ownership of the bodies that move (default: any)."},
          {"tier", FieldKind::kTiers, std::vector<std::string>{},
           "Tier of the firms that move: headquarters, second, third (default: any)."},
          {"origin", FieldKind::kZones, std::vector<std::string>{}, "Zones or groups they leave.",
           true},
          {"destination", FieldKind::kZone, std::string{}, "Zone they move to.", true},
          {"schedule", FieldKind::kSchedule, Schedule{},
           "Cumulative amount moved by each year: shares of the matching bodies, or bodies.", true,
           0, 1e9},
          {"unit", FieldKind::kText, std::string("share"),
           "share or bodies: what schedule values count."},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<MandatedRelocation>(spec, index);
      },
      "- name: municipal_bodies\n  type: mandated_relocation\n  kinds: [municipal_admin]\n"
      "  origin: [core]\n  destination: tongzhou\n  schedule: {2019: 1.0}\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
