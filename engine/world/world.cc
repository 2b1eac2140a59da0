#include "engine/world/world.h"

#include <algorithm>
#include <cassert>
#include <iterator>

#include "engine/core/parallel.h"
#include "engine/levers/lever.h"

namespace relocsim {

void ResidentStore::release(const std::vector<std::uint32_t>& ascending) {
  for (auto i : ascending) home[i] = ZoneId::none();
  std::vector<std::uint32_t> merged;
  merged.reserve(free_slots.size() + ascending.size());
  std::merge(free_slots.begin(), free_slots.end(), ascending.rbegin(), ascending.rend(),
             std::back_inserter(merged), std::greater<>());
  free_slots.swap(merged);
}

std::vector<std::uint32_t> ResidentStore::take_slots(std::size_t n) {
  std::vector<std::uint32_t> out;
  out.reserve(n);
  const std::size_t reused = std::min(n, free_slots.size());
  out.insert(out.end(), free_slots.rbegin(),
             free_slots.rbegin() + static_cast<std::ptrdiff_t>(reused));
  free_slots.resize(free_slots.size() - reused);
  const std::size_t first_new = slots();
  for (std::size_t i = first_new; i < first_new + (n - reused); ++i) {
    out.push_back(static_cast<std::uint32_t>(i));
  }
  resize(first_new + (n - reused));
  return out;
}

bool compact_firms(World& w) {
  auto& f = w.firms;
  const std::size_t n = f.size();
  std::size_t alive = 0;
  for (std::size_t i = 0; i < n; ++i) alive += f.alive(i) ? 1 : 0;
  if (4 * (n - alive) <= n) return false;
  std::vector<std::uint32_t> renumber(n, EmployerRef::kNone);
  std::size_t next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.alive(i)) continue;
    renumber[i] = static_cast<std::uint32_t>(next);
    f.zone[next] = f.zone[i];
    f.sector[next] = f.sector[i];
    f.flags[next] = f.flags[i];
    f.jobs[next] = f.jobs[i];
    f.filled[next] = f.filled[i];
    f.founded[next] = f.founded[i];
    f.origin[next] = f.origin[i];
    ++next;
  }
  f.zone.resize(next);
  f.sector.resize(next);
  f.flags.resize(next);
  f.jobs.resize(next);
  f.filled.resize(next);
  f.founded.resize(next);
  f.origin.resize(next);
  auto& r = w.residents;
  // The new number of a worker's firm is a look-up at random in a table of one entry per firm
  // (tens of MB at full scale, beyond the cache): it is fetched a little ahead.
  constexpr std::size_t kAhead = 32;
  const std::uint32_t* const renumbered = renumber.data();
  const auto last_firm = static_cast<std::uint32_t>(n - 1);
  for_chunks(r.slots(), w.threads, [&](std::size_t, std::size_t begin, std::size_t end) {
    std::uint32_t* const employer = r.employer.data();
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) {
        // Institutions and "none" (the top bit set) fetch the last firm's entry: no branch.
        __builtin_prefetch(renumbered + std::min(employer[i + kAhead], last_firm));
      }
      const EmployerRef e = EmployerRef::from_raw(employer[i]);
      if (!e.is_firm()) continue;
      const std::uint32_t to = renumbered[e.firm_id().get()];
      assert(to != EmployerRef::kNone);
      employer[i] = to;  // a firm reference is the firm's index
      if (to == EmployerRef::kNone) r.work[i] = ZoneId::none();
    }
  });
  return true;
}

World::World() = default;
World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

}  // namespace relocsim
