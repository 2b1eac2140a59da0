#include "apps/relocsim/progress.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

namespace relocsim::app {

Progress::Progress(bool quiet, bool profile)
    : profile_(profile),
      enabled_(!quiet && ::isatty(STDERR_FILENO) != 0),
      started_(std::chrono::steady_clock::now()) {}

void Progress::on_process(int /*year*/, std::string_view process, double seconds) {
  if (!profile_) return;
  for (auto& [name, total] : process_seconds_) {
    if (name == process) {
      total += seconds;
      return;
    }
  }
  process_seconds_.emplace_back(std::string(process), seconds);
}

void Progress::on_start(int start_year, int end_year, std::uint64_t residents) {
  start_year_ = start_year;
  end_year_ = end_year;
  const auto now = std::chrono::steady_clock::now();
  setup_seconds_ = std::chrono::duration<double>(now - started_).count();
  started_ = now;
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
  if (!profile_) return;
  double total = setup_seconds_;
  for (const auto& [name, seconds] : process_seconds_) total += seconds;
  fmt::print(stderr, "{:<24} {:>9} {:>7}\n", "stage", "seconds", "share");
  fmt::print(stderr, "{:<24} {:>9.3f} {:>6.1f}%\n", "setup (world, calibration)", setup_seconds_,
             100 * setup_seconds_ / total);
  for (const auto& [name, seconds] : process_seconds_) {
    fmt::print(stderr, "{:<24} {:>9.3f} {:>6.1f}%\n", name, seconds, 100 * seconds / total);
  }
}

}  // namespace relocsim::app
