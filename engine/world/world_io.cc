// One function per struct lists its members, in declaration order; the same list saves, loads and
// checks the layout (world_io_layout_checks), so that saving and loading cannot drift apart and a
// member added to a struct but not here is caught by a test. A member that is deliberately not
// saved is listed with io.skip() and the reason.
#include "engine/world/world_io.h"

#include <algorithm>
#include <concepts>
#include <cstring>
#include <type_traits>

#include "engine/core/state_io.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

template <class S, class T>
concept StateOf = std::same_as<std::remove_const_t<S>, T>;

// --- the member lists --------------------------------------------------------------------------

template <class IO, StateOf<ResidentStore> S>
void fields(IO& io, S& r) {
  io(r.home);
  io(r.work);
  io(r.employer);
  io(r.born);
  io(r.traits);
  io(r.moved);
  io(r.free_slots);
}

template <class IO, StateOf<FirmStore> S>
void fields(IO& io, S& f) {
  io(f.zone);
  io(f.sector);
  io(f.flags);
  io(f.jobs);
  io(f.filled);
  io(f.founded);
  io(f.origin);
}

template <class IO, StateOf<InstitutionStore> S>
void fields(IO& io, S& in) {
  io(in.kind);
  io(in.zone);
  io(in.staff);
  io(in.jobs);
  io(in.filled);
  io(in.capacity);
  io(in.ownership);
  io(in.moved);
  io(in.mandated_to);
}

template <class IO, StateOf<ZoneState> S>
void fields(IO& io, S& z) {
  io(z.housing_capacity);
  io(z.floorspace_capacity);
  io(z.rent_housing);
  io(z.rent_commercial);
  io(z.amenity);
  io(z.environment);
  io(z.service_capacity);
  io(z.service_users);
  io(z.service_quality);
  io(z.service_capacity_base);
  io(z.floorspace_vacated);
  io(z.floorspace_vacated_last);
  io(z.housing_unmet);
  io(z.floorspace_unmet);
  io(z.housing_unplaced);
  io(z.floorspace_unplaced);
  io(z.housing_demand_last);
  io(z.housing_growth);
  io(z.floorspace_demand_last);
  io(z.floorspace_growth);
  io(z.residents);
}

template <class IO, StateOf<NetworkLink> S>
void fields(IO& io, S& l) {
  io(l.from);
  io(l.to);
  io(l.mode);
  io(l.name);
  io(l.minutes);
  io(l.opens);
  io(l.closes);
  io(l.planned);
}

template <class IO, StateOf<Calibration> S>
void fields(IO& io, S& c) {
  io(c.household);
  io(c.immigrant);
  io(c.firm);
  io(c.labour);
}

template <class IO, StateOf<MandatedOrder> S>
void fields(IO& io, S& o) {
  io(o.lever);
  io(o.institutions);
  io(o.kinds);
  io(o.sectors);
  io(o.ownership_mask);
  io(o.tier_mask);
  io(o.from);
  io(o.to);
  io(o.bodies);
  io(o.moved);
  io(o.staff_moved);
}

template <class IO, StateOf<BranchOrder> S>
void fields(IO& io, S& b) {
  io(b.from);
  io(b.to);
  io(b.sectors);
  io(b.share);
  io(b.branch_size);
}

template <class IO, StateOf<CapGroup> S>
void fields(IO& io, S& c) {
  io(c.zones);
  io(c.cap);
}

template <class IO, StateOf<SubsidyAccounts> S>
void fields(IO& io, S& s) {
  io(s.payer);
  io(s.remaining);
}

template <class IO, StateOf<PolicyState> S>
void fields(IO& io, S& p) {
  io(p.zones);
  io(p.sectors);
  io(p.entry_banned);
  io(p.entry_penalty);
  io(p.firm_bonus);
  io(p.firm_push);
  io(p.exit_share);
  io(p.exit_allowed);
  io(p.subsidy_per_job);
  io(p.sector_growth_bonus);
  io(p.household_bonus);
  io(p.household_push);
  io(p.immigration_factor);
  io(p.supply_frozen);
  io(p.development_cap);
  io(p.environment_factor);
  io(p.amenity_factor);
  io(p.mandated);
  io(p.branches);
  io(p.caps);
  io(p.subsidies);
  io(p.integration_group);
  io(p.integration_time_factor);
  io(p.service_quality_boost);
}

