// Global sensitivity analysis of any model over uncertain factors, in two halves: a design (the
// points to run the model at: random, Latin hypercube, Saltelli, Morris or grid), then indices
// from the model's outputs at those points (Sobol S1/ST, Morris mu/mu_star/sigma) with bootstrap
// confidence intervals. Everything is deterministic for a given seed.
//
//   std::vector<sweep::Factor> factors = sweep::load_factors("factors.yaml");
//   sweep::Matrix design = sweep::make_design(
//       factors, {.method = sweep::DesignMethod::kSaltelli, .n = 1024, .seed = 7});
//   sweep::Matrix y(design.rows(), 1);
//   for (std::size_t r = 0; r < design.rows(); ++r) y(r, 0) = model(design.row(r));
//   sweep::IndexTable indices = sweep::analyze(sweep::AnalysisMethod::kSobol, factors, design, y,
//                                               std::vector<std::string>{"y"}, {});
//
// The in-memory functions take a design as a rows x factors matrix (columns in factor order) and
// outputs as a rows x outputs matrix (one row per design row, in order). The file functions below
// them are `relocsim sample` and `relocsim analyze`; see docs/sweeps.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relocsim::sweep {

// ---- Factors -----------------------------------------------------------------------------------

enum class Distribution { kUniform, kNormal, kLognormal, kTriangular, kLevels };

// An uncertain input of the model and how its values are spread. Designs are drawn in the unit
// interval and mapped to values by from_unit (the quantile function); to_unit maps back.
struct Factor {
  std::string name;
  Distribution distribution = Distribution::kUniform;
  double min = 0.0;  // uniform, triangular: the support
  double max = 1.0;
  double mode = 0.0;           // triangular
  double mean = 0.0;           // normal; lognormal: mean of log(x)
  double sd = 1.0;             // normal; lognormal: standard deviation of log(x)
  std::vector<double> levels;  // levels: equally likely values, as listed

  static Factor uniform(std::string name, double min, double max);

  // The value at cumulative probability u in [0, 1] (u is kept off 0 and 1 for normal and
  // lognormal). For levels: the level whose stratum [i/L, (i+1)/L) holds u.
  double from_unit(double u) const;
  // The cumulative probability of x; for levels, the centre (i + 1/2)/L of its stratum.
  double to_unit(double x) const;
  // Whether x is a value the factor can take (within the support; one of the levels).
  bool contains(double x) const;
  // Uniform, triangular and levels factors have finite support.
  bool bounded() const;
};

const char* distribution_name(Distribution distribution);

// ---- Dense matrices ----------------------------------------------------------------------------

// Row-major doubles: a design (rows x factors) or model outputs (rows x outputs).
class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols, double fill = 0.0)
      : rows_(rows), cols_(cols), values_(rows * cols, fill) {}

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  double& operator()(std::size_t r, std::size_t c) { return values_[r * cols_ + c]; }
  double operator()(std::size_t r, std::size_t c) const { return values_[r * cols_ + c]; }
  std::span<double> row(std::size_t r) { return {values_.data() + r * cols_, cols_}; }
  std::span<const double> row(std::size_t r) const { return {values_.data() + r * cols_, cols_}; }
  std::vector<double> column(std::size_t c) const;
  const std::vector<double>& values() const { return values_; }
  bool operator==(const Matrix&) const = default;

 private:
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::vector<double> values_;
};

// ---- Designs -----------------------------------------------------------------------------------

enum class DesignMethod { kRandom, kLhs, kSaltelli, kMorris, kGrid };

struct DesignOptions {
  DesignMethod method = DesignMethod::kSaltelli;
  // random, lhs: rows; saltelli: base samples N (rows N*(k+2)); morris: trajectories r (rows
  // r*(k+1)); grid: values per factor that lists no levels (rows: the product).
  std::size_t n = 0;
  std::uint64_t seed = 0;
  int morris_levels = 4;  // p, even: the grid of Morris trajectories
};

// A problem with one option, named without dashes ("n", "levels"), so that the caller can place it
// on a command-line flag or on a key of its own file.
struct OptionProblem {
  std::string option;
  std::string message;
};

// Upper bound on the rows of a design, to refuse a grid of 10^20 points before allocating it.
inline constexpr std::size_t kMaxDesignRows = 50'000'000;

// Everything wrong with `options` for these factors (empty when they are fine).
std::vector<OptionProblem> design_problems(std::span<const Factor> factors,
                                           const DesignOptions& options);
// Rows the design will have. Requires design_problems() to be empty.
std::size_t design_rows(std::span<const Factor> factors, const DesignOptions& options);
// The design, columns in factor order. Throws std::invalid_argument when design_problems() is not
// empty. Saltelli rows come in blocks of k+2: A, AB_1 ... AB_k (A with column j from B), B.
// Morris rows come in trajectories of k+1, each row changing one factor from the row before.
Matrix make_design(std::span<const Factor> factors, const DesignOptions& options);

const char* design_method_name(DesignMethod method);
// "random", "lhs", "saltelli" (or its alias "sobol"), "morris", "grid".
std::optional<DesignMethod> design_method_from_name(std::string_view name);

