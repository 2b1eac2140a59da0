// make_design: checks the options, draws the design in the unit cube and maps it to factor values.
// Random, Latin hypercube and grid designs live here; Saltelli and Morris in their own files.
#include <fmt/core.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "engine/sweep/designs.h"
#include "engine/sweep/draws.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

// The Sobol tables Boost ships cover 3667 dimensions; a Saltelli design uses 2k of them.
constexpr std::size_t kMaxSaltelliFactors = 1833;

bool every_factor_lists_levels(std::span<const Factor> factors) {
  return std::all_of(factors.begin(), factors.end(),
                     [](const Factor& f) { return f.distribution == Distribution::kLevels; });
}

std::size_t grid_values(const Factor& f, std::size_t n) {
  return f.distribution == Distribution::kLevels ? f.levels.size() : n;
}

// Rows as a double, so that a huge grid is measured without overflow.
double rows_estimate(std::span<const Factor> factors, const DesignOptions& options) {
  const auto k = static_cast<double>(factors.size());
  const auto n = static_cast<double>(options.n);
  switch (options.method) {
    case DesignMethod::kRandom:
    case DesignMethod::kLhs:
      return n;
    case DesignMethod::kSaltelli:
      return n * (k + 2.0);
    case DesignMethod::kMorris:
      return n * (k + 1.0);
    case DesignMethod::kGrid: {
      double rows = 1.0;
      for (const Factor& f : factors) rows *= static_cast<double>(grid_values(f, options.n));
      return rows;
    }
  }
  return 0.0;
}

Matrix random_unit_design(std::size_t k, std::size_t n, std::uint64_t seed) {
  const Draws draws(seed);
  Matrix unit(n, k);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      unit(i, j) = draws.open_unit(Purpose::kRandomDesign, static_cast<std::uint32_t>(j), i);
    }
  }
  return unit;
}

// One point in each of the n equal strata of every factor: stratum perm_j[i] for row i, at a
// uniform position within it.
Matrix lhs_unit_design(std::size_t k, std::size_t n, std::uint64_t seed) {
  const Draws draws(seed);
  Matrix unit(n, k);
  std::vector<std::size_t> stratum(n);
  for (std::size_t j = 0; j < k; ++j) {
    const auto column = static_cast<std::uint32_t>(j);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = n; i-- > 1;) {
      std::swap(stratum[i], stratum[draws.below(i + 1, Purpose::kLhsPermutation, column, i)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double jitter = draws.open_unit(Purpose::kLhsJitter, column, i);
      unit(i, j) = std::min((static_cast<double>(stratum[i]) + jitter) / static_cast<double>(n),
                            1.0 - 0x1.0p-53);
    }
  }
  return unit;
}

// The values a grid takes for one factor: its levels; n evenly spaced values over a bounded
// support; the quantiles at (i + 1/2)/n of an unbounded distribution.
std::vector<double> grid_axis(const Factor& f, std::size_t n) {
  if (f.distribution == Distribution::kLevels) return f.levels;
  std::vector<double> axis(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!f.bounded()) {
      axis[i] = f.from_unit((static_cast<double>(i) + 0.5) / static_cast<double>(n));
    } else if (n == 1) {
      axis[i] = 0.5 * (f.min + f.max);
    } else if (i + 1 == n) {
      axis[i] = f.max;
    } else {
      axis[i] = f.min + (f.max - f.min) * static_cast<double>(i) / static_cast<double>(n - 1);
    }
  }
  return axis;
}

// Full factorial, the last factor varying fastest.
Matrix grid_design(std::span<const Factor> factors, std::size_t n) {
  const std::size_t k = factors.size();
  std::vector<std::vector<double>> axes;
  std::size_t rows = 1;
  for (const Factor& f : factors) {
    axes.push_back(grid_axis(f, n));
    rows *= axes.back().size();
  }
  Matrix design(rows, k);
  std::vector<std::size_t> at(k, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t j = 0; j < k; ++j) design(r, j) = axes[j][at[j]];
    for (std::size_t j = k; j-- > 0;) {
      if (++at[j] < axes[j].size()) break;
      at[j] = 0;
    }
  }
  return design;
}

}  // namespace

