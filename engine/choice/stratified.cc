#include "engine/choice/stratified.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/parallel.h"

namespace relocsim::choice {

std::vector<double> stratified_uniforms(std::span<const std::uint32_t> groups,
                                        std::size_t group_count, const Rng& rng, int year,
                                        Stream stream, int threads) {
  // Ranks within groups in list order, counted per chunk of the list in parallel: a chunk's
  // choosers of group g start at the number of g's choosers in the chunks before it.
  const std::size_t chunks = chunk_count(groups.size());
  std::vector<std::uint32_t> rank_of(chunks * group_count, 0);  // [chunk][group]
  for_chunks(groups.size(), threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    std::uint32_t* const count = &rank_of[c * group_count];
    for (std::size_t k = begin; k < end; ++k) ++count[groups[k]];
  });
  std::vector<std::uint64_t> size(group_count, 0);
  for (std::size_t c = 0; c < chunks; ++c) {
    for (std::size_t g = 0; g < group_count; ++g) {
      const std::uint32_t n = rank_of[c * group_count + g];
      rank_of[c * group_count + g] = static_cast<std::uint32_t>(size[g]);
      size[g] += n;
    }
  }
  // Per group: an affine permutation r -> (a r + b) mod n with gcd(a, n) = 1, and an offset v.
  std::vector<std::uint64_t> a(group_count, 1);
  std::vector<std::uint64_t> b(group_count, 0);
  std::vector<double> v(group_count, 0.0);
  for (std::size_t g = 0; g < group_count; ++g) {
    const std::uint64_t n = size[g];
    if (n == 0) continue;
    const auto w = rng.words(year, stream, g);
    v[g] = Rng::to_unit(w[0], w[1]);
    b[g] = w[2] % n;
    std::uint64_t mult = n > 1 ? 1 + w[3] % (n - 1) : 1;
    while (std::gcd(mult, n) != 1) mult = mult % (n - 1) + 1;
    a[g] = mult;
  }
  std::vector<double> u(groups.size());
  for_chunks(groups.size(), threads, [&](std::size_t c, std::size_t begin, std::size_t end) {
    std::uint32_t* const rank = &rank_of[c * group_count];
    for (std::size_t k = begin; k < end; ++k) {
      const auto g = groups[k];
      const std::uint64_t n = size[g];
      const std::uint64_t position = (a[g] * (rank[g]++) + b[g]) % n;
      u[k] = (static_cast<double>(position) + v[g]) / static_cast<double>(n);
    }
  });
  return u;
}

std::vector<double> mass_stratified_uniforms(std::span<const std::uint32_t> groups,
                                             std::span<const double> sizes, std::size_t group_count,
                                             const Rng& rng, int year, Stream stream) {
  std::vector<double> total(group_count, 0.0);
  std::vector<double> count(group_count, 0.0);
  for (std::size_t k = 0; k < groups.size(); ++k) {
    total[groups[k]] += sizes[k];
    count[groups[k]] += 1;
  }
  std::vector<double> shift(group_count, 0.0);
  for (std::size_t g = 0; g < group_count; ++g) {
    if (count[g] > 0) shift[g] = rng.uniform(year, stream, g);
  }
  // A group whose choosers all have size 0 (firms without positions) is stratified by count, as
  // stratified_uniforms does: by mass it would divide 0 by 0.
  std::vector<double> before(group_count, 0.0);
  std::vector<double> u(groups.size());
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const auto g = groups[k];
    const bool by_mass = total[g] > 0;
    const double size = by_mass ? sizes[k] : 1.0;
    u[k] = std::min((before[g] + shift[g] * size) / (by_mass ? total[g] : count[g]),
                    std::nextafter(1.0, 0.0));
    before[g] += size;
  }
  return u;
}

}  // namespace relocsim::choice