// ---- Analysis ----------------------------------------------------------------------------------

enum class AnalysisMethod { kSobol, kMorris };

struct AnalysisOptions {
  std::size_t resamples = 100;  // bootstrap resamples for the confidence intervals, >= 2
  double confidence = 0.95;     // level of the intervals, in (0, 1)
  std::uint64_t seed = 0;       // of the bootstrap
};

std::vector<OptionProblem> analysis_problems(const AnalysisOptions& options);

// Sobol indices of one output, one entry per factor. S1 is the Saltelli (2010) first-order
// estimator, ST Jansen's total-order estimator, as in SALib; *_conf is the half-width of the
// bootstrap confidence interval (z * standard deviation over the resamples).
struct SobolIndices {
  std::vector<double> s1, s1_conf, st, st_conf;
};

// Morris elementary-effect statistics of one output, one entry per factor. Effects are per unit of
// the factor's cumulative probability (for a uniform factor: per its whole range max - min).
struct MorrisIndices {
  std::vector<double> mu, mu_star, sigma, mu_star_conf;
};

// `y` holds one output over a Saltelli design of `factor_count` factors (N*(k+2) values, in order).
// Throws std::invalid_argument when its length does not fit. An output without variance, or with a
// NaN, gives NaN indices.
SobolIndices sobol_indices(std::span<const double> y, std::size_t factor_count,
                           const AnalysisOptions& options);
// `y` holds one output over the Morris `design`. Throws std::invalid_argument when the design is
// not made of trajectories (see design_structure_problem) or the lengths differ.
MorrisIndices morris_indices(std::span<const Factor> factors, const Matrix& design,
                             std::span<const double> y, const AnalysisOptions& options);

// The first row of `design` that does not have the structure `method` needs (Saltelli blocks for
// sobol, trajectories for morris), with what is wrong; nullopt when the design is fine.
struct RowProblem {
  std::size_t row;  // 0-based
  std::string message;
};
std::optional<RowProblem> design_structure_problem(AnalysisMethod method,
                                                   std::span<const Factor> factors,
                                                   const Matrix& design);

// One row of indices.csv: the indices of one factor for one output, in index_columns() order.
struct IndexRow {
  std::string output;
  std::string factor;
  std::array<double, 4> values;
};
struct IndexTable {
  AnalysisMethod method = AnalysisMethod::kSobol;
  std::vector<IndexRow> rows;  // outputs in order, factors in order within each output
};

// {"S1", "S1_conf", "ST", "ST_conf"} or {"mu", "mu_star", "sigma", "mu_star_conf"}.
std::array<const char*, 4> index_columns(AnalysisMethod method);
const char* analysis_method_name(AnalysisMethod method);
std::optional<AnalysisMethod> analysis_method_from_name(std::string_view name);

// Indices of every output column. Throws std::invalid_argument when the shapes or the design's
// structure do not fit the method, or analysis_problems() is not empty.
IndexTable analyze(AnalysisMethod method, std::span<const Factor> factors, const Matrix& design,
                   const Matrix& outputs, std::span<const std::string> output_names,
                   const AnalysisOptions& options);

// ---- Files -------------------------------------------------------------------------------------
// Bad input in files is a relocsim::InputError naming `file:line:column` (YAML) or `file:line`
// (CSV).

// FACTORS.yaml: `factors: [{name, min, max}, ...]`; see docs/sweeps.md for the other distributions.
std::vector<Factor> load_factors(const std::filesystem::path& path);
std::vector<Factor> parse_factors(std::string_view yaml, const std::string& file);

// design.csv: a header of factor names, one row per point, numbers in shortest round-trip form.
std::string design_csv(std::span<const Factor> factors, const Matrix& design);
// Reads a design written for `factors`; columns may come in any order and are returned in factor
// order. Every value must be one the factor can take.
Matrix read_design(const std::filesystem::path& path, std::span<const Factor> factors);

// y.csv: a header of output names, one row of numbers per design row.
struct OutputTable {
  std::vector<std::string> names;
  Matrix values;
};
OutputTable read_outputs(const std::filesystem::path& path);

// indices.csv: `output,factor,` and the method's four index columns.
std::string index_table_csv(const IndexTable& table);
// The same, aligned for a terminal.
std::string index_table_text(const IndexTable& table);

// ---- The two commands --------------------------------------------------------------------------

// relocsim sample: reads the factors, writes the design atomically to `out`, returns it.
// Option problems are InputErrors placed on their flags ("--n: ...").
struct SampleRequest {
  std::filesystem::path factors_file;
  std::filesystem::path out;
  DesignOptions design;
};
Matrix run_sample(const SampleRequest& request);

// relocsim analyze: reads factors, design and outputs, checks that they fit together, writes
// indices.csv atomically to `out`, returns the table.
struct AnalyzeRequest {
  AnalysisMethod method = AnalysisMethod::kSobol;
  std::filesystem::path factors_file;
  std::filesystem::path design_file;
  std::filesystem::path outputs_file;
  std::filesystem::path out;
  AnalysisOptions options;
};
IndexTable run_analyze(const AnalyzeRequest& request);

}  // namespace relocsim::sweep
