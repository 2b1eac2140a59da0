// Household relocation: a hazard from life stage, commute, rent and policy push (and a strong push
// when the employer moved away) selects movers by systematic sampling per home zone; each mover
// chooses a zone by logit (DESIGN.md section 3, step 8) among zones with housing to spare, in
// rounds; those still without a home stay where they are.
#include <algorithm>
#include <array>
#include <cmath>

#include "engine/choice/calibration.h"
#include "engine/choice/household_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/systematic.h"
#include "engine/markets/caps.h"
#include "engine/markets/clearing.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class HouseholdRelocation final : public Process {
 public:
  std::string_view name() const override { return "household_relocation"; }

  void setup(World& w) override {
    const std::size_t zones = w.zone_count();
    // Movers per choice row at base-year hazards; constants make inflows equal outflows.
    const auto hazard = hazard_table(w);
    // Residents per choice row, counted in a fixed number of blocks in parallel (whole numbers:
    // exact for any thread count), times the row's hazard.
    std::vector<double> movers(rows(w), 0.0);
    {
      const auto& r = w.residents;
      constexpr std::size_t kBlocks = 32;
      const std::size_t n = r.slots();
      const std::size_t row_count = rows(w);
      std::vector<std::uint32_t> count(kBlocks * row_count, 0);
      for_each_index(kBlocks, w.threads, [&](std::size_t b) {
        std::uint32_t* out = &count[b * row_count];
        for (std::size_t i = n * b / kBlocks; i < n * (b + 1) / kBlocks; ++i) {
          if (r.home[i].valid()) ++out[row_of(w, i, age_band(r.age(i, w.year)))];
        }
      });
      for (std::size_t row = 0; row < row_count; ++row) {
        std::uint64_t total = 0;
        for (std::size_t b = 0; b < kBlocks; ++b) total += count[b * row_count + row];
        if (total == 0) continue;
        const int band = static_cast<int>(row % choice::kQaRows) % kAgeBands;
        movers[row] = static_cast<double>(total) *
                      hazard[hazard_index(w, origin_of(w, row), work_of(w, row), band, false)];
      }
    }
    std::vector<double> target(zones, 0.0);
    for (std::size_t row = 0; row < movers.size(); ++row) target[origin_of(w, row)] += movers[row];
    std::vector<double> vacant(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      vacant[z] = w.zones.housing_capacity[z] - w.zones.residents[z] + target[z];
    }
    const auto base = choice::household_zone_utility(w, vacant);
    // One set of constants per work zone and one for those without work, so that where the
    // workers of each zone live in the base year is itself an equilibrium.
    const std::size_t works = zones + 1;
    w.calibration.household.assign(works * zones, 0.0);
    const auto& cal = w.model.behaviour().calibration;
    std::vector<double> u(zones);
    std::vector<double> p(zones);
    std::vector<std::vector<std::uint32_t>> rows_of(works);
    for (std::size_t row = 0; row < movers.size(); ++row) {
      if (movers[row] > 0) rows_of[work_of(w, row)].push_back(static_cast<std::uint32_t>(row));
    }
    for (std::size_t k = 0; k < works; ++k) {
      std::vector<double> target_k(zones, 0.0);
      double total_k = 0;
      for (const auto row : rows_of[k]) {
        target_k[origin_of(w, row)] += movers[row];
        total_k += movers[row];
      }
      if (k < zones) {
        // Realized movers, plus a little of the expected commute so that no home zone of a
        // work zone's workers is empty (its constant would otherwise be undetermined).
        double expected = 0;
        for (std::size_t j = 0; j < zones; ++j) expected += w.base_commute[j * zones + k];
        for (std::size_t j = 0; j < zones; ++j) {
          if (expected > 0)
            target_k[j] += 0.01 * total_k * w.base_commute[j * zones + k] / expected;
        }
      }
      std::vector<double> asc(zones, 0.0);
      choice::calibrate_constants(
          asc, target_k,
          [&](const std::vector<double>& constants, std::vector<double>& out) {
            std::fill(out.begin(), out.end(), 0.0);
            for (const auto row : rows_of[k]) {
              utility_row(w, row, constants.data(), base, nullptr, u.data());
              if (!choice::softmax(u.data(), p.data(), zones)) continue;
              for (std::size_t j = 0; j < zones; ++j) out[j] += movers[row] * p[j];
            }
          },
          cal.iterations, cal.tolerance);
      std::copy(asc.begin(), asc.end(),
                w.calibration.household.begin() + static_cast<std::ptrdiff_t>(k * zones));
    }
  }

  void step(World& w, const YearContext& ctx) override {
    const int year = ctx.year;
    const std::size_t zones = w.zone_count();
    auto& r = w.residents;
    const auto hazard = hazard_table(w);
    // A resident's hazard class (home, work zone or none, age band, employer moved) from its
    // columns; the age band is looked up by the birth-year byte.
    std::array<std::uint8_t, 256> band_of_born{};
    for (int born = 0; born < 256; ++born) {
      band_of_born[born] = static_cast<std::uint8_t>(age_band(year - kBirthYearBase - born));
    }
    const ZoneId* home_col = r.home.data();
    const ZoneId* work_col = r.work.data();
    const std::uint8_t* born_col = r.born.data();
    const std::uint8_t* traits_col = r.traits.data();
    auto hazard_class = [&](std::size_t i) {
      const ZoneId work = work_col[i];
      return hazard_index(w, home_col[i].get(), work.valid() ? work.get() : zones,
                          band_of_born[born_col[i]], Traits::employer_moved(traits_col[i]));
    };
    auto stratum = [&](std::size_t i) -> std::uint32_t {
      return home_col[i].valid() ? home_col[i].get() : kSkipStratum;
    };
    auto weight = [&](std::size_t i) { return hazard[hazard_class(i)]; };
    // Pass 1: residents per chunk and hazard class (whole numbers), then each chunk's hazard sum
    // per home zone from them.
    StratumSums sums(r.slots(), zones);
    const std::size_t per_zone = hazard.size() / zones;
    for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      std::vector<std::uint32_t> count(hazard.size(), 0);
      for (std::size_t i = begin; i < end; ++i) {
        if (home_col[i].valid()) ++count[hazard_class(i)];
      }
      double* out = sums.chunk(c);
      for (std::size_t k = 0; k < count.size(); ++k) {
        if (count[k] != 0) out[k / per_zone] += count[k] * hazard[k];
      }
    });
    std::vector<double> scale(zones, 1.0);
    std::vector<double> offset(zones);
    for (std::size_t z = 0; z < zones; ++z)
      offset[z] = w.rng.uniform(year, Stream::kHouseholdOffsets, z);
    std::vector<std::vector<std::uint32_t>> per_chunk(chunk_count(r.slots()));
    systematic_select(sums, scale, offset, w.threads, weight, stratum,
                      [&](std::size_t c, std::size_t i) {
                        per_chunk[c].push_back(static_cast<std::uint32_t>(i));
                      });
    const auto movers = concat_chunks(per_chunk);
    if (movers.empty()) return;

    std::vector<std::uint32_t> row(movers.size());
    std::vector<std::uint32_t> group(movers.size());
    std::vector<double> priority(movers.size());
    std::vector<double> capacity_left(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      capacity_left[z] = std::max(0.0, w.zones.housing_capacity[z] - w.zones.residents[z]);
    }
    for (const std::uint32_t i : movers) capacity_left[r.home[i].get()] += 1;  // frees its home
    for_chunks(movers.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint32_t i = movers[k];
        row[k] = static_cast<std::uint32_t>(row_of(w, i, age_band(r.age(i, year))));
        group[k] = static_cast<std::uint32_t>(r.home[i].get() * (zones + 1) + work_index(w, i));
        priority[k] = w.rng.uniform(year, Stream::kHouseholdLottery, i);
      }
    });
    const auto uniforms = choice::stratified_uniforms(group, zones * (zones + 1), w.rng, year,
                                                      Stream::kHouseholdChoice);
    const auto base = choice::household_zone_utility(w, capacity_left);
    const auto result = markets::clear_in_rounds(
        movers.size(), {}, priority, capacity_left, w.model.behaviour().market.rounds,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table(rows(w), zones);
          for (std::size_t rw = 0; rw < rows(w); ++rw) {
            utility_row(w, rw, &w.calibration.household[work_of(w, rw) * zones], base, open.data(),
                        table.row_data(rw));
          }
          table.finish();
          // Each chooser draws on its own (keyed uniforms): in parallel, the same for any threads.
          for_chunks(
              pending.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
                for (std::size_t p = begin; p < end; ++p) {
                  const std::uint32_t k = pending[p];
                  // Later rounds redraw with fresh uniforms.
                  const double u =
                      round <= 0 ? uniforms[k]
                                 : w.rng.uniform(year, Stream::kHouseholdChoice,
                                                 (static_cast<std::uint64_t>(round) << 40) + k);
                  dest[k] = table.draw(row[k], u);
                }
              });
        });
    // Population caps: moves into a capped group beyond its room are revoked (those movers stay).
    std::vector<std::int32_t> destination = result.destination;
    if (!w.policy.caps.empty()) {
      std::vector<std::uint32_t> origin(movers.size());
      for (std::size_t k = 0; k < movers.size(); ++k) origin[k] = r.home[movers[k]].get();
      markets::enforce_caps(w, origin, destination, priority);
    }
    for (std::size_t k = 0; k < movers.size(); ++k) {
      const std::uint32_t i = movers[k];
      const ZoneId from = r.home[i];
      const int to = destination[k];
      if (to < 0) continue;  // no room anywhere it wanted: stays
      r.home[i] = ZoneId::from(to);
      r.moved[i] = static_cast<std::uint8_t>(year - kBirthYearBase);
      w.zones.residents[from.get()] -= 1;
      w.zones.residents[static_cast<std::size_t>(to)] += 1;
      w.tally.movers_resident += 1;
      w.tally.flow(YearTally::kResident, from.get(), static_cast<std::size_t>(to)) += 1;
    }
    for (std::size_t z = 0; z < zones; ++z) {
      w.zones.housing_unmet[z] += result.unmet[z];
      w.zones.housing_unplaced[z] += result.unplaced[z];
    }
  }

 private:
  static std::size_t work_index(const World& w, std::size_t i) {
    const ZoneId work = w.residents.work[i];
    return work.valid() ? work.get() : w.zone_count();
  }
  static std::size_t rows(const World& w) {
    return w.zone_count() * (w.zone_count() + 1) * choice::kQaRows;
  }
  static std::size_t row_of(const World& w, std::size_t i, int band) {
    const std::size_t zones = w.zone_count();
    const int q = Traits::quintile(w.residents.traits[i]);
    return (w.residents.home[i].get() * (zones + 1) + work_index(w, i)) * choice::kQaRows +
           choice::qa_index(q, band);
  }
  static std::size_t work_of(const World& w, std::size_t row) {
    return (row / choice::kQaRows) % (w.zone_count() + 1);
  }
  static std::size_t origin_of(const World& w, std::size_t row) {
    return row / choice::kQaRows / (w.zone_count() + 1);
  }
  static std::size_t hazard_index(const World& w, std::size_t home, std::size_t work, int band,
                                  bool employer_moved) {
    return ((home * (w.zone_count() + 1) + work) * kAgeBands + static_cast<std::size_t>(band)) * 2 +
           (employer_moved ? 1 : 0);
  }

  // Relocation hazard by home, work zone (or none), age band and whether the employer moved.
  static std::vector<double> hazard_table(const World& w) {
    const auto& h = w.model.behaviour().household;
    const std::size_t zones = w.zone_count();
    std::vector<double> out(zones * (zones + 1) * kAgeBands * 2);
    for (std::size_t z = 0; z < zones; ++z) {
      for (std::size_t k = 0; k <= zones; ++k) {
        const double commute =
            k < zones ? w.network.minutes(ZoneId::from(z), ZoneId::from(k)) : 0.0;
        for (int a = 0; a < kAgeBands; ++a) {
          for (int moved = 0; moved < 2; ++moved) {
            const double logit = h.hazard_intercept + h.hazard_age[a] +
                                 h.hazard_commute * std::max(0.0, commute - 30) +
                                 h.hazard_rent * std::log(w.zones.rent_housing[z]) +
                                 h.hazard_push * w.policy.household_push[z] +
                                 (moved ? h.hazard_follow : 0.0);
            out[hazard_index(w, z, k, a, moved == 1)] = 1 / (1 + std::exp(-logit));
          }
        }
      }
    }
    return out;
  }

  // Utilities of one choice row: (origin, work zone or none, quintile, age band).
  // `asc`: the constants of the row's work zone.
  static void utility_row(const World& w, std::size_t row, const double* asc,
                          const std::vector<double>& base, const std::uint8_t* open, double* u) {
    const auto& h = w.model.behaviour().household;
    const std::size_t zones = w.zone_count();
    const std::size_t qa = row % choice::kQaRows;
    const std::size_t work = (row / choice::kQaRows) % (zones + 1);
    const std::size_t origin = row / choice::kQaRows / (zones + 1);
    const int origin_province = w.model.zones[origin].province;
    const double* b = &base[qa * zones];
    for (std::size_t j = 0; j < zones; ++j) {
      if (open != nullptr && !open[j]) {
        u[j] = choice::kUnavailable;
        continue;
      }
      double v = asc[j] + b[j];
      if (work < zones) v += h.b_time * w.network.minutes(ZoneId::from(j), ZoneId::from(work));
      if (j == origin) v += h.b_stay;
      const int group = w.policy.integration_group[origin];
      if (w.model.zones[j].province != origin_province &&
          (group < 0 || w.policy.integration_group[j] != group)) {
        v += h.b_province;
      }
      u[j] = v;
    }
  }
};

}  // namespace

std::unique_ptr<Process> make_household_relocation() {
  return std::make_unique<HouseholdRelocation>();
}

}  // namespace relocsim
