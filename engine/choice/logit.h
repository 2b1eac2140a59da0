// Multinomial logit choice tables. Utilities of a segment (a row: all choosers who share them) over
// alternatives (columns) become a cumulative probability row; a chooser draws an alternative with
// one uniform and a short search. Unavailable alternatives carry utility kUnavailable.
//
//   ChoiceTable t(rows, zones);
//   t.utility(row, alt) = ...;     // fill
//   t.finish();                   // utilities -> cumulative probabilities
//   int alt = t.draw(row, u);     // -1 when the row has no available alternative
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace relocsim::choice {

inline constexpr double kUnavailable = -std::numeric_limits<double>::infinity();

class ChoiceTable {
 public:
  ChoiceTable() = default;
  ChoiceTable(std::size_t rows, std::size_t alternatives)
      : rows_(rows), alts_(alternatives), values_(rows * alternatives, 0.0) {}

  std::size_t rows() const { return rows_; }
  std::size_t alternatives() const { return alts_; }
  double& utility(std::size_t row, std::size_t alt) { return values_[row * alts_ + alt]; }
  double* row_data(std::size_t row) { return &values_[row * alts_]; }

  // Turns every row's utilities into a cumulative distribution (in place).
  void finish();
  // The same for rows [begin, end) only: blocks of rows may be finished in parallel.
  void finish_rows(std::size_t begin, std::size_t end);

  // After finish(): the alternative whose cumulative interval holds u in [0, 1); -1 if none.
  int draw(std::size_t row, double u) const {
    const double* cdf = &values_[row * alts_];
    if (!(cdf[alts_ - 1] > 0)) return -1;
    // The first alternative whose cumulative probability exceeds u, or the last: the number of
    // the others' cumulative probabilities at or below u (a prefix, as the row rises). Counted
    // over the whole row rather than found by binary search: the comparisons do not wait on each
    // other, so a row out of cache costs one memory latency rather than one per halving step, and
    // there is no branch to mispredict (u is uniform). Four counters keep the additions apart.
    const std::size_t n = alts_ - 1;
    std::size_t c0 = 0;
    std::size_t c1 = 0;
    std::size_t c2 = 0;
    std::size_t c3 = 0;
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4) {
      c0 += cdf[j] <= u ? 1 : 0;
      c1 += cdf[j + 1] <= u ? 1 : 0;
      c2 += cdf[j + 2] <= u ? 1 : 0;
      c3 += cdf[j + 3] <= u ? 1 : 0;
    }
    for (; j < n; ++j) c0 += cdf[j] <= u ? 1 : 0;
    std::size_t lo = c0 + c1 + c2 + c3;
    // Skip zero-probability alternatives that share the boundary.
    while (lo > 0 && cdf[lo] == cdf[lo - 1]) --lo;
    return static_cast<int>(lo);
  }
  // Asks for a row's cache lines ahead of a draw from it. Choosers come in index order and their
  // rows at random, and a large table (the household's is megabytes) is not in cache: fetched a
  // few choosers ahead, the row is there when its draw comes.
  void prefetch_row(std::size_t row) const {
    const double* cdf = &values_[row * alts_];
    constexpr std::size_t kPerLine = 64 / sizeof(double);
    for (std::size_t a = 0; a < alts_; a += kPerLine) __builtin_prefetch(cdf + a);
    __builtin_prefetch(cdf + alts_ - 1);
  }
  double probability(std::size_t row, std::size_t alt) const {
    const double* cdf = &values_[row * alts_];
    return alt == 0 ? cdf[0] : cdf[alt] - cdf[alt - 1];
  }

 private:
  std::size_t rows_ = 0;
  std::size_t alts_ = 0;
  std::vector<double> values_;
};

// Softmax of one row of utilities into probabilities (unavailable -> 0); returns false when no
// alternative is available.
bool softmax(const double* utility, double* probability, std::size_t n);

}  // namespace relocsim::choice
