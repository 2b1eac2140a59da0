// The designs' inner parts shared between files of engine/sweep: designs in the unit cube, before
// factors map them to values, and the structure checks the estimators rely on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "relocsim/sweep.h"

namespace relocsim::sweep {

// Saltelli blocks of k+2 rows (A, AB_1..AB_k, B) in (0,1)^k from the first n points (origin
// included) of the 2k-dimensional Sobol sequence, digitally shifted by the seed.
Matrix saltelli_unit_design(std::size_t k, std::size_t n, std::uint64_t seed);
// r trajectories of k+1 rows on the p-level grid {0, 1/(p-1), ..., 1}.
Matrix morris_unit_design(std::size_t k, std::size_t r, int p, std::uint64_t seed);

std::optional<RowProblem> saltelli_structure_problem(std::span<const Factor> factors,
                                                     const Matrix& design);
std::optional<RowProblem> morris_structure_problem(std::span<const Factor> factors,
                                                   const Matrix& design);

}  // namespace relocsim::sweep
