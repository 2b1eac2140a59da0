// relocsim sweep SWEEP.yaml [--out DIR] [--jobs N] [--threads-per-run N] [--quiet]: runs a
// scenario over a design of factors with replicate seeds, on local threads or over the ranks of
// `mpirun`; resumable; writes runs.csv and indices.csv. See docs/sweeps.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "apps/relocsim/sweep_runner.h"
#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::app {

std::string command_line_text();

namespace {

struct SweepArgs {
  std::string file;
  std::string out;
  int jobs = 0;
  int threads_per_run = 1;
  bool quiet = false;
  bool retry_failed = false;
};

// Progress on rank 0: a line per finished run, or per hundredth of a large sweep.
class SweepProgress {
 public:
  SweepProgress(std::size_t total, std::size_t finished, bool quiet)
      : total_(total),
        finished_(finished),
        quiet_(quiet),
        every_(std::max<std::size_t>(1, total / 100)) {}

  void done(const sweep::RunRecord& record) {
    ++finished_;
    ++run_now_;
    if (quiet_ || (run_now_ % every_ != 0 && finished_ != total_ && record.ok())) return;
    std::fprintf(stderr, "relocsim sweep: [%zu/%zu] run %zu %s in %.1f s\n", finished_, total_,
                 record.id, record.status.c_str(), record.seconds);
  }
  std::size_t run_now() const { return run_now_; }

 private:
  std::size_t total_;
  std::size_t finished_;
  bool quiet_;
  std::size_t every_;
  std::size_t run_now_ = 0;
};

int exit_code_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError&) {
    return 2;
  } catch (...) {
    return 1;
  }
}

// Prints an error as main() would, for the cases where the process stops before main() can.
void print_error(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relocsim: %s\n", e.what());
  }
}

