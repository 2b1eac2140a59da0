// Demography: deaths, births and external migration by province. Deaths, births and emigrants of
// each zone are drawn by systematic sampling within each zone and age class, with age-specific
// relative weights, so each zone's counts are its rates times its residents, rounded per class;
// in-migrants choose a zone of their province by logit (like movers do), subject to housing
// capacity and population caps.
#include <algorithm>
#include <array>
#include <cmath>

#include "engine/choice/calibration.h"
#include "engine/choice/household_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/parallel.h"
#include "engine/core/systematic.h"
#include "engine/markets/caps.h"
#include "engine/markets/clearing.h"
#include "engine/processes/process.h"
#include "engine/processes/rates.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

// In-migrants' attributes: age band and income quintile shares by province.
struct MigrantProfile {
  std::vector<double> band;      // [band]
  std::vector<double> quintile;  // [quintile]
};

class Demography final : public Process {
 public:
  std::string_view name() const override { return "demography"; }

  void setup(World& w) override {
    const auto& pop = w.model.population();
    const std::size_t zones = w.zone_count();
    profiles_.assign(w.model.provinces.size(), {});
    for (std::size_t p = 0; p < w.model.provinces.size(); ++p) {
      const auto& prov =
          *std::find_if(pop.provinces.begin(), pop.provinces.end(),
                        [&](const auto& v) { return v.province == w.model.provinces[p]; });
      auto& profile = profiles_[p];
      profile.band.resize(kAgeBands);
      double total = 0;
      for (int b = 0; b < kAgeBands; ++b) {
        profile.band[b] = prov.age_shares[b] * pop.emigration_by_age[b];
        total += profile.band[b];
      }
      for (auto& v : profile.band) v = total > 0 ? v / total : 0.25;
      profile.quintile.assign(kIncomeQuintiles, 0.0);
      double residents = 0;
      for (std::size_t z = 0; z < zones; ++z) {
        if (w.model.zones[z].province != static_cast<int>(p)) continue;
        const auto& area = *std::find_if(pop.areas.begin(), pop.areas.end(), [&](const auto& a) {
          return a.area == w.model.areas[w.model.zones[z].area];
        });
        for (int q = 0; q < kIncomeQuintiles; ++q) {
          profile.quintile[q] += area.income_shares[q] * w.zones.residents[z];
        }
        residents += w.zones.residents[z];
      }
      for (auto& v : profile.quintile) v = residents > 0 ? v / residents : 0.2;
    }
    // Constants for in-migrants: each province's arrivals spread like its base-year residents.
    w.calibration.immigrant.assign(zones, 0.0);
    std::vector<double> vacant(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      vacant[z] = w.zones.housing_capacity[z] - w.zones.residents[z];
    }
    const auto base = choice::household_zone_utility(w, vacant);
    std::vector<double> target(zones);
    for (std::size_t z = 0; z < zones; ++z) target[z] = w.zones.residents[z];
    const auto& cal = w.model.behaviour().calibration;
    choice::calibrate_constants(
        w.calibration.immigrant, target,
        [&](const std::vector<double>& asc, std::vector<double>& out) {
          std::fill(out.begin(), out.end(), 0.0);
          std::vector<double> u(zones);
          std::vector<double> p(zones);
          for (std::size_t prov = 0; prov < profiles_.size(); ++prov) {
            double province_residents = 0;
            for (std::size_t z = 0; z < zones; ++z) {
              if (w.model.zones[z].province == static_cast<int>(prov))
                province_residents += target[z];
            }
            for (int q = 0; q < kIncomeQuintiles; ++q) {
              for (int a = 0; a < kAgeBands; ++a) {
                const double weight = profiles_[prov].quintile[q] * profiles_[prov].band[a];
                for (std::size_t z = 0; z < zones; ++z) {
                  u[z] = w.model.zones[z].province == static_cast<int>(prov)
                             ? asc[z] + base[choice::qa_index(q, a) * zones + z]
                             : choice::kUnavailable;
                }
                if (!choice::softmax(u.data(), p.data(), zones)) continue;
                for (std::size_t z = 0; z < zones; ++z)
                  out[z] += province_residents * weight * p[z];
              }
            }
          }
        },
        cal.iterations, cal.tolerance);
  }

  void step(World& w, const YearContext& ctx) override {
    remove_and_bear(w, ctx.year);
    immigrate(w, ctx.year);
  }

 private:
  static constexpr int kEvents = 3;  // death, emigration, birth

