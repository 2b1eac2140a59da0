// relocsim sample --method M --factors FACTORS.yaml --n N [--seed S] [--levels P] --out design.csv:
// writes a design (the points to run a model at) for scripts that run other models. The sweep
// library does the work; see docs/sweeps.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::app {

void setup_sample(CLI::App& sub, std::function<int()>& action) {
  struct Options {
    std::string method;
    std::string factors;
    std::string out;
    std::size_t n = 0;
    std::uint64_t seed = 0;
    int levels = 4;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--method", o->method,
                 "Design: saltelli (for Sobol indices), morris, lhs, random or grid")
      ->required();
  sub.add_option("--factors", o->factors, "Factors file (YAML): factors: [{name, min, max}, ...]")
      ->required();
  sub.add_option("--n", o->n,
                 "saltelli: base samples N, N*(k+2) rows (a power of 2 is best); morris: "
                 "trajectories, N*(k+1) rows; lhs, random: rows; grid: values per factor");
  sub.add_option("--seed", o->seed, "Seed of the design's random draws")->capture_default_str();
  sub.add_option("--levels", o->levels, "morris: levels p of the grid (even)")
      ->capture_default_str();
  sub.add_option("--out", o->out, "Design file to write (CSV)")->required();
  sub.callback([&action, o] {
    action = [o] {
      const auto method = sweep::design_method_from_name(o->method);
      if (!method) {
        throw InputError(Place{"--method", 0, 0},
                         fmt::format("unknown design method '{}' (saltelli, morris, lhs, random, "
                                     "grid)",
                                     o->method));
      }
      const sweep::Matrix design = sweep::run_sample(
          {.factors_file = o->factors,
           .out = o->out,
           .design = {.method = *method, .n = o->n, .seed = o->seed, .morris_levels = o->levels}});
      fmt::print("{}: {} design, {} rows x {} factors\n", o->out,
                 sweep::design_method_name(*method), design.rows(), design.cols());
      return 0;
    };
  });
}

}  // namespace relocsim::app
