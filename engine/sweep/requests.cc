// run_sample and run_analyze: the two commands as library calls, so that they are tested without
// the command line. Problems with options are placed on their flags ("--n: ...").
#include <fmt/core.h>

#include "engine/core/atomic_file.h"
#include "engine/sweep/files.h"
#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

void throw_option_problems(const std::vector<OptionProblem>& problems) {
  if (problems.empty()) return;
  std::vector<Diagnostic> diagnostics;
  diagnostics.reserve(problems.size());
  for (const OptionProblem& p : problems) {
    diagnostics.push_back(Diagnostic{Place{"--" + p.option, 0, 0}, p.message});
  }
  throw InputError(std::move(diagnostics));
}

}  // namespace

Matrix run_sample(const SampleRequest& request) {
  const std::vector<Factor> factors = load_factors(request.factors_file);
  throw_option_problems(design_problems(factors, request.design));
  Matrix design = make_design(factors, request.design);
  write_file_atomically(request.out, design_csv(factors, design));
  return design;
}

IndexTable run_analyze(const AnalyzeRequest& request) {
  throw_option_problems(analysis_problems(request.options));
  const std::vector<Factor> factors = load_factors(request.factors_file);
  const DesignFile design = read_design_file(request.design_file, factors);
  const OutputsFile outputs = read_outputs_file(request.outputs_file);
  if (outputs.table.values.rows() != design.design.rows()) {
    throw InputError(Place{outputs.file, 0, 0},
                     fmt::format("{} rows of outputs, but the design {} has {} rows: one output "
                                 "row is needed per design row, in order",
                                 outputs.table.values.rows(), design.file, design.design.rows()));
  }
  if (auto problem = design_structure_problem(request.method, factors, design.design)) {
    throw InputError(design.place(problem->row), problem->message);
  }
  IndexTable table = analyze(request.method, factors, design.design, outputs.table.values,
                             outputs.table.names, request.options);
  write_file_atomically(request.out, index_table_csv(table));
  return table;
}

}  // namespace relocsim::sweep
