// Household relocation: a hazard from life stage, commute, rent and policy push (and a strong push
// when the employer moved away) selects movers by systematic sampling per home zone; each mover
// chooses a zone by logit (DESIGN.md section 3, step 8) among zones with housing to spare, in
// rounds; those still without a home stay where they are.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/choice/calibration.h"
#include "engine/choice/household_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/parallel.h"
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
    if (w.base_commute.size() != zones * zones) {
      throw std::logic_error("household calibration: the world has no base-year commute matrix");
    }
    // Movers per choice row at base-year hazards; constants make inflows equal outflows. Workers
    // per row are expected counts (expected_workers_by_cell), the others counted.
    const auto hazard = choice::household_hazard_table(w);
    // Residents per choice row, counted in a fixed number of blocks in parallel (whole numbers:
    // exact for any thread count), times the row's hazard.
    std::vector<double> movers(choice::household_rows(w), 0.0);
    {
      const auto& r = w.residents;
      constexpr std::size_t kBlocks = 32;
      const std::size_t n = r.slots();
      const std::size_t row_count = choice::household_rows(w);
      std::vector<std::uint32_t> count(kBlocks * row_count, 0);
      const auto band_of_born = age_bands_by_birth_byte(w.year);
      for_each_index(kBlocks, w.threads, [&](std::size_t b) {
        // Columns and tables through locals (the counts are stores that may alias them): the
        // row is row_of's, with the age band looked up by the birth-year byte.
        std::uint32_t* const out = &count[b * row_count];
        const ZoneId* const home = r.home.data();
        const ZoneId* const work = r.work.data();
        const std::uint8_t* const born = r.born.data();
        const std::uint8_t* const traits = r.traits.data();
        const std::uint8_t* const band_of = band_of_born.data();
        for (std::size_t i = n * b / kBlocks; i < n * (b + 1) / kBlocks; ++i) {
          if (!home[i].valid()) continue;
          const std::size_t pair = home[i].get() * (zones + 1) + work_column(work[i], zones);
          ++out[pair * choice::kQaRows +
                choice::qa_index(Traits::quintile(traits[i]), band_of[born[i]])];
        }
      });
      std::vector<double> residents(row_count, 0.0);
      for (std::size_t row = 0; row < row_count; ++row) {
        std::uint64_t total = 0;
        for (std::size_t b = 0; b < kBlocks; ++b) total += count[b * row_count + row];
        residents[row] = static_cast<double>(total);
      }
      expected_workers_by_cell(w, residents);
      for (std::size_t row = 0; row < row_count; ++row) {
        if (residents[row] <= 0) continue;
        const int band = static_cast<int>(row % choice::kQaRows) % kAgeBands;
        movers[row] =
            residents[row] *
            hazard[choice::hazard_index(zones, origin_of(w, row), work_of(w, row), band, false)];
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
    // workers of each zone live in the base year is an equilibrium: for the expected workers of
    // each (home, work) cell, so the sampled cells drift towards their expectation.
    const std::size_t works = zones + 1;
    w.calibration.household.assign(works * zones, 0.0);
    const auto& cal = w.model.behaviour().calibration;
    std::vector<std::vector<std::uint32_t>> rows_of(works);
    for (std::size_t row = 0; row < movers.size(); ++row) {
      if (movers[row] > 0) rows_of[work_of(w, row)].push_back(static_cast<std::uint32_t>(row));
    }
    // The work zones' constants are independent: solved in parallel.
    for_each_index(works, w.threads, [&](std::size_t k) {
      std::vector<double> u(zones);
      std::vector<double> p(zones);
      std::vector<double> target_k(zones, 0.0);
      double total_k = 0;
      for (const auto row : rows_of[k]) {
        target_k[origin_of(w, row)] += movers[row];
        total_k += movers[row];
      }
      if (k < zones) {
        // Expected movers, plus a little of the expected commute so that no home zone of a
        // work zone's workers is empty (its constant would otherwise be undetermined): it matters
        // only for home zones without workers, since every other has expected movers to k.
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
              choice::household_utility_row(w, row, constants.data(), base, nullptr, u.data());
              if (!choice::softmax(u.data(), p.data(), zones)) continue;
              for (std::size_t j = 0; j < zones; ++j) out[j] += movers[row] * p[j];
            }
          },
          cal.iterations, cal.tolerance);
      std::copy(asc.begin(), asc.end(),
                w.calibration.household.begin() + static_cast<std::ptrdiff_t>(k * zones));
    });
  }

  void step(World& w, const YearContext& ctx) override {
    const int year = ctx.year;
    const std::size_t zones = w.zone_count();
    auto& r = w.residents;
    const auto movers = choice::select_household_movers(w, year);
    if (movers.empty()) return;

    std::vector<std::uint32_t> row(movers.size());
    std::vector<std::uint32_t> group(movers.size());
    std::vector<std::uint32_t> origin(movers.size());
    std::vector<double> priority(movers.size());
    std::vector<double> capacity_left(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      capacity_left[z] = std::max(0.0, w.zones.housing_capacity[z] - w.zones.residents[z]);
    }
    for_chunks(movers.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint32_t i = movers[k];
        row[k] = static_cast<std::uint32_t>(row_of(w, i, age_band(r.age(i, year))));
        group[k] = static_cast<std::uint32_t>(r.home[i].get() * (zones + 1) + work_index(w, i));
        origin[k] = static_cast<std::uint32_t>(r.home[i].get());
        priority[k] = w.rng.uniform(year, Stream::kHouseholdLottery, i);
      }
    });
    for (const std::uint32_t z : origin) capacity_left[z] += 1;  // each mover frees its home
    const auto uniforms = choice::stratified_uniforms(group, zones * (zones + 1), w.rng, year,
                                                      Stream::kHouseholdChoice, w.threads);
    const auto base = choice::household_zone_utility(w, capacity_left);
    const auto result = markets::clear_in_rounds(
        movers.size(), {}, priority, capacity_left, w.model.behaviour().market.rounds, w.threads,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table;
          choice::household_table(w, base, open.data(), w.threads, table);
          markets::draw_from_table(table, round, pending, row, uniforms, w.rng, year,
                                   Stream::kHouseholdChoice, w.threads, dest);
        });
    // Population caps: moves into a capped group beyond its room are revoked (those movers stay).
    std::vector<std::int32_t> destination = result.destination;
    if (!w.policy.caps.empty()) {
      markets::enforce_caps(w, origin, destination, priority);
    }
    // The moves, in chunks in parallel: homes are the movers' own; zone counts and flows are
    // whole numbers counted per chunk and added up (exact in any order).
    const std::size_t chunks = chunk_count(movers.size());
    std::vector<std::uint32_t> moved(chunks * zones * zones, 0);  // [chunk][from][to]
    for_chunks(movers.size(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      std::uint32_t* const count = &moved[c * zones * zones];
      for (std::size_t k = begin; k < end; ++k) {
        const int to = destination[k];
        if (to < 0) continue;  // no room anywhere it wanted: stays
        const std::uint32_t i = movers[k];
        r.home[i] = ZoneId::from(to);
        r.moved[i] = static_cast<std::uint8_t>(year - kBirthYearBase);
        ++count[origin[k] * zones + static_cast<std::size_t>(to)];
      }
    });
    for (std::size_t from = 0; from < zones; ++from) {
      for (std::size_t to = 0; to < zones; ++to) {
        std::uint64_t n = 0;
        for (std::size_t c = 0; c < chunks; ++c) n += moved[(c * zones + from) * zones + to];
        if (n == 0) continue;
        const auto movers_from_to = static_cast<double>(n);
        w.zones.residents[from] -= movers_from_to;
        w.zones.residents[to] += movers_from_to;
        w.tally.movers_resident += movers_from_to;
        w.tally.flow(YearTally::kResident, from, to) += movers_from_to;
      }
    }
    for (std::size_t z = 0; z < zones; ++z) {
      w.zones.housing_unmet[z] += result.unmet[z];
      w.zones.housing_unplaced[z] += result.unplaced[z];
    }
  }

 private:
  static std::size_t work_index(const World& w, std::size_t i) {
    const ZoneId work = w.residents.work[i];
    return work_column(work, w.zone_count());
  }
  static std::size_t row_of(const World& w, std::size_t i, int band) {
    const std::size_t zones = w.zone_count();
    const int q = Traits::quintile(w.residents.traits[i]);
    return (w.residents.home[i].get() * (zones + 1) + work_index(w, i)) * choice::kQaRows +
           choice::qa_index(q, band);
  }
  // Replaces each home zone's workers per (work zone, quintile, age band) row by their expectation
  // given the zone's workers per (quintile, age band): spread over work zones by the synthesis's
  // commute matrix, the distribution their work zones were drawn from (at tiny scales, where a
  // work zone has more workers than positions, synthesis then leaves the surplus without work:
  // the expectation ignores that). Calibrating to sampled counts would make the constants of
  // sparse (home, work) cells, long commutes with a handful of agents or none, follow the sample:
  // zero agents give a constant several log-units below one, and how many agents a cell happens
  // to hold differs with the scale and the seed.
  static void expected_workers_by_cell(const World& w, std::vector<double>& residents) {
    const std::size_t zones = w.zone_count();
    for (std::size_t home = 0; home < zones; ++home) {
      const double* const commute = &w.base_commute[home * zones];
      double commute_total = 0;
      for (std::size_t k = 0; k < zones; ++k) commute_total += commute[k];
      if (commute_total <= 0) continue;
      for (std::size_t qa = 0; qa < choice::kQaRows; ++qa) {
        const auto at = [&](std::size_t k) -> double& {
          return residents[(home * (zones + 1) + k) * choice::kQaRows + qa];
        };
        double workers = 0;
        for (std::size_t k = 0; k < zones; ++k) workers += at(k);
        for (std::size_t k = 0; k < zones; ++k) at(k) = workers * commute[k] / commute_total;
      }
    }
  }
  static std::size_t work_of(const World& w, std::size_t row) {
    return (row / choice::kQaRows) % (w.zone_count() + 1);
  }
  static std::size_t origin_of(const World& w, std::size_t row) {
    return row / choice::kQaRows / (w.zone_count() + 1);
  }
};

}  // namespace

std::unique_ptr<Process> make_household_relocation() {
  return std::make_unique<HouseholdRelocation>();
}

}  // namespace relocsim
