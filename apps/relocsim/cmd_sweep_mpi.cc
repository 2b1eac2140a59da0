// MpiSession: a sweep over the ranks of an MPI job. Rank 0 reads the journal, shares out the runs
// still missing (every size()-th to each rank), runs its own share and writes every finished run
// into the journal as the rows arrive; the other ranks run their shares and send each row to rank
// 0. Only rank 0 writes files (run folders of keep_runs aside), so the output folder needs to be
// visible to rank 0 alone. Waiting is done by polling with short sleeps rather than in blocking MPI
// calls, which spin in Open MPI and would take a core from the runs.
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <thread>

#include "apps/relocsim/sweep_runner.h"
#include "relocsim/errors.h"

#if RELOCSIM_WITH_MPI
#include <mpi.h>
#endif

namespace relocsim::app {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(50);

// The number of processes a launcher started, from the variables Open MPI, MPICH (Hydra) and PMIx
// launchers (mpirun, srun) set; 0 when not started by one.
int launcher_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* v = std::getenv(name)) return std::max(1, std::atoi(v));
  }
  if (std::getenv("PMIX_RANK") != nullptr) return 1;
  return 0;
}

#if RELOCSIM_WITH_MPI
enum Tag : int { kRecord = 1, kError = 2, kRelease = 3 };
#endif

}  // namespace

MpiSession::MpiSession() {
#if RELOCSIM_WITH_MPI
  if (launcher_size() == 0) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  if (provided < MPI_THREAD_FUNNELED) {
    std::fputs("relocsim sweep: the MPI library does not allow threads beside MPI\n", stderr);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  if (launcher_size() > 1) {
    throw InputError(Place{"mpirun", 0, 0},
                     "this relocsim was built without MPI, so each of the processes mpirun "
                     "started would run the whole sweep: rebuild with libopenmpi-dev installed "
                     "(RELOCSIM_MPI=ON), or use --jobs");
  }
#endif
}

MpiSession::~MpiSession() {
#if RELOCSIM_WITH_MPI
  if (active_) MPI_Finalize();
#endif
}

std::optional<int> MpiSession::first_failed(bool failed) const {
  if (!active_) return failed ? std::optional<int>(0) : std::nullopt;
#if RELOCSIM_WITH_MPI
  std::vector<int> flags(static_cast<std::size_t>(size_));
  int mine = failed ? 1 : 0;
  MPI_Allgather(&mine, 1, MPI_INT, flags.data(), 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 0; r < size_; ++r) {
    if (flags[static_cast<std::size_t>(r)] != 0) return r;
  }
#endif
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> MpiSession::share(
    const std::optional<std::vector<std::size_t>>& ids) const {
  std::vector<unsigned long long> all;
  long long count = -1;
  if (rank_ == 0 && ids) {
    all.assign(ids->begin(), ids->end());
    count = static_cast<long long>(all.size());
  }
#if RELOCSIM_WITH_MPI
  if (active_) {
    MPI_Bcast(&count, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    if (count >= 0) {
      all.resize(static_cast<std::size_t>(count));
      MPI_Bcast(all.data(), static_cast<int>(count), MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    }
  }
#endif
  if (count < 0) return std::nullopt;
  std::vector<std::size_t> mine;
  for (std::size_t j = static_cast<std::size_t>(rank_); j < all.size();
       j += static_cast<std::size_t>(size_)) {
    mine.push_back(static_cast<std::size_t>(all[j]));
  }
  return mine;
}

void MpiSession::send_record([[maybe_unused]] const std::string& row) const {
#if RELOCSIM_WITH_MPI
  MPI_Send(row.data(), static_cast<int>(row.size()), MPI_CHAR, 0, kRecord, MPI_COMM_WORLD);
#endif
}

void MpiSession::send_error([[maybe_unused]] int exit_code,
                            [[maybe_unused]] const std::string& message) const {
#if RELOCSIM_WITH_MPI
  const std::string text = fmt::format("{}\n{}", exit_code, message);
  MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kError, MPI_COMM_WORLD);
#endif
}

void MpiSession::receive(
    [[maybe_unused]] const std::function<void(const std::string&, int)>& on_record) const {
#if RELOCSIM_WITH_MPI
  if (!active_) return;
  while (true) {
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) return;
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string text(static_cast<std::size_t>(length), '\0');
    MPI_Recv(text.data(), length, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (status.MPI_TAG == kError) {
      const std::size_t newline = text.find('\n');
      const int code = std::atoi(text.substr(0, newline).c_str());
      std::fprintf(stderr, "%s\n", text.substr(newline + 1).c_str());
      std::fprintf(stderr, "relocsim sweep: stopped by the error of rank %d\n", status.MPI_SOURCE);
      abort(code);
    }
    on_record(text, status.MPI_SOURCE);
  }
#endif
}

void MpiSession::release_others() const {
#if RELOCSIM_WITH_MPI
  if (!active_) return;
  char none = 0;
  for (int r = 1; r < size_; ++r) MPI_Send(&none, 0, MPI_CHAR, r, kRelease, MPI_COMM_WORLD);
#endif
}

void MpiSession::wait_for_release() const {
#if RELOCSIM_WITH_MPI
  if (!active_) return;
  while (true) {
    int arrived = 0;
    MPI_Iprobe(0, kRelease, MPI_COMM_WORLD, &arrived, MPI_STATUS_IGNORE);
    if (arrived != 0) break;
    std::this_thread::sleep_for(kPoll);
  }
  char none = 0;
  MPI_Recv(&none, 0, MPI_CHAR, 0, kRelease, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
#endif
}

void MpiSession::abort(int exit_code) const {
  std::fflush(stderr);
  std::fflush(stdout);
#if RELOCSIM_WITH_MPI
  if (active_) MPI_Abort(MPI_COMM_WORLD, exit_code);
#endif
  std::exit(exit_code);
}

}  // namespace relocsim::app
