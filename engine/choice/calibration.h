// Base-year calibration of alternative-specific constants (DESIGN.md section 3): iterate
// ASC_j += log(target_j / predicted_j) until the choice model reproduces the base-year
// distribution, so that a run with no levers and no growth stays where it began.
#pragma once

#include <functional>
#include <vector>

namespace relocsim::choice {

struct CalibrationReport {
  int iterations = 0;
  double max_log_error = 0;
};

// `predict(asc, out)` fills out[j] with the predicted amount for alternative j under constants
// `asc`. Alternatives with target 0 are calibrated to a thousandth of an average target.
CalibrationReport calibrate_constants(
    std::vector<double>& asc, const std::vector<double>& target,
    const std::function<void(const std::vector<double>& asc, std::vector<double>& out)>& predict,
    int iterations, double tolerance);

}  // namespace relocsim::choice
