#include "apps/relocsim/progress.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

namespace relocsim::app {

Progress::Progress(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) != 0) {}

void Progress::on_start(int start_year, int end_year, std::uint64_t residents) {
  start_year_ = start_year;
  end_year_ = end_year;
  started_ = std::chrono::steady_clock::now();
  if (enabled_) {
    fmt::print(stderr, "\rrelocsim: base year {} built, {} resident agents", start_year, residents);
    printed_ = true;
  }
}

void Progress::on_year(int year, std::uint64_t residents, double seconds) {
  if (!enabled_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const int done = year - start_year_;
  const int left = end_year_ - year;
  const double eta = done > 0 ? elapsed / done * left : 0.0;
  fmt::print(stderr, "\r\033[Krelocsim: year {} ({}/{}), {:.2f} M agents/s, {:.0f} s left", year,
             done, end_year_ - start_year_,
             seconds > 0 ? static_cast<double>(residents) / seconds / 1e6 : 0.0, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (printed_) fmt::print(stderr, "\n");
  printed_ = false;
}

}  // namespace relocsim::app
