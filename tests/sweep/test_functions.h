// Test functions of sensitivity analysis with known indices: Ishigami and Sobol's G function, and
// a scratch folder for file tests.
#pragma once

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/sweep.h"

namespace relocsim::sweep::testing {

inline constexpr double kPi = std::numbers::pi;

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3.
struct Ishigami {
  double a = 7.0;
  double b = 0.1;

  double operator()(std::span<const double> x) const {
    return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
           b * std::pow(x[2], 4) * std::sin(x[0]);
  }
  // Partial variances from the closed form.
  double v1() const {
    const double t = 1.0 + b * std::pow(kPi, 4) / 5.0;
    return 0.5 * t * t;
  }
  double v2() const { return a * a / 8.0; }
  double v13() const { return b * b * std::pow(kPi, 8) * (1.0 / 18.0 - 1.0 / 50.0); }
  double variance() const { return v1() + v2() + v13(); }
  std::vector<double> s1() const { return {v1() / variance(), v2() / variance(), 0.0}; }
  std::vector<double> st() const {
    return {(v1() + v13()) / variance(), v2() / variance(), v13() / variance()};
  }
  static std::vector<Factor> factors() {
    return {Factor::uniform("x1", -kPi, kPi), Factor::uniform("x2", -kPi, kPi),
            Factor::uniform("x3", -kPi, kPi)};
  }
};

// Sobol's G function: prod (|4 x_i - 2| + a_i) / (1 + a_i) on [0, 1]^k.
struct GFunction {
  std::vector<double> a;

  double operator()(std::span<const double> x) const {
    double g = 1.0;
    for (std::size_t i = 0; i < a.size(); ++i)
      g *= (std::abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
    return g;
  }
  double partial(std::size_t i) const { return 1.0 / (3.0 * (1.0 + a[i]) * (1.0 + a[i])); }
  double variance() const {
    double product = 1.0;
    for (std::size_t i = 0; i < a.size(); ++i) product *= 1.0 + partial(i);
    return product - 1.0;
  }
  std::vector<double> s1() const {
    std::vector<double> out;
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(partial(i) / variance());
    return out;
  }
  std::vector<double> st() const {
    std::vector<double> out;
    for (std::size_t i = 0; i < a.size(); ++i) {
      double others = 1.0;
      for (std::size_t j = 0; j < a.size(); ++j) {
        if (j != i) others *= 1.0 + partial(j);
      }
      out.push_back(partial(i) * others / variance());
    }
    return out;
  }
  std::vector<Factor> factors() const {
    std::vector<Factor> out;
    for (std::size_t i = 0; i < a.size(); ++i)
      out.push_back(Factor::uniform(std::string(1, 'g').append(std::to_string(i + 1)), 0, 1));
    return out;
  }
};

template <typename F>
std::vector<double> evaluate(const F& f, const Matrix& design) {
  std::vector<double> y(design.rows());
  for (std::size_t r = 0; r < design.rows(); ++r) y[r] = f(design.row(r));
  return y;
}

// A fresh folder under the system's temporary directory, removed at the end of the test.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("relocsim-sweep-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::filesystem::path file(const std::string& name) const { return path_ / name; }
  std::filesystem::path write(const std::string& name, std::string_view text) const {
    std::ofstream(file(name), std::ios::binary) << text;
    return file(name);
  }
  static std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::filesystem::path path_;
};

}  // namespace relocsim::sweep::testing
