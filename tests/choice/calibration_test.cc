#include "engine/choice/calibration.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/choice/logit.h"

namespace relocsim::choice {
namespace {

TEST(Calibration, ConstantsReproduceTheTargets) {
  // Three origins choosing among three zones with distance; targets are the base distribution.
  const std::vector<double> movers = {100, 50, 250};
  const double distance[3][3] = {{0, 2, 3}, {2, 0, 1}, {3, 1, 0}};
  const std::vector<double> target = {120, 200, 80};
  std::vector<double> asc(3, 0.0);
  auto predict = [&](const std::vector<double>& a, std::vector<double>& out) {
    std::fill(out.begin(), out.end(), 0.0);
    for (int o = 0; o < 3; ++o) {
      double u[3];
      double p[3];
      for (int j = 0; j < 3; ++j) u[j] = a[j] - 0.8 * distance[o][j];
      softmax(u, p, 3);
      for (int j = 0; j < 3; ++j) out[j] += movers[o] * p[j];
    }
  };
  const auto report = calibrate_constants(asc, target, predict, 500, 1e-10);
  EXPECT_LT(report.max_log_error, 1e-9);
  std::vector<double> out(3);
  predict(asc, out);
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(out[j], target[j], 1e-6);
}

TEST(Calibration, EmptyAlternativesGetASmallShare) {
  std::vector<double> asc(3, 0.0);
  const std::vector<double> target = {50, 50, 0};
  auto predict = [&](const std::vector<double>& a, std::vector<double>& out) {
    double p[3];
    softmax(a.data(), p, 3);
    for (int j = 0; j < 3; ++j) out[j] = 100 * p[j];
  };
  calibrate_constants(asc, target, predict, 500, 1e-10);
  std::vector<double> out(3);
  predict(asc, out);
  EXPECT_NEAR(out[2], 0.05, 0.01);
}

}  // namespace
}  // namespace relocsim::choice
