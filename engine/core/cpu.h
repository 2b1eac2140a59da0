// What the machine's processor offers, asked once: the hot loops with an AVX2 version
// (`Rng::uniforms`, `labour::ResidentScan`) take it only where this says so, and their scalar
// version elsewhere; both give the same bits.
//
//   if (cpu_has_avx2()) { ... }
#pragma once

namespace relocsim {

// AVX2, with the POPCNT instruction that the vector loops also use.
inline bool cpu_has_avx2() {
  static const bool avx2 =
      __builtin_cpu_supports("avx2") != 0 && __builtin_cpu_supports("popcnt") != 0;
  return avx2;
}

}  // namespace relocsim
