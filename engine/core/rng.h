// Every random draw of a run comes from here: a counter-based generator (Random123's Philox4x32)
// keyed by the run's seed and counted by (year, stream, index). A draw depends only on those four
// numbers, never on thread count or visiting order, so runs are bit-identical whatever the threads.
//
//   Rng rng(seed);
//   double u = rng.uniform(year, Stream::kHouseholdLottery, agent_index);
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace relocsim {

// One stream per purpose; numbers are part of the results' identity, so only append.
enum class Stream : std::uint32_t {
  kSynthesis = 1,
  kSynthesisFirms,
  kSynthesisInstitutions,
  kDemographyOffsets,
  kNewbornTraits,
  kImmigrantTraits,
  kImmigrantChoice,
  kFirmGrowth,
  kFirmExitOffsets,
  kFirmEntry,
  kFirmRelocationOffsets,
  kFirmChoice,
  kFirmLottery,
  kMandatedSelection,
  kStaffResponse,
  kLabourChoice,
  kLabourLottery,
  kHouseholdOffsets,
  kHouseholdChoice,
  kHouseholdLottery,
  kHousingLottery,
  kLabourEntry,
  kFirmExitProgram,
  kInnovation,
};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : seed_(seed) {}
  std::uint64_t seed() const { return seed_; }

  // Four independent 32-bit words for (year, stream, index).
  std::array<std::uint32_t, 4> words(int year, Stream stream, std::uint64_t index) const {
    using Philox = r123::Philox4x32;
    const Philox::key_type key = {
        {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
    const Philox::ctr_type ctr = {
        {static_cast<std::uint32_t>(year), static_cast<std::uint32_t>(stream),
         static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32)}};
    const Philox::ctr_type out = Philox()(ctr, key);
    return {out[0], out[1], out[2], out[3]};
  }

  // A uniform double in [0, 1) with 53 random bits.
  double uniform(int year, Stream stream, std::uint64_t index) const {
    const auto w = words(year, stream, index);
    return to_unit(w[0], w[1]);
  }
  // Two independent uniforms from one generator call.
  std::array<double, 2> uniform2(int year, Stream stream, std::uint64_t index) const {
    const auto w = words(year, stream, index);
    return {to_unit(w[0], w[1]), to_unit(w[2], w[3])};
  }

  // out[k] = uniform(year, stream, index[k] | tag) for every k: the same numbers, eight at a time
  // where the machine has AVX2 (a loop whose next step waits on the draw pays Philox's latency on
  // every call; a batch pays only its throughput). `tag` is OR-ed into each index
  // (normally bits above its 32).
  void uniforms(int year, Stream stream, std::span<const std::uint32_t> index, std::uint64_t tag,
                double* out) const;
  // The same, one call at a time (which `uniforms` falls back to).
  void uniforms_scalar(int year, Stream stream, std::span<const std::uint32_t> index,
                       std::uint64_t tag, double* out) const;

  // The four words of each index first, first + 1, ..., first + n - 1: word j of index first + k
  // in out[j][k]. The same numbers as `words`, eight at a time where the machine has AVX2.
  void words_range(int year, Stream stream, std::uint64_t first, std::size_t n,
                   const std::array<std::uint32_t*, 4>& out) const;

  static double to_unit(std::uint32_t hi, std::uint32_t lo) {
    const std::uint64_t bits = (static_cast<std::uint64_t>(hi) << 21) ^ (lo >> 11);
    return static_cast<double>(bits & ((1ull << 53) - 1)) * 0x1.0p-53;
  }

 private:
  std::uint64_t seed_;
};

}  // namespace relocsim
