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
// them are `relocsim sample` and `relocsim analyze`; the last section plans and runs a sweep of
// a model over a design (`relocsim sweep`, which passes a function that runs a scenario). See
// docs/sweeps.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "relocsim/errors.h"

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

// ---- Sweeps: relocsim sweep --------------------------------------------------------------------
// A sweep file names a base scenario, factors that are scenario values, a design, replicate seeds
// and the outputs to collect (docs/sweeps.md). A SweepPlan numbers the runs; a SweepJournal in the
// output folder keeps each finished run, so that an interrupted sweep resumes; run_pool runs them
// on threads. The model is the caller's: a function from a PlannedRun to a RunRecord.
//
//   SweepSpec spec = load_sweep("scenarios/sweeps/example.yaml");
//   SweepPlan plan(spec, base_seed);
//   SweepJournal journal(spec.out, plan, plan.key(scenario_sha256));
//   run_pool(journal.missing(), 2, [&](std::size_t id) { return run_model(plan.run(id)); },
//            [&](RunRecord r) { journal.add(r); });
//   journal.write_results();  // runs.csv, indices.csv

// A factor of a sweep: the values of `factor` are written to the scenario at `path`.
struct SweepFactor {
  Factor factor;
  std::string path;  // as `relocsim run --set` takes it: behaviour.household.b_time, levers[x].y
  Place place;       // of the path in the sweep file
};

// A value set in every run, "path=value".
struct SweepSetting {
  std::string assignment;
  Place place;
};

// An output collected from every run: a metrics.csv value, or a summary.json field.
struct SweepOutput {
  std::string name;  // its column in runs.csv
  int year = 0;
  std::string zone;  // zone, group or "region"
  std::string metric;
  std::string summary;  // when not empty: a field of summary.json, keys joined by dots
  Place place;
  bool is_summary() const { return !summary.empty(); }
};

struct SweepSpec {
  std::string file;                // the sweep file, as given
  std::filesystem::path scenario;  // the base scenario, resolved against the sweep file's folder
  Place scenario_place;
  std::vector<SweepSetting> set;  // applied to every run, before the factors
  std::vector<SweepFactor> factors;
  DesignOptions design;
  Place design_place;
  std::size_t replicates = 1;  // seeds per design point
  std::vector<SweepOutput> outputs;
  std::filesystem::path out;  // the output folder, relative to the working folder
  bool keep_runs = false;     // keep every run's output folder in out/runs/<id>
  AnalysisOptions analysis;

  std::vector<Factor> factor_list() const;
  // Sobol for a saltelli design, Morris for a morris design, none for the others.
  std::optional<AnalysisMethod> analysis_method() const;
};

// Problems with the outputs' years (outside `years`, when given) and zones (not in `zones`),
// placed at the outputs in the sweep file.
std::vector<Diagnostic> output_problems(const SweepSpec& spec,
                                        std::optional<std::pair<int, int>> years,
                                        std::span<const std::string> zones);

// Reads a sweep file; every problem is an InputError placed at `file:line:column`. The output
// folder defaults to results/sweeps/<file stem>.
SweepSpec load_sweep(const std::filesystem::path& path);
SweepSpec parse_sweep(std::string_view yaml, const std::string& file);

// The metrics of one run: (year, zone or group or "region", metric) -> value, as in metrics.csv.
using MetricValues = std::map<std::tuple<int, std::string, std::string>, double>;

// Run `id` is replicate `replicate` of design point `point`: id = point * replicates + replicate.
struct PlannedRun {
  std::size_t id = 0;
  std::size_t point = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
  // The scenario overrides of the run: the `set` entries, the factors' values, scenario.seed.
  std::vector<std::string> overrides;
};

// A finished run: one row of runs.csv.
struct RunRecord {
  std::size_t id = 0;
  std::vector<double> outputs;  // in the order of SweepSpec::outputs; NaN when the run failed
  std::string status = "ok";    // "ok", or "failed: " and why
  double seconds = 0;           // wall time of the run (the one column that differs between sweeps)
  bool ok() const { return status == "ok"; }
};

