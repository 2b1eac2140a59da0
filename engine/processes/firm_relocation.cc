// Firm relocation: mandated moves of firms (e.g. central SOE headquarters) first; then voluntary
// moves with hazard p = logistic(a_s + b_rent log rent + b_push push) and moves forced by exit
// programmes, drawn by systematic sampling per zone and sector; destinations by logit over allowed
// zones (firm_utility.h plus distance and staying terms), subject to commercial floorspace.
// Firms made to leave that find no room close.
#include <algorithm>
#include <cmath>

#include "engine/choice/firm_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/systematic.h"
#include "engine/markets/clearing.h"
#include "engine/processes/firm_order.h"
#include "engine/processes/mandated.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class FirmRelocation final : public Process {
 public:
  std::string_view name() const override { return "firm_relocation"; }

  void step(World& w, const YearContext& ctx) override {
    mandated_moves(w, ctx.year);
    choice_moves(w, ctx.year);
  }

 private:
  static void move_firm(World& w, std::size_t i, ZoneId to) {
    auto& f = w.firms;
    const ZoneId from = f.zone[i];
    const auto s = f.sector[i];
    const double weight = w.model.firm_weight[s.get()];
    w.zones.floorspace_vacated[from.get()] += f.jobs[i];
    f.zone[i] = to;
    f.flags[i] |= FirmFlags::kMoved;
    w.tally.movers_firm += weight;
    w.tally.flow(YearTally::kFirm, from.get(), to.get()) += weight;
    const int beijing = w.model.find_province("Beijing");
    if (!w.model.sector(s).capital_function && w.model.zones[from.get()].province == beijing &&
        w.model.zones[to.get()].province != beijing) {
      w.tally.noncapital_jobs_moved_out[from.get()] += f.jobs[i];
    }
  }

  // A firm that chose to move into a zone with a relocation subsidy is paid from the paying
  // lever's budget, as long as it lasts.
  static void pay_subsidy(World& w, std::size_t i) {
    auto& p = w.policy;
    const std::size_t k = p.at(w.firms.zone[i], w.firms.sector[i]);
    const int payer = p.subsidies.payer[k];
    if (payer < 0 || p.subsidy_per_job[k] <= 0) return;
    double& remaining = p.subsidies.remaining[static_cast<std::size_t>(payer)];
    // Real jobs of the firm agent, times the real firms it stands for.
    const double jobs = w.firms.jobs[i] / w.scale();
    const double due = std::min(remaining, jobs * p.subsidy_per_job[k]);
    if (due <= 0) return;
    remaining -= due;
    w.tally.subsidy_paid += due;
    w.tally.subsidy_by_zone[w.firms.zone[i].get()] += due;
  }

  static void mandated_moves(World& w, int year) {
    auto& f = w.firms;
    for (auto& order : w.policy.mandated) {
      if (order.institutions) continue;
      std::vector<std::uint32_t> candidates;
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (!f.alive(i) || (f.flags[i] & FirmFlags::kMoved) != 0) continue;
        const std::uint8_t flags = f.flags[i];
        if (!order.sectors[f.sector[i].get()] || !order.from[f.zone[i].get()] ||
            f.zone[i] == order.to ||
            (order.ownership_mask & (1u << FirmFlags::ownership(flags))) == 0 ||
            (order.tier_mask & (1u << FirmFlags::tier(flags))) == 0) {
          continue;
        }
        candidates.push_back(static_cast<std::uint32_t>(i));
      }
      if (candidates.empty()) continue;
      const double weight = w.model.firm_weight[f.sector[candidates[0]].get()];
      const auto count = static_cast<std::size_t>(std::llround(order.bodies / weight));
      for (auto i : pick_ranked(candidates, count, w.rng, year, order.lever)) {
        // A mandated move comes with premises at the destination.
        w.zones.floorspace_capacity[order.to.get()] += f.jobs[i];
        order.moved += w.model.firm_weight[f.sector[i].get()];
        order.staff_moved += f.jobs[i] / w.scale();
        move_firm(w, i, order.to);
      }
    }
  }

  static void choice_moves(World& w, int year) {
    auto& f = w.firms;
    const auto& b = w.model.behaviour().firm;
    const std::size_t zones = w.zone_count();
    const std::size_t sectors = w.sector_count();
    const std::size_t zs_count = zones * sectors;
    // Hazards per zone and sector: voluntary (stratum zs) and forced by exit programmes (zs_count +
    // zs).
    std::vector<double> hazard(zs_count, 0.0);
    for (std::size_t z = 0; z < zones; ++z) {
      for (std::size_t s = 0; s < sectors; ++s) {
        const double base = w.model.sector(SectorId::from(s)).relocation_rate;
        if (base <= 0) continue;
        const double logit = std::log(base / (1 - base)) +
                             b.hazard_rent * std::log(w.zones.rent_commercial[z]) +
                             b.hazard_push * w.policy.firm_push[z * sectors + s];
        hazard[z * sectors + s] = 1 / (1 + std::exp(-logit));
      }
    }
    auto movable = [&](std::size_t i) {
      return f.alive(i) && (f.flags[i] & (FirmFlags::kMoved | FirmFlags::kNew)) == 0 &&
             w.model.sector(f.sector[i]).sampled;
    };
    auto zs_of = [&](std::size_t i) { return f.zone[i].get() * sectors + f.sector[i].get(); };
    struct Mover {
      std::uint32_t firm;
      bool forced;
    };
    std::vector<Mover> movers;
    std::vector<std::uint8_t> made_to_leave(f.size(), 0);
    const auto order = firms_by_zone_sector_size(w);
    // Without an exit programme in force no firm is made to leave: the forced pass, a walk over
    // all firms, would select none.
    const bool any_exit = std::any_of(w.policy.exit_share.begin(), w.policy.exit_share.end(),
                                      [](double share) { return share > 0; });
    for (int forced = any_exit ? 1 : 0; forced >= 0; --forced) {
      std::vector<double> offset(zs_count);
      for (std::size_t s = 0; s < zs_count; ++s) {
        offset[s] = w.rng.uniform(year, Stream::kFirmRelocationOffsets,
                                  static_cast<std::uint64_t>(forced) * zs_count + s);
      }
      const auto selected = systematic_select_groups(
          order.firms, order.group_begin, offset, w.threads,
          [&](std::size_t g, std::size_t) { return forced ? w.policy.exit_share[g] : hazard[g]; },
          [&](std::size_t, std::size_t i) { return movable(i); });
      for (const std::uint32_t i : selected) {
        if (forced) {
          made_to_leave[i] = 1;
        } else if (made_to_leave[i]) {
          continue;
        }
        movers.push_back({i, forced == 1});
      }
    }
    if (movers.empty()) return;
    std::sort(movers.begin(), movers.end(),
              [](const Mover& a, const Mover& c) { return a.firm < c.firm; });
    // Choice rows: (forced, origin zone, sector).
    std::vector<std::uint32_t> rows(movers.size());
    std::vector<double> size(movers.size());
    std::vector<double> priority(movers.size());
    count_positions(w, w.census);
    std::vector<double> capacity_left(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      capacity_left[z] = std::max(0.0, w.zones.floorspace_capacity[z] - w.census.zone_jobs(z));
    }
    for (std::size_t k = 0; k < movers.size(); ++k) {
      const std::size_t i = movers[k].firm;
      rows[k] = static_cast<std::uint32_t>((movers[k].forced ? zs_count : 0) + zs_of(i));
      size[k] = f.jobs[i];
      priority[k] = w.rng.uniform(year, Stream::kFirmLottery, i);
      capacity_left[f.zone[i].get()] += f.jobs[i];  // a mover frees its own premises
    }
    const auto uniforms = choice::mass_stratified_uniforms(rows, size, 2 * zs_count, w.rng, year,
                                                           Stream::kFirmChoice);
    const auto utility = choice::firm_zone_utility(w, capacity_left);
    const auto result = markets::clear_in_rounds(
        movers.size(), size, priority, capacity_left, w.model.behaviour().market.rounds, w.threads,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table;
          choice::firm_mover_table(w, utility, open.data(), table);
          markets::draw_from_table(table, round, pending, rows, uniforms, w.rng, year,
                                   Stream::kFirmChoice, w.threads, dest);
        });
    for (std::size_t z = 0; z < zones; ++z) {
      w.zones.floorspace_unmet[z] += result.unmet[z];
      w.zones.floorspace_unplaced[z] += result.unplaced[z];
    }
    for (std::size_t k = 0; k < movers.size(); ++k) {
      const std::size_t i = movers[k].firm;
      const int to = result.destination[k];
      if (to >= 0) {
        move_firm(w, i, ZoneId::from(to));
        pay_subsidy(w, i);
      } else if (movers[k].forced) {
        // Made to leave and found no room: the firm closes.
        w.zones.floorspace_vacated[f.zone[i].get()] += f.jobs[i];
        w.tally.firm_exits += w.model.firm_weight[f.sector[i].get()];
        f.flags[i] &= static_cast<std::uint8_t>(~FirmFlags::kAlive);
        f.jobs[i] = 0;
      }
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_firm_relocation() { return std::make_unique<FirmRelocation>(); }

}  // namespace relocsim
