// The Saltelli (2010) design for first- and total-order Sobol indices, second order off: N blocks
// of k+2 rows, A, AB_1 ... AB_k, B, where A and B are the two halves of one point of a
// 2k-dimensional Sobol sequence and AB_j is A with column j taken from B.
//
// Base sequence: the first N points of the 2k-dimensional Sobol sequence (Joe-Kuo direction
// numbers, as SALib's, from Boost's generator), origin included, digitally shifted: every
// coordinate's 64 bits are XORed with bits drawn from the seed. The shift makes the design depend
// on the seed and keeps the sequence's stratification (it maps dyadic cells onto dyadic cells):
// for N a power of two, each column of A and of B has exactly one point in each [i/N, (i+1)/N).
// Older SALib skipped the first point because, unshifted, it is the corner (0, ..., 0); shifted it
// is a point like any other, and keeping it keeps that balance (Owen 2020, "On dropping the first
// Sobol' point").
#include <fmt/core.h>

#include <boost/random/sobol.hpp>

#include "engine/sweep/designs.h"
#include "engine/sweep/draws.h"

namespace relocsim::sweep {

Matrix saltelli_unit_design(std::size_t k, std::size_t n, std::uint64_t seed) {
  const std::size_t dims = 2 * k;
  const Draws draws(seed);
  std::vector<std::uint64_t> shift(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    shift[d] = draws.bits(Purpose::kSaltelliShift, static_cast<std::uint32_t>(d), 0);
  }
  // Boost's generator starts after the origin; the origin is the all-zero point, added first.
  boost::random::sobol sequence(dims);
  std::vector<double> point(dims);
  Matrix unit(n * (k + 2), k);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t d = 0; d < dims; ++d) {
      const std::uint64_t point_bits = i == 0 ? 0 : static_cast<std::uint64_t>(sequence());
      const std::uint64_t bits = point_bits ^ shift[d];
      // 53 bits, centred in their cell: strictly inside (0, 1).
      point[d] = (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
    }
    const std::size_t base = i * (k + 2);
    for (std::size_t j = 0; j < k; ++j) {
      unit(base, j) = point[j];
      unit(base + k + 1, j) = point[k + j];
      for (std::size_t r = 0; r < k; ++r) unit(base + 1 + r, j) = r == j ? point[k + j] : point[j];
    }
  }
  return unit;
}

std::optional<RowProblem> saltelli_structure_problem(std::span<const Factor> factors,
                                                     const Matrix& design) {
  const std::size_t k = factors.size();
  const std::size_t block = k + 2;
  if (design.rows() == 0) return RowProblem{0, "the design has no rows"};
  if (design.rows() % block != 0) {
    return RowProblem{design.rows(),
                      fmt::format("{} design rows are not a whole number of Saltelli blocks of "
                                  "k+2 = {} rows (A, AB_1 ... AB_{}, B)",
                                  design.rows(), block, k)};
  }
  for (std::size_t base = 0; base < design.rows(); base += block) {
    const auto a = design.row(base);
    const auto b = design.row(base + k + 1);
    for (std::size_t j = 0; j < k; ++j) {
      const auto ab = design.row(base + 1 + j);
      for (std::size_t c = 0; c < k; ++c) {
        if (ab[c] == (c == j ? b[c] : a[c])) continue;
        return RowProblem{
            base + 1 + j,
            fmt::format("not a Saltelli design: row AB_{} of its block should equal row A (the "
                        "block's first) except factor '{}', taken from row B (the block's last)",
                        j + 1, factors[j].name)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace relocsim::sweep