class SweepPlan {
 public:
  // `base_seed` is the base scenario's seed (after `set`): replicate r of every point runs with
  // seed base_seed + r, so that the points of a replicate share their random numbers. Requires a
  // spec whose design has no problems (load_sweep checks).
  SweepPlan(SweepSpec spec, std::uint64_t base_seed);

  const SweepSpec& spec() const { return spec_; }
  const Matrix& design() const { return design_; }
  std::size_t runs() const { return design_.rows() * spec_.replicates; }
  PlannedRun run(std::size_t id) const;

  // What a resumed sweep must share with the one that started the folder: the scenario's hash,
  // the settings, factors, design, seeds and outputs, one per line.
  std::string key(std::string_view scenario_sha256) const;

  // runs.csv: run,point,replicate,seed, the factors, the outputs, status,seconds. Numbers are in
  // the shortest form that reads back to the same double; an empty cell is a missing value.
  std::string csv_header() const;
  std::string csv_row(const RunRecord& record) const;  // ends with a newline
  // Reads a row written by csv_row; InputError at `place` when it is not a row of this plan.
  RunRecord parse_row(std::string_view row, const Place& place) const;

  // The outputs of one finished run. A value the run does not have is an InputError at the
  // output's place in the sweep file, naming the nearest names it does have.
  std::vector<double> collect_outputs(const MetricValues& metrics,
                                      std::string_view summary_json) const;

  // Indices of every output over the means of each design point's replicates (nullopt when the
  // design is not saltelli or morris). `records` holds every run, in id order. An output of which
  // any run failed has NaN indices.
  std::optional<IndexTable> indices(std::span<const RunRecord> records) const;

 private:
  SweepSpec spec_;
  std::uint64_t base_seed_ = 0;
  Matrix design_;
};

// The output folder of a sweep: `sweep.key`, `journal/<id>.csv` with one finished run each
// (written atomically, so that a sweep killed at any moment keeps every run it finished), and at
// the end runs.csv and indices.csv.
class SweepJournal {
 public:
  // Creates the folder, or checks that the sweep it holds has this key (InputError if not, or if
  // the folder holds other files) and reads its finished runs. Holds a lock on the folder (a
  // flock on sweep.lock, released however the process ends): a second sweep into the same folder
  // is refused while this one runs.
  SweepJournal(std::filesystem::path dir, const SweepPlan& plan, std::string_view key);
  ~SweepJournal();
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::size_t finished_count() const { return finished_.size(); }
  // Finished runs whose status is not "ok".
  std::size_t failed_count() const;
  // The runs not finished yet, in id order, with the failed ones when `failed_too`.
  std::vector<std::size_t> missing(bool failed_too = false) const;
  // Journal files that could not be read back (their runs are run again), one message each.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Records a finished run durably before returning.
  void add(const RunRecord& record);
  // Writes runs.csv and, for saltelli and morris designs, indices.csv (returned). Requires every
  // run finished.
  std::optional<IndexTable> write_results() const;

 private:
  void open_locked(std::string_view key);

  std::filesystem::path dir_;
  const SweepPlan* plan_;
  std::map<std::size_t, RunRecord> finished_;
  std::vector<std::string> warnings_;
  int lock_fd_ = -1;
};

// Runs execute(id) for every id on `jobs` threads, starting them in the order given. `done` is
// called with each finished run and `idle` at least every `poll_ms` while waiting, both on the
// calling thread only (so that they may write files or call MPI). When execute or done throws, no
// more runs start; the runs in progress finish, and the first exception is rethrown.
void run_pool(std::span<const std::size_t> ids, int jobs,
              const std::function<RunRecord(std::size_t)>& execute,
              const std::function<void(RunRecord)>& done, const std::function<void()>& idle = {},
              int poll_ms = 50);

}  // namespace relocsim::sweep