template <class IO, StateOf<YearTally> S>
void fields(IO& io, S& t) {
  io(t.births);
  io(t.deaths);
  io(t.immigrants);
  io(t.emigrants);
  io(t.movers_resident);
  io(t.movers_firm);
  io(t.movers_institution);
  io(t.firm_entries);
  io(t.firm_exits);
  io(t.firm_branches);
  io(t.subsidy_paid);
  io(t.subsidy_by_zone);
  io(t.noncapital_jobs_moved_out);
  io(t.flows);
  io(t.zones);
}

template <class IO, StateOf<Census> S>
void fields(IO& io, S& c) {
  io(c.residents);
  io(c.by_age);
  io(c.local_hukou);
  io(c.labour_force);
  io(c.workers);
  io(c.commute_sum);
  io(c.workers_at);
  io(c.jobs);
  io(c.filled);
  io(c.firms);
  io(c.institutions);
  io(c.staff);
  io(c.sectors);
}

template <class IO, StateOf<World> S>
void fields(IO& io, S& w) {
  io.skip(w.model);    // constant, rebuilt from the scenario
  io.seed(w.rng);      // counter-based: the seed is its whole state; checked on loading
  io.skip(w.threads);  // a run option: results do not depend on it
  io(w.year);
  io(w.zones);
  io.network(w.network);
  io(w.residents);
  io(w.firms);
  io(w.institutions);
  io(w.calibration);
  io(w.policy);
  io(w.tally);
  io(w.census);
  io.skip(w.levers);  // each lever saves its own state (Lever::save)
  io(w.base_commute);
  io(w.noncapital_jobs_2014);
  io(w.noncapital_jobs_relocated);
  io(w.subsidy_paid_total);
}

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

// A vector of structs listed above (saved item by item) rather than of plain values.
template <class IO, class T>
constexpr bool is_vector_of_listed() {
  if constexpr (IsVector<T>::value) {
    return requires(IO & io, typename T::value_type & e) { fields(io, e); };
  } else {
    return false;
  }
}

// --- saving, loading, layout -------------------------------------------------------------------

// The network's state is its links (levers open, retime and cancel them) and whether its travel
// times are stale; the times themselves are recomputed from the links on loading and checked
// against the saved ones. Accessibility is recomputed by the network process at the start of every
// year, before anything reads it, so it is not restored.
struct NetworkState {
  std::vector<NetworkLink> links;
  bool stale = false;
  std::vector<double> minutes;
};

class Save {
 public:
  explicit Save(StateWriter& out) : out_(out) {}
  template <class T>
  void operator()(const T& v) {
    if constexpr (requires { fields(*this, v); }) {
      fields(*this, v);
    } else if constexpr (is_vector_of_listed<Save, T>()) {
      out_.length(v.size());
      for (const auto& e : v) fields(*this, e);
    } else {
      out_.field(v);
    }
  }
  template <class T>
  void skip(const T& /*unused*/) {}
  void seed(const Rng& rng) { out_.field(rng.seed()); }
  void network(const Network& n) {
    (*this)(n.links());
    out_.field(n.stale());
    out_.field(n.minutes_matrix());
  }

 private:
  StateWriter& out_;
};