const char* design_method_name(DesignMethod method) {
  switch (method) {
    case DesignMethod::kRandom:
      return "random";
    case DesignMethod::kLhs:
      return "lhs";
    case DesignMethod::kSaltelli:
      return "saltelli";
    case DesignMethod::kMorris:
      return "morris";
    case DesignMethod::kGrid:
      return "grid";
  }
  return "?";
}

std::optional<DesignMethod> design_method_from_name(std::string_view name) {
  if (name == "sobol") return DesignMethod::kSaltelli;
  for (DesignMethod m : {DesignMethod::kRandom, DesignMethod::kLhs, DesignMethod::kSaltelli,
                         DesignMethod::kMorris, DesignMethod::kGrid}) {
    if (name == design_method_name(m)) return m;
  }
  return std::nullopt;
}

std::vector<OptionProblem> design_problems(std::span<const Factor> factors,
                                           const DesignOptions& options) {
  std::vector<OptionProblem> problems;
  if (factors.empty()) problems.push_back({"factors", "a design needs at least one factor"});
  const char* method = design_method_name(options.method);
  switch (options.method) {
    case DesignMethod::kRandom:
    case DesignMethod::kLhs:
      if (options.n < 1) problems.push_back({"n", fmt::format("{} needs n >= 1 rows", method)});
      break;
    case DesignMethod::kSaltelli:
      if (options.n < 2) {
        problems.push_back({"n", "saltelli needs n >= 2 base samples (ideally a power of 2)"});
      }
      if (factors.size() > kMaxSaltelliFactors) {
        problems.push_back({"factors", fmt::format("saltelli handles at most {} factors, found {}",
                                                   kMaxSaltelliFactors, factors.size())});
      }
      break;
    case DesignMethod::kMorris:
      if (options.n < 2) problems.push_back({"n", "morris needs n >= 2 trajectories"});
      if (options.morris_levels < 2 || options.morris_levels % 2 != 0) {
        problems.push_back(
            {"levels", fmt::format("morris needs an even number of grid levels p >= 2, found {}",
                                   options.morris_levels)});
      }
      break;
    case DesignMethod::kGrid:
      if (options.n < 1 && !every_factor_lists_levels(factors)) {
        problems.push_back(
            {"n", "grid needs n >= 1 values per factor for the factors that list no levels"});
      }
      break;
  }
  if (problems.empty()) {
    const double rows = rows_estimate(factors, options);
    if (rows > static_cast<double>(kMaxDesignRows)) {
      problems.push_back({"n", fmt::format("the {} design would have {:.4g} rows, more than the "
                                           "limit of {}",
                                           method, rows, kMaxDesignRows)});
    }
  }
  return problems;
}

std::size_t design_rows(std::span<const Factor> factors, const DesignOptions& options) {
  return static_cast<std::size_t>(rows_estimate(factors, options));
}

Matrix make_design(std::span<const Factor> factors, const DesignOptions& options) {
  const auto problems = design_problems(factors, options);
  if (!problems.empty()) {
    throw std::invalid_argument(problems.front().option + ": " + problems.front().message);
  }
  const std::size_t k = factors.size();
  Matrix unit;
  switch (options.method) {
    case DesignMethod::kGrid:
      return grid_design(factors, options.n);
    case DesignMethod::kRandom:
      unit = random_unit_design(k, options.n, options.seed);
      break;
    case DesignMethod::kLhs:
      unit = lhs_unit_design(k, options.n, options.seed);
      break;
    case DesignMethod::kSaltelli:
      unit = saltelli_unit_design(k, options.n, options.seed);
      break;
    case DesignMethod::kMorris: {
      unit = morris_unit_design(k, options.n, options.morris_levels, options.seed);
      // The grid's ends are the support's ends for a bounded factor; an unbounded one has none, so
      // its p levels sit at the centres (i + 1/2)/p of p equally likely strata instead.
      const double p = options.morris_levels;
      for (std::size_t j = 0; j < k; ++j) {
        if (factors[j].bounded()) continue;
        for (std::size_t i = 0; i < unit.rows(); ++i) {
          unit(i, j) = (unit(i, j) * (p - 1.0) + 0.5) / p;
        }
      }
      break;
    }
  }
  Matrix design(unit.rows(), k);
  for (std::size_t i = 0; i < unit.rows(); ++i) {
    for (std::size_t j = 0; j < k; ++j) design(i, j) = factors[j].from_unit(unit(i, j));
  }
  return design;
}

}  // namespace relocsim::sweep
