// The random draws of designs and bootstraps: Random123's Philox4x32 keyed by the user's seed and
// counted by (purpose, a, b), so that a draw depends on those numbers alone, never on the order in
// which draws are made. Row i of factor j of a random design is the same whatever the row count.
//
//   Draws draws(seed);
//   double u = draws.open_unit(Purpose::kRandomDesign, factor, row);
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace relocsim::sweep {

// One stream per use; the numbers are part of every design's identity, so only append.
enum class Purpose : std::uint32_t {
  kRandomDesign = 1,
  kLhsPermutation,
  kLhsJitter,
  kSaltelliShift,
  kMorrisStart,
  kMorrisDirection,
  kMorrisOrder,
  kBootstrap,
};

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : seed_(seed) {}

  std::array<std::uint32_t, 4> words(Purpose purpose, std::uint32_t a, std::uint64_t b) const {
    using Philox = r123::Philox4x32;
    const Philox::key_type key = {
        {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
    const Philox::ctr_type ctr = {{static_cast<std::uint32_t>(purpose), a,
                                   static_cast<std::uint32_t>(b),
                                   static_cast<std::uint32_t>(b >> 32)}};
    const Philox::ctr_type out = Philox()(ctr, key);
    return {out[0], out[1], out[2], out[3]};
  }

  std::uint64_t bits(Purpose purpose, std::uint32_t a, std::uint64_t b) const {
    const auto w = words(purpose, a, b);
    return (static_cast<std::uint64_t>(w[0]) << 32) | w[1];
  }

  // Uniform in the open interval (0, 1): 53 random bits, centred in their cell.
  double open_unit(Purpose purpose, std::uint32_t a, std::uint64_t b) const {
    return (static_cast<double>(bits(purpose, a, b) >> 11) + 0.5) * 0x1.0p-53;
  }

  // Uniform integer in [0, n), n > 0. The modulo bias, n / 2^64, is far below anything a design
  // or a bootstrap could show.
  std::size_t below(std::size_t n, Purpose purpose, std::uint32_t a, std::uint64_t b) const {
    return static_cast<std::size_t>(bits(purpose, a, b) % n);
  }

 private:
  std::uint64_t seed_;
};

}  // namespace relocsim::sweep
