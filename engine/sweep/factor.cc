// Factor: the map between the unit interval of designs and a factor's values.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/sweep/stats.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

// Unbounded distributions are evaluated a little inside (0, 1), where their quantiles are finite.
double inside_unit(double u) { return std::clamp(u, 0x1.0p-53, 1.0 - 0x1.0p-53); }

double triangular_quantile(const Factor& f, double u) {
  const double width = f.max - f.min;
  const double split = (f.mode - f.min) / width;
  if (u <= split) return f.min + std::sqrt(u * width * (f.mode - f.min));
  return f.max - std::sqrt((1.0 - u) * width * (f.max - f.mode));
}

double triangular_cdf(const Factor& f, double x) {
  if (x <= f.min) return 0.0;
  if (x >= f.max) return 1.0;
  const double width = f.max - f.min;
  if (x <= f.mode) return (x - f.min) * (x - f.min) / (width * (f.mode - f.min));
  return 1.0 - (f.max - x) * (f.max - x) / (width * (f.max - f.mode));
}

}  // namespace

Factor Factor::uniform(std::string name, double min, double max) {
  Factor f;
  f.name = std::move(name);
  f.min = min;
  f.max = max;
  return f;
}

double Factor::from_unit(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  switch (distribution) {
    case Distribution::kUniform:
      if (u >= 1.0) return max;
      return std::clamp(min + u * (max - min), min, max);
    case Distribution::kNormal:
      return mean + sd * normal_quantile(inside_unit(u));
    case Distribution::kLognormal:
      return std::exp(mean + sd * normal_quantile(inside_unit(u)));
    case Distribution::kTriangular:
      return std::clamp(triangular_quantile(*this, u), min, max);
    case Distribution::kLevels: {
      const std::size_t count = levels.size();
      // The nudge keeps grid points such as u = 1/3 of three levels on the level they name, however
      // u was rounded.
      const auto index = static_cast<std::size_t>(u * static_cast<double>(count) + 1e-9);
      return levels[std::min(index, count - 1)];
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double Factor::to_unit(double x) const {
  switch (distribution) {
    case Distribution::kUniform:
      return (x - min) / (max - min);
    case Distribution::kNormal:
      return normal_cdf((x - mean) / sd);
    case Distribution::kLognormal:
      return x > 0.0 ? normal_cdf((std::log(x) - mean) / sd) : 0.0;
    case Distribution::kTriangular:
      return triangular_cdf(*this, x);
    case Distribution::kLevels: {
      const auto it = std::find(levels.begin(), levels.end(), x);
      if (it == levels.end()) return std::numeric_limits<double>::quiet_NaN();
      return (static_cast<double>(it - levels.begin()) + 0.5) / static_cast<double>(levels.size());
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

bool Factor::contains(double x) const {
  if (!std::isfinite(x)) return false;
  switch (distribution) {
    case Distribution::kUniform:
    case Distribution::kTriangular:
      return x >= min && x <= max;
    case Distribution::kNormal:
      return true;
    case Distribution::kLognormal:
      return x > 0.0;
    case Distribution::kLevels:
      return std::find(levels.begin(), levels.end(), x) != levels.end();
  }
  return false;
}

bool Factor::bounded() const {
  return distribution != Distribution::kNormal && distribution != Distribution::kLognormal;
}

const char* distribution_name(Distribution distribution) {
  switch (distribution) {
    case Distribution::kUniform:
      return "uniform";
    case Distribution::kNormal:
      return "normal";
    case Distribution::kLognormal:
      return "lognormal";
    case Distribution::kTriangular:
      return "triangular";
    case Distribution::kLevels:
      return "levels";
  }
  return "?";
}

std::vector<double> Matrix::column(std::size_t c) const {
  std::vector<double> out(rows_);
  for (std::size_t r = 0; r < rows_; ++r) out[r] = values_[r * cols_ + c];
  return out;
}

}  // namespace relocsim::sweep