class Load {
 public:
  explicit Load(StateReader& in) : in_(in) {}
  template <class T>
  void operator()(T& v) {
    if constexpr (requires { fields(*this, v); }) {
      fields(*this, v);
    } else if constexpr (is_vector_of_listed<Load, T>()) {
      v.resize(in_.length(1));
      for (auto& e : v) fields(*this, e);
    } else {
      in_.field(v);
    }
  }
  template <class T>
  void skip(T& /*unused*/) {}
  void seed(const Rng& rng) {
    const auto seed = in_.get<std::uint64_t>();
    if (seed != rng.seed()) {
      throw StateError("the state was saved with seed " + std::to_string(seed) +
                       ", the world was built with seed " + std::to_string(rng.seed()));
    }
  }
  // Read now, applied once the policy (which holds the integration zones' time factors) is read.
  void network(Network& /*n*/) {
    (*this)(network_.links);
    in_.field(network_.stale);
    in_.field(network_.minutes);
  }
  const NetworkState& network_state() const { return network_; }

 private:
  StateReader& in_;
  NetworkState network_;
};

class Layout {
 public:
  template <class T>
  void operator()(const T& /*unused*/) {
    add(sizeof(T), alignof(T));
  }
  template <class T>
  void skip(const T& v) {
    (*this)(v);
  }
  void seed(const Rng& rng) { (*this)(rng); }
  void network(const Network& n) { (*this)(n); }
  std::size_t size() const { return (size_ + align_ - 1) / align_ * align_; }

 private:
  void add(std::size_t size, std::size_t align) {
    size_ = (size_ + align - 1) / align * align + size;
    align_ = std::max(align_, align);
  }
  std::size_t size_ = 0;
  std::size_t align_ = 1;
};

template <class T>
LayoutCheck layout_of(const char* name) {
  T value{};
  Layout layout;
  fields(layout, value);
  return {name, layout.size(), sizeof(T)};
}

void restore_network(const NetworkState& saved, World& w) {
  Network& n = w.network;
  for (const auto& l : saved.links) {
    if (l.from.get() >= w.zone_count() || l.to.get() >= w.zone_count()) {
      throw StateError("a saved network link joins zones this world does not have");
    }
  }
  n.links() = saved.links;
  n.set_group_factors(w.policy.integration_group, w.policy.integration_time_factor);
  n.invalidate();
  n.update(w.year);
  if (saved.stale) n.invalidate();
  const auto& minutes = n.minutes_matrix();
  if (minutes.size() != saved.minutes.size() ||
      (!minutes.empty() &&
       std::memcmp(minutes.data(), saved.minutes.data(), minutes.size() * sizeof(double)) != 0)) {
    throw StateError("the travel times recomputed from the saved links differ from the saved ones");
  }
}

}  // namespace

void save_world(StateWriter& out, const World& world) {
  Save save(out);
  out.tag("world");
  out.field(static_cast<std::uint64_t>(world.zone_count()));
  out.field(static_cast<std::uint64_t>(world.sector_count()));
  fields(save, world);
}

void load_world(StateReader& in, World& world) {
  in.tag("world");
  const auto zones = in.get<std::uint64_t>();
  const auto sectors = in.get<std::uint64_t>();
  if (zones != world.zone_count() || sectors != world.sector_count()) {
    throw StateError("the state has " + std::to_string(zones) + " zones and " +
                     std::to_string(sectors) + " sectors, the world " +
                     std::to_string(world.zone_count()) + " and " +
                     std::to_string(world.sector_count()));
  }
  Load load(in);
  fields(load, world);
  restore_network(load.network_state(), world);
}

std::vector<LayoutCheck> world_io_layout_checks() {
  return {
      layout_of<ResidentStore>("ResidentStore"),
      layout_of<FirmStore>("FirmStore"),
      layout_of<InstitutionStore>("InstitutionStore"),
      layout_of<ZoneState>("ZoneState"),
      layout_of<NetworkLink>("NetworkLink"),
      layout_of<Calibration>("Calibration"),
      layout_of<MandatedOrder>("MandatedOrder"),
      layout_of<BranchOrder>("BranchOrder"),
      layout_of<CapGroup>("CapGroup"),
      layout_of<SubsidyAccounts>("SubsidyAccounts"),
      layout_of<PolicyState>("PolicyState"),
      layout_of<YearTally>("YearTally"),
      layout_of<Census>("Census"),
      layout_of<World>("World"),
  };
}

}  // namespace relocsim
