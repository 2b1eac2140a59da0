// Small statistics the designs and the estimators share: the standard normal quantile and
// distribution functions, and means and standard deviations of spans.
#pragma once

#include <span>

namespace relocsim::sweep {

// Standard normal quantile, p in (0, 1).
double normal_quantile(double p);
// Standard normal distribution function.
double normal_cdf(double x);
// z such that a two-sided normal interval of ±z holds `confidence` of the mass.
double two_sided_z(double confidence);

double mean(std::span<const double> values);
// Standard deviation with `ddof` degrees of freedom removed (numpy's convention); NaN when there
// are not more than `ddof` values.
double standard_deviation(std::span<const double> values, int ddof);

}  // namespace relocsim::sweep
