// run_pool: a sweep's runs on a fixed number of threads. Workers only run the model; everything
// with side effects (journal files, progress, MPI) happens on the calling thread, through `done`
// and `idle`, so that none of it needs a lock.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "relocsim/sweep.h"

namespace relocsim::sweep {

void run_pool(std::span<const std::size_t> ids, int jobs,
              const std::function<RunRecord(std::size_t)>& execute,
              const std::function<void(RunRecord)>& done, const std::function<void()>& idle,
              int poll_ms) {
  struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t next = 0;
    bool stop = false;
    int running = 0;
    std::deque<RunRecord> finished;
    std::exception_ptr error;
  } shared;

  const int workers = std::max(1, std::min<int>(jobs, static_cast<int>(ids.size())));
  if (ids.empty()) return;
  shared.running = workers;
  auto work = [&] {
    while (true) {
      std::size_t id = 0;
      {
        std::lock_guard lock(shared.mutex);
        if (shared.stop || shared.next == ids.size()) break;
        id = ids[shared.next++];
      }
      try {
        RunRecord record = execute(id);
        std::lock_guard lock(shared.mutex);
        shared.finished.push_back(std::move(record));
      } catch (...) {
        std::lock_guard lock(shared.mutex);
        if (!shared.error) shared.error = std::current_exception();
        shared.stop = true;
      }
      shared.changed.notify_one();
    }
    std::lock_guard lock(shared.mutex);
    --shared.running;
    shared.changed.notify_one();
  };

  std::vector<std::jthread> threads;
  threads.reserve(static_cast<std::size_t>(workers));
  for (int t = 0; t < workers; ++t) threads.emplace_back(work);

  std::exception_ptr error;
  while (true) {
    std::deque<RunRecord> batch;
    bool all_stopped = false;
    {
      std::unique_lock lock(shared.mutex);
      shared.changed.wait_for(lock, std::chrono::milliseconds(poll_ms),
                              [&] { return !shared.finished.empty() || shared.running == 0; });
      batch.swap(shared.finished);
      all_stopped = shared.running == 0;
    }
    try {
      for (RunRecord& record : batch) done(std::move(record));
      if (idle) idle();
    } catch (...) {
      error = std::current_exception();
      std::lock_guard lock(shared.mutex);
      shared.stop = true;
      break;
    }
    if (all_stopped) {
      std::lock_guard lock(shared.mutex);
      if (shared.finished.empty()) break;
    }
  }
  threads.clear();  // joins; runs in progress finish
  if (error) std::rethrow_exception(error);
  if (shared.error) std::rethrow_exception(shared.error);
}

}  // namespace relocsim::sweep
