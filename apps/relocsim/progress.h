// Progress of a long run on stderr (year, agents per second, time left), shown only when stderr
// is a terminal and --quiet is not given.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "relocsim/run.h"

namespace relocsim::app {

class Progress final : public RunObserver {
 public:
  explicit Progress(bool quiet, bool profile = false);
  void on_start(int start_year, int end_year, std::uint64_t residents) override;
  void on_process(int year, std::string_view process, double seconds) override;
  void on_year(int year, std::uint64_t residents, double seconds) override;
  // Ends the progress line; with profiling, prints seconds per process to stderr.
  void finish();

 private:
  bool profile_ = false;
  std::vector<std::pair<std::string, double>> process_seconds_;
  double setup_seconds_ = 0;
  bool enabled_ = false;
  bool printed_ = false;
  int start_year_ = 0;
  int end_year_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace relocsim::app
