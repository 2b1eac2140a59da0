// relocsim sweep: the parts of the command that need the model or MPI, neither of which
// relocsim_sweep links. cmd_sweep_model.cc checks a sweep against its scenario and runs one of its
// runs; cmd_sweep_mpi.cc spreads runs over the ranks of an `mpirun` and gathers them on rank 0.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "relocsim/sweep.h"

namespace relocsim::app {

// The base scenario of a sweep, loaded with the sweep's `set`.
struct SweepBase {
  std::uint64_t seed = 0;
  std::string sha256;
  std::vector<Diagnostic> output_problems;  // outputs' years and zones the scenario does not have
};

// Loads the base scenario with `set` (an InputError if it is refused, problems with a `set` entry
// placed at the entry in the sweep file) and checks the outputs' years and zones against it.
SweepBase load_sweep_base(const sweep::SweepSpec& spec);

// Loads the scenario with each factor at the values its design column takes (all of them when
// there are few, as with levels; else the smallest and the largest), so that a factor path or value
// the scenario refuses stops the sweep before any run. Returns the problems, placed at the factors
// in the sweep file; one per factor.
std::vector<Diagnostic> factor_value_problems(const sweep::SweepPlan& plan);

struct RunSettings {
  int threads_per_run = 1;
  std::filesystem::path keep_dir;  // when not empty: each run's output folder goes in it
  std::string command_line;
};

// Runs one run of the plan. A run that fails (its scenario refused for this combination of values,
// or the model failing) gives a record with status "failed: why"; an output the run does not have
// is an InputError (every run would miss it), which stops the sweep.
sweep::RunRecord execute_run(const sweep::SweepPlan& plan, std::size_t id,
                             const RunSettings& settings);

// The processes of an MPI job, when relocsim was built with MPI and started by mpirun (or another
// launcher that sets OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK); otherwise one process, rank 0
// of 1, and no MPI call is made. Every MPI call is made on the thread that created the session.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  bool active() const { return active_; }
  int rank() const { return rank_; }
  int size() const { return size_; }

  // Collective: the lowest rank for which `failed` is true, or nullopt.
  std::optional<int> first_failed(bool failed) const;
  // Collective: rank 0's `ids` (nullopt when rank 0 could not go on), and this rank's share of
  // them, every size()-th from its rank on.
  std::optional<std::vector<std::size_t>> share(
      const std::optional<std::vector<std::size_t>>& ids) const;

  // Another rank to rank 0: a finished run's row of runs.csv, or an error that stops the sweep.
  void send_record(const std::string& row) const;
  void send_error(int exit_code, const std::string& message) const;
  // Rank 0: takes the messages that have arrived. A row goes to `on_record`; an error is printed
  // and every process is stopped with the error's exit code.
  void receive(const std::function<void(const std::string& row, int rank)>& on_record) const;
  // Rank 0, once every run is in: lets the other ranks finish. The others wait for it without
  // spinning, so that they leave the cores to the runs still going.
  void release_others() const;
  void wait_for_release() const;
  // Stops every process of the job.
  [[noreturn]] void abort(int exit_code) const;

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace relocsim::app
