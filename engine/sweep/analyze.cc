// analyze: indices of every output column by the chosen method, and the index table's CSV and
// terminal forms.
#include <fmt/core.h>

#include <algorithm>
#include <stdexcept>

#include "engine/core/csv.h"
#include "engine/sweep/designs.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

const char* analysis_method_name(AnalysisMethod method) {
  return method == AnalysisMethod::kSobol ? "sobol" : "morris";
}

std::optional<AnalysisMethod> analysis_method_from_name(std::string_view name) {
  if (name == "sobol") return AnalysisMethod::kSobol;
  if (name == "morris") return AnalysisMethod::kMorris;
  return std::nullopt;
}

std::array<const char*, 4> index_columns(AnalysisMethod method) {
  if (method == AnalysisMethod::kSobol) return {"S1", "S1_conf", "ST", "ST_conf"};
  return {"mu", "mu_star", "sigma", "mu_star_conf"};
}

std::vector<OptionProblem> analysis_problems(const AnalysisOptions& options) {
  std::vector<OptionProblem> problems;
  if (options.resamples < 2) {
    problems.push_back({"resamples", fmt::format("a bootstrap needs at least 2 resamples, found {}",
                                                 options.resamples)});
  }
  if (!(options.confidence > 0.0 && options.confidence < 1.0)) {
    problems.push_back({"confidence", fmt::format("the confidence level must lie strictly between "
                                                  "0 and 1, found {}",
                                                  options.confidence)});
  }
  return problems;
}

std::optional<RowProblem> design_structure_problem(AnalysisMethod method,
                                                   std::span<const Factor> factors,
                                                   const Matrix& design) {
  return method == AnalysisMethod::kSobol ? saltelli_structure_problem(factors, design)
                                          : morris_structure_problem(factors, design);
}

IndexTable analyze(AnalysisMethod method, std::span<const Factor> factors, const Matrix& design,
                   const Matrix& outputs, std::span<const std::string> output_names,
                   const AnalysisOptions& options) {
  if (const auto problems = analysis_problems(options); !problems.empty()) {
    throw std::invalid_argument(problems.front().option + ": " + problems.front().message);
  }
  if (design.cols() != factors.size()) {
    throw std::invalid_argument(fmt::format("analyze: the design has {} columns for {} factors",
                                            design.cols(), factors.size()));
  }
  if (outputs.rows() != design.rows() || output_names.size() != outputs.cols()) {
    throw std::invalid_argument(
        fmt::format("analyze: {} output rows ({} names, {} columns) for {} design rows",
                    outputs.rows(), output_names.size(), outputs.cols(), design.rows()));
  }
  if (auto problem = design_structure_problem(method, factors, design)) {
    throw std::invalid_argument(
        fmt::format("analyze: design row {}: {}", problem->row + 1, problem->message));
  }
  IndexTable table;
  table.method = method;
  for (std::size_t c = 0; c < outputs.cols(); ++c) {
    const std::vector<double> y = outputs.column(c);
    if (method == AnalysisMethod::kSobol) {
      const SobolIndices s = sobol_indices(y, factors.size(), options);
      for (std::size_t j = 0; j < factors.size(); ++j) {
        table.rows.push_back(IndexRow{
            output_names[c], factors[j].name, {s.s1[j], s.s1_conf[j], s.st[j], s.st_conf[j]}});
      }
    } else {
      const MorrisIndices m = morris_indices(factors, design, y, options);
      for (std::size_t j = 0; j < factors.size(); ++j) {
        table.rows.push_back(IndexRow{output_names[c],
                                      factors[j].name,
                                      {m.mu[j], m.mu_star[j], m.sigma[j], m.mu_star_conf[j]}});
      }
    }
  }
  return table;
}

std::string index_table_csv(const IndexTable& table) {
  std::string out = "output,factor";
  for (const char* column : index_columns(table.method)) out += fmt::format(",{}", column);
  out += '\n';
  for (const IndexRow& row : table.rows) {
    out += csv_escape(row.output) + ',' + csv_escape(row.factor);
    for (double v : row.values) out += fmt::format(",{}", v);
    out += '\n';
  }
  return out;
}

std::string index_table_text(const IndexTable& table) {
  std::size_t output_width = 6;
  std::size_t factor_width = 6;
  for (const IndexRow& row : table.rows) {
    output_width = std::max(output_width, row.output.size());
    factor_width = std::max(factor_width, row.factor.size());
  }
  std::string out = fmt::format("{:<{}}  {:<{}}", "output", output_width, "factor", factor_width);
  for (const char* column : index_columns(table.method)) out += fmt::format("  {:>12}", column);
  out += '\n';
  for (const IndexRow& row : table.rows) {
    out += fmt::format("{:<{}}  {:<{}}", row.output, output_width, row.factor, factor_width);
    for (double v : row.values) out += fmt::format("  {:>12.4g}", v);
    out += '\n';
  }
  return out;
}

}  // namespace relocsim::sweep