int run_sweep(const SweepArgs& args) {
  const auto started = std::chrono::steady_clock::now();
  MpiSession mpi;
  const bool root = mpi.rank() == 0;

  // 1. Every process reads the sweep and checks it against the scenario before any run.
  std::optional<sweep::SweepPlan> plan;
  std::string key;
  std::exception_ptr error;
  try {
    sweep::SweepSpec spec = sweep::load_sweep(args.file);
    if (!args.out.empty()) spec.out = args.out;
    SweepBase base = load_sweep_base(spec);
    plan.emplace(std::move(spec), base.seed);
    std::vector<Diagnostic> problems = factor_value_problems(*plan);
    problems.insert(problems.end(), base.output_problems.begin(), base.output_problems.end());
    if (!problems.empty()) throw InputError(problems);
    key = plan->key(base.sha256);
  } catch (...) {
    error = std::current_exception();
  }
  if (const auto failed = mpi.first_failed(error != nullptr)) {
    if (*failed == mpi.rank()) std::rethrow_exception(error);
    if (root) std::fprintf(stderr, "relocsim sweep: rank %d could not read the sweep\n", *failed);
    return 2;
  }

  // 2. Rank 0 opens the output folder and shares out the runs it does not hold yet.
  std::optional<sweep::SweepJournal> journal;
  std::optional<std::vector<std::size_t>> missing;
  if (root) {
    try {
      journal.emplace(plan->spec().out, *plan, key);
      missing = journal->missing(args.retry_failed);
    } catch (...) {
      error = std::current_exception();
    }
  }
  const auto mine = mpi.share(missing);
  if (!mine) {
    if (root) std::rethrow_exception(error);
    return 2;
  }

  const sweep::SweepSpec& spec = plan->spec();
  RunSettings settings;
  settings.threads_per_run = args.threads_per_run;
  settings.command_line = command_line_text();
  if (spec.keep_runs) settings.keep_dir = spec.out / "runs";
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int jobs = args.jobs > 0  ? args.jobs
                   : mpi.active() ? 1
                                  : std::max(1, hardware / args.threads_per_run);
  auto execute = [&](std::size_t id) { return execute_run(*plan, id, settings); };

  // 3a. The other ranks run their share and send each row to rank 0.
  if (!root) {
    try {
      sweep::run_pool(*mine, jobs, execute,
                      [&](const sweep::RunRecord& r) { mpi.send_record(plan->csv_row(r)); });
    } catch (...) {
      const std::exception_ptr e = std::current_exception();
      std::string message;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        message = dynamic_cast<const InputError*>(&x) != nullptr
                      ? std::string(x.what())
                      : fmt::format("relocsim: {}", x.what());
      }
      mpi.send_error(exit_code_of(e), message);
    }
    mpi.wait_for_release();
    return 0;
  }

  // 3b. Rank 0 runs its share and records every finished run, its own and the others'.
  const std::size_t total = plan->runs();
  if (!args.quiet) {
    for (const std::string& w : journal->warnings())
      std::fprintf(stderr, "relocsim sweep: %s\n", w.c_str());
    std::fprintf(stderr,
                 "relocsim sweep: %s: %zu runs (%zu points x %zu replicate%s), %s design; output "
                 "in %s\n",
                 args.file.c_str(), total, plan->design().rows(), spec.replicates,
                 spec.replicates == 1 ? "" : "s", sweep::design_method_name(spec.design.method),
                 spec.out.string().c_str());
    if (journal->finished_count() > 0) {
      std::fprintf(stderr,
                   "relocsim sweep: resuming: %zu of %zu runs already finished; running %zu\n",
                   journal->finished_count(), total, missing->size());
    }
    if (!missing->empty()) {
      std::fprintf(stderr, "relocsim sweep: %zu runs on %d process%s x %d job%s\n", missing->size(),
                   mpi.size(), mpi.size() == 1 ? "" : "es", jobs, jobs == 1 ? "" : "s");
    }
  }
  SweepProgress progress(total, total - missing->size(), args.quiet);
  auto record = [&](const sweep::RunRecord& r) {
    journal->add(r);
    progress.done(r);
  };
  auto receive = [&] {
    mpi.receive([&](const std::string& row, int rank) {
      record(plan->parse_row(row, Place{fmt::format("row from rank {}", rank), 0, 0}));
    });
  };
  try {
    sweep::run_pool(*mine, jobs, execute, record, receive);
    while (progress.run_now() < missing->size()) {
      receive();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } catch (...) {
    if (mpi.size() > 1) {
      print_error(std::current_exception());
      mpi.abort(exit_code_of(std::current_exception()));
    }
    throw;
  }
  mpi.release_others();

  const std::optional<sweep::IndexTable> table = journal->write_results();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (table) std::fputs(sweep::index_table_text(*table).c_str(), stdout);
  const std::size_t failed = journal->failed_count();
  if (!args.quiet) {
    std::fprintf(stderr,
                 "relocsim sweep: %zu runs (%zu run now, %zu failed) in %.1f s; runs.csv%s in %s\n",
                 total, progress.run_now(), failed, seconds, table ? ", indices.csv" : "",
                 spec.out.string().c_str());
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

void setup_sweep(CLI::App& sub, std::function<int()>& action) {
  auto args = std::make_shared<SweepArgs>();
  sub.add_option("sweep", args->file, "Sweep file (YAML): scenario, factors, design, outputs")
      ->required();
  sub.add_option("--out", args->out,
                 "Output folder (default: the sweep file's `out`, else results/sweeps/<name>)");
  sub.add_option("--jobs", args->jobs,
                 "Runs at a time in each process (default: cores / threads per run; 1 under "
                 "mpirun)")
      ->check(CLI::Range(1, 4096));
  sub.add_option("--threads-per-run", args->threads_per_run, "Threads of each run")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub.add_flag("--retry-failed", args->retry_failed,
               "Run again the runs of an earlier start that failed (by default a resumed sweep "
               "keeps them)");
  sub.add_flag("--quiet", args->quiet, "No progress on the terminal");
  sub.callback([&action, args] { action = [args] { return run_sweep(*args); }; });
}

}  // namespace relocsim::app
