#include "engine/world/synthesis.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <utility>

#include "engine/core/parallel.h"
#include "engine/world/firm_sizes.h"

namespace relocsim {

namespace {

std::uint32_t stochastic_round(double x, double u) {
  const double f = std::floor(x);
  return static_cast<std::uint32_t>(f + (u < x - f ? 1 : 0));
}

std::vector<double> zone_weights(const World& w, const std::vector<std::string>& zones,
                                 const std::vector<double>& given) {
  std::vector<double> weights;
  for (std::size_t k = 0; k < zones.size(); ++k) {
    weights.push_back(!given.empty()
                          ? given[k]
                          : w.model.zones[w.model.find_zone(zones[k]).get()].base_residents);
  }
  return weights;
}

int ownership_code(const std::string& o) {
  return o == "local_soe" ? 1 : o == "central_soe" ? 2 : 0;
}
int tier_code(const std::string& t) { return t == "second" ? 1 : t == "third" ? 2 : 0; }

// Residents with age, income, registration and labour-force status; employed ones get a work
// zone later. Returns the employed count by home zone.
// The inverse of a modulo n (a and n coprime, n >= 1), by the extended Euclidean algorithm.
std::uint64_t inverse_mod(std::uint64_t a, std::uint64_t n) {
  if (n == 1) return 0;
  std::int64_t t = 0;
  std::int64_t next_t = 1;
  auto r = static_cast<std::int64_t>(n);
  auto next_r = static_cast<std::int64_t>(a % n);
  while (next_r != 0) {
    const std::int64_t q = r / next_r;
    t = std::exchange(next_t, t - q * next_t);
    r = std::exchange(next_r, r - q * next_r);
  }
  return static_cast<std::uint64_t>(t < 0 ? t + static_cast<std::int64_t>(n) : t);
}

void synthesise_residents(World& w, const std::vector<std::uint64_t>& offset) {
  const auto& pop = w.model.population();
  const int year = w.model.start_year;
  const std::size_t zones = w.zone_count();
  auto& r = w.residents;
  // Each zone's profile, then the residents in chunks (zones differ a hundredfold in size, so
  // zones as units of work would leave a thread idle); resident i's draws are keyed by i.
  struct ZoneProfile {
    const ProvinceProfile* province;
    const FunctionalAreaProfile* area;
    double employed_given_lf;
  };
  std::vector<ZoneProfile> profile(zones);
  for (std::size_t z = 0; z < zones; ++z) {
    const ZoneInfo& info = w.model.zones[z];
    const ProvinceProfile& prov = *std::find_if(
        pop.provinces.begin(), pop.provinces.end(),
        [&](const ProvinceProfile& p) { return p.province == w.model.provinces[info.province]; });
    const FunctionalAreaProfile& area = *std::find_if(
        pop.areas.begin(), pop.areas.end(),
        [&](const FunctionalAreaProfile& a) { return a.area == w.model.areas[info.area]; });
    profile[z] = {
        &prov, &area,
        prov.participation_rate > 0 ? prov.employment_rate / prov.participation_rate : 0.0};
  }
  for_chunks(offset[zones], w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    // Columns and constants through locals: the byte stores below may alias anything, so values
    // reached through references would be loaded again for each resident.
    ZoneId* const home = r.home.data();
    ZoneId* const work = r.work.data();
    std::uint32_t* const employer = r.employer.data();
    std::uint8_t* const born = r.born.data();
    std::uint8_t* const traits = r.traits.data();
    std::uint8_t* const moved = r.moved.data();
    const Rng rng = w.rng;
    const int working_age_min = pop.working_age_min;
    const int retirement_age = pop.retirement_age;
    const int born_base = year - kBirthYearBase;
    std::size_t z = static_cast<std::size_t>(
        std::upper_bound(offset.begin(), offset.end(), std::uint64_t{begin}) - offset.begin() - 1);
    // The generator's words for a block of residents at a time, in a batch (`Rng::words_range`).
    constexpr std::size_t kBlock = 256;
    std::array<std::array<std::uint32_t, kBlock>, 4> block_words;
    for (std::uint64_t block = begin; block < end; block += kBlock) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, end - block));
      rng.words_range(year, Stream::kSynthesis, block, n,
                      {block_words[0].data(), block_words[1].data(), block_words[2].data(),
                       block_words[3].data()});
      for (std::size_t k = 0; k < n; ++k) {
        const std::uint64_t i = block + k;
        while (i >= offset[z + 1]) ++z;
        const ProvinceProfile& prov = *profile[z].province;
        const FunctionalAreaProfile& area = *profile[z].area;
        const double employed_given_lf = profile[z].employed_given_lf;
        // One generator call's four 32-bit words, the last split into two 16-bit halves.
        const std::array<std::uint32_t, 4> a = {block_words[0][k], block_words[1][k],
                                                block_words[2][k], block_words[3][k]};
        constexpr double k32 = 0x1.0p-32;
        const int band = pick_share(prov.age_shares, a[0] * k32);
        const int age = band_first_age(band) +
                        static_cast<int>(a[1] % static_cast<std::uint32_t>(band_width(band)));
        const int quintile = pick_share(area.income_shares, a[2] * k32);
        const bool local = (a[3] >> 16) * 0x1.0p-16 < prov.local_hukou_share;
        const bool working_age = age >= working_age_min && age < retirement_age;
        const double u = ((a[3] & 0xFFFFu) + (a[1] >> 16) * 0x1.0p-16) * 0x1.0p-16;
        const bool in_lf = working_age && u < prov.participation_rate;
        const bool employed = in_lf && u < prov.participation_rate * employed_given_lf;
        home[i] = ZoneId::from(z);
        work[i] = employed ? ZoneId::from(z) : ZoneId::none();  // placeholder: employed marker
        employer[i] = EmployerRef{}.raw();
        born[i] = static_cast<std::uint8_t>(born_base - age);
        traits[i] = Traits::make(quintile, local, in_lf);
        moved[i] = 0;
      }
    }
  });
}

