// Public services: school, hospital and elderly-care quality falls with load over capacity,
// q = q0 min(1, capacity / users)^gamma, with q0 set so that every zone starts at 1; capacity moved
// or transferred by levers raises it where it was short. Users come from a census of residents.
#include <algorithm>
#include <cmath>

#include "engine/processes/registry_entries.h"
#include "engine/world/world.h"

namespace relocsim {

namespace {

class PublicServices final : public Process {
 public:
  std::string_view name() const override { return "public_services"; }

  void setup(World& w) override {
    update_users(w);
    for (int s = 1; s < kServices; ++s) {
      base_[s].assign(w.zone_count(), 1.0);
      for (std::size_t z = 0; z < w.zone_count(); ++z) {
        base_[s][z] = 1.0 / raw_quality(w, s, z);
      }
    }
    apply(w);
  }

  void step(World& w, const YearContext& /*ctx*/) override {
    take_census(w, w.census);
    update_users(w);
    apply(w);
  }

 private:
  static void update_users(World& w) {
    const auto& pop = w.model.population();
    const auto& c = w.census;
    const double to_real = 1.0 / w.scale();
    for (std::size_t z = 0; z < w.zone_count(); ++z) {
      w.zones.service_users[static_cast<int>(Service::kSchool)][z] =
          c.by_age[z][0] * to_real * pop.school_seats_per_child;
      w.zones.service_users[static_cast<int>(Service::kHospital)][z] =
          c.residents[z] * to_real * pop.hospital_beds_per_1000 / 1000;
      w.zones.service_users[static_cast<int>(Service::kElderly)][z] =
          c.by_age[z][kAgeBands - 1] * to_real * pop.elderly_beds_per_senior;
    }
  }
  double raw_quality(const World& w, int s, std::size_t z) const {
    const double users = w.zones.service_users[s][z];
    const double capacity = w.zones.service_capacity[s][z];
    const double ratio = users > 0 ? std::min(1.0, capacity / users) : 1.0;
    return std::pow(std::max(ratio, 0.01), w.model.behaviour().services.gamma);
  }
  void apply(World& w) const {
    for (int s = 1; s < kServices; ++s) {
      for (std::size_t z = 0; z < w.zone_count(); ++z) {
        w.zones.service_quality[s][z] = base_[s][z] * raw_quality(w, s, z) *
                                        w.policy.service_quality_boost[s * w.zone_count() + z];
      }
    }
  }

  std::array<std::vector<double>, kServices> base_;
};

}  // namespace

std::unique_ptr<Process> make_public_services() { return std::make_unique<PublicServices>(); }

}  // namespace relocsim
