#include "engine/core/rng.h"

#include <immintrin.h>

#include "engine/core/cpu.h"

namespace relocsim {

namespace {

// Philox4x32-10 on eight counters at once, in 32-bit lanes: Random123's rounds (philox.h,
// _philox4xWround_tpl) with its multipliers and key increments, word for word.
struct Lanes {
  __m256i w0, w1, w2, w3;
};

__attribute__((target("avx2"), always_inline)) inline void mulhilo(__m256i a, __m256i m,
                                                                   __m256i* hi, __m256i* lo) {
  // _mm256_mul_epu32 multiplies the even lanes into 64-bit products; the odd lanes are shifted
  // down to take their place.
  const __m256i even = _mm256_mul_epu32(a, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);
  *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

__attribute__((target("avx2"))) Lanes philox_avx2(Lanes ctr, std::uint32_t key0,
                                                  std::uint32_t key1) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(PHILOX_M4x32_0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(PHILOX_M4x32_1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key0 += PHILOX_W32_0;
      key1 += PHILOX_W32_1;
    }
    __m256i hi0;
    __m256i lo0;
    __m256i hi1;
    __m256i lo1;
    mulhilo(ctr.w0, m0, &hi0, &lo0);
    mulhilo(ctr.w2, m1, &hi1, &lo1);
    const __m256i k0 = _mm256_set1_epi32(static_cast<int>(key0));
    const __m256i k1 = _mm256_set1_epi32(static_cast<int>(key1));
    ctr = {_mm256_xor_si256(_mm256_xor_si256(hi1, ctr.w1), k0), lo1,
           _mm256_xor_si256(_mm256_xor_si256(hi0, ctr.w3), k1), lo0};
  }
  return ctr;
}

// A whole number below 2^52 in each 64-bit lane, as a double: OR-ed into the mantissa of 2^52,
// less 2^52 (exact).
__attribute__((target("avx2"), always_inline)) inline __m256d to_double(__m256i v) {
  const __m256i magic_bits = _mm256_set1_epi64x(0x4330000000000000);
  return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(v, magic_bits)),
                       _mm256_set1_pd(0x1.0p52));
}

__attribute__((target("avx2"))) std::size_t uniforms_avx2(std::uint64_t seed, int year,
                                                          Stream stream,
                                                          std::span<const std::uint32_t> index,
                                                          std::uint64_t tag, double* out) {
  static_assert(PHILOX4x32_DEFAULT_ROUNDS == 10, "Rng::words uses ten rounds");
  const auto key0 = static_cast<std::uint32_t>(seed);
  const auto key1 = static_cast<std::uint32_t>(seed >> 32);
  const __m256i year_lanes = _mm256_set1_epi32(year);
  const __m256i stream_lanes = _mm256_set1_epi32(static_cast<int>(stream));
  const __m256i tag_low = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(tag)));
  const __m256i tag_high = _mm256_set1_epi32(static_cast<int>(tag >> 32));
  const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFF);
  const __m256d two32 = _mm256_set1_pd(0x1.0p32);
  const __m256d unit = _mm256_set1_pd(0x1.0p-53);
  const __m256i mask53 = _mm256_set1_epi64x((std::int64_t{1} << 53) - 1);
  std::size_t k = 0;
  for (; k + 8 <= index.size(); k += 8) {
    const __m256i i = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(index.data() + k));
    const Lanes w =
        philox_avx2({year_lanes, stream_lanes, _mm256_or_si256(i, tag_low), tag_high}, key0, key1);
    // to_unit: ((w0 << 21) ^ (w1 >> 11)) & (2^53 - 1), times 2^-53, in two halves of four
    // lanes (64-bit arithmetic). The 53-bit value is split into its high 21 and low 32 bits,
    // each exact as a double, so their sum is the exact value, as the scalar conversion gives.
    for (int half = 0; half < 2; ++half) {
      // Lanes 0-3, then 4-7, widened to 64 bits.
      const __m256i hi = _mm256_cvtepu32_epi64(half == 0 ? _mm256_castsi256_si128(w.w0)
                                                         : _mm256_extracti128_si256(w.w0, 1));
      const __m256i lo = _mm256_cvtepu32_epi64(half == 0 ? _mm256_castsi256_si128(w.w1)
                                                         : _mm256_extracti128_si256(w.w1, 1));
      const __m256i bits = _mm256_and_si256(
          _mm256_xor_si256(_mm256_slli_epi64(hi, 21), _mm256_srli_epi64(lo, 11)), mask53);
      const __m256d upper = to_double(_mm256_srli_epi64(bits, 32));
      const __m256d lower = to_double(_mm256_and_si256(bits, low32));
      const __m256d value = _mm256_add_pd(_mm256_mul_pd(upper, two32), lower);
      _mm256_storeu_pd(out + k + std::size_t{4} * static_cast<std::size_t>(half),
                       _mm256_mul_pd(value, unit));
    }
  }
  return k;
}

__attribute__((target("avx2"))) std::size_t words_range_avx2(
    std::uint64_t seed, int year, Stream stream, std::uint64_t first, std::size_t n,
    const std::array<std::uint32_t*, 4>& out) {
  const __m256i year_lanes = _mm256_set1_epi32(year);
  const __m256i stream_lanes = _mm256_set1_epi32(static_cast<int>(stream));
  alignas(32) std::uint32_t low[8];
  alignas(32) std::uint32_t high[8];
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    for (std::size_t lane = 0; lane < 8; ++lane) {
      const std::uint64_t index = first + k + lane;
      low[lane] = static_cast<std::uint32_t>(index);
      high[lane] = static_cast<std::uint32_t>(index >> 32);
    }
    const Lanes w = philox_avx2(
        {year_lanes, stream_lanes, _mm256_load_si256(reinterpret_cast<const __m256i*>(low)),
         _mm256_load_si256(reinterpret_cast<const __m256i*>(high))},
        static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[0] + k), w.w0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[1] + k), w.w1);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[2] + k), w.w2);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[3] + k), w.w3);
  }
  return k;
}

}  // namespace

void Rng::words_range(int year, Stream stream, std::uint64_t first, std::size_t n,
                      const std::array<std::uint32_t*, 4>& out) const {
  std::size_t k = cpu_has_avx2() ? words_range_avx2(seed_, year, stream, first, n, out) : 0;
  for (; k < n; ++k) {
    const auto w = words(year, stream, first + k);
    for (std::size_t j = 0; j < 4; ++j) out[j][k] = w[j];
  }
}

void Rng::uniforms(int year, Stream stream, std::span<const std::uint32_t> index, std::uint64_t tag,
                   double* out) const {
  const std::size_t done = cpu_has_avx2() ? uniforms_avx2(seed_, year, stream, index, tag, out) : 0;
  uniforms_scalar(year, stream, index.subspan(done), tag, out + done);
}

void Rng::uniforms_scalar(int year, Stream stream, std::span<const std::uint32_t> index,
                          std::uint64_t tag, double* out) const {
  for (std::size_t k = 0; k < index.size(); ++k) out[k] = uniform(year, stream, index[k] | tag);
}

}  // namespace relocsim
