// Establishment sizes: a firm agent of a sampled sector stands for 1/firm_scale real firms of the
// same size, so it holds size x scale / firm_scale positions (resident-agent units), rounded
// stochastically. Real sizes are geometric with the sector's mean, capped at 20 times the mean.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/core/rng.h"
#include "relocsim/scenario.h"

namespace relocsim {

// Positions of a new firm agent of `sector`, from two uniforms.
inline std::uint32_t draw_firm_positions(const SectorSpec& sector, double positions_per_job,
                                         double u_size, double u_round) {
  double jobs = 1;
  if (sector.mean_firm_size > 1) {
    const double p = std::min(1.0 / sector.mean_firm_size, 0.999999);
    jobs =
        std::min(1 + std::floor(std::log1p(-u_size) / std::log1p(-p)), 20 * sector.mean_firm_size);
  }
  const double positions = jobs * positions_per_job;
  return static_cast<std::uint32_t>(std::floor(positions) +
                                    (u_round < positions - std::floor(positions) ? 1 : 0));
}

}  // namespace relocsim