// Doubly constrained gravity model of the base-year commute: T_hw proportional to
// a_h b_w W_h F_w exp(-decay t_hw), rows summing to workers by home, columns to filled positions.
std::vector<double> commute_matrix(const World& w, const std::vector<double>& workers,
                                   const std::vector<double>& filled_target, double decay) {
  const std::size_t n = w.zone_count();
  std::vector<double> f(n * n);
  for (std::size_t h = 0; h < n; ++h) {
    for (std::size_t k = 0; k < n; ++k) {
      f[h * n + k] = std::exp(-decay * w.network.minutes(ZoneId::from(h), ZoneId::from(k)));
    }
  }
  std::vector<double> a(n, 1.0);
  std::vector<double> b(n, 1.0);
  const double total_w = std::accumulate(workers.begin(), workers.end(), 0.0);
  const double total_f = std::accumulate(filled_target.begin(), filled_target.end(), 0.0);
  std::vector<double> target = filled_target;
  for (auto& t : target) t *= total_w / total_f;
  for (int it = 0; it < 500; ++it) {
    double change = 0;
    for (std::size_t h = 0; h < n; ++h) {
      double s = 0;
      for (std::size_t k = 0; k < n; ++k) s += b[k] * target[k] * f[h * n + k];
      const double next = s > 0 ? 1.0 / s : 0.0;
      change = std::max(change, std::fabs(next - a[h]) / std::max(next, 1e-300));
      a[h] = next;
    }
    for (std::size_t k = 0; k < n; ++k) {
      double s = 0;
      for (std::size_t h = 0; h < n; ++h) s += a[h] * workers[h] * f[h * n + k];
      b[k] = s > 0 ? 1.0 / s : 0.0;
    }
    if (change < 1e-10) break;
  }
  std::vector<double> t(n * n);
  for (std::size_t h = 0; h < n; ++h) {
    for (std::size_t k = 0; k < n; ++k) {
      t[h * n + k] = a[h] * workers[h] * b[k] * target[k] * f[h * n + k];
    }
  }
  return t;
}

}  // namespace

std::vector<int> allocate_counts(int count, const std::vector<double>& weights) {
  std::vector<int> out(weights.size(), 0);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0 || weights.empty()) return out;
  std::vector<std::pair<double, std::size_t>> remainder;
  int given = 0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    const double exact = count * weights[k] / total;
    out[k] = static_cast<int>(std::floor(exact));
    given += out[k];
    remainder.emplace_back(exact - out[k], k);
  }
  std::stable_sort(remainder.begin(), remainder.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  for (int k = 0; k < count - given; ++k) ++out[remainder[static_cast<std::size_t>(k)].second];
  return out;
}

