// Firm dynamics: jobs of incumbents grow or shrink with their sector's trend; firms close at their
// sector's base hazard (systematic sampling by zone and sector); new firms replace the jobs that
// closed and choose a zone by logit among zones whose negative list admits them, subject to
// commercial floorspace.
#include <algorithm>
#include <cmath>

#include "engine/choice/firm_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/parallel.h"
#include "engine/core/systematic.h"
#include "engine/markets/clearing.h"
#include "engine/processes/firm_order.h"
#include "engine/processes/rates.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/firm_sizes.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class FirmDynamics final : public Process {
 public:
  std::string_view name() const override { return "firm_dynamics"; }

  void setup(World& w) override { choice::calibrate_firm_constants(w); }

  void step(World& w, const YearContext& ctx) override {
    const int year = ctx.year;
    compact_firms(w);
    grow(w, year);
    // The firms alive after growth, in drawing order: for exits and for branches (the entrants
    // in between are new this year, and so not eligible for a branch).
    const auto order = firms_by_zone_sector_size(w);
    const auto closed_jobs = close(w, year, order);
    enter(w, year, closed_jobs);
    open_branches(w, year, order);
  }

 private:
  static void grow(World& w, int year) {
    auto& f = w.firms;
    const auto& pop = w.model.population();
    const std::size_t sectors = w.sector_count();
    std::vector<double> rate(w.zone_count() * sectors);
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      for (std::size_t s = 0; s < sectors; ++s) {
        rate[z * sectors + s] =
            sector_growth_for(pop, pop.sectors[s].id, w.model.provinces[w.model.zones[z].province],
                              year) +
            w.policy.sector_growth_bonus[z * sectors + s];
      }
    }
    // Each firm's draw is keyed by its index: the pass is parallel and thread-count independent.
    // It also starts the year: last year's moved and new flags are cleared, origins recorded.
    for_chunks(f.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        f.flags[i] &= static_cast<std::uint8_t>(~(FirmFlags::kMoved | FirmFlags::kNew));
        f.origin[i] = f.zone[i];
        if (!f.alive(i)) continue;
        const double g = rate[f.zone[i].get() * sectors + f.sector[i].get()];
        if (g == 0) continue;
        const double target = f.jobs[i] * (1 + g);
        const double u = w.rng.uniform(year, Stream::kFirmGrowth, i);
        const double rounded = std::floor(target) + (u < target - std::floor(target) ? 1 : 0);
        f.jobs[i] = static_cast<std::uint32_t>(std::max(0.0, rounded));
      }
    });
  }

  // Returns the positions closed per sector.
  static std::vector<double> close(World& w, int year, const FirmOrder& order) {
    auto& f = w.firms;
    const std::size_t sectors = w.sector_count();
    const std::size_t strata = w.zone_count() * sectors;
    std::vector<double> offset(strata);
    for (std::size_t s = 0; s < strata; ++s)
      offset[s] = w.rng.uniform(year, Stream::kFirmExitOffsets, s);
    // The exit rate is the sector's, so the same for a whole group.
    std::vector<double> exit_rate(sectors);
    for (std::size_t s = 0; s < sectors; ++s)
      exit_rate[s] = w.model.sector(SectorId::from(s)).exit_rate;
    const auto closing = systematic_select_groups(
        order.firms, order.group_begin, offset, w.threads,
        [&](std::size_t g, std::size_t) { return exit_rate[g % sectors]; },
        [](std::size_t, std::size_t) { return true; });
    std::vector<double> closed(sectors, 0.0);
    for (auto i : closing) {
      const auto s = f.sector[i].get();
      closed[s] += f.jobs[i];
      w.zones.floorspace_vacated[f.zone[i].get()] += f.jobs[i];
      w.tally.firm_exits += w.model.firm_weight[s];
      f.flags[i] &= static_cast<std::uint8_t>(~FirmFlags::kAlive);
      f.jobs[i] = 0;
    }
    return closed;
  }

  static void enter(World& w, int year, const std::vector<double>& closed_jobs) {
    auto& f = w.firms;
    const std::size_t zones = w.zone_count();
    const std::size_t sectors = w.sector_count();
    // Entrants per sector, with geometric establishment sizes, until the closed jobs are replaced.
    std::vector<std::uint32_t> sector_of;
    std::vector<double> size;
    std::uint64_t draw = 0;
    for (std::size_t s = 0; s < sectors; ++s) {
      const auto& sector = w.model.sector(SectorId::from(s));
      if (!sector.sampled || sector.institutional) continue;
      auto remaining = static_cast<long long>(std::llround(closed_jobs[s]));
      while (remaining > 0) {
        const auto words = w.rng.words(year, Stream::kFirmEntry, draw++);
        const std::uint32_t drawn =
            draw_firm_positions(sector, w.model.positions_per_job(),
                                Rng::to_unit(words[0], words[1]), Rng::to_unit(words[2], words[3]));
        const auto positions = std::min<long long>(drawn, remaining);
        sector_of.push_back(static_cast<std::uint32_t>(s));
        size.push_back(static_cast<double>(positions));
        remaining -= positions;
      }
    }
    if (sector_of.empty()) return;
    count_positions(w, w.census);
    std::vector<double> capacity_left(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      capacity_left[z] = std::max(0.0, w.zones.floorspace_capacity[z] - w.census.zone_jobs(z));
    }
    std::vector<double> priority(sector_of.size());
    for (std::size_t k = 0; k < priority.size(); ++k) {
      priority[k] = w.rng.uniform(year, Stream::kFirmLottery, (1ull << 40) + k);
    }
    const auto uniforms =
        choice::mass_stratified_uniforms(sector_of, size, sectors, w.rng, year, Stream::kFirmEntry);
    const auto utility = choice::firm_zone_utility(w, capacity_left);
    const auto result = markets::clear_in_rounds(
        sector_of.size(), size, priority, capacity_left, w.model.behaviour().market.rounds,
        w.threads,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table(sectors, zones);
          for (std::size_t s = 0; s < sectors; ++s) {
            for (std::size_t z = 0; z < zones; ++z) {
              table.utility(s, z) = open[z] ? utility[s * zones + z] : choice::kUnavailable;
            }
          }
          table.finish();
          markets::draw_from_table(table, round, pending, sector_of, uniforms, w.rng, year,
                                   Stream::kFirmEntry, w.threads, dest);
        });
    for (std::size_t z = 0; z < zones; ++z) {
      w.zones.floorspace_unmet[z] += result.unmet[z];
      w.zones.floorspace_unplaced[z] += result.unplaced[z];
    }
    for (std::size_t k = 0; k < sector_of.size(); ++k) {
      if (result.destination[k] < 0) continue;
      const std::size_t i = f.add(ZoneId::from(result.destination[k]), SectorId::from(sector_of[k]),
                                  FirmFlags::make(0, 0), static_cast<std::uint32_t>(size[k]), year);
      f.flags[i] |= FirmFlags::kNew;
      w.tally.firm_entries += w.model.firm_weight[sector_of[k]];
    }
  }
  // innovation_cooperation: firms of the origin zones picked by systematic sampling (by size
  // class) open a branch in one of the target zones, chosen by the firms' location utility.
  static void open_branches(World& w, int year, const FirmOrder& sorted) {
    auto& f = w.firms;
    const std::size_t zones = w.zone_count();
    const std::size_t sectors = w.sector_count();
    for (std::size_t b = 0; b < w.policy.branches.size(); ++b) {
      const BranchOrder& order = w.policy.branches[b];
      std::vector<double> offset(zones * sectors);
      for (std::size_t k = 0; k < offset.size(); ++k) {
        offset[k] = w.rng.uniform(year, Stream::kInnovation, (b << 32) + k);
      }
      // Whether a (zone, sector) group may open branches at all: decided once per group, not
      // for each of its firms.
      std::vector<std::uint8_t> group_open(zones * sectors);
      for (std::size_t g = 0; g < group_open.size(); ++g) {
        const std::size_t s = g % sectors;
        group_open[g] =
            order.from[g / sectors] && order.sectors[s] && w.model.sector(SectorId::from(s)).sampled
                ? 1
                : 0;
      }
      const auto parents = systematic_select_groups(
          sorted.firms, sorted.group_begin, offset, w.threads,
          [&](std::size_t, std::size_t) { return order.share; },
          [&](std::size_t g, std::size_t i) {
            return group_open[g] != 0 && f.alive(i) && (f.flags[i] & FirmFlags::kNew) == 0;
          });
      if (parents.empty()) continue;
      count_positions(w, w.census);
      std::vector<double> capacity_left(zones);
      for (std::size_t z = 0; z < zones; ++z) {
        capacity_left[z] = std::max(0.0, w.zones.floorspace_capacity[z] - w.census.zone_jobs(z));
      }
      const auto utility = choice::firm_zone_utility(w, capacity_left);
      std::vector<std::uint32_t> rows(parents.size());
      std::vector<double> size(parents.size());
      std::vector<double> priority(parents.size());
      for (std::size_t k = 0; k < parents.size(); ++k) {
        const std::uint32_t i = parents[k];
        rows[k] = f.sector[i].get();
        const double jobs = f.jobs[i] * order.branch_size;
        const double u = w.rng.uniform(year, Stream::kInnovation, (1ull << 62) + i);
        size[k] = std::floor(jobs) + (u < jobs - std::floor(jobs) ? 1 : 0);
        priority[k] = w.rng.uniform(year, Stream::kFirmLottery, (2ull << 40) + i);
      }
      const auto uniforms =
          choice::mass_stratified_uniforms(rows, size, sectors, w.rng, year, Stream::kInnovation);
      const auto result = markets::clear_in_rounds(
          parents.size(), size, priority, capacity_left, w.model.behaviour().market.rounds,
          w.threads,
          [&](int round, std::span<const std::uint32_t> pending,
              const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
            choice::ChoiceTable table(sectors, zones);
            for (std::size_t s = 0; s < sectors; ++s) {
              for (std::size_t z = 0; z < zones; ++z) {
                table.utility(s, z) =
                    open[z] && order.to[z] ? utility[s * zones + z] : choice::kUnavailable;
              }
            }
            table.finish();
            markets::draw_from_table(table, round, pending, rows, uniforms, w.rng, year,
                                     Stream::kInnovation, w.threads, dest);
          });
      for (std::size_t k = 0; k < parents.size(); ++k) {
        if (result.destination[k] < 0 || size[k] <= 0) continue;
        const std::uint32_t parent = parents[k];
        const std::size_t i = f.add(ZoneId::from(result.destination[k]), f.sector[parent],
                                    FirmFlags::make(FirmFlags::ownership(f.flags[parent]), 1),
                                    static_cast<std::uint32_t>(size[k]), year);
        f.flags[i] |= FirmFlags::kNew;
        w.tally.firm_branches += w.model.firm_weight[f.sector[parent].get()];
      }
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_firm_dynamics() { return std::make_unique<FirmDynamics>(); }

}  // namespace relocsim
