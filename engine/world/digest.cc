#include "engine/world/digest.h"

#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "engine/world/world.h"

namespace relocsim {

namespace {

class Hasher {
 public:
  Hasher() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void bytes(const void* data, std::size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
  template <class Container>
  void column(const Container& c) {
    const std::size_t n = c.size();
    bytes(&n, sizeof n);
    if (n > 0) bytes(c.data(), n * sizeof(*c.data()));
  }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int k = 0; k < length; ++k) {
      out += kHex[digest[k] >> 4];
      out += kHex[digest[k] & 15];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

}  // namespace

std::string world_digest(const World& w) {
  Hasher h;
  const auto& r = w.residents;
  h.column(r.home);
  h.column(r.work);
  h.column(r.employer);
  h.column(r.born);
  h.column(r.traits);
  h.column(r.moved);
  h.column(r.free_slots);
  const auto& f = w.firms;
  h.column(f.zone);
  h.column(f.sector);
  h.column(f.flags);
  h.column(f.jobs);
  h.column(f.filled);
  h.column(f.founded);
  const auto& in = w.institutions;
  h.column(in.kind);
  h.column(in.zone);
  h.column(in.staff);
  h.column(in.jobs);
  h.column(in.filled);
  h.column(in.capacity);
  h.column(in.moved);
  const auto& z = w.zones;
  for (const auto* v : {&z.housing_capacity, &z.floorspace_capacity, &z.rent_housing,
                        &z.rent_commercial, &z.amenity, &z.environment, &z.residents}) {
    h.column(*v);
  }
  for (int s = 0; s < kServices; ++s) {
    h.column(z.service_capacity[s]);
    h.column(z.service_quality[s]);
  }
  h.column(w.network.minutes_matrix());
  h.column(w.calibration.household);
  h.column(w.calibration.immigrant);
  h.column(w.calibration.firm);
  h.column(w.calibration.labour);
  return h.hex();
}

}  // namespace relocsim
