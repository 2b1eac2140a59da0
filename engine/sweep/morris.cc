// Morris's elementary effects (Morris 1991; Campolongo, Cariboni and Saltelli 2007 for mu_star):
// r trajectories of k+1 rows on a p-level grid, each row moving one factor by delta = p/(2(p-1)),
// as SALib's sampler, and per factor the mean mu, mean absolute value mu_star and standard
// deviation sigma of its effects, with a bootstrap interval for mu_star.
#include <fmt/core.h>

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/sweep/designs.h"
#include "engine/sweep/draws.h"
#include "engine/sweep/stats.h"

namespace relocsim::sweep {

Matrix morris_unit_design(std::size_t k, std::size_t r, int p, std::uint64_t seed) {
  const Draws draws(seed);
  const double step = 1.0 / static_cast<double>(p - 1);
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  const auto lower_half = static_cast<std::size_t>(p / 2);
  Matrix unit(r * (k + 1), k);
  std::vector<double> x(k);
  std::vector<int> direction(k);
  std::vector<std::size_t> order(k);
  for (std::size_t t = 0; t < r; ++t) {
    // Base point x* on the lower half of the grid, so that x* + delta stays on it; a factor going
    // down starts at x* + delta.
    for (std::size_t j = 0; j < k; ++j) {
      const auto column = static_cast<std::uint32_t>(j);
      const double start =
          static_cast<double>(draws.below(lower_half, Purpose::kMorrisStart, column, t)) * step;
      direction[j] = (draws.bits(Purpose::kMorrisDirection, column, t) & 1u) ? 1 : -1;
      x[j] = direction[j] > 0 ? start : start + delta;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i-- > 1;) {
      std::swap(order[i],
                order[draws.below(i + 1, Purpose::kMorrisOrder, static_cast<std::uint32_t>(i), t)]);
    }
    const std::size_t base = t * (k + 1);
    for (std::size_t j = 0; j < k; ++j) unit(base, j) = x[j];
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t j = order[s];
      x[j] = direction[j] > 0 ? x[j] + delta : x[j] - delta;
      for (std::size_t c = 0; c < k; ++c) unit(base + s + 1, c) = x[c];
    }
  }
  return unit;
}

std::optional<RowProblem> morris_structure_problem(std::span<const Factor> factors,
                                                   const Matrix& design) {
  const std::size_t k = factors.size();
  const std::size_t length = k + 1;
  if (design.rows() == 0) return RowProblem{0, "the design has no rows"};
  if (design.rows() % length != 0) {
    return RowProblem{design.rows(),
                      fmt::format("{} design rows are not a whole number of Morris trajectories "
                                  "of k+1 = {} rows",
                                  design.rows(), length)};
  }
  std::vector<bool> moved(k);
  for (std::size_t base = 0; base < design.rows(); base += length) {
    std::fill(moved.begin(), moved.end(), false);
    for (std::size_t s = 1; s < length; ++s) {
      const auto before = design.row(base + s - 1);
      const auto after = design.row(base + s);
      std::vector<std::size_t> changed;
      for (std::size_t c = 0; c < k; ++c) {
        if (before[c] != after[c]) changed.push_back(c);
      }
      if (changed.size() != 1) {
        std::string names;
        for (std::size_t c : changed) {
          if (!names.empty()) names += ", ";
          names += factors[c].name;
        }
        return RowProblem{
            base + s,
            fmt::format("not a Morris design: this row changes {} from the row before{}; each "
                        "row after the first of a trajectory of k+1 = {} rows changes one factor",
                        changed.empty() ? "no factor" : fmt::format("{} factors", changed.size()),
                        names.empty() ? "" : " (" + names + ")", length)};
      }
      const std::size_t j = changed.front();
      if (moved[j]) {
        return RowProblem{base + s,
                          fmt::format("not a Morris design: factor '{}' changes a second time in "
                                      "one trajectory; each factor changes once",
                                      factors[j].name)};
      }
      moved[j] = true;
      if (factors[j].to_unit(before[j]) == factors[j].to_unit(after[j])) {
        return RowProblem{base + s,
                          fmt::format("factor '{}' moves from {} to {}, too little to measure an "
                                      "effect",
                                      factors[j].name, before[j], after[j])};
      }
    }
  }
  return std::nullopt;
}

MorrisIndices morris_indices(std::span<const Factor> factors, const Matrix& design,
                             std::span<const double> y, const AnalysisOptions& options) {
  const std::size_t k = factors.size();
  if (design.cols() != k) throw std::invalid_argument("morris: design columns differ from factors");
  if (y.size() != design.rows()) throw std::invalid_argument("morris: outputs differ from design");
  if (auto problem = morris_structure_problem(factors, design)) {
    throw std::invalid_argument(fmt::format("row {}: {}", problem->row + 1, problem->message));
  }
  const std::size_t r = design.rows() / (k + 1);
  // effects[j * r + t]: the effect of factor j in trajectory t, per unit of cumulative probability.
  std::vector<double> effects(k * r);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t s = 1; s <= k; ++s) {
      const std::size_t row = t * (k + 1) + s;
      const auto before = design.row(row - 1);
      const auto after = design.row(row);
      std::size_t j = 0;
      while (before[j] == after[j]) ++j;
      const double du = factors[j].to_unit(after[j]) - factors[j].to_unit(before[j]);
      effects[j * r + t] = (y[row] - y[row - 1]) / du;
    }
  }

  const Draws draws(options.seed);
  const double z = two_sided_z(options.confidence);
  MorrisIndices out;
  std::vector<double> absolute(r);
  std::vector<std::vector<double>> resampled(k, std::vector<double>(options.resamples));
  for (std::size_t b = 0; b < options.resamples; ++b) {
    std::vector<double> sums(k, 0.0);
    for (std::size_t m = 0; m < r; ++m) {
      const std::size_t t = draws.below(r, Purpose::kBootstrap, static_cast<std::uint32_t>(b), m);
      for (std::size_t j = 0; j < k; ++j) sums[j] += std::abs(effects[j * r + t]);
    }
    for (std::size_t j = 0; j < k; ++j) resampled[j][b] = sums[j] / static_cast<double>(r);
  }
  for (std::size_t j = 0; j < k; ++j) {
    const std::span<const double> e(effects.data() + j * r, r);
    for (std::size_t t = 0; t < r; ++t) absolute[t] = std::abs(e[t]);
    out.mu.push_back(mean(e));
    out.mu_star.push_back(mean(absolute));
    out.sigma.push_back(standard_deviation(e, 1));
    out.mu_star_conf.push_back(z * standard_deviation(resampled[j], 1));
  }
  return out;
}

}  // namespace relocsim::sweep
