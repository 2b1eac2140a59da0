// Parallel passes over agents in fixed-size chunks. Chunk boundaries depend only on the number of
// items, never on the thread count, so per-chunk partial results combined in chunk order give the
// same answer on 1 or 64 threads.
//
//   for_chunks(n, threads, [&](std::size_t chunk, std::size_t begin, std::size_t end) { ... });
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace relocsim {

inline constexpr std::size_t kChunk = std::size_t{1} << 16;

inline std::size_t chunk_count(std::size_t n) { return (n + kChunk - 1) / kChunk; }

// A non-owning reference to a callable, so that the parallel loop can live in a .cc file.
template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): a reference to any callable
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

// Calls fn(chunk, begin, end) for every chunk of [0, n) on up to `threads` threads.
void for_chunks(std::size_t n, int threads,
                FunctionRef<void(std::size_t chunk, std::size_t begin, std::size_t end)> fn);

// Calls fn(i) for i in [0, n) on up to `threads` threads (for coarse work items such as zones).
void for_each_index(std::size_t n, int threads, FunctionRef<void(std::size_t i)> fn);

// Collects per-chunk lists (filled in parallel) into one list in chunk order.
template <class T>
std::vector<T> concat_chunks(std::vector<std::vector<T>>& per_chunk) {
  std::size_t total = 0;
  for (const auto& v : per_chunk) total += v.size();
  std::vector<T> out;
  out.reserve(total);
  for (auto& v : per_chunk) {
    out.insert(out.end(), v.begin(), v.end());
    std::vector<T>().swap(v);
  }
  return out;
}

}  // namespace relocsim
