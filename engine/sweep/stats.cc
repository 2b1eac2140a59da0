#include "engine/sweep/stats.h"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <numbers>

namespace relocsim::sweep {

double normal_quantile(double p) { return -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * p); }

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double two_sided_z(double confidence) { return normal_quantile(0.5 + confidence / 2.0); }

double mean(std::span<const double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double standard_deviation(std::span<const double> values, int ddof) {
  if (values.size() <= static_cast<std::size_t>(ddof)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double m = mean(values);
  double sum = 0.0;
  for (double v : values) sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(values.size() - static_cast<std::size_t>(ddof)));
}

}  // namespace relocsim::sweep
