// Labour market: residents enter the labour force at working age and leave it at retirement;
// workers lose their job when their employer closes or shrinks; staff of an employer that moved
// commute to the new place or quit, more often the longer the new commute. Job seekers choose a
// work zone by logit on commute time and vacancies, then take an open position there.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

#include "engine/choice/calibration.h"
#include "engine/choice/logit.h"
#include "engine/choice/stratified.h"
#include "engine/core/parallel.h"
#include "engine/core/systematic.h"
#include "engine/markets/clearing.h"
#include "engine/processes/labour_scan.h"
#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class LabourMarket final : public Process {
 public:
  std::string_view name() const override { return "labour_market"; }

  void setup(World& w) override {
    const std::size_t zones = w.zone_count();
    participation_.assign(zones, 0.0);
    for (std::size_t z = 0; z < zones; ++z) {
      const auto& pop = w.model.population();
      const auto& prov =
          *std::find_if(pop.provinces.begin(), pop.provinces.end(), [&](const auto& p) {
            return p.province == w.model.provinces[w.model.zones[z].province];
          });
      participation_[z] = prov.participation_rate;
    }
    // Constants: seekers from each home zone (in proportion to its workers) spread over work
    // zones in proportion to their positions.
    w.calibration.labour.assign(zones, 0.0);
    std::vector<double> target(zones);
    std::vector<double> seekers(zones);
    double total_jobs = 0;
    for (std::size_t z = 0; z < zones; ++z) {
      target[z] = w.census.zone_jobs(z);
      seekers[z] = w.census.workers[z];
      total_jobs += target[z];
    }
    const double total_seekers = std::accumulate(seekers.begin(), seekers.end(), 0.0);
    for (auto& t : target) t *= total_seekers / std::max(total_jobs, 1.0);
    const auto vacancies = open_positions(w);
    const auto& cal = w.model.behaviour().calibration;
    choice::calibrate_constants(
        w.calibration.labour, target,
        [&](const std::vector<double>& asc, std::vector<double>& out) {
          std::fill(out.begin(), out.end(), 0.0);
          std::vector<double> u(zones);
          std::vector<double> p(zones);
          for (std::size_t h = 0; h < zones; ++h) {
            if (seekers[h] <= 0) continue;
            utility_row(w, h, asc, vacancies, u.data(), nullptr);
            if (!choice::softmax(u.data(), p.data(), zones)) continue;
            for (std::size_t k = 0; k < zones; ++k) out[k] += seekers[h] * p[k];
          }
        },
        cal.iterations, cal.tolerance);
  }

  void step(World& w, const YearContext& ctx) override {
    const auto seekers = separations(w, ctx.year);
    match(w, ctx.year, seekers);
    withdraw_unfilled(w, ctx.year);
  }

 private:
  // Positions still open after the year's search, beyond `vacancy_tolerance` times the normal
  // vacancy of their zone
  // and sector, are withdrawn in part: labour demand follows the labour that is there. The excess
  // is taken from the zone and sector's firms in proportion to their open positions (measured over
  // the group, since one firm agent's few positions are too coarse). Institutions keep their posts.
  static void withdraw_unfilled(World& w, int year) {
    auto& f = w.firms;
    const double vacancy = w.model.population().job_vacancy_rate;
    const double share = w.model.behaviour().firm.vacancy_withdrawal;
    const double tolerance = w.model.behaviour().firm.vacancy_tolerance;
    if (share <= 0) return;
    const std::size_t sectors = w.sector_count();
    const std::size_t cells = w.zone_count() * sectors;
    // Positions and open positions by zone and sector, in whole numbers per chunk of firms
    // (exact, so the same for any thread count).
    const std::size_t chunks = chunk_count(f.size());
    std::vector<std::uint64_t> partial(chunks * cells * 2, 0);
    for_chunks(f.size(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      std::uint64_t* out = &partial[c * cells * 2];
      for (std::size_t i = begin; i < end; ++i) {
        if (!f.alive(i) || !w.model.sector(f.sector[i]).sampled) continue;
        const std::size_t k = f.zone[i].get() * sectors + f.sector[i].get();
        out[2 * k] += f.jobs[i];
        if (f.jobs[i] > f.filled[i]) out[2 * k + 1] += f.jobs[i] - f.filled[i];
      }
    });
    std::vector<std::uint64_t> jobs(cells, 0);
    std::vector<std::uint64_t> open(cells, 0);
    for (std::size_t c = 0; c < chunks; ++c) {
      for (std::size_t k = 0; k < cells; ++k) {
        jobs[k] += partial[(c * cells + k) * 2];
        open[k] += partial[(c * cells + k) * 2 + 1];
      }
    }
    std::vector<double> cut_share(cells, 0.0);
    for (std::size_t k = 0; k < cells; ++k) {
      const double excess = static_cast<double>(open[k]) - tolerance * vacancy * jobs[k];
      if (excess > 0 && open[k] > 0) cut_share[k] = share * excess / static_cast<double>(open[k]);
    }
    // Each firm's cut is its own keyed draw: firms in parallel.
    for_chunks(f.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        if (!f.alive(i) || f.jobs[i] <= f.filled[i] || !w.model.sector(f.sector[i]).sampled)
          continue;
        const double c = cut_share[f.zone[i].get() * sectors + f.sector[i].get()];
        if (c <= 0) continue;
        const double u = w.rng.uniform(year, Stream::kFirmGrowth, i | (1ull << 40));
        const double cut = std::floor((f.jobs[i] - f.filled[i]) * c + u);
        f.jobs[i] = static_cast<std::uint32_t>(std::max(0.0, f.jobs[i] - cut));
      }
    });
  }

  static std::vector<double> open_positions(const World& w) {
    std::vector<double> open(w.zone_count(), 0.0);
    const auto& f = w.firms;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f.alive(i) && f.jobs[i] > f.filled[i]) open[f.zone[i].get()] += f.jobs[i] - f.filled[i];
    }
    const auto& in = w.institutions;
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in.jobs[i] > in.filled[i]) open[in.zone[i].get()] += in.jobs[i] - in.filled[i];
    }
    return open;
  }

  static void utility_row(const World& w, std::size_t home, const std::vector<double>& asc,
                          const std::vector<double>& open, double* u, const std::uint8_t* allowed) {
    const auto& b = w.model.behaviour().labour;
    for (std::size_t k = 0; k < w.zone_count(); ++k) {
      const double minutes = w.network.minutes(ZoneId::from(home), ZoneId::from(k));
      u[k] = open[k] > 0 && (allowed == nullptr || allowed[k]) && minutes <= b.max_commute_minutes
                 ? asc[k] + b.b_time * minutes + b.b_vacancy * std::log(open[k])
                 : choice::kUnavailable;
    }
  }

  // One pass over residents; returns the job seekers in index order.
  std::vector<std::uint32_t> separations(World& w, int year) {
    auto& r = w.residents;
    auto& f = w.firms;
    auto& in = w.institutions;
    const auto& pop = w.model.population();
    const auto& b = w.model.behaviour().labour;
    // What a firm's staff must look at this year: one status byte per firm (closed, moved,
    // shrank below its staff), and for the few firms with a status, where the firm is now and the
    // share of its staff laid off. The pass over residents prefetches, a little ahead, the status
    // byte of the worker's firm; its second loop, over the residents with anything to do, the
    // firm's record.
    struct Look {
      float layoff;  // share of the staff laid off where the firm shrank below its staff
      ZoneId zone;   // where the firm is now
    };
    constexpr std::uint8_t kClosed = 1;
    constexpr std::uint8_t kMovedAway = 2;
    constexpr std::uint8_t kShrank = 4;
    // One more entry, always 0, stands for "no firm", so that the lookup needs no branch, and
    // three bytes of padding for the scan's four-byte reads. (`look_at` has the entry too, for
    // the prefetch.)
    std::vector<std::uint8_t> status(f.size() + 4, 0);
    std::vector<Look> look_at(f.size() + 1);
    for_chunks(f.size(), w.threads, [&](std::size_t /*c*/, std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        std::uint8_t st = 0;
        Look l{0.0F, f.zone[i]};
        if (!f.alive(i)) {
          st = kClosed;
        } else {
          if ((f.flags[i] & FirmFlags::kMoved) != 0) st |= kMovedAway;
          if (f.filled[i] > f.jobs[i]) {
            st |= kShrank;
            l.layoff =
                static_cast<float>(f.filled[i] - f.jobs[i]) / static_cast<float>(f.filled[i]);
          }
        }
        status[i] = st;
        look_at[i] = l;
      }
    });
    const std::size_t zones = w.zone_count();
    const auto& minutes = w.network.minutes_matrix();
    // Working-age residents outside the labour force join it where it has fallen below the
    // participation rate (people enter at every working age, not only at the first).
    std::vector<double> join(zones, 0.0);
    for (std::size_t z = 0; z < zones; ++z) {
      const double working_age = w.census.by_age[z][1] + w.census.by_age[z][2];
      const double outside = working_age - w.census.labour_force[z];
      const double gap = participation_[z] * working_age - w.census.labour_force[z];
      if (gap > 0 && outside > 0) join[z] = std::min(1.0, gap / outside);
    }
    // Which residents need anything this year (`labour::ResidentScan`): most need nothing
    // (retired and out of the labour force, at a firm without news, or outside the labour force
    // in a zone where it is not short, except at the first working age).
    labour::ScanRule rule;
    rule.year = year;
    rule.working_age_min = pop.working_age_min;
    rule.retirement_age = pop.retirement_age;
    rule.short_zone.resize(zones);
    for (std::size_t z = 0; z < zones; ++z) rule.short_zone[z] = join[z] > 0 ? 1 : 0;
    // Staff of institutions have news only in years when an institution moved.
    rule.institution_moved =
        std::any_of(in.moved.begin(), in.moved.end(), [](auto m) { return m != 0; });
    rule.status = status;
    const labour::ResidentScan scan(rule);
    const labour::ScanColumns columns{r.employer.data(), r.home.data(), r.born.data(),
                                      r.traits.data()};
    std::vector<std::vector<std::uint32_t>> per_chunk(chunk_count(r.slots()));
    std::vector<std::vector<std::uint32_t>> left_per_chunk(chunk_count(r.slots()));
    for_chunks(r.slots(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      // The chunk's lists are its own until the end: appending to per_chunk[c] itself would write
      // a vector header that shares a cache line with the neighbouring chunks' (which the other
      // threads are appending to at the same time).
      std::vector<std::uint32_t> seekers;
      std::vector<std::uint32_t> left;  // employers (raw references) of those who left a job
      // First loop: list the residents who need anything (and clear last year's "employer
      // moved" marks).
      std::vector<std::uint32_t> busy(end - begin);
      const std::size_t busy_count = scan.list(columns, begin, end, busy.data());
      // Their draws for entering the labour force and for a successful search, made in a batch
      // (the loop below branches on them, and would otherwise wait on each).
      const std::span<const std::uint32_t> listed(busy.data(), busy_count);
      std::vector<double> entry_draw(busy_count);
      std::vector<double> search_draw(busy_count);
      w.rng.uniforms(year, Stream::kLabourEntry, listed, 0, entry_draw.data());
      w.rng.uniforms(year, Stream::kLabourChoice, listed, 1ull << 41, search_draw.data());
      // Second loop: the residents listed, with the firm's record prefetched a little ahead.
      constexpr std::size_t kAhead = 8;
      const std::uint32_t* const employer_col = r.employer.data();
      const Look* const look_of = look_at.data();
      for (std::size_t k = 0; k < busy_count; ++k) {
        if (k + kAhead < busy_count) {
          const std::uint32_t raw = employer_col[busy[k + kAhead]];
          if (raw < EmployerRef::kInstitutionBit) __builtin_prefetch(look_of + raw);
        }
        const std::size_t i = busy[k];
        const ZoneId home = r.home[i];
        std::uint8_t t = r.traits[i];
        const int age = year - kBirthYearBase - r.born[i];
        EmployerRef e = EmployerRef::from_raw(employer_col[i]);
        // The employer's count of filled positions is lowered after the pass (an atomic update
        // here would wait on memory for every leaver).
        auto leave_job = [&] {
          left.push_back(e.raw());
          e = EmployerRef{};
          r.employer[i] = e.raw();
          r.work[i] = ZoneId::none();
        };
        if (age >= pop.retirement_age) {
          if (e.employed()) leave_job();
          t &= static_cast<std::uint8_t>(~Traits::kLabourForce);
        } else if (age >= pop.working_age_min && !Traits::labour_force(t)) {
          const double p =
              age == pop.working_age_min ? participation_[home.get()] : join[home.get()];
          if (p > 0 && entry_draw[k] < p) t |= Traits::kLabourForce;
        }
        // The employer moved: the staff follow it to the new place or quit.
        auto follow_or_quit = [&](ZoneId now) {
          if (now == r.work[i]) return;
          const double commute = minutes[home.get() * zones + now.get()];
          const double quit = 1 / (1 + std::exp(-b.quit_slope * (commute - b.quit_minutes)));
          if (w.rng.uniform(year, Stream::kStaffResponse, i | (1ull << 40)) < quit) {
            leave_job();
          } else {
            r.work[i] = now;
            t |= Traits::kEmployerMoved;
          }
        };
        if (e.is_firm()) {
          const std::uint8_t st = status[e.firm_id().get()];
          if (st != 0) {
            const Look l = look_at[e.firm_id().get()];
            if ((st & kClosed) != 0 ||
                ((st & kShrank) != 0 && l.layoff > 0 &&
                 w.rng.uniform(year, Stream::kStaffResponse, i) < l.layoff)) {
              leave_job();
            }
            if (e.employed() && (st & kMovedAway) != 0) follow_or_quit(l.zone);
          }
        } else if (e.is_institution() && in.moved[e.institution_id().get()] != 0) {
          follow_or_quit(in.zone[e.institution_id().get()]);
        }
        r.traits[i] = t;
        // Search takes time: only some of the unemployed find an offer within the year.
        if (Traits::labour_force(t) && !e.employed() && search_draw[k] < b.search_success) {
          seekers.push_back(static_cast<std::uint32_t>(i));
        }
      }
      per_chunk[c] = std::move(seekers);
      left_per_chunk[c] = std::move(left);
    });
    for (const auto& left : left_per_chunk) {
      for (const std::uint32_t raw : left) {
        const EmployerRef e = EmployerRef::from_raw(raw);
        if (e.is_firm()) --f.filled[e.firm_id().get()];
        if (e.is_institution()) --in.filled[e.institution_id().get()];
      }
    }
    return concat_chunks(per_chunk);
  }

  void match(World& w, int year, const std::vector<std::uint32_t>& seekers) {
    if (seekers.empty()) return;
    auto& r = w.residents;
    const std::size_t zones = w.zone_count();
    std::vector<double> open = open_positions(w);
    std::vector<std::uint32_t> rows(seekers.size());
    std::vector<double> priority(seekers.size());
    for_chunks(seekers.size(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        rows[k] = r.home[seekers[k]].get();
        priority[k] = w.rng.uniform(year, Stream::kLabourLottery, seekers[k]);
      }
    });
    const auto uniforms =
        choice::stratified_uniforms(rows, zones, w.rng, year, Stream::kLabourChoice, w.threads);
    std::vector<double> capacity_left = open;
    const auto result = markets::clear_in_rounds(
        seekers.size(), {}, priority, capacity_left, w.model.behaviour().labour.rounds, w.threads,
        [&](int round, std::span<const std::uint32_t> pending,
            const std::vector<std::uint8_t>& is_open, std::vector<std::int32_t>& dest) {
          choice::ChoiceTable table(zones, zones);
          for (std::size_t h = 0; h < zones; ++h) {
            utility_row(w, h, w.calibration.labour, open, table.row_data(h), is_open.data());
          }
          table.finish();
          markets::draw_from_table(table, round, pending, rows, uniforms, w.rng, year,
                                   Stream::kLabourChoice, w.threads, dest);
        });
    // Within a work zone, the zone's hired seekers spread evenly over its open positions.
    std::vector<std::vector<std::uint32_t>> hired(zones);
    for (std::size_t k = 0; k < seekers.size(); ++k) {
      if (result.destination[k] >= 0)
        hired[static_cast<std::size_t>(result.destination[k])].push_back(seekers[k]);
    }
    // Within a zone, employers with open positions stand in a line, institutions first and then
    // firms in index order, each holding as many places as it has open positions; the zone's n
    // hires take the places (k + shift) total / n, k = 0 .. n - 1, each going to the employer
    // whose places hold its own (the first whose cumulative open positions exceed it). The firms
    // are not listed: each chunk of firms is a stretch of every zone's line, which starts where
    // the earlier chunks' open positions end, so the chunks are walked in parallel, each serving
    // the hires whose places fall in its stretches. Cumulative positions are whole numbers
    // (exact in a double), so the chunks' starts are exact and the hires land where one walk
    // along the whole line would put them.
    auto& f = w.firms;
    auto& in = w.institutions;
    const std::size_t chunks = chunk_count(f.size());
    std::vector<std::uint64_t> open_in(chunks * zones, 0);  // [chunk][zone]
    for_chunks(f.size(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      std::uint64_t* const sum = &open_in[c * zones];
      for (std::size_t i = begin; i < end; ++i) {
        if (f.alive(i) && f.jobs[i] > f.filled[i]) sum[f.zone[i].get()] += f.jobs[i] - f.filled[i];
      }
    });
    std::vector<std::vector<std::uint32_t>> institutions_in(zones);
    std::vector<double> line_total(zones, 0.0);  // the zone's open positions, institutions first
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in.jobs[i] > in.filled[i]) {
        institutions_in[in.zone[i].get()].push_back(static_cast<std::uint32_t>(i));
        line_total[in.zone[i].get()] += in.jobs[i] - in.filled[i];
      }
    }
    // Where each chunk's stretch of each zone's line starts (after the institutions).
    std::vector<double> stretch_start(chunks * zones);
    for (std::size_t z = 0; z < zones; ++z) {
      for (std::size_t c = 0; c < chunks; ++c) {
        stretch_start[c * zones + z] = line_total[z];
        line_total[z] += static_cast<double>(open_in[c * zones + z]);
      }
    }
    std::vector<double> shift(zones);
    for (std::size_t z = 0; z < zones; ++z) {
      shift[z] = w.rng.uniform(year, Stream::kLabourLottery, (1ull << 40) + z);
    }
    auto place = [&](std::size_t z, std::size_t k) {
      return (static_cast<double>(k) + shift[z]) * line_total[z] /
             static_cast<double>(hired[z].size());
    };
    // The first hire of zone z whose place is at or beyond `start` (places rise with k).
    auto first_hire_from = [&](std::size_t z, double start) {
      std::size_t lo = 0;
      std::size_t hi = hired[z].size();
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (place(z, mid) < start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    };
    // A zone's hires are residents in index order, far apart: the stores to each hire's columns
    // miss the cache and fill the store buffer, so the columns of the zone's hire a few places on
    // are fetched now.
    constexpr std::size_t kHireAhead = 16;
    auto hire = [&](std::size_t z, std::size_t k, EmployerRef e) {
      if (k + kHireAhead < hired[z].size()) {
        const std::uint32_t ahead = hired[z][k + kHireAhead];
        __builtin_prefetch(r.employer.data() + ahead, 1);
        __builtin_prefetch(r.work.data() + ahead, 1);
      }
      const std::uint32_t i = hired[z][k];
      r.employer[i] = e.raw();
      r.work[i] = ZoneId::from(z);
    };
    // Institutions: the start of each zone's line.
    for_each_index(zones, w.threads, [&](std::size_t z) {
      if (hired[z].empty()) return;
      double cum = 0;
      std::size_t k = 0;
      for (const std::uint32_t i : institutions_in[z]) {
        cum += in.jobs[i] - in.filled[i];
        std::uint32_t taken = 0;
        for (; k < hired[z].size() && place(z, k) < cum; ++k, ++taken) {
          hire(z, k, EmployerRef::institution(InstitutionId::from(i)));
        }
        in.filled[i] += taken;
      }
    });
    // Firms, chunk by chunk in parallel: each firm and each hire is in one chunk's stretch.
    for_chunks(f.size(), w.threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
      std::vector<double> cum(zones);
      std::vector<std::size_t> next(zones);  // the zone's next hire to place
      for (std::size_t z = 0; z < zones; ++z) {
        cum[z] = stretch_start[c * zones + z];
        next[z] = hired[z].empty() || open_in[c * zones + z] == 0 ? hired[z].size()
                                                                  : first_hire_from(z, cum[z]);
      }
      for (std::size_t i = begin; i < end; ++i) {
        if (!f.alive(i) || f.jobs[i] <= f.filled[i]) continue;
        const std::size_t z = f.zone[i].get();
        cum[z] += f.jobs[i] - f.filled[i];
        std::uint32_t taken = 0;
        for (std::size_t& k = next[z]; k < hired[z].size() && place(z, k) < cum[z]; ++k, ++taken) {
          hire(z, k, EmployerRef::firm(FirmId::from(i)));
        }
        f.filled[i] += taken;
      }
    });
  }

  std::vector<double> participation_;
};

}  // namespace

std::unique_ptr<Process> make_labour_market() { return std::make_unique<LabourMarket>(); }

}  // namespace relocsim
