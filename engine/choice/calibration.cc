#include "engine/choice/calibration.h"

#include <algorithm>
#include <cmath>

namespace relocsim::choice {

CalibrationReport calibrate_constants(
    std::vector<double>& asc, const std::vector<double>& target,
    const std::function<void(const std::vector<double>& asc, std::vector<double>& out)>& predict,
    int iterations, double tolerance) {
  CalibrationReport report;
  // Alternatives that hold nothing in the base year get a small target (a thousandth of an
  // average one), so their constants fall far enough that they draw almost no one.
  double positive = 0;
  int count = 0;
  for (double t : target) {
    if (t > 0) {
      positive += t;
      ++count;
    }
  }
  if (count == 0) return report;
  std::vector<double> goal = target;
  for (double& t : goal) {
    if (t <= 0) t = 1e-3 * positive / count;
  }
  std::vector<double> predicted(asc.size(), 0.0);
  for (int it = 0; it < iterations; ++it) {
    predict(asc, predicted);
    double worst = 0;
    for (std::size_t j = 0; j < asc.size(); ++j) {
      if (predicted[j] <= 0) continue;
      const double step = std::log(goal[j] / predicted[j]);
      worst = std::max(worst, std::fabs(step));
      asc[j] += step;
    }
    report.iterations = it + 1;
    report.max_log_error = worst;
    if (worst < tolerance) break;
  }
  // Constants are defined up to a common shift: anchor them at mean zero.
  double mean = 0;
  for (double a : asc) mean += a;
  mean /= static_cast<double>(asc.size());
  for (auto& a : asc) a -= mean;
  return report;
}

}  // namespace relocsim::choice
