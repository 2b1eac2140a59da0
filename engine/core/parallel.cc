#include "engine/core/parallel.h"

#include <omp.h>

#include <algorithm>

namespace relocsim {

void for_chunks(std::size_t n, int threads,
                FunctionRef<void(std::size_t chunk, std::size_t begin, std::size_t end)> fn) {
  const auto chunks = static_cast<long long>(chunk_count(n));
  const int t = std::max(1, std::min<int>(threads, static_cast<int>(std::max(1LL, chunks))));
#pragma omp parallel for num_threads(t) schedule(dynamic, 1)
  for (long long c = 0; c < chunks; ++c) {
    const std::size_t begin = static_cast<std::size_t>(c) * kChunk;
    fn(static_cast<std::size_t>(c), begin, std::min(n, begin + kChunk));
  }
}

void for_each_index(std::size_t n, int threads, FunctionRef<void(std::size_t i)> fn) {
  const auto count = static_cast<long long>(n);
  const int t = std::max(1, std::min<int>(threads, static_cast<int>(std::max(1LL, count))));
#pragma omp parallel for num_threads(t) schedule(dynamic, 1)
  for (long long i = 0; i < count; ++i) fn(static_cast<std::size_t>(i));
}

}  // namespace relocsim
