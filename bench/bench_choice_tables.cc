// Segment utility tables and drawing from them (engine/choice/): the household destination table
// that household relocation builds every round (one row per origin, work zone or none, income
// quintile and age band: 32 x 33 x 20 = 21,120 rows over 32 zones in the baseline), the firm
// movers' table (forced or not, origin, sector), ChoiceTable::finish alone, and
// ChoiceTable::draw for a million movers, and a million movers cleared in rounds against housing
// (markets::clear_in_rounds, as household relocation runs it). The tables' cost does not depend
// on the scale.
//
// The household rows are the engine's (choice::household_utility_row). The firm rows mirror
// firm_relocation.cc, whose row function is private to that file; keep it in step when it changes.
#include <benchmark/benchmark.h>

#include <cmath>
#include <span>
#include <vector>

#include "bench/bench_world.h"
#include "engine/choice/firm_utility.h"
#include "engine/choice/household_utility.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/markets/clearing.h"
#include "engine/world/world.h"

namespace relocsim::bench {
namespace {

constexpr double kKernelScale = 0.01;

// Housing left per zone as household relocation sees it before its first round.
std::vector<double> housing_left(const World& w) {
  std::vector<double> left(w.zone_count());
  for (std::size_t z = 0; z < left.size(); ++z) {
    left[z] = std::max(0.0, w.zones.housing_capacity[z] - w.zones.residents[z]) +
              0.05 * w.zones.residents[z];  // about the homes movers free
  }
  return left;
}

// The utilities of every household row (choice::household_utility_row), all zones open.
void fill_household_table(const World& w, const std::vector<double>& base,
                          choice::ChoiceTable& table) {
  const std::size_t zones = w.zone_count();
  for (std::size_t row = 0; row < table.rows(); ++row) {
    const std::size_t work = (row / choice::kQaRows) % (zones + 1);
    choice::household_utility_row(w, row, &w.calibration.household[work * zones], base, nullptr,
                                  table.row_data(row));
  }
}

void set_cells(benchmark::State& state, const choice::ChoiceTable& table) {
  const double cells = static_cast<double>(table.rows() * table.alternatives());
  state.counters["rows"] = static_cast<double>(table.rows());
  state.counters["cells"] = cells;
  set_rate(state, "cells/s", cells);
}

// Utilities of a destination by income quintile and age band (20 x 32 values).
void BM_HouseholdZoneUtility(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  const auto vacant = housing_left(w);
  for (auto _ : state) {
    auto base = choice::household_zone_utility(w, vacant);
    benchmark::DoNotOptimize(base.data());
  }
}
BENCHMARK(BM_HouseholdZoneUtility)->Unit(benchmark::kMicrosecond);

// One round's household table: zone utilities, the 21,120 rows, softmax into cumulative rows
// (choice::household_table: blocks of rows on the benchmark threads).
void BM_HouseholdChoiceTable(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  const auto vacant = housing_left(w);
  choice::ChoiceTable table;
  for (auto _ : state) {
    const auto base = choice::household_zone_utility(w, vacant);
    choice::household_table(w, base, nullptr, threads(), table);
    benchmark::DoNotOptimize(table.row_data(0));
  }
  set_cells(state, table);
}
BENCHMARK(BM_HouseholdChoiceTable)->Unit(benchmark::kMillisecond);

// finish() alone (utilities to cumulative probabilities, one exp per cell) on the household table.
void BM_ChoiceTableFinish(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  choice::ChoiceTable filled(choice::household_rows(w), w.zone_count());
  fill_household_table(w, choice::household_zone_utility(w, housing_left(w)), filled);
  choice::ChoiceTable table;
  for (auto _ : state) {
    state.PauseTiming();
    table = filled;
    state.ResumeTiming();
    table.finish();
    benchmark::DoNotOptimize(table.row_data(0));
  }
  set_cells(state, table);
}
BENCHMARK(BM_ChoiceTableFinish)->Unit(benchmark::kMillisecond);

// One round's firm movers' table: firm zone utilities and 2 x zones x sectors rows.
void BM_FirmChoiceTable(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  std::vector<double> vacant(w.zone_count());
  for (std::size_t z = 0; z < vacant.size(); ++z) {
    vacant[z] = std::max(1.0, w.zones.floorspace_capacity[z] - w.census.zone_jobs(z));
  }
  choice::ChoiceTable table;
  for (auto _ : state) {
    const auto utility = choice::firm_zone_utility(w, vacant);
    choice::firm_mover_table(w, utility, nullptr, table);
    benchmark::DoNotOptimize(table.row_data(0));
  }
  set_cells(state, table);
}
BENCHMARK(BM_FirmChoiceTable)->Unit(benchmark::kMicrosecond);

// Rows of `movers` residents of the base-year world (a stride through them, so rows are as skewed
// as real movers').
std::vector<std::uint32_t> mover_rows(const World& w, std::size_t movers) {
  const std::size_t zones = w.zone_count();
  const auto& r = w.residents;
  std::vector<std::uint32_t> row(movers);
  for (std::size_t k = 0, i = 0; k < movers; ++k) {
    while (!r.home[i].valid()) i = (i + 1) % r.slots();
    const std::size_t work = r.work[i].valid() ? r.work[i].get() : zones;
    const int band = age_band(r.age(i, w.year));
    row[k] = static_cast<std::uint32_t>((r.home[i].get() * (zones + 1) + work) * choice::kQaRows +
                                        choice::qa_index(Traits::quintile(r.traits[i]), band));
    i = (i + 7919) % r.slots();  // a stride through the residents, coprime with most sizes
  }
  return row;
}

// Destinations for a million movers: each takes its row (that of a resident of the base-year
// world, so rows are as skewed as real movers') and one uniform; the row fetched ahead and
// counted (ChoiceTable::draw).
void BM_DrawDestinations(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  choice::ChoiceTable table;
  choice::household_table(w, choice::household_zone_utility(w, housing_left(w)), nullptr, 1, table);
  const auto movers = static_cast<std::size_t>(state.range(0));
  const auto row = mover_rows(w, movers);
  std::vector<double> uniform(movers);
  for (std::size_t k = 0; k < movers; ++k) {
    uniform[k] = w.rng.uniform(w.year, Stream::kHouseholdChoice, k);
  }
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (std::size_t k = 0; k < movers; ++k) {
      // As markets::draw_from_table does: the row of the chooser 8 ahead is fetched.
      if (k + 8 < movers) table.prefetch_row(row[k + 8]);
      sum += table.draw(row[k], uniform[k]);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(movers) * state.iterations());
  set_rate(state, "draws/s", static_cast<double>(movers));
}
BENCHMARK(BM_DrawDestinations)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// A million movers cleared in rounds against housing, as household relocation does it: the
// first draw with every zone open, then rounds in which the table is rebuilt over the zones still
// open, the movers are grouped by the zone they drew and zones accept in lottery order (on the
// benchmark threads). Housing is 95 % of the movers' demand, spread like the base year's, so the
// popular zones fill and their rejected movers draw again.
void BM_ClearHouseholdMovers(benchmark::State& state) {
  const World& w = base_year(kKernelScale).world();
  const std::size_t zones = w.zone_count();
  const auto movers = static_cast<std::size_t>(state.range(0));
  const auto row = mover_rows(w, movers);
  std::vector<std::uint32_t> group(movers);
  std::vector<double> priority(movers);
  for (std::size_t k = 0; k < movers; ++k) {
    group[k] = row[k] / static_cast<std::uint32_t>(choice::kQaRows);  // (home, work) pair
    priority[k] = w.rng.uniform(w.year, Stream::kHouseholdLottery, k);
  }
  const auto uniforms = choice::stratified_uniforms(group, zones * (zones + 1), w.rng, w.year,
                                                    Stream::kHouseholdChoice, threads());
  const auto left = housing_left(w);
  double total = 0;
  for (const double v : left) total += v;
  std::vector<double> housing(zones);
  for (std::size_t z = 0; z < zones; ++z) {
    housing[z] = std::floor(0.95 * static_cast<double>(movers) * left[z] / total);
  }
  const auto base = choice::household_zone_utility(w, left);
  double placed = 0;
  for (auto _ : state) {
    std::vector<double> capacity = housing;
    const auto result = markets::clear_in_rounds(
        movers, {}, priority, capacity, w.model.behaviour().market.rounds, threads(),
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table;
          choice::household_table(w, base, open.data(), threads(), table);
          markets::draw_from_table(table, round, pending, row, uniforms, w.rng, w.year,
                                   Stream::kHouseholdChoice, threads(), dest);
        });
    placed = 0;
    for (const auto d : result.destination) placed += d >= 0 ? 1 : 0;
    benchmark::DoNotOptimize(placed);
  }
  state.counters["placed"] = placed;
  set_rate(state, "movers/s", static_cast<double>(movers));
}
BENCHMARK(BM_ClearHouseholdMovers)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace relocsim::bench