World build_world(const Scenario& s, int threads) {
  World w;
  w.model = Model::build(s);
  w.rng = Rng(s.info.seed);
  w.threads = std::max(1, threads);
  w.year = s.info.start_year;
  const std::size_t zones = w.zone_count();
  const std::size_t sectors = w.sector_count();
  const double scale = w.scale();
  const int year = w.year;
  const auto& pop = s.population;

  w.network = Network(w.model, s.geography);
  w.network.update(year);

  // Institutions: every body is one agent; positions are staff x scale, rounded stochastically.
  for (const auto& spec : pop.institutions) {
    const std::vector<int> per_zone =
        allocate_counts(spec.count, zone_weights(w, spec.zones, spec.weights));
    for (std::size_t k = 0; k < spec.zones.size(); ++k) {
      for (int b = 0; b < per_zone[k]; ++b) {
        const std::size_t id = w.institutions.size();
        w.institutions.kind.push_back(w.model.find_kind(spec.kind));
        w.institutions.zone.push_back(w.model.find_zone(spec.zones[k]));
        w.institutions.staff.push_back(spec.staff);
        w.institutions.jobs.push_back(stochastic_round(
            spec.staff * scale, w.rng.uniform(year, Stream::kSynthesisInstitutions, id)));
        w.institutions.filled.push_back(0);
        w.institutions.capacity.push_back(spec.capacity);
        w.institutions.ownership.push_back(
            static_cast<std::uint8_t>(ownership_code(spec.ownership)));
        w.institutions.moved.push_back(0);
        w.institutions.mandated_to.push_back(ZoneId::none());
      }
    }
  }
  // Enumerated firms (e.g. central SOE headquarters): one agent each.
  std::uint64_t firm_draw = 0;
  for (const auto& spec : pop.firms) {
    const std::vector<int> per_zone =
        allocate_counts(spec.count, zone_weights(w, spec.zones, spec.weights));
    const SectorId sector = w.model.find_sector(spec.sector);
    for (std::size_t k = 0; k < spec.zones.size(); ++k) {
      for (int b = 0; b < per_zone[k]; ++b) {
        const std::uint32_t positions = std::max<std::uint32_t>(
            1, stochastic_round(spec.jobs * scale,
                                w.rng.uniform(year, Stream::kSynthesisFirms, firm_draw++)));
        w.firms.add(w.model.find_zone(spec.zones[k]), sector,
                    FirmFlags::make(ownership_code(spec.ownership), tier_code(spec.tier)),
                    positions, year);
      }
    }
  }

  // Residents.
  std::vector<std::uint64_t> offset(zones + 1, 0);
  for (std::size_t z = 0; z < zones; ++z) {
    offset[z + 1] = offset[z] + static_cast<std::uint64_t>(
                                    std::llround(w.model.zones[z].base_residents * scale));
  }
  w.residents.reserve(offset[zones] + offset[zones] / 8);
  w.residents.resize(offset[zones]);
  synthesise_residents(w, offset);
  std::vector<double> workers(zones, 0.0);
  {
    const std::size_t chunks = chunk_count(w.residents.slots());
    std::vector<double> partial(chunks * zones, 0.0);
    for_chunks(w.residents.slots(), w.threads, [&](std::size_t c, std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        if (w.residents.work[i].valid()) partial[c * zones + w.residents.home[i].get()] += 1;
      }
    });
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t z = 0; z < zones; ++z) workers[z] += partial[c * zones + z];
    }
  }

  // Positions by zone: workers x relative job density, scaled to workers x (1 + vacancy).
  std::vector<double> positions(zones);
  double density_total = 0;
  double workers_total = 0;
  for (std::size_t z = 0; z < zones; ++z) {
    const auto& area = *std::find_if(pop.areas.begin(), pop.areas.end(), [&](const auto& a) {
      return a.area == w.model.areas[w.model.zones[z].area];
    });
    positions[z] = workers[z] * area.job_density;
    density_total += positions[z];
    workers_total += workers[z];
  }
  for (auto& p : positions) p *= workers_total * (1 + pop.job_vacancy_rate) / density_total;
  std::vector<double> taken(zones, 0.0);
  for (std::size_t i = 0; i < w.institutions.size(); ++i) {
    taken[w.institutions.zone[i].get()] += w.institutions.jobs[i];
  }
  for (std::size_t f = 0; f < w.firms.size(); ++f) taken[w.firms.zone[f].get()] += w.firms.jobs[f];

  // Synthesised firms: sector shares of the zone's functional area, establishment sizes geometric
  // with the sector's mean; the last firm of a zone and sector takes the remainder exactly.
  for (std::size_t z = 0; z < zones; ++z) {
    const auto& area = *std::find_if(pop.areas.begin(), pop.areas.end(), [&](const auto& a) {
      return a.area == w.model.areas[w.model.zones[z].area];
    });
    const double firm_positions = std::max(0.0, positions[z] - taken[z]);
    for (std::size_t s = 0; s < sectors; ++s) {
      const SectorSpec& sector = pop.sectors[s];
      const auto share = area.sector_shares.find(sector.id);
      if (share == area.sector_shares.end() || share->second <= 0) continue;
      auto remaining = static_cast<long long>(std::llround(firm_positions * share->second));
      while (remaining > 0) {
        const auto words = w.rng.words(year, Stream::kSynthesisFirms, firm_draw++);
        const std::uint32_t drawn =
            draw_firm_positions(sector, w.model.positions_per_job(),
                                Rng::to_unit(words[0], words[1]), Rng::to_unit(words[2], words[3]));
        const auto positions = static_cast<std::uint32_t>(std::min<long long>(drawn, remaining));
        w.firms.add(ZoneId::from(z), SectorId::from(s), FirmFlags::make(0, 0), positions,
                    year - 1 - static_cast<int>(words[3] % 20));
        remaining -= positions;
      }
    }
  }

  // Positions that exist now, by zone, and the filled positions they aim at.
  std::vector<double> zone_positions(zones, 0.0);
  for (std::size_t i = 0; i < w.institutions.size(); ++i) {
    zone_positions[w.institutions.zone[i].get()] += w.institutions.jobs[i];
  }
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    zone_positions[w.firms.zone[f].get()] += w.firms.jobs[f];
  const std::vector<double> commute = commute_matrix(w, workers, zone_positions, pop.commute_decay);
  w.base_commute = commute;

  // Work zones: each worker draws from its home zone's row of the commute matrix.
  std::vector<double> row_cdf(zones * zones);
  for (std::size_t h = 0; h < zones; ++h) {
    double total = 0;
    for (std::size_t k = 0; k < zones; ++k) total += commute[h * zones + k];
    double c = 0;
    for (std::size_t k = 0; k < zones; ++k) {
      c += total > 0 ? commute[h * zones + k] / total : 0.0;
      row_cdf[h * zones + k] = c;
    }
    row_cdf[h * zones + zones - 1] = 1.0 + 1e-12;
  }
  auto& r = w.residents;
  const std::size_t chunks = chunk_count(r.slots());
  std::vector<std::uint32_t> count_at(chunks * zones, 0);
  for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (!r.work[i].valid()) continue;
      const double u = w.rng.uniform(year, Stream::kSynthesis, i | (2ull << 40));
      const double* cdf = &row_cdf[r.home[i].get() * zones];
      const std::size_t k = static_cast<std::size_t>(std::upper_bound(cdf, cdf + zones, u) - cdf);
      r.work[i] = ZoneId::from(std::min(k, zones - 1));
      ++count_at[c * zones + r.work[i].get()];
    }
  });

  // Employers: each work zone's positions, institutions first then firms, in index order. The
  // zone's n workers, in a random (affine) permutation, take the positions (m + v) P / n,
  // m = 0..n-1: spread evenly, so every employer starts at about the same vacancy.
  std::vector<std::vector<std::uint32_t>> employers(zones);
  std::vector<std::vector<double>> cumulative(zones);
  for (std::size_t i = 0; i < w.institutions.size(); ++i) {
    const std::size_t z = w.institutions.zone[i].get();
    employers[z].push_back(EmployerRef::institution(InstitutionId::from(i)).raw());
    cumulative[z].push_back((cumulative[z].empty() ? 0 : cumulative[z].back()) +
                            w.institutions.jobs[i]);
  }
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const std::size_t z = w.firms.zone[f].get();
    employers[z].push_back(EmployerRef::firm(FirmId::from(f)).raw());
    cumulative[z].push_back((cumulative[z].empty() ? 0 : cumulative[z].back()) + w.firms.jobs[f]);
  }
  // Workers listed by work zone (a counting sort, chunk by chunk: the same for any thread count).
  std::vector<std::uint64_t> zone_start(zones + 1, 0);
  std::vector<std::uint64_t> start(chunks * zones, 0);
  {
    std::vector<std::uint64_t> total(zones, 0);
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t z = 0; z < zones; ++z) total[z] += count_at[c * zones + z];
    }
    for (std::size_t z = 0; z < zones; ++z) zone_start[z + 1] = zone_start[z] + total[z];
    std::vector<std::uint64_t> next(zone_start.begin(), zone_start.end() - 1);
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t z = 0; z < zones; ++z) {
        start[c * zones + z] = next[z];
        next[z] += count_at[c * zones + z];
      }
    }
  }
  std::vector<std::uint32_t> by_zone(zone_start[zones]);
  for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::vector<std::uint64_t> at(start.begin() + c * zones, start.begin() + (c + 1) * zones);
    for (std::size_t i = b; i < e; ++i) {
      if (r.work[i].valid()) by_zone[at[r.work[i].get()]++] = static_cast<std::uint32_t>(i);
    }
  });
  for_each_index(zones, w.threads, [&](std::size_t z) {
    const std::uint64_t n = zone_start[z + 1] - zone_start[z];
    if (n == 0) return;
    const std::uint32_t* workers = &by_zone[zone_start[z]];
    const auto words = w.rng.words(year, Stream::kSynthesis, (3ull << 40) + z);
    const double shift = Rng::to_unit(words[0], words[1]);
    const std::uint64_t add = words[2] % n;
    std::uint64_t mult = n > 1 ? 1 + words[3] % (n - 1) : 1;
    while (std::gcd(mult, n) != 1) mult = mult % (n - 1) + 1;
    const auto& cum = cumulative[z];
    const double p_total = cum.empty() ? 0.0 : cum.back();
    // With more workers than positions (tiny scales only) those past the last stay unemployed.
    const double spacing =
        static_cast<double>(n) <= p_total ? p_total / static_cast<double>(n) : 1.0;
    // Position m goes to the worker at list place (mult m + add) mod n. The employers are found
    // in position order (a walk along the cumulative positions), and then written in list order,
    // place p taking position (p - add) mult^-1 mod n: both walks are sequential in memory.
    std::vector<std::uint32_t> employer_at(n);
    std::size_t j = 0;
    for (std::uint64_t m = 0; m < n; ++m) {
      const double position = (static_cast<double>(m) + shift) * spacing;
      while (j < cum.size() && cum[j] <= position) ++j;
      if (j == cum.size()) {
        employer_at[m] = EmployerRef::kNone;
        continue;
      }
      const EmployerRef employer = EmployerRef::from_raw(employers[z][j]);
      employer_at[m] = employer.raw();
      if (employer.is_institution()) {
        ++w.institutions.filled[employer.institution_id().get()];
      } else {
        ++w.firms.filled[employer.firm_id().get()];
      }
    }
    const std::uint64_t inverse = inverse_mod(mult, n);
    std::uint64_t m = (n - add) % n * inverse % n;  // the position of place 0
    for (std::uint64_t place = 0; place < n; ++place) {
      const std::uint32_t i = workers[place];
      if (employer_at[m] == EmployerRef::kNone) {
        r.work[i] = ZoneId::none();
      } else {
        r.employer[i] = employer_at[m];
      }
      m = m + inverse >= n ? m + inverse - n : m + inverse;
    }
  });

  // Zone state: capacities with base-year vacancy, indices at 1, service capacity from bodies.
  w.zones.resize(zones);
  take_census(w, w.census);
  for (std::size_t z = 0; z < zones; ++z) {
    w.zones.residents[z] = w.census.residents[z];
    w.zones.housing_capacity[z] = w.census.residents[z] * (1 + pop.housing_vacancy_rate);
    w.zones.floorspace_capacity[z] = w.census.zone_jobs(z) * (1 + pop.floorspace_vacancy_rate);
    w.zones.rent_housing[z] = 1;
    w.zones.rent_commercial[z] = 1;
    w.zones.amenity[z] = 1;
    w.zones.environment[z] = 1;
  }
  for (std::size_t i = 0; i < w.institutions.size(); ++i) {
    const Service service = w.model.kind_service[w.institutions.kind[i].get()];
    if (service != Service::kNone) {
      w.zones.service_capacity[static_cast<int>(service)][w.institutions.zone[i].get()] +=
          w.institutions.capacity[i];
    }
  }
  for (int sv = 0; sv < kServices; ++sv)
    w.zones.service_capacity_base[sv] = w.zones.service_capacity[sv];
  std::vector<double> jobs_by_zone(zones);
  for (std::size_t z = 0; z < zones; ++z) jobs_by_zone[z] = w.census.zone_jobs(z);
  w.network.update_accessibility(jobs_by_zone, s.behaviour.network.accessibility_decay);
  w.policy.reset(zones, sectors);
  w.tally.reset(zones);
  return w;
}

}  // namespace relocsim
