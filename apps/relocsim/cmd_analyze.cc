// relocsim analyze --method sobol|morris --factors FACTORS.yaml --design design.csv
// --outputs y.csv --out indices.csv [--resamples R] [--confidence C] [--seed S]: sensitivity
// indices of a model's outputs over a design written by `relocsim sample`. See docs/sweeps.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::app {

void setup_analyze(CLI::App& sub, std::function<int()>& action) {
  struct Options {
    std::string method;
    std::string factors;
    std::string design;
    std::string outputs;
    std::string out;
    sweep::AnalysisOptions analysis;
  };
  auto o = std::make_shared<Options>();
  sub.add_option("--method", o->method,
                 "sobol (S1, ST; needs a saltelli design) or morris (mu, mu_star, sigma; needs a "
                 "morris design)")
      ->required();
  sub.add_option("--factors", o->factors, "Factors file (YAML) the design was made from")
      ->required();
  sub.add_option("--design", o->design, "Design file (CSV) written by relocsim sample")->required();
  sub.add_option("--outputs", o->outputs,
                 "Model outputs (CSV): one column per output, one row per design row, in order")
      ->required();
  sub.add_option("--out", o->out, "Indices file to write (CSV)")->required();
  sub.add_option("--resamples", o->analysis.resamples,
                 "Bootstrap resamples for the confidence intervals")
      ->capture_default_str();
  sub.add_option("--confidence", o->analysis.confidence, "Level of the confidence intervals")
      ->capture_default_str();
  sub.add_option("--seed", o->analysis.seed, "Seed of the bootstrap")->capture_default_str();
  sub.callback([&action, o] {
    action = [o] {
      const auto method = sweep::analysis_method_from_name(o->method);
      if (!method) {
        throw InputError(Place{"--method", 0, 0},
                         fmt::format("unknown analysis method '{}' (sobol, morris)", o->method));
      }
      const sweep::IndexTable table = sweep::run_analyze({.method = *method,
                                                          .factors_file = o->factors,
                                                          .design_file = o->design,
                                                          .outputs_file = o->outputs,
                                                          .out = o->out,
                                                          .options = o->analysis});
      fmt::print("{}", sweep::index_table_text(table));
      fmt::print("{}: {} indices, {} rows\n", o->out, sweep::analysis_method_name(*method),
                 table.rows.size());
      return 0;
    };
  });
}

}  // namespace relocsim::app
