#include "engine/choice/logit.h"

#include <algorithm>
#include <cmath>

namespace relocsim::choice {

bool softmax(const double* utility, double* probability, std::size_t n) {
  double top = kUnavailable;
  for (std::size_t j = 0; j < n; ++j) top = std::max(top, utility[j]);
  if (top == kUnavailable || std::isnan(top)) {
    std::fill(probability, probability + n, 0.0);
    return false;
  }
  double sum = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double e = utility[j] == kUnavailable ? 0.0 : std::exp(utility[j] - top);
    probability[j] = e;
    sum += e;
  }
  for (std::size_t j = 0; j < n; ++j) probability[j] /= sum;
  return true;
}

void ChoiceTable::finish() { finish_rows(0, rows_); }

void ChoiceTable::finish_rows(std::size_t begin, std::size_t end) {
  std::vector<double> p(alts_);
  for (std::size_t r = begin; r < end; ++r) {
    double* row = &values_[r * alts_];
    if (!softmax(row, p.data(), alts_)) {
      std::fill(row, row + alts_, 0.0);
      continue;
    }
    double c = 0;
    for (std::size_t j = 0; j < alts_; ++j) {
      c += p[j];
      row[j] = c;
    }
    // Guard the last available boundary against rounding: u < 1 always finds an alternative.
    std::size_t last = alts_;
    while (last > 0 && p[last - 1] == 0) --last;
    for (std::size_t j = last - 1; j < alts_; ++j) row[j] = 1.0 + 1e-12;
  }
}

}  // namespace relocsim::choice
