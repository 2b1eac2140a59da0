// Sobol first- and total-order indices from a Saltelli design, as SALib computes them: the output
// is standardised, then for factor j
//   S1_j = mean(f(B) (f(AB_j) - f(A))) / V         (Saltelli et al. 2010)
//   ST_j = mean((f(A) - f(AB_j))^2) / (2 V)         (Jansen 1999)
// with V the variance of f over the A and B rows together, and confidence half-widths
// z * sd of each estimate over bootstrap resamples of the N blocks.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/sweep/draws.h"
#include "engine/sweep/stats.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

// The outputs of a Saltelli design split into A, B (n values) and AB (n x k, row-major).
struct SaltelliOutputs {
  std::size_t n = 0;
  std::size_t k = 0;
  std::vector<double> a, b, ab;
};

// Both estimators over the blocks `index(0) ... index(n-1)` (with repeats for a bootstrap).
template <typename Index>
void estimate(const SaltelliOutputs& o, Index index, std::span<double> s1, std::span<double> st) {
  double sum = 0.0;
  for (std::size_t m = 0; m < o.n; ++m) sum += o.a[index(m)] + o.b[index(m)];
  const double centre = sum / static_cast<double>(2 * o.n);
  double squares = 0.0;
  for (std::size_t m = 0; m < o.n; ++m) {
    const std::size_t i = index(m);
    squares += (o.a[i] - centre) * (o.a[i] - centre) + (o.b[i] - centre) * (o.b[i] - centre);
  }
  const double variance = squares / static_cast<double>(2 * o.n);
  for (std::size_t j = 0; j < o.k; ++j) {
    double first = 0.0;
    double total = 0.0;
    for (std::size_t m = 0; m < o.n; ++m) {
      const std::size_t i = index(m);
      const double ab = o.ab[i * o.k + j];
      first += o.b[i] * (ab - o.a[i]);
      total += (o.a[i] - ab) * (o.a[i] - ab);
    }
    s1[j] = first / static_cast<double>(o.n) / variance;
    st[j] = 0.5 * total / static_cast<double>(o.n) / variance;
  }
}

}  // namespace

SobolIndices sobol_indices(std::span<const double> y, std::size_t factor_count,
                           const AnalysisOptions& options) {
  const std::size_t k = factor_count;
  const std::size_t block = k + 2;
  if (k == 0 || y.empty() || y.size() % block != 0) {
    throw std::invalid_argument("sobol: outputs are not a whole number of Saltelli blocks");
  }
  SobolIndices out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  out.s1.assign(k, nan);
  out.s1_conf.assign(k, nan);
  out.st.assign(k, nan);
  out.st_conf.assign(k, nan);

  // Standardising, as SALib does, changes nothing in exact arithmetic but keeps the products of
  // the S1 estimator from cancelling badly when the output sits far from zero.
  const double centre = mean(y);
  const double scale = standard_deviation(y, 0);
  if (!(scale > 0.0) || !std::isfinite(scale)) return out;

  SaltelliOutputs o;
  o.n = y.size() / block;
  o.k = k;
  o.a.resize(o.n);
  o.b.resize(o.n);
  o.ab.resize(o.n * k);
  for (std::size_t i = 0; i < o.n; ++i) {
    const double* row = y.data() + i * block;
    o.a[i] = (row[0] - centre) / scale;
    o.b[i] = (row[k + 1] - centre) / scale;
    for (std::size_t j = 0; j < k; ++j) o.ab[i * k + j] = (row[1 + j] - centre) / scale;
  }
  estimate(
      o, [](std::size_t m) { return m; }, out.s1, out.st);

  const Draws draws(options.seed);
  const double z = two_sided_z(options.confidence);
  std::vector<double> s1_samples(k * options.resamples);
  std::vector<double> st_samples(k * options.resamples);
  std::vector<double> s1(k), st(k);
  std::vector<std::size_t> picks(o.n);
  for (std::size_t r = 0; r < options.resamples; ++r) {
    for (std::size_t m = 0; m < o.n; ++m) {
      picks[m] = draws.below(o.n, Purpose::kBootstrap, static_cast<std::uint32_t>(r), m);
    }
    estimate(
        o, [&picks](std::size_t m) { return picks[m]; }, s1, st);
    for (std::size_t j = 0; j < k; ++j) {
      s1_samples[j * options.resamples + r] = s1[j];
      st_samples[j * options.resamples + r] = st[j];
    }
  }
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t at = j * options.resamples;
    out.s1_conf[j] = z * standard_deviation({s1_samples.data() + at, options.resamples}, 1);
    out.st_conf[j] = z * standard_deviation({st_samples.data() + at, options.resamples}, 1);
  }
  return out;
}

}  // namespace relocsim::sweep
