// Prepares the pages the browser test opens: copies run folders into OUT and writes their
// report.html and zones.geojson, then compares them into OUT/compare. Stands in for
// `relocsim report` and `relocsim compare` so that the browser test needs only relocsim_report.
//
//   write_reports OUT RUN_DIR [RUN_DIR...]
#include <cstdio>
#include <exception>
#include <filesystem>
#include <vector>

#include "relocsim/report.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: write_reports OUT RUN_DIR [RUN_DIR...]\n", stderr);
    return 2;
  }
  namespace fs = std::filesystem;
  try {
    const fs::path out = argv[1];
    fs::create_directories(out);
    std::vector<fs::path> runs;
    for (int i = 2; i < argc; ++i) {
      const fs::path source = argv[i];
      const fs::path target = out / fs::absolute(source).lexically_normal().filename();
      fs::remove_all(target);
      fs::copy(source, target, fs::copy_options::recursive);
      relocsim::output::write_report(target);
      relocsim::output::write_zones_geojson(target);
      runs.push_back(target);
    }
    if (runs.size() > 1) relocsim::output::write_comparison(runs, out / "compare");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_reports: %s\n", e.what());
    return 1;
  }
  return 0;
}