  void remove_and_bear(World& w, int year) {
    const auto& pop = w.model.population();
    const std::size_t zones = w.zone_count();
    auto& r = w.residents;
    const auto fertile_min = static_cast<int>(pop.fertility_ages[0]);
    const auto fertile_max = static_cast<int>(pop.fertility_ages[1]);
    std::vector<double> targets(kEvents * zones);
    for (std::size_t z = 0; z < zones; ++z) {
      const auto trend = trend_for(pop, w.model.provinces[w.model.zones[z].province], year);
      targets[z] = trend.death_rate * w.zones.residents[z];
      targets[zones + z] = trend.emigration_rate * w.zones.residents[z];
      targets[2 * zones + z] = trend.birth_rate * w.zones.residents[z];
    }
    // The three weights depend on age only, through the age band and whether the age is fertile:
    // eight weight classes, looked up by the birth-year byte.
    constexpr std::size_t kClasses = std::size_t{2} * kAgeBands;
    std::array<double, kClasses * kEvents> class_weight{};
    for (int band = 0; band < kAgeBands; ++band) {
      for (int fertile = 0; fertile < 2; ++fertile) {
        double* wv = &class_weight[static_cast<std::size_t>(band * 2 + fertile) * kEvents];
        wv[0] = pop.mortality_by_age[band];
        wv[1] = pop.emigration_by_age[band];
        wv[2] = fertile;
      }
    }
    std::array<std::uint8_t, 256> class_of_born{};
    for (int born = 0; born < 256; ++born) {
      const int age = year - kBirthYearBase - born;
      const bool fertile = age >= fertile_min && age <= fertile_max;
      class_of_born[born] = static_cast<std::uint8_t>(age_band(age) * 2 + (fertile ? 1 : 0));
    }
    const ZoneId* home_col = r.home.data();
    const std::uint8_t* born_col = r.born.data();
    // Pass 1: residents per chunk, zone and weight class (whole numbers, so exact for any thread
    // count).
    const std::size_t cells = zones * kClasses;  // key = zone * kClasses + class
    const std::size_t chunks = chunk_count(r.slots());
    std::vector<std::uint32_t> chunk_count_of(chunks * cells, 0);  // [chunk * cells + key]
    for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      // Four copies of the counts, used in turn, so that consecutive residents of one zone and
      // class do not wait on each other's update; columns and table through locals.
      constexpr std::size_t kWays = 4;
      std::vector<std::uint32_t> ways(kWays * cells, 0);
      std::uint32_t* const way_count = ways.data();
      const ZoneId* const homes = home_col;
      const std::uint8_t* const borns = born_col;
      const std::uint8_t* const class_of = class_of_born.data();
      for (std::size_t i = begin; i < end; ++i) {
        const ZoneId home = homes[i];
        if (!home.valid()) continue;
        ++way_count[(i % kWays) * cells + home.get() * kClasses + class_of[borns[i]]];
      }
      std::uint32_t* out = &chunk_count_of[c * cells];
      for (std::size_t k = 0; k < kWays * cells; ++k) out[k % cells] += way_count[k];
    });
    // From here on chunk_count_of holds the residents of each key in earlier chunks (the rank a
    // chunk starts from).
    std::vector<std::uint64_t> residents_of(cells, 0);  // [key]
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t key = 0; key < cells; ++key) {
        const std::uint32_t n = chunk_count_of[c * cells + key];
        chunk_count_of[c * cells + key] = static_cast<std::uint32_t>(residents_of[key]);
        residents_of[key] += n;
      }
    }
    // Each event's probability per zone and class: the zone's target spread over its residents
    // in proportion to the class weights.
    std::vector<double> probability(kEvents * cells, 0.0);  // [event * cells + key]
    std::vector<double> offset(kEvents * cells, 0.0);
    for (int e = 0; e < kEvents; ++e) {
      for (std::size_t z = 0; z < zones; ++z) {
        double total = 0;
        for (std::size_t k = 0; k < kClasses; ++k) {
          total +=
              static_cast<double>(residents_of[z * kClasses + k]) * class_weight[k * kEvents + e];
        }
        const double scale = total > 0 ? targets[e * zones + z] / total : 0.0;
        for (std::size_t k = 0; k < kClasses; ++k) {
          const std::size_t at = e * cells + z * kClasses + k;
          probability[at] = scale * class_weight[k * kEvents + e];
          offset[at] = w.rng.uniform(year, Stream::kDemographyOffsets, at);
        }
      }
    }
    // Pass 2: select, by systematic sampling within each zone and class (one stratum per event,
    // zone and class): the residents of a stratum are ranked in index order, and rank r is
    // selected when (offset + p r, offset + p (r + 1)] holds an integer. The next selected rank is
    // computed ahead, so a resident costs one count-down; a chunk starts from the ranks its
    // predecessors counted. Removed residents and mothers are collected per chunk, in index order.
    auto next_selected = [&](std::size_t at, std::uint64_t rank) {
      return next_selected_rank(probability[at], offset[at], rank);
    };
    std::vector<std::vector<std::uint32_t>> died(chunks);
    std::vector<std::vector<std::uint32_t>> left(chunks);
    std::vector<std::vector<std::uint32_t>> mothers(chunks);
    for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      const std::uint32_t* const rank_of = &chunk_count_of[c * cells];
      std::vector<std::uint32_t> next_of(kEvents * cells);
      static_assert(kEvents == 3, "soonest_next takes the minimum over the three events");
      auto soonest_next = [&](std::size_t key) {
        return std::min({next_of[key], next_of[cells + key], next_of[2 * cells + key]});
      };
      // Per key, the ranks still to pass before the key's next selected rank (the soonest of the
      // three events' next selected ranks): a resident whose count is not 0 is only counted
      // down, and one whose count is 0 is at that rank. kNeverSelected less a rank stays above
      // any chunk's length.
      std::vector<std::uint32_t> ahead_of(cells);
      for (std::size_t key = 0; key < cells; ++key) {
        for (int e = 0; e < kEvents; ++e)
          next_of[e * cells + key] = next_selected(e * cells + key, rank_of[key]);
        ahead_of[key] = soonest_next(key) - rank_of[key];
      }
      // The chunk's own lists, moved into place at the end: appending to died[c] and the others
      // would write vector headers on cache lines the other threads' chunks are writing too.
      std::vector<std::uint32_t> mothers_here;
      std::vector<std::uint32_t> died_here;
      std::vector<std::uint32_t> left_here;
      // A resident at its key's soonest selected rank: which events select it, and the key's next
      // soonest rank. Out of line, so that the loop below keeps its few pointers in registers.
      auto at_soonest = [&](std::size_t i, std::size_t key) __attribute__((noinline)) {
        const std::uint32_t at_rank = soonest_next(key);
        bool selected[kEvents];
        for (int e = 0; e < kEvents; ++e) {
          std::uint32_t& next = next_of[e * cells + key];
          selected[e] = at_rank == next;
          if (selected[e]) next = next_selected(e * cells + key, std::uint64_t{at_rank} + 1);
        }
        ahead_of[key] = soonest_next(key) - (at_rank + 1);
        if (selected[2]) mothers_here.push_back(static_cast<std::uint32_t>(i));
        if (selected[0]) {
          died_here.push_back(static_cast<std::uint32_t>(i));
        } else if (selected[1]) {
          left_here.push_back(static_cast<std::uint32_t>(i));
        }
      };
      // Locals, so that the loop does not load them again after every store.
      std::uint32_t* const ahead = ahead_of.data();
      const std::uint8_t* const class_of = class_of_born.data();
      const ZoneId* const homes = home_col;
      const std::uint8_t* const borns = born_col;
      for (std::size_t i = begin; i < end; ++i) {
        const ZoneId home = homes[i];
        if (!home.valid()) continue;
        const std::size_t key = home.get() * kClasses + class_of[borns[i]];
        if (ahead[key]-- != 0) [[likely]]
          continue;
        at_soonest(i, key);
      }
      mothers[c] = std::move(mothers_here);
      died[c] = std::move(died_here);
      left[c] = std::move(left_here);
    });
    // Newborns first (their mothers' attributes are still in place), then removals.
    const auto mother_list = concat_chunks(mothers);
    std::vector<ZoneId> newborn_home(mother_list.size());
    std::vector<std::uint8_t> newborn_traits(mother_list.size());
    for_chunks(mother_list.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint32_t m = mother_list[k];
        const std::uint8_t t = r.traits[m];
        newborn_home[k] = r.home[m];
        newborn_traits[k] = Traits::make(Traits::quintile(t), Traits::local_hukou(t), false);
      }
    });
    // Removals per chunk of residents, in parallel (a chunk's dead and emigrants are its own
    // residents), counted per chunk and home zone; the employers' filled positions are lowered
    // after, in one tight loop (an atomic update per leaver would wait on memory each time).
    std::vector<std::uint32_t> removed(chunks * 2 * zones, 0);  // [chunk][died, left][zone]
    std::vector<std::vector<std::uint32_t>> left_employer(chunks);
    for_each_index(chunks, w.threads, [&](std::size_t c) {
      std::uint32_t* const count = &removed[c * 2 * zones];
      std::vector<std::uint32_t> employers;  // moved into place at the end (see above)
      employers.reserve(died[c].size() + left[c].size());
      auto remove = [&](std::uint32_t i, std::uint32_t* zone_count) {
        const std::uint32_t raw = r.employer[i];
        if (raw != EmployerRef::kNone) employers.push_back(raw);
        zone_count[r.home[i].get()] += 1;
        r.work[i] = ZoneId::none();
        r.employer[i] = EmployerRef{}.raw();
      };
      for (const std::uint32_t i : died[c]) remove(i, count);
      for (const std::uint32_t i : left[c]) remove(i, count + zones);
      left_employer[c] = std::move(employers);
    });
    for (const auto& employers : left_employer) {
      for (const std::uint32_t raw : employers) {
        const EmployerRef e = EmployerRef::from_raw(raw);
        if (e.is_firm()) --w.firms.filled[e.firm_id().get()];
        if (e.is_institution()) --w.institutions.filled[e.institution_id().get()];
      }
    }
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t z = 0; z < zones; ++z) {
        const std::uint32_t dead = removed[c * 2 * zones + z];
        const std::uint32_t emigrants = removed[c * 2 * zones + zones + z];
        w.zones.residents[z] -= dead + emigrants;
        w.tally.deaths += dead;
        w.tally.emigrants += emigrants;
        w.tally.flow(YearTally::kResident, z, zones) += emigrants;
      }
    }
    {
      const auto dead = concat_chunks(died);
      const auto emigrants = concat_chunks(left);
      std::vector<std::uint32_t> freed;
      freed.reserve(dead.size() + emigrants.size());
      std::merge(dead.begin(), dead.end(), emigrants.begin(), emigrants.end(),
                 std::back_inserter(freed));
      r.release(freed);
    }
    // Births: the slots first (in the order one at a time would give them), then the residents.
    const auto slots = r.take_slots(mother_list.size());
    const auto born = static_cast<std::uint8_t>(year - kBirthYearBase);
    for_chunks(slots.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        const std::uint32_t i = slots[k];
        r.home[i] = newborn_home[k];
        r.work[i] = ZoneId::none();
        r.employer[i] = EmployerRef{}.raw();
        r.born[i] = born;
        r.traits[i] = newborn_traits[k];
        r.moved[i] = 0;
      }
    });
    for (const ZoneId zone : newborn_home) w.zones.residents[zone.get()] += 1;
    w.tally.births += static_cast<double>(newborn_home.size());
  }

  void immigrate(World& w, int year) {
    const auto& pop = w.model.population();
    const auto& behaviour = w.model.behaviour();
    const std::size_t zones = w.zone_count();
    const std::size_t provinces = w.model.provinces.size();
    // How many arrive per province: rate x residents, rounded with a keyed draw.
    std::vector<double> residents(provinces, 0.0);
    for (std::size_t z = 0; z < zones; ++z)
      residents[w.model.zones[z].province] += w.zones.residents[z];
    struct Arrival {
      int province;
      int quintile;
      int band;
    };
    // Arrivals per province, then their attributes in parallel: arrival g (over all provinces in
    // order) takes keyed draw g.
    std::vector<std::uint64_t> first(provinces + 1, 0);
    for (std::size_t p = 0; p < provinces; ++p) {
      const auto trend = trend_for(pop, w.model.provinces[p], year);
      const double expected = trend.immigration_rate * residents[p];
      const auto n = static_cast<std::uint64_t>(
          std::floor(expected + w.rng.uniform(year, Stream::kImmigrantTraits, (1ull << 40) + p)));
      first[p + 1] = first[p] + n;
    }
    std::vector<Arrival> arrivals(first[provinces]);
    std::vector<std::uint32_t> rows(arrivals.size());
    for_chunks(arrivals.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      std::size_t p = 0;
      for (std::size_t g = begin; g < end; ++g) {
        while (g >= first[p + 1]) ++p;
        const auto n = static_cast<double>(first[p + 1] - first[p]);
        const auto k = static_cast<double>(g - first[p]);
        // Attributes by stratified shares: the counts of each band and quintile follow the
        // province's migrant profile to within one.
        const auto words = w.rng.words(year, Stream::kImmigrantTraits, g);
        const double ub = (k + Rng::to_unit(words[0], 0)) / n;
        const double uq = Rng::to_unit(words[1], words[2]);
        const int band = pick_share(profiles_[p].band, ub);
        const int quintile = pick_share(profiles_[p].quintile, uq);
        arrivals[g] = {static_cast<int>(p), quintile, band};
        rows[g] = static_cast<std::uint32_t>((p * kIncomeQuintiles + quintile) * kAgeBands + band);
      }
    });
    if (arrivals.empty()) return;
    const std::size_t row_count = provinces * choice::kQaRows;
    const auto uniforms = choice::stratified_uniforms(rows, row_count, w.rng, year,
                                                      Stream::kImmigrantChoice, w.threads);
    std::vector<double> priority(arrivals.size());
    for_chunks(arrivals.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        priority[k] = w.rng.uniform(year, Stream::kHousingLottery, (1ull << 40) + k);
      }
    });
    std::vector<double> capacity_left(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      capacity_left[z] = std::max(0.0, w.zones.housing_capacity[z] - w.zones.residents[z]) *
                         std::clamp(w.policy.immigration_factor[z], 0.0, 1.0);
    }
    markets::limit_to_headroom(w, capacity_left);
    const auto base = choice::household_zone_utility(w, capacity_left);
    const auto result = markets::clear_in_rounds(
        arrivals.size(), {}, priority, capacity_left, behaviour.market.rounds, w.threads,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table(row_count, zones);
          for (std::size_t row = 0; row < row_count; ++row) {
            const std::size_t p = row / choice::kQaRows;
            const std::size_t qa = row % choice::kQaRows;
            for (std::size_t z = 0; z < zones; ++z) {
              table.utility(row, z) = w.model.zones[z].province == static_cast<int>(p) && open[z]
                                          ? w.calibration.immigrant[z] + base[qa * zones + z]
                                          : choice::kUnavailable;
            }
          }
          table.finish();
          markets::draw_from_table(table, round, pending, rows, uniforms, w.rng, year,
                                   Stream::kImmigrantChoice, w.threads, dest);
        });
    for (std::size_t z = 0; z < zones; ++z) {
      w.zones.housing_unmet[z] += result.unmet[z];
      w.zones.housing_unplaced[z] += result.unplaced[z];
    }
    // Those placed, in arrival order: their slots first (in the order one at a time would give
    // them), then their age and labour-force status from keyed draws, in parallel.
    std::vector<double> participation(provinces);
    for (std::size_t p = 0; p < provinces; ++p) {
      participation[p] =
          std::find_if(pop.provinces.begin(), pop.provinces.end(), [&](const auto& v) {
            return v.province == w.model.provinces[p];
          })->participation_rate;
    }
    std::vector<std::uint32_t> placed;
    placed.reserve(arrivals.size());
    for (std::size_t k = 0; k < arrivals.size(); ++k) {
      if (result.destination[k] >= 0) placed.push_back(static_cast<std::uint32_t>(k));
    }
    auto& r = w.residents;
    const auto slots = r.take_slots(placed.size());
    const auto moved = static_cast<std::uint8_t>(year - kBirthYearBase);
    for_chunks(placed.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t j = begin; j < end; ++j) {
        const std::uint32_t k = placed[j];
        const auto& a = arrivals[k];
        const auto words = w.rng.words(year, Stream::kImmigrantTraits, (2ull << 40) + k);
        const int age = band_first_age(a.band) +
                        static_cast<int>(words[0] % static_cast<std::uint32_t>(band_width(a.band)));
        const bool working_age = age >= pop.working_age_min && age < pop.retirement_age;
        const bool in_lf = working_age && Rng::to_unit(words[1], words[2]) <
                                              participation[static_cast<std::size_t>(a.province)];
        const std::uint32_t i = slots[j];
        r.home[i] = ZoneId::from(result.destination[k]);
        r.work[i] = ZoneId::none();
        r.employer[i] = EmployerRef{}.raw();
        r.born[i] = static_cast<std::uint8_t>(year - age - kBirthYearBase);
        r.traits[i] = Traits::make(a.quintile, false, in_lf);
        r.moved[i] = moved;
      }
    });
    for (const std::uint32_t k : placed) {
      const auto z = static_cast<std::size_t>(result.destination[k]);
      w.zones.residents[z] += 1;
      w.tally.flow(YearTally::kResident, zones, z) += 1;
    }
    w.tally.immigrants += static_cast<double>(placed.size());
  }

  std::vector<MigrantProfile> profiles_;
};

}  // namespace

std::unique_ptr<Process> make_demography() { return std::make_unique<Demography>(); }

}  // namespace relocsim
