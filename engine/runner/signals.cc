// StopOnSignals: SIGINT and SIGTERM turned into a request to stop at the next year boundary. The
// handler only stores the signal's number in a lock-free atomic; the runner reads it between
// years, never inside the processes' loops.
#include <csignal>

#include "relocsim/run.h"

namespace relocsim {

namespace {

static_assert(std::atomic<int>::is_always_lock_free,
              "the stop flag is written by a signal handler");

// A signal handler can reach nothing but globals: this one is written by the handler and reset by
// StopOnSignals, and read by the runner through StopOnSignals::flag().
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
std::atomic<int> g_stop_signal{0};

void on_stop_signal(int signal) { g_stop_signal.store(signal, std::memory_order_relaxed); }

constexpr int kStopSignals[] = {SIGINT, SIGTERM};

}  // namespace

struct StopOnSignals::Saved {
  struct sigaction previous[std::size(kStopSignals)];
};

StopOnSignals::StopOnSignals() : saved_(std::make_unique<Saved>()) {
  g_stop_signal.store(0);
  struct sigaction action {};
  action.sa_handler = &on_stop_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the first signal asks for a stop, a second one ends the process at once.
  // SA_RESTART: file writes under way are not cut short by EINTR.
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  for (std::size_t k = 0; k < std::size(kStopSignals); ++k) {
    sigaction(kStopSignals[k], &action, &saved_->previous[k]);
  }
}

StopOnSignals::~StopOnSignals() {
  for (std::size_t k = 0; k < std::size(kStopSignals); ++k) {
    sigaction(kStopSignals[k], &saved_->previous[k], nullptr);
  }
}

const std::atomic<int>* StopOnSignals::flag() const { return &g_stop_signal; }

}  // namespace relocsim
